"""The officials' long lists fit a 1280 px laptop (issue #24): the queue of applications, the
promises register, the advice register and the open support requests show every column, the
amounts and dates too, without sliding the table sideways. On the demo data (seed_demo), with
its long names."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from burgerkracht.accounts.models import User
from tests.page_logins import ADVICE_COORDINATOR, FACILITATOR
from tests.processes import seed_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    (FACILITATOR, "budget:queue"),
    (ADVICE_COORDINATOR, "advice:promises"),
    (ADVICE_COORDINATOR, "advice:register"),
    (FACILITATOR, "initiatives:support-open"),
]
# Every table region of the page: how much wider its table is than the region shows.
OVERFLOWS = """() => [...document.querySelectorAll('.portal-table-scroll')]
  .map(region => region.scrollWidth - region.clientWidth)"""


def test_the_officials_lists_fit_at_1280(settings, page, login, live_server, tmp_path):
    seed_reference_data()  # a transactional test before this one flushed the line types
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    page.set_viewport_size({"width": 1280, "height": 900})
    for email, name in LISTS:
        page.context.clear_cookies()
        login(User.objects.get(email=email))
        page.goto(live_server.url + reverse(name))
        page.screenshot(path=tmp_path / f"{name.replace(':', '-')}.png", full_page=True)
        overflows = page.evaluate(OVERFLOWS)
        assert overflows, name
        assert max(overflows) <= 0, f"{name}: the table is {overflows} px wider than its region"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.get_by_text("Schuif de tabel opzij om alles te zien.").is_hidden(), name
