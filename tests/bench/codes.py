"""Print the current two-step codes of the given demo users as JSON (bench logins).

Run against a bench database: `python -m tests.bench.codes a@example.org b@example.org`.
"""

import json
import sys
import time

import django

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # noqa: E402
from allauth.mfa.utils import decrypt  # noqa: E402
from django.utils import timezone  # noqa: E402

# A code is valid for its 30-second window only: near the end, wait for the next one.
if 30 - time.time() % 30 < 5:
    time.sleep(30 - time.time() % 30 + 0.5)
codes = {}
counter = int(timezone.now().timestamp()) // 30
for authenticator in Authenticator.objects.filter(
    user__email__in=sys.argv[1:], type=Authenticator.Type.TOTP
).select_related("user"):
    secret = decrypt(authenticator.data["secret"])
    codes[authenticator.user.email] = format_hotp_value(hotp_value(secret, counter))
sys.stdout.write(json.dumps(codes) + "\n")
