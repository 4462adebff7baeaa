"""Sending the checked application to the decision holders is a button that opens a
confirmation page; only the POST of that page sends it (issue #24)."""

import re

import pytest
from django.urls import reverse

from budget.enums import ApplicationStatus
from budget.models import Application
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db


def test_the_forward_is_a_button_a_confirmation_and_a_post(client):
    facilitator = UserFactory(role="facilitator", with_mfa=True, full_name="Femke Jansen")
    application = application_in(ApplicationStatus.IN_ASSESSMENT, facilitator=facilitator)
    client.force_login(facilitator)
    confirm_url = reverse("budget:assess-complete", args=[application.pk])

    page = client.get(reverse("budget:assess", args=[application.pk])).content.decode()
    assert f'<a class="utrecht-link" href="{confirm_url}"' not in page
    form = rf'<form method="get" action="{re.escape(confirm_url)}"[^>]*>.*?<button'
    assert re.search(form, page, re.S)

    confirmation = client.get(confirm_url)
    html = confirmation.content.decode()
    assert application.reference in html
    holder = application.line.decision_holders.get()
    assert holder.get_full_name() in html
    assert 'method="post"' in html
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_ASSESSMENT

    response = client.post(confirm_url, {"reason": ""})
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.AWAITING_DECISION
