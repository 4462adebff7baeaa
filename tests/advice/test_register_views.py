"""The register pages: the register with its filters, export and constant query count; the
requests with their time-pressure rule and timeline; the advice from concept to sent."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advice.enums import AdviceKind, AdviceStatus, RequestStatus
from advice.models import Advice, AdviceRequest, Promise
from tests.advice.factories import advice_in, advice_request, body, coordinator, member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English: the assertions read the msgids, whatever locale/nl says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


TODAY = timezone.localdate


def _date(days: int = 0) -> str:
    return (TODAY() + timedelta(days=days)).isoformat()


def _request_data(**overrides):
    return {
        "body": body("asd").pk, "subject": "Armoedebeleid", "question": "Wat vindt u ervan?",
        "department": "Sociaal Domein", "requested_on": _date(), "deadline": _date(60),
        **overrides,
    }  # fmt: skip


# --- the register ----------------------------------------------------------------------------


def test_register_lists_what_each_side_may_see(client):
    boss = coordinator()
    asd_member = member("asd")
    concept = advice_in("concept", by=asd_member, title="Eigen concept ASD")
    other = advice_in("concept", body_slug="bo-plus", title="Geheim BO-concept")
    final = advice_in("final", body_slug="bo-plus", title="Definitief BO-advies")

    client.force_login(asd_member)
    page = client.get(reverse("advice:register")).content.decode()
    assert concept.title in page and final.title in page
    assert other.title not in page

    client.force_login(boss)
    page = client.get(reverse("advice:register")).content.decode()
    assert concept.title in page and final.title in page and other.title in page

    client.force_login(UserFactory(role="asd_member"))  # the role, but no membership
    assert client.get(reverse("advice:register")).status_code == 403


def test_register_filters_and_flags_overdue_answers_and_promises(client, time_machine):
    boss = coordinator()
    late = advice_in("final", title="Te laat beantwoord", coordinator_user=boss)
    answered = advice_in("answered", title="Met toezeggingen", coordinator_user=boss)
    Advice.objects.filter(pk=late.pk).update(response_due=TODAY() - timedelta(days=1))
    Promise.objects.filter(advice=answered).update(due_on=TODAY() - timedelta(days=2))
    client.force_login(boss)
    url = reverse("advice:register")

    page = client.get(url, {"answer_overdue": "yes"}).content.decode()
    assert late.title in page and answered.title not in page
    page = client.get(url, {"promises_overdue": "yes"}).content.decode()
    assert answered.title in page and late.title not in page
    page = client.get(url, {"status": AdviceStatus.ANSWERED}).content.decode()
    assert answered.title in page and late.title not in page
    page = client.get(url, {"kind": AdviceKind.SOLICITED}).content.decode()
    assert answered.title not in page

    export = client.get(url, {"_export": "csv", "promises_overdue": "yes"}).content.decode()
    row = next(line for line in export.splitlines() if answered.reference in line)
    open_count = answered.promises.count()
    assert f",{open_count},{open_count}," in row  # open promises, overdue promises
    assert client.get(url, {"_export": "xlsx"}).status_code == 200


def _bulk_advices(count: int, asd) -> None:
    year = TODAY().year
    Advice.objects.bulk_create(
        Advice(reference=f"BLK-{year}-{n:05d}", body=asd, kind=AdviceKind.UNSOLICITED,
               title=f"Advies {n}", status=AdviceStatus.FINAL, received_on=TODAY(),
               response_due=TODAY() - timedelta(days=n % 3))
        for n in range(count)
    )  # fmt: skip


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"per_page": 1000})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_register_shows_the_20_earliest_open_requests_and_all_on_request(client):
    boss = coordinator()
    for days in range(60, 85):  # 25 open requests, deadlines 60 to 84 days away
        advice_request(by=boss, days=days, subject=f"Verzoek {days}")
    client.force_login(boss)

    page = client.get(reverse("advice:register")).content.decode()
    everything = client.get(reverse("advice:register") + "?verzoeken=alle").content.decode()

    assert [f"Verzoek {d}<" in page for d in (60, 79, 80, 84)] == [True, True, False, False]
    assert "The 20 earliest deadlines of 25 open requests." in page
    assert 'href="?verzoeken=alle#requests-title"' in page
    assert all(f"Verzoek {d}<" in everything for d in range(60, 85))
    assert "earliest deadlines of" not in everything


def test_register_runs_the_same_number_of_queries_at_10_and_1000_advices(client):
    boss = coordinator()
    asd = body("asd")
    advice_in("answered", coordinator_user=boss)  # promises and an answer in the mix
    advice_request(by=boss)
    client.force_login(boss)
    url = reverse("advice:register")
    _bulk_advices(10, asd)
    client.get(url)  # warm caches (content types, sessions)
    few = _queries(client, url)
    Advice.objects.filter(reference__startswith="BLK-").delete()
    _bulk_advices(1000, asd)
    many = _queries(client, url)
    assert few == many
    # 1,001 advices received the same day: a page of 2,000 holds them all, whatever the order.
    page = client.get(url, {"per_page": 2000}).content.decode()
    assert "Advies 999" in page and "Advies 0<" in page


# --- requests ------------------------------------------------------------------------------


def test_request_create_refuses_time_pressure_without_reason_and_keeps_input(client):
    boss = coordinator()
    client.force_login(boss)
    url = reverse("advice:request-create")
    response = client.post(url, _request_data(deadline=_date(10)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "less than 42 days" in page and "error-summary" in page
    assert 'value="Armoedebeleid"' in page  # the input is kept
    assert not AdviceRequest.objects.exists()
    assert response.context["form"].errors["pressure_reason"]
    assert response.context["form"].errors["time_agreement"]

    response = client.post(url, _request_data(
        deadline=_date(10), pressure_reason="Besluit voor het reces.",
        time_agreement="Eén extra avond.",
    ))  # fmt: skip
    made = AdviceRequest.objects.get()
    assert response.status_code == 302 and made.is_time_pressure

    # Both sides see the time pressure, its reason and the agreement.
    client.force_login(member("asd"))
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Besluit voor het reces." in page and "Eén extra avond." in page
    assert "Time pressure" in page


def test_request_create_only_by_editors(client):
    client.force_login(member("asd"))
    assert client.get(reverse("advice:request-create")).status_code == 403
    client.logout()
    assert client.get(reverse("advice:request-create")).status_code == 302


def test_moving_the_deadline_needs_a_reason_and_shows_on_the_timeline(client):
    boss = coordinator()
    r = advice_request(by=boss, days=60)
    client.force_login(boss)
    url = reverse("advice:request-edit", args=[r.pk])
    data = {**_request_data(requested_on=r.requested_on.isoformat(), deadline=_date(90))}
    del data["body"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    AdviceRequest.objects.get(pk=r.pk, deadline=r.deadline)

    response = client.post(url, {**data, "reason": "Het college vergadert later."})
    assert response.status_code == 302
    assert AdviceRequest.objects.get(pk=r.pk).deadline == TODAY() + timedelta(days=90)
    page = client.get(r.get_absolute_url()).content.decode()
    assert "Het college vergadert later." in page
    assert (TODAY() + timedelta(days=90)).strftime("%Y") in page
    assert "moved from" in page


def test_request_lapse_and_withdraw_need_a_reason(client):
    boss = coordinator()
    r = advice_request(by=boss)
    client.force_login(boss)
    url = reverse("advice:request-lapse", args=[r.pk])
    assert client.post(url, {"reason": " "}).status_code == 200
    assert client.post(url, {"reason": "Geen tijd gehad."}).status_code == 302
    r.refresh_from_db()
    assert r.status == RequestStatus.LAPSED and r.lapsed_reason == "Geen tijd gehad."
    # A lapsed request can no longer be withdrawn: the service refuses, the page says so.
    response = client.post(
        reverse("advice:request-withdraw", args=[r.pk]),
        {"reason": "Het college wil het niet meer."},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_request_detail_is_for_the_body_and_internal_roles(client):
    r = advice_request()
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(r.get_absolute_url()).status_code == 403
    client.force_login(UserFactory(role="read_only"))
    assert client.get(r.get_absolute_url()).status_code == 200


# --- the advice ----------------------------------------------------------------------------


def test_body_registers_a_solicited_advice_writes_recommendations_and_sends_it(client):
    boss = coordinator()
    r = advice_request(by=boss)
    asd_member = member("asd")
    client.force_login(asd_member)
    create = reverse("advice:advice-create")
    assert f'value="{r.pk}" selected' in client.get(create, {"aanvraag": r.pk}).content.decode()
    response = client.post(create, {"body": body("asd").pk, "advice_request": r.pk,
                                    "title": "Advies over de verordening"})  # fmt: skip
    advice = Advice.objects.get(title="Advies over de verordening")
    assert response.url == reverse("advice:recommendations", args=[advice.pk])
    assert advice.kind == AdviceKind.SOLICITED and advice.advice_request == r

    # Sending is refused while things are missing; the page lists them.
    send = reverse("advice:advice-send", args=[advice.pk])
    page = client.get(send).content.decode()
    assert "at least one recommendation" in page
    assert client.post(send, {}).status_code == 200
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.CONCEPT

    recs = reverse("advice:recommendations", args=[advice.pk])
    assert client.get(recs).context["form"].fields.keys() == {"rec_1", "rec_2", "rec_3"}
    client.post(recs, {"rec_1": "Eerst dit.", "rec_2": "", "rec_3": "Dan dat."})
    assert list(advice.recommendations.values_list("number", "text")) == [
        (1, "Eerst dit."), (2, "Dan dat.")
    ]  # fmt: skip
    assert len(client.get(recs).context["form"].fields) == 5

    edit = reverse("advice:advice-edit", args=[advice.pk])
    client.post(edit, {"title": "Advies over de verordening", "summary": "Kort gezegd."})
    assert client.post(send, {}).status_code == 302
    advice.refresh_from_db()
    r.refresh_from_db()
    assert advice.status == AdviceStatus.FINAL and r.status == RequestStatus.ANSWERED
    assert client.get(edit).status_code == 403  # no longer a concept

    take_back = reverse("advice:advice-take-back", args=[advice.pk])
    assert client.post(take_back, {"reason": ""}).status_code == 200
    assert client.post(take_back, {"reason": "Nog een zin erbij."}).status_code == 302
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.CONCEPT


def test_a_body_member_registers_only_for_their_own_body(client):
    asd_member = member("asd")
    client.force_login(asd_member)
    response = client.post(reverse("advice:advice-create"),
                           {"body": body("bo-plus").pk, "title": "Namens een ander"})  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["body"]
    assert not Advice.objects.filter(title="Namens een ander").exists()


def test_earlier_reaction_needs_the_consent_note(client):
    client.force_login(coordinator())
    data = {"body": body("asd").pk, "title": "Eerdere reactie", "from_earlier_reaction": "on"}
    response = client.post(reverse("advice:advice-create"), data)
    assert response.status_code == 200 and response.context["form"].errors["consent_note"]
    response = client.post(reverse("advice:advice-create"),
                           {**data, "consent_note": "Akkoord van de voorzitter."})  # fmt: skip
    assert Advice.objects.get(title="Eerdere reactie").from_earlier_reaction


def test_withdraw_a_concept_with_a_reason(client):
    asd_member = member("asd")
    advice = advice_in("concept", by=asd_member)
    client.force_login(asd_member)
    url = reverse("advice:advice-withdraw", args=[advice.pk])
    assert client.post(url, {"reason": "Niet meer nodig."}).status_code == 302
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.WITHDRAWN


def test_the_draft_answer_stays_internal_on_the_advice_page(client):
    boss = coordinator()
    asd_member = member("asd")
    advice = advice_in("draft_answer", by=asd_member, coordinator_user=boss)
    url = advice.get_absolute_url()
    client.force_login(asd_member)
    assert "Omdat het budget al vastligt." not in client.get(url).content.decode()
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert "Omdat het budget al vastligt." not in client.get(url).content.decode()
    client.force_login(boss)
    assert "Omdat het budget al vastligt." in client.get(url).content.decode()
    assert client.get(reverse("advice:answer-pdf", args=[advice.pk])).status_code == 404


def test_contacts_and_publication(client):
    boss = coordinator()
    advice = advice_in("final", coordinator_user=boss)
    backup = UserFactory(role="administrator")
    body_contact = member("asd")
    client.force_login(boss)
    url = reverse("advice:advice-contacts", args=[advice.pk])
    response = client.post(url, {"contact": boss.pk, "backup": boss.pk})
    assert response.status_code == 200 and response.context["form"].errors["backup"]
    outsider = UserFactory(role="resident")
    response = client.post(url, {"contact": boss.pk, "backup": outsider.pk})
    assert response.status_code == 200 and response.context["form"].errors["backup"]
    client.post(url, {"contact": boss.pk, "backup": backup.pk, "body_contact": body_contact.pk})
    advice.refresh_from_db()
    assert (advice.backup_contact, advice.body_contact) == (backup, body_contact)

    public = reverse("advice:advice-public", args=[advice.pk])
    client.post(public, {"is_public": "on"})
    assert Advice.objects.get(pk=advice.pk).is_public
    assert client.get(reverse("advice:public-detail", args=[advice.pk])).status_code == 200
    client.post(public, {})
    assert not Advice.objects.get(pk=advice.pk).is_public
