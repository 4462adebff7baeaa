"""Notifications through the outbox, respecting each person's preferences; a person who gets
their letters by post gets the same notice on paper, through the post queue
(core.postal.letters)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from burgerkracht.core.models import Municipality
from burgerkracht.core.postal.letters import queue_letter

# The user fields that switch a kind of notification on or off (profile page).
PREFERENCES = {
    "messages": "notify_messages",
    "status": "notify_status",
    "reminders": "notify_reminders",
}


def absolute_url(path: str) -> str:
    """A link for mail and feeds: SITE_URL, never the host of whatever request is running
    (production: the public address; `make run`: http://localhost:<PORT>, settings/dev.py)."""
    return f"{settings.SITE_URL}{path}"


def on_site(url: str) -> str:
    """`url` (absolute, as allauth builds it from the request) moved onto SITE_URL."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def notify(
    *,
    recipients: Iterable[Any],
    template: str,
    context: dict[str, Any],
    preference: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> int:
    """Send `email/<template>_subject.txt` and `_body.txt` to each recipient who wants it.

    Called inside the service's transaction: the outbox row (or the letter in the post
    queue) exists exactly when the change it tells about exists. `attachments` are (filename,
    content, mimetype) triples, such as a decision letter. A recipient who `gets_post` (no
    e-mail address, or post chosen) gets a letter instead of the e-mail (core.postal.letters).
    Returns the number of messages queued, letters included.
    """
    field = PREFERENCES.get(preference or "")
    municipality = Municipality.current()
    seen: set[int] = set()
    sent = 0
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active or user.erased_at:
            continue
        seen.add(user.pk)
        if field and not getattr(user, field):
            continue
        if user.gets_post:
            subject, body = render_message(
                template, {**context, "recipient": user}, municipality, letter=True
            )
            queue_letter(
                user=user, subject=subject, body=body, template=template, context=context,
                municipality=municipality, attachments=attachments,
            )  # fmt: skip
        else:
            _send(user.email, template, {**context, "recipient": user}, municipality, attachments)
        sent += 1
    return sent


def notify_address(*, email: str, template: str, context: dict[str, Any]) -> None:
    """For someone who may have no account yet, such as an invited co-initiator."""
    _send(email, template, {**context, "recipient": None}, Municipality.current())


def render_message(
    template: str, context: dict[str, Any], municipality: Municipality, *, letter: bool = False
) -> tuple[str, str]:
    """The (subject, body) of `email/<template>_…`, in the portal's language: the e-mail's
    text, and the text of the letter for who gets post (core.postal.letters). A `_letter.txt`
    takes the place of `_body.txt` on paper where the e-mail leaves something out that a person
    without a login cannot read on the portal (the text of a message)."""
    names = [f"email/{template}_body.txt"]
    if letter:
        names.insert(0, f"email/{template}_letter.txt")
    with translation.override(settings.LANGUAGE_CODE):
        full = {**context, "municipality": municipality}
        subject = " ".join(render_to_string(f"email/{template}_subject.txt", full).split())
        body = render_to_string(names, full)
    return subject, body


def _send(
    email: str,
    template: str,
    context: dict[str, Any],
    municipality: Municipality,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    subject, body = render_message(template, context, municipality)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
