"""P1: the query count of every catalogued data page (tests/pages.py) in this database.

Run with DJANGO_ALLOWED_HOSTS=testserver (Django's test client); prints JSON
{page key: [status, queries]}.
"""

import json
import sys

import django

django.setup()

from tests.pages import PAGES, measure  # noqa: E402

result = {}
for page in PAGES:
    try:
        result[page.key] = list(measure(page))
    except Exception as error:
        result[page.key] = [f"{type(error).__name__}", -1]
sys.stdout.write(json.dumps(result) + "\n")
