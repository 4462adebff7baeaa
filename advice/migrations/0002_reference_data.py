"""The two bodies of the seeds, the themes and groups of residents, and the first version
of the factsheet of roles and authorities (001 · §5.3.C, Bijlage 1). Data, so a gemeente
changes it in the admin; the text is the municipality's content, in Dutch."""

import datetime

from django.db import migrations

BODIES = [
    ("Adviesraad Sociaal Domein", "ASD", "asd", "asd",
     "De formele adviseur van de gemeente in het sociaal domein: gevraagd en ongevraagd."),
    ("Breed Overleg Plus", "BO+", "bo-plus", "bo_plus",
     "Het open netwerk van cliëntenorganisaties en belangenverenigingen: de vindplaats van "
     "de verhalen uit de praktijk."),
]
THEMES = ["Armoede", "Eenzaamheid", "Dienstverlening en toegang", "Zorg en ondersteuning",
          "Wonen", "Werk en inkomen", "Jeugd en gezin", "Inclusie"]
GROUPS = ["Ouderen", "Jeugd", "Mensen met een beperking", "GGZ-cliënten", "Minima",
          "Migranten", "Mantelzorgers", "Chronisch zieken"]
FACTSHEET = [
    ("municipality",
     "Vraagt tijdig advies, met een redelijke termijn. Antwoordt op elk advies, per "
     "aanbeveling. Wijst een aanspreekpunt voor langere tijd aan.",
     "Neemt de besluiten (college en raad).",
     "Beargumenteert het wanneer wordt afgeweken van een advies. Overlegt minimaal twee keer "
     "per jaar met de adviesraad. Evalueert elk advies na enige tijd."),
    ("asd",
     "Adviseert gevraagd en ongevraagd over het sociaal domein, op basis van de verhalen uit "
     "de samenleving.",
     "Adviesbevoegdheid via gevraagde en ongevraagde advisering.",
     "Maakt afspraken over tijd en investering per advies. Meldt wanneer een reactie nog geen "
     "eindadvies is."),
    ("bo_plus",
     "Brengt signalen en verhalen uit de praktijk in en ondersteunt de adviezen van de ASD.",
     "Draagt leden van de ASD voor (sollicitatiecommissie).",
     "Werkt als open netwerk; let op een brede vertegenwoordiging, ook van jeugd."),
]


def forwards(apps, schema_editor):
    AdvisoryBody = apps.get_model("advice", "AdvisoryBody")
    Theme = apps.get_model("advice", "Theme")
    TargetGroup = apps.get_model("advice", "TargetGroup")
    FactsheetVersion = apps.get_model("advice", "FactsheetVersion")
    FactsheetEntry = apps.get_model("advice", "FactsheetEntry")
    for name, short, slug, kind, description in BODIES:
        AdvisoryBody.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short, "kind": kind, "description": description},
        )
    for order, name in enumerate(THEMES):
        Theme.objects.get_or_create(name=name, defaults={"order": order})
    for order, name in enumerate(GROUPS):
        TargetGroup.objects.get_or_create(name=name, defaults={"order": order})
    if not FactsheetVersion.objects.exists():
        version = FactsheetVersion.objects.create(
            number=1, valid_from=datetime.date(2014, 4, 1),
            why="De eerste versie, bij de start van de ASD en het BO+ (april 2014): de "
                "afspraken uit de verordening en het convenant.",
        )
        for party, tasks, powers, agreements in FACTSHEET:
            FactsheetEntry.objects.create(
                version=version, party=party, tasks=tasks, powers=powers, agreements=agreements
            )


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
