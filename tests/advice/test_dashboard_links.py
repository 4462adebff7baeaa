"""The advice panel on "Mijn burgerkracht": each count links to a list filtered the same
way, and that list shows exactly as many items."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.models import Advice, Promise
from tests.advice.factories import advice_in, coordinator

pytestmark = pytest.mark.django_db


def test_every_count_of_the_advice_panel_leads_to_a_list_with_as_many_items(client):
    boss = coordinator()
    yesterday = timezone.localdate() - timedelta(days=1)
    late = [advice_in("final", coordinator_user=boss) for _ in range(2)]
    advice_in("final", coordinator_user=boss)  # its answer is not due yet
    Advice.objects.filter(pk__in=[a.pk for a in late]).update(response_due=yesterday)
    answered = advice_in("answered", coordinator_user=boss)  # two promises, owned by boss
    other = advice_in("answered")  # two promises of another coordinator
    first = answered.promises.order_by("pk").first()
    Promise.objects.filter(pk=first.pk).update(due_on=yesterday)
    Promise.objects.filter(advice=other).update(due_on=yesterday)
    client.force_login(boss)

    page = client.get(reverse("core:dashboard"))
    panel = next(p.context for p in page.context["panels"] if "overdue_answers" in p.context)

    assert (panel["overdue_answers"], panel["overdue_promises"], panel["my_promises"]) == (2, 3, 2)
    for link, expected in [
        (reverse("advice:register") + "?answer_overdue=yes", 2),
        (reverse("advice:promises") + "?overdue=yes", 3),
        (reverse("advice:promises") + "?mine=on", 2),
    ]:
        assert f'href="{link}"' in page.text
        listed = client.get(link)
        assert listed.context["filter"].qs.count() == expected, link


def test_staff_outside_the_register_see_no_advice_they_may_not_open(client):
    """A facilitator who owns a promise gets the panel for their own promises, and counts
    and names nothing of the register they may not open (advices_visible_to, issue 28)."""
    from tests.advice.agenda_factories import commitment
    from tests.factories import UserFactory

    boss = coordinator()
    late = advice_in("final", coordinator_user=boss)
    Advice.objects.filter(pk=late.pk).update(response_due=timezone.localdate() - timedelta(1))
    owner = UserFactory(role="facilitator")
    commitment(by=boss, owner=owner)
    client.force_login(owner)

    page = client.get(reverse("core:dashboard"))
    panel = next(p.context for p in page.context["panels"] if "overdue_answers" in p.context)

    assert (panel["overdue_answers"], panel["late_answers"], panel["my_promises"]) == (0, [], 1)
    assert late.title not in page.text
