"""The outbox's SMTP backend: Django's, with one hook at the moment of handing over.

A mail is the server's once it has read the line with the single dot that ends the DATA
stream. If the worker commits "sent" only after the server's reply, a crash between that
reply and the commit sends the mail a second time (targets.md R2). This backend calls
`on_handover` right after the dot is written, before the reply is read: the outbox commits
there. The dot is held in the kernel (TCP_CORK) until the hook returns, so the server is not
woken, and does not take the CPU from us, before our COMMIT is written; a killed process's
socket is still closed gracefully, which sends what was held. What is left is the instant
between two writes, the dot and COMMIT (decision 0004).

A reply other than 250 still raises, as in Django's backend; the caller then puts the
message back for another attempt (`core.services.deliver_message`).
"""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.mail.backends.smtp import EmailBackend

# What smtplib.SMTP.data() writes after the message: the end of its last line, then the dot.
END_OF_DATA = b"\r\n.\r\n"


@contextmanager
def _corked(sock: socket.socket | None) -> Iterator[None]:
    """Hold what is written back in the kernel (Linux TCP_CORK) until the block ends, so the
    server is not woken, and our process not pre-empted by it, before our COMMIT is written.
    Closing the socket (also a killed process's) still sends what was held."""
    cork = getattr(socket, "TCP_CORK", None)
    if sock is None or cork is None:
        yield
        return
    sock.setsockopt(socket.IPPROTO_TCP, cork, 1)
    try:
        yield
    finally:
        sock.setsockopt(socket.IPPROTO_TCP, cork, 0)


class _HandoverMixin:
    """smtplib.SMTP, calling `on_handover` once the end of the DATA stream is on the wire."""

    on_handover: Callable[[], None] | None = None
    sock: socket.socket | None
    _in_data = False

    def data(self, msg: Any) -> tuple[int, bytes]:
        self._in_data = True
        try:
            return super().data(msg)  # type: ignore[misc]
        finally:
            self._in_data = False

    def send(self, s: Any) -> None:
        ends = self._in_data and isinstance(s, bytes) and s.endswith(END_OF_DATA)
        if not ends or self.on_handover is None:
            super().send(s)  # type: ignore[misc]
            return
        super().send(s[: -len(END_OF_DATA)])  # type: ignore[misc]
        with _corked(self.sock):
            super().send(END_OF_DATA)  # type: ignore[misc]
            self.on_handover()


class HandoverSMTP(_HandoverMixin, smtplib.SMTP):
    pass


class HandoverSMTPSSL(_HandoverMixin, smtplib.SMTP_SSL):
    pass


class HandoverEmailBackend(EmailBackend):
    """Django's SMTP backend; `on_handover` (a keyword argument of `get_connection`) is
    called for every message once the server has all of it, before its reply."""

    def __init__(self, *args: Any, on_handover: Callable[[], None] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.on_handover = on_handover

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return HandoverSMTPSSL if self.use_ssl else HandoverSMTP

    def open(self) -> bool | None:
        created = super().open()
        if self.connection is not None:
            self.connection.on_handover = self.on_handover
        return created
