"""SC-13 pages: "Ik stop als initiatiefnemer", the backup's answer, the new lead (no JavaScript:
each is a page with a form, and a refusal comes back as an error on that page)."""

import pytest
from django.urls import reverse

from initiatives import succession
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, InitiatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    return initiative, initiative.initiators.get(), facilitator


def test_stopping_asks_for_a_reason_and_then_leaves(client, running):
    initiative, lead, _facilitator = running
    client.force_login(lead.user)
    url = reverse("initiatives:step-down", args=[initiative.pk])
    page = client.post(url, {"reason": ""})
    assert page.status_code == 200 and "reason" in page.context["form"].errors
    done = client.post(url, {"reason": "Ik verhuis."})
    assert done.status_code == 302 and done.url == "/mijn/"
    assert Initiative.objects.get(pk=initiative.pk).lead_succession == "wanted"
    assert client.get(initiative.get_absolute_url()).status_code == 403  # no longer theirs


def test_without_co_initiators_the_facilitator_invites_by_email(client, running):
    initiative, lead, facilitator = running
    succession.step_down(initiator=lead, by=lead.user, reason="Ik verhuis.")
    client.force_login(facilitator)
    url = reverse("initiatives:appoint-lead", args=[initiative.pk])
    form = client.get(url).context["form"]
    assert "initiator" not in form.fields and form.fields["email"].required
    page = client.post(url, {"email": "", "reason": "Zij wil graag."})
    assert "email" in page.context["form"].errors
    done = client.post(url, {"email": "buur@example.org", "reason": "Zij wil graag."})
    assert done.status_code == 302
    invited = initiative.initiators.get(email="buur@example.org")
    assert invited.role == "lead" and invited.accepted_at is None


def test_the_backup_answers_no_on_the_page(client, running):
    initiative, lead, _facilitator = running
    backup = InitiatorFactory(initiative=initiative, is_backup=True)
    succession.step_down(initiator=lead, by=lead.user, reason="Ik verhuis.")
    client.force_login(backup.user)
    url = reverse("initiatives:lead-offer", args=[initiative.pk])
    assert "answer" in client.post(url, {}).context["form"].errors
    client.post(url, {"answer": "no", "reason": "Geen tijd."})
    assert Initiative.objects.get(pk=initiative.pk).lead_succession == "wanted"
    assert client.get(url).status_code == 403  # asked no longer
