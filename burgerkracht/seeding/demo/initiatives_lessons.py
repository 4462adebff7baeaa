"""Demo partners' contributions (F-S17) and lessons (F-S10): a wijkteam that delivered and a
foundation that did not (SC-08), two published lessons and one for officials only with a
handreiking (SC-07). Idempotent, through the services, like the other demos."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood, Organisation
from initiatives import lessons, partners
from initiatives.models import Initiative, Lesson

# (organisation, kind, promised, hours, delivered, note)
CONTRIBUTIONS = [
    ("Wijkteam Stedenwijk", "professional", "Een wijkcoach loopt de eerste maand mee.", None,
     "yes", "Zij liep vier keer mee en bracht twee nieuwe wandelaars."),
    ("Stichting De Schoor", "hours", "Een begeleider, twee uur per week.", 40,
     "no", "Na drie maanden nog geen besluit: de vraag ging van de directeur naar een "
           "teamleider. De groep gaat zonder door."),
]  # fmt: skip

# (title, theme, neighbourhood, source, text, consent from, with a handreiking)
LESSONS = [
    ("Begin klein en vraag buren persoonlijk", "exercise", "Stedenwijk", "closure",
     "Een briefje in de bus werkt weinig. Wie buren persoonlijk vraagt, krijgt er meer mee. "
     "Begin met een kleine groep en een vaste dag.", "De wandelgroep (per e-mail)", False),
    ("Kook met wat de buurt heeft", "meeting", "Filmwijk", "accountability",
     "Vraag de supermarkt om wat over is. Zo blijft de maaltijd goedkoop en doet de winkel "
     "mee.", "De kookgroep (bij de verantwoording)", False),
    ("Regel verzekering en begeleiding vooraf", "care", "", "support_request",
     "Wie met mensen met een beperking de openbare ruimte onderhoudt, heeft te maken met "
     "vijf soorten regels. Zoek één ambtenaar die de vragen bij elkaar houdt.", "", True),
]  # fmt: skip

# The smallest readable PDF: the demo's handreiking.
GUIDE = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


@transaction.atomic
def seed() -> None:
    facilitator = User.objects.get(email="facilitator@example.org")
    walk = Initiative.objects.filter(title="Wandelgroep Stedenwijk").first()
    if walk is not None and not walk.partner_contributions.exists():
        for name, kind, promised, hours, delivered, note in CONTRIBUTIONS:
            contribution = partners.record_contribution(
                initiative=walk, by=walk.facilitator or facilitator,
                organisation=Organisation.objects.get(name=name), kind=kind, promised=promised,
                hours=hours,
            )  # fmt: skip
            partners.judge_contribution(contribution=contribution, by=walk.facilitator or
                                        facilitator, delivered=delivered, note=note)  # fmt: skip
    for title, theme, wijk, source, text, consent, guide in LESSONS:
        if Lesson.objects.filter(title=title).exists():
            continue
        lesson = lessons.write_lesson(
            by=facilitator, title=title, text=text, theme=theme, source=source,
            neighbourhood=Neighbourhood.objects.get(name=wijk) if wijk else None,
            guide=SimpleUploadedFile("handreiking-servicepunt.pdf", GUIDE) if guide else None,
        )  # fmt: skip
        if consent:
            lessons.publish_lesson(lesson=lesson, by=facilitator, consent_from=consent)
