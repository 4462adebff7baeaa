"""Password validators whose messages our own catalogue translates.

Django 5.2 changed the msgid of `MinimumLengthValidator`'s error ("…at least %d characters.")
and its Dutch catalogue still has only the old one ("…%(min_length)d…"), so a resident saw
"This password is too short…" in English on a Dutch page. The message here is ours, in
locale/nl, so a Django upgrade cannot turn it English again.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. Use at least %(min_length)d character.",
            "This password is too short. Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
