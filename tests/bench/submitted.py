"""P4's check: of the drafts the server answered "sent in" for (the JSON list of paths in the
file given), how many are not sent in in the database. Prints JSON."""

import json
import re
import sys
from pathlib import Path

import django

django.setup()

from initiatives.enums import InitiativeStatus  # noqa: E402
from initiatives.models import Initiative  # noqa: E402

paths = json.loads(Path(sys.argv[1]).read_text())
pks = [int(re.search(r"/(\d+)/", path).group(1)) for path in paths]
not_sent_in = Initiative.objects.filter(pk__in=pks, status=InitiativeStatus.DRAFT).count()
missing = len(set(pks)) - Initiative.objects.filter(pk__in=pks).count()
sys.stdout.write(json.dumps({"answered_not_sent_in": not_sent_in + missing}) + "\n")
