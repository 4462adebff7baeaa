"""Section headings in the page content have room above them (issue #24): "Wat gebeurt er
nu" on the confirmation after sending in stands apart from the paragraph above it, at
1280 and 320 px; a heading that opens a box (the first thing in it) gets no extra room."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, application_in, open_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per h2/h3 of the page's content: the room between it and what stands above it.
GAPS = """() => [...document.querySelectorAll('main h2, main h3')].map(h => {
  const above = h.previousElementSibling;
  return {text: h.innerText.trim(), first: !above,
          gap: above ? h.getBoundingClientRect().top - above.getBoundingClientRect().bottom : null};
})"""


@pytest.mark.parametrize("width", [1280, 320])
def test_a_section_heading_has_room_above_it(page, login, live_server, width, tmp_path):
    line, _holder = open_line(allocation="25000.00")
    submitted = application_in("submitted", line=line)
    login(submitted.initiative.created_by)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("budget:application-sent", args=[submitted.pk]))
    page.screenshot(path=tmp_path / f"sent-{width}.png", full_page=True)

    gaps = {gap["text"]: gap for gap in page.evaluate(GAPS)}
    assert gaps["Wat gebeurt er nu"]["gap"] >= 24, gaps["Wat gebeurt er nu"]
    for gap in gaps.values():
        if not gap["first"]:
            assert gap["gap"] >= 16, gap


def test_a_heading_that_opens_a_box_gets_no_room_above_it(page, login, live_server):
    login(UserFactory(role="facilitator", with_mfa=True))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("budget:queue"))
    first = page.evaluate(
        """() => [...document.querySelectorAll('main h2, main h3')]
             .filter(h => !h.previousElementSibling)
             .map(h => parseFloat(getComputedStyle(h).marginBlockStart))"""
    )
    assert first and max(first) == 0
