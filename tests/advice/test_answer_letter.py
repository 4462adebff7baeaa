"""The municipality's answer to an advice is a letter to the advisory body (issue #24): the
body and its contact person in the window of the envelope, the advice's reference, the
municipality's contact person for this advice, and the answer per recommendation."""

import pytest

from advice.models import Advice
from advice.services import answer as answer_services
from advice.services import register
from burgerkracht.core.models import Municipality
from tests.advice.factories import advice_in, coordinator, member, write_answer
from tests.budget.test_letter_envelope import pdftotext
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_answer_is_a_letter_to_the_body_that_fits_the_window_envelope(tmp_path):
    Municipality.objects.create(name="Gemeente Rivierstad", phone="14 030",
                                postal_address="Postbus 100, 1234 AB Rivierstad")  # fmt: skip
    Municipality.forget_current()
    boss = UserFactory(role="advice_coordinator", full_name="Karin de Wit")
    secretary = member("asd", role="asd_secretary", user=UserFactory(full_name="Piet Post"))
    advice = advice_in("final", coordinator_user=boss, title="Wmo-loket")
    register.set_contacts(
        advice=advice, by=boss, contact=boss, backup=coordinator(), body_contact=secretary
    )
    write_answer(advice, boss, ("adopted", "not_adopted", "adopted"))
    answer_services.approve_answer(advice=advice, by=boss)
    answer_services.publish_answer(advice=advice, by=boss)
    advice = Advice.objects.get(pk=advice.pk)

    assert answer_services.generate_answer_pdf(answer_pk=advice.answer.pk)
    pdf = Advice.objects.get(pk=advice.pk).answer.pdf.read()

    text = pdftotext(pdf)
    assert advice.reference in text
    assert 'Ons antwoord op je advies "Wmo-loket"' in text
    assert "Karin de Wit" in text and boss.email in text and "14 030" in text
    window = pdftotext(pdf, 20, 50, 85, 40)
    assert advice.body.name.split()[0] in window
    assert "Piet Post" in window
    assert "Retouradres" in window
    assert "Wmo-loket" not in window  # the letter's text is not in the window
    (tmp_path / "answer.pdf").write_bytes(pdf)  # to look at: pytest --basetemp=…
