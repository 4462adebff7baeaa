"""The facilitator starts the day on "Mijn taken": the oldest application sent in is on top
and marked overdue; she follows it and checks it; it leaves her list."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from budget.models import Application
from tests.factories import UserFactory, open_line
from tests.journeys import steps_facilitator, steps_officials
from tests.journeys.steps_common import login_through_form

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_facilitator_works_through_my_tasks(page, stack, assert_accessible):
    base = stack.url
    line, _holder = open_line(allocation="25000.00", name="Stedelijk")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    older = steps_officials.sent_in_application(line=line, facilitator=facilitator)
    newer = steps_officials.sent_in_application(line=line, facilitator=facilitator)
    Application.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(weeks=3))
    someone_elses = steps_officials.sent_in_application(
        line=line, facilitator=UserFactory(role="facilitator")
    )

    login_through_form(page, base, facilitator.email)
    steps_facilitator.open_my_tasks(page, base)
    assert_accessible(page, "my tasks")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(3)  # the header and her two applications
    expect(rows.nth(1)).to_contain_text(older.reference)
    expect(rows.nth(1)).to_contain_text("Te laat")
    expect(rows.nth(2)).to_contain_text(newer.reference)
    expect(page.get_by_text(someone_elses.reference)).to_have_count(0)

    steps_facilitator.follow_soonest_task(page)
    expect(page).to_have_url(base + older.get_absolute_url())
    steps_facilitator.open_check(page)
    steps_facilitator.check_application(
        page, steps_facilitator.ASSESSMENT, amount="1.500,00", line=str(line)
    )
    steps_facilitator.send_to_holders(page)

    steps_facilitator.open_my_tasks(page, base)
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text(newer.reference)
