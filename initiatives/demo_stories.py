"""Demo stories without money (SC-19): a few published, one waiting for a look. Idempotent:
a story with the same title is not told again. Through the services, like the other demos."""

from __future__ import annotations

from django.db import transaction

from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood
from initiatives import stories
from initiatives.story_models import Story

# (title, wijk, text, publish)
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


@transaction.atomic
def seed() -> None:
    resident = User.objects.get(email="bewoner@example.org")
    facilitator = User.objects.get(email="facilitator@example.org")
    for title, wijk, text, publish in STORIES:
        if Story.objects.filter(title=title).exists():
            continue
        story = stories.tell_story(
            by=resident, title=title, text=text, consent=True,
            neighbourhood=Neighbourhood.objects.get(name=wijk),
        )  # fmt: skip
        if publish:
            stories.publish_story(story=story, by=facilitator)
