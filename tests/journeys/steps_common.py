"""Steps every journey takes: logging in through the real form, the mail the worker sent,
the checks that run on a few pages of each journey."""

import email
import re
import time
from email import policy

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.processes import wait_for

WIDTH, HEIGHT = 1024, 800


_used: dict[int, int] = {}


def totp_code(user) -> str:
    """The current code of the user's authenticator app (as `manage.py demo_totp` prints it).
    A code is accepted once: a second login waits for the next one, as a person would."""
    device = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    counter = int(timezone.now().timestamp()) // 30
    if _used.get(user.pk) == counter:
        time.sleep((counter + 1) * 30 - timezone.now().timestamp() + 0.1)
        counter += 1
    _used[user.pk] = counter
    return format_hotp_value(hotp_value(decrypt(device.data["secret"]), counter))


def login_through_form(page, base_url: str, email_address: str, password: str = PASSWORD):
    """The real login page; staff then type the code of their authenticator app."""
    from burgerkracht.accounts.models import User

    page.context.clear_cookies()
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("E-mailadres").fill(email_address)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    user = User.objects.get(email__iexact=email_address)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        code = page.get_by_label("Code")
        expect(code).to_be_visible()
        code.fill(totp_code(user))
        page.get_by_role("button", name=re.compile("Inloggen|Bevestigen")).click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_attached()
    return user


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def mail_to(sink, address: str, *, subject: str = "", timeout: float = 60):
    """The last message the worker delivered to `address` through the SMTP sink."""

    def found():
        messages = [
            email.message_from_bytes(m.content, policy=policy.default)
            for m in sink.messages
            if address in m.rcpt_tos
        ]
        return [m for m in messages if subject in str(m["Subject"])]

    assert wait_for(found, timeout=timeout), f"no mail to {address} about {subject!r}"
    return found()[-1]


def mail_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, base_url: str, *, containing: str = "") -> str:
    """A link to the portal in a message's text, taken to the live server."""
    links = re.findall(r"https?://[^\s<>\"]+", mail_text(message))
    links = [link for link in links if containing in link]
    assert links, mail_text(message)
    return base_url + re.sub(r"^https?://[^/]+", "", links[0])


# For page.wait_for_function(IMAGE_LOADED, arg=alt): the image with that alt text has loaded
# (through its permission-checked view): a real picture, not a broken image.
IMAGE_LOADED = """alt => {
  const img = document.querySelector(`img[alt="${alt}"]`);
  return img && img.complete && img.naturalWidth > 0;
}"""


def no_horizontal_scroll(page, width: int = 320):
    """Targets A4: the page fits a 320 px wide screen."""
    page.set_viewport_size({"width": width, "height": HEIGHT})
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    assert wide <= width, f"{page.url} is {wide} px wide on a {width} px screen"


def reload_until(page, locator, *, timeout: float = 60):
    """Reload until the worker's work (a letter, a report) shows on the page."""

    def shown():
        if locator.count():
            return True
        page.reload()
        return False

    assert wait_for(shown, timeout=timeout, interval=1), f"not shown on {page.url}: {locator}"


ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
PLAIN_AMOUNT = re.compile(r"€\s?\d{4,}")


def assert_dutch_figures(page):
    """Dates read "15 april 2027" and amounts "€ 1.600,00": no "2027-04-15", no "€ 1600,00"."""
    text = page.locator("main").inner_text()
    assert not ISO_DATE.findall(text), f"{page.url} shows {ISO_DATE.findall(text)}"
    assert not PLAIN_AMOUNT.findall(text), f"{page.url} shows {PLAIN_AMOUNT.findall(text)}"


def menu_link(page, name: str) -> None:
    """Follow an item of the main menu as a person does: under "Meer" when it is there."""
    menu = page.locator("nav.portal-nav")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        menu.locator("summary").click()
    link.click()
