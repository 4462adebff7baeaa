"""The council member (read-only, two-step login): the reports and their exports, whose
figures are those on the screen."""

import re

import pytest

from budget.enums import ApplicationStatus
from tests.factories import UserFactory, application_in, open_line
from tests.journeys import steps_council
from tests.journeys.steps_common import assert_dutch_figures, login_through_form, menu_link

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_council_member_reads_reports_and_exports(page, stack, assert_accessible):
    base = stack.url
    line, _holder = open_line(allocation="25000.00", name="Smeerolie Haven")
    for _ in range(2):
        application_in(ApplicationStatus.GRANTED, line=line)
    council = UserFactory(role="read_only")

    login_through_form(page, base, council.email)
    menu_link(page, "Rapportages")
    assert_accessible(page, "reports")
    page.get_by_role("main").get_by_role("link", name=re.compile("^Budget")).first.click()
    assert_accessible(page, "budget report")
    assert_dutch_figures(page)
    line_row = page.get_by_role("row", name=re.compile("^Smeerolie Haven"))
    assert steps_council.cells(line_row)[2:] == [
        "25.000,00",
        "1.000,00",
        "0,00",
        "0,00",
        "24.000,00",
    ]
    assert steps_council.report_tables_match_exports(page) >= 2

    menu_link(page, "Rapportages")
    page.get_by_role("main").get_by_role("link", name="Resultaten van Samen Sterk").click()
    assert_accessible(page, "Samen Sterk report")
    assert_dutch_figures(page)
    assert steps_council.report_tables_match_exports(page) >= 1
