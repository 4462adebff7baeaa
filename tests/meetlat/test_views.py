import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from burgerkracht.meetlat import canonical, services
from burgerkracht.meetlat.models import Decision
from tests.factories import PolicyDecisionFactory, UserFactory, complete_decision

pytestmark = pytest.mark.django_db


def _final(by, **extra):
    decision = complete_decision(PolicyDecisionFactory.create(by=by, **extra).decision, by)
    return services.finalise_decision(decision=decision, by=by)


def test_pdf_contains_the_six_principles_and_their_answers(client):
    by = UserFactory(role="facilitator")
    decision = _final(by)
    client.force_login(by)

    response = client.get(reverse("meetlat:pdf", args=[decision.pk]))

    pdf = b"".join(response.streaming_content)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert response["Content-Type"] == "application/pdf"
    for _number, heading, _explanation in canonical.PRINCIPLES:
        assert heading in text
    assert "Deels, want de tijd was kort." in text  # the explanation of principle 3
    assert "Past binnen de begroting." in text  # the financial accountability


def test_asking_again_returns_the_stored_pdf(client):
    by = UserFactory(role="facilitator")
    decision = _final(by)
    client.force_login(by)

    first = b"".join(client.get(reverse("meetlat:pdf", args=[decision.pk])).streaming_content)
    stored = Decision.objects.get(pk=decision.pk).pdf.name
    second = b"".join(client.get(reverse("meetlat:pdf", args=[decision.pk])).streaming_content)

    assert first == second
    assert Decision.objects.get(pk=decision.pk).pdf.name == stored
    assert services.generate_decision_pdf(decision_pk=decision.pk) is False


def test_meetlat_form_explains_and_keeps_input(client):
    by = UserFactory(role="facilitator")
    decision = PolicyDecisionFactory.create(by=by).decision
    client.force_login(by)

    response = client.post(
        reverse("meetlat:meetlat", args=[decision.pk]),
        {"answer_1": "fully", "answer_2": "not", "explanation_2": "", "explanation_3": "Bewaard"},
    )

    assert response.status_code == 200
    # "fully" needs its reflection too (SC-17)
    assert list(response.context["form"].errors) == ["explanation_1", "explanation_2"]
    assert "Bewaard" in response.text
    assert decision.answers.count() == 0


def test_finalise_view_shows_what_is_missing(client):
    by = UserFactory(role="facilitator")
    decision = complete_decision(
        PolicyDecisionFactory.create(by=by).decision, by, skip="legal_accountability"
    )
    client.force_login(by)

    response = client.post(
        reverse("meetlat:finalise", args=[decision.pk]), {"reason": ""}, follow=True
    )

    assert "juridische verantwoording" in response.text
    assert Decision.objects.get(pk=decision.pk).status == "draft"


def test_public_page_shows_the_meetlat_of_public_final_decisions_only(client):
    by = UserFactory(role="facilitator")
    public = _final(by, title="Openbaar besluit")
    services_decision = public
    Decision.objects.filter(pk=services_decision.pk).update(is_public=True)
    internal = _final(by, title="Intern besluit")

    shown = client.get(reverse("meetlat:public-detail", args=[public.pk]))
    hidden = client.get(reverse("meetlat:public-detail", args=[internal.pk]))

    assert shown.status_code == 200
    assert canonical.PRINCIPLES[0][1] in shown.text
    assert hidden.status_code == 404


def test_coverage_figures_are_computed_from_the_answers(client):
    by = UserFactory(role="facilitator")
    PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")
    PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")
    PolicyDecisionFactory.create(by=by, department="Wijkzaken")  # no answers
    partial = PolicyDecisionFactory.create(by=by, department="Zorg").decision
    services.save_meetlat(
        decision=partial, by=by,
        answers={1: ("fully", "Het volgt dit helemaal."), 2: ("not", "Het past niet hierbij.")},
    )  # fmt: skip
    client.force_login(UserFactory(role="read_only"))

    response = client.get(reverse("meetlat:coverage"))
    csv = client.get(reverse("meetlat:coverage"), {"_export": "csv"}).content.decode()

    report = response.context["report"]
    assert (report["overall"].total, report["overall"].complete) == (4, 2)
    assert [(r.label, r.total, r.complete, r.share) for r in report["by_department"]] == [
        ("Wijkzaken", 3, 2, 67),
        ("Zorg", 1, 0, 0),
    ]
    principle_2 = dict(report["by_principle"])[(2, canonical.PRINCIPLES[1][1])]
    assert principle_2 == {"fully": 2, "partly": 0, "not": 1, "na": 0}
    tables = response.context["tables"]  # the page's three tables, from the same report
    assert tables["principle"].rows[1] == (f"2. {canonical.PRINCIPLES[1][1]}", [2, 0, 1, 0])
    assert tables["department"].rows == [
        ("Wijkzaken", (3, 2, 67, 0, 0, 0)),
        ("Zorg", (1, 0, 0, 0, 0, 0)),
    ]
    assert [len(table.columns) for table in tables.values()] == [7, 5, 7]
    assert '<figure class="portal-chart' in response.text  # the chart, as HTML bars
    assert csv.splitlines()[1:] == ["Wijkzaken,3,2,67,0,0,0", "Zorg,1,0,0,0,0,0"]


def test_register_runs_the_same_number_of_queries_at_10_and_100(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    by = UserFactory(role="facilitator")
    client.force_login(by)
    for _ in range(10):
        PolicyDecisionFactory.create(by=by)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("meetlat:register"))
    for _ in range(90):
        PolicyDecisionFactory.create(by=by)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("meetlat:register"))

    assert len(small) == len(large)
    assert len(large) <= 12


def test_a_missing_explanation_names_the_principle_and_the_answer(client):
    by = UserFactory(role="facilitator")
    decision = PolicyDecisionFactory.create(by=by).decision
    client.force_login(by)
    _number, heading, _explanation = canonical.PRINCIPLES[2]

    response = client.post(
        reverse("meetlat:meetlat", args=[decision.pk]),
        {"answer_3": "partly", "explanation_3": " "},
    )

    assert response.context["form"].errors["explanation_3"] == [
        f"Principe 3, {heading}: schrijf kort hoe dit besluit dit principe eert."
    ]
    assert "Leg dit antwoord uit" not in response.text
