"""Demo stories without money (SC-19): a few published, one waiting for a look. Idempotent:
a story with the same title is not told again. Through the services, like the other demos."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood
from initiatives import stories
from initiatives.story_models import Story

# (title, neighbourhood, text, publish)
STORIES = [
    ("Het Watergolfje", "Waterwijk",
     "In Waterwijk brengt het Watergolfje ouderen naar de huisarts of naar het "
     "ontmoetingscentrum. Vrijwilligers rijden, de buurt betaalt de benzine. Ook in andere "
     "wijken wordt dit nu georganiseerd, als Buurthopper.", True),
    ("Koffie op het bankje", "Stedenwijk",
     "Elke zaterdag zetten twee buren koffie op het bankje bij de speeltuin. Wie langskomt, "
     "drinkt mee. Zo leerden we de nieuwe buren kennen.", True),
    ("Boekenkast in de hal", "Filmwijk",
     "In de hal van onze flat staat een boekenkast. Neem een boek, breng een boek. De "
     "kinderen van de flat maken er elke maand een tipslijst bij.", True),
    ("De gereedschapsschuur", "Muziekwijk",
     "Wij delen boormachines, ladders en een aanhanger met de hele straat. Een lijst op de "
     "deur zegt wie wat heeft.", False),
]  # fmt: skip


def _photo() -> SimpleUploadedFile:
    """A drawn picture of a small white bus on a blue street, so the demo shows a photo."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 450), (31, 78, 121))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 340, 800, 450), fill=(90, 90, 90))
    draw.rounded_rectangle((220, 170, 600, 340), radius=24, fill=(245, 245, 245))
    for x in (250, 340, 430):
        draw.rectangle((x, 195, x + 70, 250), fill=(150, 190, 220))
    for x in (290, 530):
        draw.ellipse((x - 30, 310, x + 30, 370), fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("watergolfje.jpg", out.getvalue(), "image/jpeg")


@transaction.atomic
def seed() -> None:
    resident = User.objects.get(email="bewoner@example.org")
    facilitator = User.objects.get(email="facilitator@example.org")
    for title, neighbourhood, text, publish in STORIES:
        if Story.objects.filter(title=title).exists():
            continue
        photo = _photo() if title == "Het Watergolfje" else None
        story = stories.tell_story(
            by=resident, title=title, text=text, consent=True,
            neighbourhood=Neighbourhood.objects.get(name=neighbourhood), photo=photo,
            photo_alt="Een getekend wit busje op een blauwe straat" if photo else "",
        )  # fmt: skip
        if publish:
            stories.publish_story(story=story, by=facilitator)
