"""Load the canonical Meetlat as version 1 (the text is copied here: migrations are frozen)."""

from django.db import migrations
from django.utils import timezone

TITLE = "De meetlat"
SUBTITLE = (
    "(Een reflectie-instrument om na te gaan of we ons werk op de afgesproken manier kunnen "
    "en mogen uitvoeren)"
)
PRINCIPLES = [
    (1, "De mens staat centraal",
     "We denken en handelen vanuit het perspectief van de bewoners/betrokkenen"),
    (2, "We geven en vragen vertrouwen",
     "We krijgen en geven de ruimte binnen het werk om te \u2018doen wat nodig\u2019 is"),
    (3, "De invloed van de praktijk en het beleid zijn gelijkwaardig",
     "Beleid en uitvoering nemen gelijkwaardig de verantwoordelijkheid voor "
     "beleidsontwikkeling en uitvoering"),
    (4, "We baseren ons op feiten en onderzoek",
     "We maken gebruik van onderzoek en ervaring van anderen om tot vraagduiding te komen."),
    (5, "We werken resultaatgericht",
     "We benoemen vooraf het gewenste effect en werken toe naar concrete resultaten. "
     "We onderbouwen onze keuzen."),
    (6, "We leren en verbeteren",
     "We reflecteren op de uitkomst en op het proces en gebruiken deze input voor het vervolg."),
]


def load(apps, schema_editor):
    Version = apps.get_model("meetlat", "MeetlatVersion")
    Principle = apps.get_model("meetlat", "Principle")
    version, created = Version.objects.get_or_create(
        number=1,
        defaults={
            "title": TITLE,
            "subtitle": SUBTITLE,
            "note": "De meetlat zoals bewoners hem schreven.",
            "published_at": timezone.now(),
        },
    )
    if created:
        for number, heading, explanation in PRINCIPLES:
            Principle.objects.create(
                version=version, number=number, heading=heading, explanation=explanation
            )


def unload(apps, schema_editor):
    Version = apps.get_model("meetlat", "MeetlatVersion")
    apps.get_model("meetlat", "Principle").objects.filter(version__number=1).delete()
    Version.objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("meetlat", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
