"""Print, as JSON, how many of P4's burst drafts are sent in (status no longer draft)."""

import json
import sys

import django

django.setup()

from initiatives.enums import InitiativeStatus  # noqa: E402
from initiatives.models import Initiative  # noqa: E402

burst = Initiative.objects.filter(created_by__email__startswith="burst-")
submitted = burst.exclude(status=InitiativeStatus.DRAFT).count()
sys.stdout.write(json.dumps({"submitted": submitted, "drafts": burst.count()}) + "\n")
