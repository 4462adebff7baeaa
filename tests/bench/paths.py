"""Print, as JSON, the paths of the pages P2 and P3 time, found in the current database.

Each single-object page is the newest object of its kind the measuring user may see, so the
1k and the 100k data set time the same kind of page.
"""

import json
import sys

import django

django.setup()

from django.urls import reverse  # noqa: E402

from advice.selectors import visible_advices  # noqa: E402
from budget.models import Application, Fund  # noqa: E402
from burgerkracht.accounts.models import User  # noqa: E402
from initiatives.models import Initiative  # noqa: E402

FACILITATOR = "facilitator@example.org"

initiative = Initiative.objects.published().order_by("-pk").first()
facilitated = Initiative.objects.filter(facilitator__email=FACILITATOR).order_by("-pk").first()
application = (  # sent in: a draft is the residents' own until then
    Application.objects.filter(
        initiative__facilitator__email=FACILITATOR, submitted_at__isnull=False
    )
    .order_by("-pk")
    .first()
)
fund = Fund.objects.order_by("-starts_on").first()
secretary = User.objects.get(email="asd-secretaris@example.org")
advice = visible_advices(secretary).order_by("-pk").first()  # a concept is its body's own
paths = {
    "public-list": reverse("initiatives:public-list"),
    "initiative-public": initiative.get_public_url(),
    "initiative": facilitated.get_absolute_url(),
    "application": application.get_absolute_url(),
    "queue": reverse("budget:queue"),
    "budget-overview": fund.get_absolute_url(),
    "advice-register": reverse("advice:register"),
    "advice": reverse("advice:advice-detail", args=[advice.pk]),
    "dashboard": reverse("core:dashboard"),
    "officials-list": reverse("initiatives:officials-list"),
    "trivial": reverse("core:liveness"),
}
sys.stdout.write(json.dumps(paths) + "\n")
