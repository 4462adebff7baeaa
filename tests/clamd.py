"""A stand-in for clamd on loopback: the outside world of the upload checks (S3).

It speaks clamd's INSTREAM protocol (zINSTREAM\\0, 4-byte big-endian chunk lengths, a zero
chunk) and answers like clamd does: FOUND when the EICAR test string is in the stream, OK
otherwise. `mode="hang"` reads the file and then never answers; `mode="garbled"` answers
something that is not clamd's. `closed_port()` gives an address where nothing listens.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import threading
from collections.abc import Iterator

# The EICAR anti-virus test file (eicar.org): harmless, and every scanner reports it.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        command = self._read_until(b"\0")
        if command != b"zINSTREAM\0":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        data = bytearray()
        while True:
            (length,) = struct.unpack(">I", self._read_exactly(4))
            if length == 0:
                break
            data += self._read_exactly(length)
        self.server.scanned.append(bytes(data))
        if self.server.mode == "hang":
            self.server.release.wait(30)
            return
        if self.server.mode == "garbled":
            self.request.sendall(b"PONG\0")
        elif EICAR in data:
            self.request.sendall(b"stream: Win.Test.EICAR_HDB-1 FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")

    def _read_exactly(self, size: int) -> bytes:
        chunks = bytearray()
        while len(chunks) < size:
            part = self.request.recv(size - len(chunks))
            if not part:
                raise ConnectionError("client went away")
            chunks += part
        return bytes(chunks)

    def _read_until(self, end: bytes) -> bytes:
        data = b""
        while not data.endswith(end) and len(data) < 64:
            part = self.request.recv(1)
            if not part:
                break
            data += part
        return data


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mode = "answer"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scanned: list[bytes] = []
        self.release = threading.Event()


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    mode = "answer"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scanned: list[bytes] = []
        self.release = threading.Event()


@contextlib.contextmanager
def fake_clamd(mode: str = "answer", unix_path: str | None = None) -> Iterator[tuple[str, list]]:
    """Run the stand-in; yields (CLAMD_URL, the list of streams it received)."""
    if unix_path:
        server: _Server | _UnixServer = _UnixServer(unix_path, _Handler)
        url = f"unix://{unix_path}"
    else:
        server = _Server(("127.0.0.1", 0), _Handler)
        url = f"tcp://127.0.0.1:{server.server_address[1]}"
    server.mode = mode
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url, server.scanned
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def closed_port() -> str:
    """A loopback address where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"
