""" "Download my data" (mijn-gegevens.json) holds everything the resident wrote themselves:
profile, initiative texts and initiator profile, applications, the residents' view at an
evaluation, the accountability and story, messages, files by name and their consents."""

import json

import pytest
from django.urls import reverse

from budget import services
from budget.retention import ACCOUNTABILITY_TEXT, APPLICATION_TEXT
from budget.services.evaluation import save_resident_view
from initiatives.models import Initiator, Message
from initiatives.retention import INITIATIVE_TEXT
from tests.budget.followup_helpers import fill_in, grant
from tests.core.test_retention import attach

pytestmark = pytest.mark.django_db
STAFF_TEXT = {"legal_check", "administrative_check", "financial_check", "criterion_reasoning",
              "question", "settle_note"}  # fmt: skip


def test_the_export_holds_every_text_the_resident_wrote(client):
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    initiative = application.initiative
    type(initiative).objects.filter(pk=initiative.pk).update(
        distance_to_goal="Nog ver.", support_other="Een sleutel.", lessons="Vraag hulp."
    )
    Initiator.objects.filter(user=lead).update(
        interest="Mijn buren.", dream="Een wijkkoor.", allergy="Gedoe.", contribution="Koffie."
    )
    type(application).objects.filter(pk=application.pk).update(
        residents_in_lead="Anna en Piet",
        evaluation_wishes="In mei.",
        iban="NL91ABNA0417164300",
        account_holder="Stichting Koor",
    )
    Message.objects.create(initiative=initiative, sender=lead, body="Mijn vraag over de zaal.")
    evaluation = application.evaluations.first()
    save_resident_view(evaluation=evaluation, by=lead, text="Het gaat goed met ons.")
    accountability = fill_in(application, result="partly")
    services.save_accountability_step(
        accountability=accountability, by=lead, step=4,
        data={"story": "We zongen elke week.", "story_public": True, "lessons": "Begin klein.",
              "next_step": "independent"},
    )  # fmt: skip
    attach(application, "offerte-zaal.pdf")
    initiative.refresh_from_db()
    application.refresh_from_db()
    accountability.refresh_from_db()
    client.force_login(lead)

    response = client.get(reverse("accounts:data-export"))

    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = json.dumps(data, ensure_ascii=False)
    written = [
        *(getattr(initiative, f) for f in INITIATIVE_TEXT),
        *(getattr(Initiator.objects.get(user=lead), f) for f in
          ("interest", "dream", "allergy", "contribution")),
        *(getattr(application, f) for f in APPLICATION_TEXT if f not in STAFF_TEXT),
        *(s.text for s in application.signs.all()),
        *(getattr(accountability, f) for f in ACCOUNTABILITY_TEXT if f not in STAFF_TEXT),
        "Het gaat goed met ons.", "Mijn vraag over de zaal.", "offerte-zaal.pdf",
        lead.email, lead.full_name,
    ]  # fmt: skip
    assert [value for value in written if value and value not in text] == []
    (exported,) = data["applications"]
    assert exported["accountability"]["consent_story_public"] is True
    assert data["initiatives"][0]["consent_publication"] is True
    assert exported["attachments"] == ["offerte-zaal.pdf"]
