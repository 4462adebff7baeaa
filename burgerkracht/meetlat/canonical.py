"""The canonical Meetlat, written by residents, verbatim as in the municipality's documents
(requirements §3.12, "De meetlat"). Version 1 is loaded by a data migration; a test compares
the stored text with this word for word."""

TITLE = "De meetlat"
SUBTITLE = (
    "(Een reflectie-instrument om na te gaan of we ons werk op de afgesproken manier kunnen "
    "en mogen uitvoeren)"
)
PRINCIPLES: list[tuple[int, str, str]] = [
    (
        1,
        "De mens staat centraal",
        "We denken en handelen vanuit het perspectief van de bewoners/betrokkenen",
    ),
    (
        2,
        "We geven en vragen vertrouwen",
        "We krijgen en geven de ruimte binnen het werk om te \u2018doen wat nodig\u2019 is",
    ),
    (
        3,
        "De invloed van de praktijk en het beleid zijn gelijkwaardig",
        "Beleid en uitvoering nemen gelijkwaardig de verantwoordelijkheid voor "
        "beleidsontwikkeling en uitvoering",
    ),
    (
        4,
        "We baseren ons op feiten en onderzoek",
        "We maken gebruik van onderzoek en ervaring van anderen om tot vraagduiding te komen.",
    ),
    (
        5,
        "We werken resultaatgericht",
        "We benoemen vooraf het gewenste effect en werken toe naar concrete resultaten. "
        "We onderbouwen onze keuzen.",
    ),
    (
        6,
        "We leren en verbeteren",
        "We reflecteren op de uitkomst en op het proces en gebruiken deze input voor het vervolg.",
    ),
]
