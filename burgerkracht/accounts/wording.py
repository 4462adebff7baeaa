"""allauth's texts that we word differently in Dutch, so the whole portal says "inloggen".

Listing the msgids here makes `makemessages` put them in our `locale/nl`, which Django reads
before allauth's own catalogue (LOCALE_PATHS comes first).
"""

from django.utils.translation import gettext_noop

ALLAUTH_WORDING = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Other sign-in options"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
]
