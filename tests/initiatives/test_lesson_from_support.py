"""A lesson from an answered support request ("Een les vastleggen"), and the rule domain of
a lesson as a search in the lessons library."""

import pytest
from django.urls import reverse

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import lessons, support
from initiatives.models import Lesson
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
ANSWER = "Ja, dat mag met een ontheffing van het UWV."


@pytest.fixture
def case():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    request = support.ask_support(
        by=facilitator, initiative=initiative, question="Mogen deelnemers met behoud van "
        "uitkering meewerken?", domain="work", organisation=OrganisationFactory(name="Werk"),
        decider_name="Els Jansen", decider_email="e.jansen@almere.nl",
    )  # fmt: skip
    return initiative, facilitator, request


def _lesson_url(initiative, request) -> str:
    query = f"?initiatief={initiative.pk}&bron=support_request&hulpvraag={request.pk}"
    return reverse("initiatives:lesson-create") + query


def test_an_answered_request_offers_its_officials_to_record_a_lesson(client, case):
    initiative, facilitator, request = case
    client.force_login(facilitator)
    assert "Een les vastleggen" not in client.get(request.get_absolute_url()).text
    support.answer_request(request=request, by=facilitator, answer=ANSWER)

    page = client.get(request.get_absolute_url()).text
    assert "Een les vastleggen" in page
    assert _lesson_url(initiative, request).replace("&", "&amp;") in page
    form = client.get(_lesson_url(initiative, request)).text
    assert 'value="work" selected' in form  # the rule domain of the request
    assert 'value="support_request"' in form and "checked" in form
    response = client.post(_lesson_url(initiative, request), {
        "title": "Vraag de ontheffing vroeg aan", "text": "Het duurt zes weken.",
        "theme": initiative.theme, "source": "support_request", "rule_domain": "work",
        "source_note": "De hulpvraag over uitkeringen",
    })  # fmt: skip

    lesson = Lesson.objects.get()
    assert response.status_code == 302 and response.url == lesson.get_absolute_url()
    assert (lesson.support_request, lesson.initiative, lesson.rule_domain) == (
        request, initiative, "work")  # fmt: skip
    event = AuditEvent.objects.get(action="lesson.written")
    assert event.data["support_request"] == request.pk
    detail = client.get(lesson.get_absolute_url()).text
    assert request.get_absolute_url() in detail
    assert "Werk en verdringing" in detail


def test_the_initiators_get_no_lesson_link(client, case):
    initiative, facilitator, request = case
    support.answer_request(request=request, by=facilitator, answer=ANSWER)
    client.force_login(initiative.created_by)

    page = client.get(request.get_absolute_url())

    assert page.status_code == 200 and "Een les vastleggen" not in page.text


def test_a_request_of_another_initiative_or_still_open_is_not_a_source(client, case):
    initiative, facilitator, request = case
    other = InitiativeFactory(active=True, facilitator=facilitator)
    client.force_login(facilitator)
    assert client.get(_lesson_url(initiative, request)).status_code == 404  # not answered
    support.answer_request(request=request, by=facilitator, answer=ANSWER)
    assert client.get(_lesson_url(other, request)).status_code == 404
    with pytest.raises(DomainError):
        lessons.write_lesson(by=facilitator, title="Les", text="Tekst", theme=other.theme,
                             source="support_request", initiative=other,
                             support_request=request)  # fmt: skip
    assert not Lesson.objects.exists()


def test_the_library_is_searched_by_rule_domain(client, case):
    _, facilitator, _ = case
    housing = lessons.write_lesson(by=facilitator, title="Een woning voor de begeleider",
                                   text="Tekst", theme="care", source="other",
                                   rule_domain="housing")  # fmt: skip
    lessons.write_lesson(by=facilitator, title="Een werkplek zonder verdringing", text="Tekst",
                         theme="care", source="other", rule_domain="work")  # fmt: skip
    lessons.write_lesson(by=facilitator, title="Zonder regels", text="Tekst", theme="care",
                         source="other")  # fmt: skip
    client.force_login(facilitator)

    page = client.get(reverse("initiatives:lessons-officials") + "?rule_domain=housing").text

    assert housing.title in page
    assert "Een werkplek zonder verdringing" not in page and "Zonder regels" not in page
