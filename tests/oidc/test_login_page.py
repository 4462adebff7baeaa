"""The test broker's pages in Chromium, as the journeys use them: choose a test person by the
label of the choice, press "Inloggen", and the browser is back at the portal's callback; the
portal's logout ends the broker's session without a question (its page submits itself).

No portal here: a stand-in on a loopback port answers the callback and the page after logout.
"""

import http.server
import re
import secrets
import threading
import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import browser  # noqa: F401  (fixture)
from tests.oidc.fixtures import choose_at_broker, pkce_pair

pytestmark = pytest.mark.browser


class Portal(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"portal")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portal():
    """The portal's stand-in: any GET is answered 200 (Playwright's routes do not see the
    redirects from another origin that bring the browser back)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def authorize_url(oidc_broker, portal, client_id: str, **params) -> str:
    _, challenge = pkce_pair()
    query = {
        "client_id": client_id,
        "response_type": "code",
        "scope": "openid profile email",
        "redirect_uri": f"{portal}/accounts/oidc/{client_id}/login/callback/",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **params,
    }
    return f"{oidc_broker.issuer}/auth?{urllib.parse.urlencode(query)}"


def test_a_resident_chooses_a_person_and_is_sent_back(page, oidc_broker, portal):
    page.goto(authorize_url(oidc_broker, portal, "digid"))
    expect(page).to_have_title("Inloggen met test-DigiD")
    # Only DigiD's people are offered.
    expect(page.get_by_role("radio")).to_have_count(5)
    expect(page.get_by_label(re.compile("BSN 999990020, niveau basis"))).to_be_visible()
    choose_at_broker(page, "resident-basis")
    page.wait_for_url(re.compile(rf"^{portal}/accounts/oidc/digid/login/callback/\?code="))
    expect(page.locator("body")).to_have_text("portal")


def test_the_portal_asks_for_a_higher_level(page, oidc_broker, portal):
    midden = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
    page.goto(authorize_url(oidc_broker, portal, "digid", acr_values=midden, prompt="login"))
    expect(page.get_by_label("Betrouwbaarheidsniveau")).to_have_value("midden")
    choose_at_broker(page, "resident-basis", "substantieel")
    page.wait_for_url(re.compile(r"/login/callback/\?code="))


def test_cancel_at_the_broker(page, oidc_broker, portal):
    page.goto(authorize_url(oidc_broker, portal, "eherkenning"))
    expect(
        page.get_by_label(re.compile("Stichting WoonMere — KvK 41329178, vestiging"))
    ).to_be_checked()
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url(re.compile(r"/login/callback/\?error=access_denied"))


def test_logout_needs_no_click(page, oidc_broker, portal):
    page.goto(authorize_url(oidc_broker, portal, "staff", login_hint="staff-mfa"))
    page.wait_for_url(re.compile(r"/login/callback/\?code="))  # no choice page: login_hint
    back = f"{portal}/uitgelogd/"
    page.goto(
        f"{oidc_broker.issuer}/session/end?"
        + urllib.parse.urlencode({"client_id": "staff", "post_logout_redirect_uri": back})
    )
    page.wait_for_url(back)
    expect(page.locator("body")).to_have_text("portal")
    # The broker's session is gone: the next login asks who it is again.
    page.goto(authorize_url(oidc_broker, portal, "staff"))
    expect(page).to_have_title("Inloggen met test-SSO")
