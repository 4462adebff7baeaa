"""P4's material: residents, each with complete drafts that only wait to be sent in.

`python -m tests.bench.drafts <residents> <each> <password>` prints, as JSON, every
resident's e-mail with the paths of their drafts' "check and send" pages. The drafts are made
by the app's own service (start_initiative), so they are what a resident leaves after step 5.
"""

import json
import sys

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from burgerkracht.accounts.models import User  # noqa: E402
from burgerkracht.accounts.roles import Role  # noqa: E402
from initiatives.enums import InitiativeTheme, Scale, Support  # noqa: E402
from initiatives.services import start_initiative  # noqa: E402

residents, each, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
hashed = make_password(password)
plan: dict[str, list[str]] = {}
group = Group.objects.get(name=Role.RESIDENT)
with transaction.atomic():
    for number in range(residents):
        email = f"burst-{number}@example.org"
        user = User.objects.create(email=email, full_name=f"Bewoner {number}", password=hashed)
        user.groups.add(group)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        plan[email] = []
        for draft in range(each):
            initiative = start_initiative(
                by=user,
                title=f"Buurtsoep {number}-{draft}",
                summary="Elke week samen soep eten in de buurt.",
                theme=InitiativeTheme.MEETING,
                why="Veel mensen eten alleen.",
                goal="Dat iedereen mee kan eten.",
                actions_needed="Een keuken en vrijwilligers.",
                scale=Scale.CITY,
                target_group="Buren die alleen wonen.",
                expected_participants=12,
                support_wanted=[Support.values[0]],
                publication_consent=True,
            )
            plan[email].append(reverse("initiatives:intake-check", args=[initiative.pk]))
sys.stdout.write(json.dumps(plan) + "\n")
