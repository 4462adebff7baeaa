"""The officials' filter form (issue #24): each field is one block, its label, hint and box
one under the other, and the blocks stand in a grid that wraps by whole fields: the labels
of the fields side by side are on one line, never a hint beside the next field's label."""

import pytest
from django.urls import reverse

from budget.enums import ApplicationStatus
from tests.factories import UserFactory, application_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per field of the filter form: the box of the block, its label, its hint and its input.
FIELDS = """() => [...document.querySelectorAll('.portal-filters > .portal-field')].map(f => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {
    name: f.innerText.trim().split('\\n')[0],
    block: box(f),
    label: box(f.querySelector('label, legend')),
    hint: box(f.querySelector('.utrecht-form-field-description')),
    input: box(f.querySelector('input:not([type=hidden]), select, textarea')),
  };
})"""


@pytest.mark.parametrize("width", [1280, 320])
def test_each_filter_field_is_one_block_in_a_grid(page, login, live_server, width):
    facilitator = login(UserFactory(role="facilitator", with_mfa=True))
    application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("budget:queue"))

    fields = page.evaluate(FIELDS)
    assert len(fields) >= 5
    with_hint = [f for f in fields if f["hint"]]
    assert with_hint, "the search field has a hint"
    for field in fields:
        if field["hint"]:  # label, hint, box: one under the other, left-aligned
            assert field["label"]["bottom"] <= field["hint"]["top"] + 1, field["name"]
            assert field["hint"]["bottom"] <= field["input"]["top"] + 1, field["name"]
            assert abs(field["hint"]["left"] - field["input"]["left"]) < 1, field["name"]
    # Fields side by side (their blocks share a line) start on the same line, with their
    # labels; no block overlaps another.
    for a in fields:
        for b in fields:
            if a is b:
                continue
            one, two = a["block"], b["block"]
            if one["top"] < two["bottom"] and two["top"] < one["bottom"]:  # side by side
                assert abs(a["block"]["top"] - b["block"]["top"]) < 1, (a["name"], b["name"])
                assert a["block"]["right"] <= b["block"]["left"] + 1 or (
                    b["block"]["right"] <= a["block"]["left"] + 1
                ), (a["name"], b["name"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
