"""P7: the resident's pages in Debian's Chromium, against the bench's gunicorn.

1. Weight: every resource a page loads, by Playwright's transfer size (what crosses the
   wire, compressed where the server compresses), fonts and images left out as the target
   says; the heaviest page counts.
2. Without JavaScript: the resident logs in and registers an initiative through all five
   steps and sends it in (tests/browser's own flow, here against gunicorn and the scale data).

`python -m tests.bench.pages_weight <base url> <password>`; prints JSON.
"""

import json
import sys
from types import SimpleNamespace

import django

django.setup()

from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from initiatives.models import Initiative  # noqa: E402
from tests.browser.conftest import CHROMIUM  # noqa: E402
from tests.browser.test_initiatives import _resident_registers  # noqa: E402

base, password = sys.argv[1], sys.argv[2]
RESIDENT = "bewoner@example.org"
SKIPPED = {"font", "image", "media"}
public = Initiative.objects.published().order_by("-pk").first()
PAGES = [
    reverse("core:home"),
    reverse("initiatives:public-list"),
    public.get_public_url(),
    reverse("budget:samen-sterk"),
    reverse("core:dashboard"),
    reverse("initiatives:new"),
    reverse("budget:my-applications"),
]


def login(page) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(RESIDENT)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def weigh(page, path: str) -> int:
    sizes: list[int] = []

    def record(response):
        if response.request.resource_type not in SKIPPED:
            sizes.append(response.request.sizes()["responseBodySize"])

    page.on("response", record)
    page.goto(base + path, wait_until="load")
    page.remove_listener("response", record)
    return sum(sizes)


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
    )
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    login(page)
    weights = {}
    for path in PAGES:
        weights[path] = weigh(page, path)
    context.close()

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page)
    try:
        title = f"Wandelgroep bench {Initiative.objects.count()}"
        initiative = _resident_registers(
            page, SimpleNamespace(url=base), lambda *args: None, title=title
        )
        flow = {"ok": initiative.status == "submitted", "error": ""}
    except Exception as error:
        flow = {"ok": False, "error": f"{type(error).__name__}: {str(error)[:200]}"}
    context.close()
    browser.close()
sys.stdout.write(json.dumps({"weights": weights, "no_js_flow": flow}) + "\n")
