"""A small clamd client: one INSTREAM scan over TCP or a Unix socket.

clamd's protocol (clamd(8)): send ``zINSTREAM\\0``, then the file as chunks, each prefixed
with its length as 4 bytes big-endian, then a zero-length chunk. clamd answers
``stream: OK\\0`` or ``stream: <signature> FOUND\\0`` (or an ``... ERROR`` line).

One deadline covers the whole exchange, so a scanner that accepts the connection and then
never answers (or answers a byte at a time) cannot hold a request longer than `timeout`.
Whatever is not one of the two clear answers raises ScannerUnavailable: the caller refuses
the file (fail closed).
"""

from __future__ import annotations

import socket
import struct
import time
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

CHUNK_BYTES = 64 * 1024
DEFAULT_PORT = 3310
MAX_REPLY_BYTES = 4096


class ScannerUnavailable(Exception):
    """The scanner could not be reached, was too slow, or gave an answer we do not know."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""


def scan_stream(url: str, stream: IO[bytes], *, timeout: float) -> Verdict:
    """Stream `stream` (from where it stands) to the clamd at `url` and return its verdict.

    `url` is ``tcp://host:port`` or ``unix:///path/to/clamd.ctl``. Raises ScannerUnavailable
    (also for refused connections and timeouts) whenever there is no clear verdict.
    """
    deadline = time.monotonic() + timeout
    try:
        with _connect(url, timeout) as sock:
            _send(sock, deadline, b"zINSTREAM\0")
            while chunk := stream.read(CHUNK_BYTES):
                _send(sock, deadline, struct.pack(">I", len(chunk)) + chunk)
            _send(sock, deadline, struct.pack(">I", 0))
            reply = _receive(sock, deadline)
    except OSError as error:  # refused, reset, broken pipe, timeout (TimeoutError is an OSError)
        raise ScannerUnavailable(type(error).__name__) from error
    return parse_reply(reply)


def parse_reply(reply: bytes) -> Verdict:
    text = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if text == "stream: OK":
        return Verdict(clean=True)
    if text.startswith("stream: ") and text.endswith(" FOUND"):
        return Verdict(clean=False, signature=text[len("stream: ") : -len(" FOUND")][:100])
    raise ScannerUnavailable("unexpected reply")


def _connect(url: str, timeout: float) -> socket.socket:
    parts = urlsplit(url)
    if parts.scheme == "tcp" and parts.hostname:
        return socket.create_connection((parts.hostname, parts.port or DEFAULT_PORT), timeout)
    if parts.scheme == "unix" and parts.path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(parts.path)
        except OSError:
            sock.close()
            raise
        return sock
    raise ScannerUnavailable("CLAMD_URL must be tcp://host:port or unix:///path")


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("clamd deadline passed")
    return left


def _send(sock: socket.socket, deadline: float, data: bytes) -> None:
    sock.settimeout(_remaining(deadline))
    sock.sendall(data)


def _receive(sock: socket.socket, deadline: float) -> bytes:
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY_BYTES:
        sock.settimeout(_remaining(deadline))
        part = sock.recv(MAX_REPLY_BYTES)
        if not part:
            break
        reply += part
    return reply
