"""A small HTTP client on the standard library: cookies, CSRF, the real login (with the
two-step code for staff), and timing of every request. One new connection per request, as a
browser behind gunicorn's sync workers gets (they close after each response)."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Client:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        headers = {"Accept-Language": "nl", "User-Agent": "burgerkracht-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        start = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        content = raw.read()
        seconds = time.perf_counter() - start
        connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, content, seconds)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def follow(self, path: str, hops: int = 5) -> Response:
        response = self.get(path)
        while response.status in (301, 302, 303) and hops:
            response, hops = self.get(urlsplit(response.location).path), hops - 1
        return response

    def post_form(self, path: str, data: dict) -> Response:
        """GET the form for its CSRF token, then POST `data` to it."""
        page = self.get(path)
        token = CSRF.search(page.body.decode())
        if token is None:
            raise RuntimeError(f"no CSRF token on {path} (status {page.status})")
        return self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **data})

    def login(self, email: str, password: str, code: str = "") -> None:
        """The real login: password, then the two-step code when the account asks for one."""
        response = self.post_form("/accounts/login/", {"login": email, "password": password})
        if response.status != 302:
            raise RuntimeError(f"login of {email} failed ({response.status})")
        if "2fa" in response.location:
            response = self.post_form(urlsplit(response.location).path, {"code": code})
            if response.status != 302:
                raise RuntimeError(f"two-step code of {email} refused ({response.status})")
        if self.follow("/mijn/").status != 200:
            raise RuntimeError(f"{email} is not logged in after the login")
