"""The outbox e-mail backend: Django's (and allauth's) mail lands in the database first.

Sending is a row insert inside the caller's transaction, so a mail exists exactly when the
thing it tells about exists. Delivery happens after commit in a Celery task and, as a safety
net, in a periodic sweep: with Redis or the SMTP server down nothing is lost.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from burgerkracht.core.models import OutboxMessage
from burgerkracht.core.queueing import enqueue_delivery


def _serialise_attachments(message: EmailMessage) -> list[dict[str, str]]:
    result = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            filename = attachment.get_filename() or "bijlage"
            content = attachment.get_payload(decode=True) or b""
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
            if isinstance(content, str):
                content = content.encode()
        result.append(
            {
                "filename": filename or "bijlage",
                "content": base64.b64encode(content).decode("ascii"),
                "mimetype": mimetype or "application/octet-stream",
            }
        )
    return result


def store_message(message: EmailMessage) -> OutboxMessage:
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mime in message.alternatives if mime == "text/html"), "")
    return OutboxMessage.objects.create(
        subject=message.subject,
        from_email=message.from_email,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        body=message.body,
        html_body=html,
        headers=dict(message.extra_headers),
        attachments=_serialise_attachments(message),
    )


def build_message(row: OutboxMessage, *, connection: BaseEmailBackend) -> EmailMessage:
    """Rebuild the EmailMessage, with a Message-ID that stays the same on every attempt."""
    domain = row.from_email.rsplit("@", 1)[-1].strip(">") or "localhost"
    headers = {**row.headers, "Message-ID": f"<{row.message_id}@{domain}>"}
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=headers,
        connection=connection,
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    for attachment in row.attachments:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = 0
        for message in email_messages:
            if not message.recipients():
                continue
            row = store_message(message)
            transaction.on_commit(lambda pk=row.pk: enqueue_delivery(message_pk=pk))
            stored += 1
        return stored
