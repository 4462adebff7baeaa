"""The advice report (issue #8, REP-04/05/18): every figure against a figure computed here,
in Python, from the objects the factories made; never with the selector under test."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from advice.enums import Adoption, AdviceKind, AdviceStatus, AnswerStatus, PromiseStatus
from advice.models import (
    Advice,
    AdviceEvaluation,
    Answer,
    Meeting,
    Promise,
    PromiseVerdict,
    Recommendation,
)
from advice.services import followup, register
from burgerkracht.core.reporting import reports
from tests.advice.factories import advice_in, advice_request, body, coordinator, member
from tests.factories import UserFactory
from tests.fuzz import get_status
from tests.language import in_language

pytestmark = pytest.mark.django_db

RECEIVED = {AdviceStatus.FINAL, AdviceStatus.ANSWERED, AdviceStatus.CLOSED}
URL = reverse("core:report", args=["advice"])


def today() -> date:
    return timezone.localdate()


# --- the world -----------------------------------------------------------------------------


def solicited(body_slug: str, received_on: date, boss) -> Advice:
    """A solicited advice, final, received on `received_on`."""
    by = member(body_slug, "asd_member" if body_slug == "asd" else "bo_plus_representative")
    asked = advice_request(by=boss, body_slug=body_slug,
                           requested_on=received_on - timedelta(days=60),
                           deadline=received_on)  # fmt: skip
    advice = register.register_advice(by=by, body=body(body_slug), title="Gevraagd",
                                      advice_request=asked, summary="Kort.")  # fmt: skip
    register.save_recommendations(advice=advice, by=by, texts=["Doe het."])
    return register.send_advice(advice=advice, by=by, received_on=received_on)


def move(advice: Advice, days_ago: int) -> None:
    """Received `days_ago` days ago, the answer due eight weeks later (set as data, as an
    import of older advices would)."""
    received = today() - timedelta(days=days_ago)
    Advice.objects.filter(pk=advice.pk).update(
        received_on=received, response_due=received + timedelta(weeks=8)
    )


@pytest.fixture
def world():
    """Two bodies, advices in every stage, answers on time, late and overdue, a reason that
    is blank, promises in every state, evaluations done and due, and meetings."""
    boss = coordinator()
    asd_on_time = advice_in("answered", coordinator_user=boss, title="Op tijd")
    asd_late = advice_in("answered", coordinator_user=boss, title="Te laat")
    move(asd_late, 100)
    asd_overdue = advice_in("final", coordinator_user=boss, title="Over tijd")
    move(asd_overdue, 70)
    advice_in("final", coordinator_user=boss, title="Nog niet nodig")
    advice_in("closed", coordinator_user=boss, title="Gesloten")
    advice_in("concept", title="Nog een concept")
    advice_in("draft_answer", coordinator_user=boss, title="Concept-antwoord")
    last_year = date(today().year - 1, 3, 1)
    solicited("asd", last_year, boss)
    solicited("bo-plus", today(), boss)
    bo = advice_in(
        "answered", body_slug="bo-plus", coordinator_user=boss, title="Van het BO+",
        recommendations=("Een", "Twee", "Drie", "Vier"),
        adoptions=(Adoption.NOT_ADOPTED, Adoption.ALREADY_POLICY, Adoption.ADOPTED,
                   Adoption.PARTLY),
    )  # fmt: skip
    # An older answer without its reasons (from before the rule, or imported).
    Recommendation.objects.filter(advice=bo, number=2).update(reason="   ")
    promises = list(Promise.objects.filter(advice=asd_on_time).order_by("pk"))
    followup.update_promise(promise=promises[0], by=boss, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    followup.update_promise(promise=promises[1], by=boss, note="Gaat niet.",
                            status=PromiseStatus.DROPPED, drop_reason="Geen geld.")  # fmt: skip
    Promise.objects.filter(advice=bo).update(due_on=today() - timedelta(days=3))
    AdviceEvaluation.objects.filter(advice=asd_late).update(due_on=today() - timedelta(days=1))
    for day, slug in ((today().replace(month=1, day=15), "asd"),
                      (today().replace(month=2, day=15), "asd"),
                      (today().replace(month=3, day=15), "bo-plus"),
                      (last_year, "asd")):  # fmt: skip
        followup.plan_meeting(by=boss, body=body(slug), date=day, title="Overleg")
    return boss


# --- the expected numbers, computed in Python from the objects -----------------------------


def received(start=None, end=None, slug=None) -> list[Advice]:
    return [
        a for a in Advice.objects.select_related("body").order_by("pk")
        if a.status in RECEIVED and a.received_on
        and (start is None or a.received_on >= start) and (end is None or a.received_on <= end)
        and (slug is None or a.body.slug == slug)
    ]  # fmt: skip


def published_on(advice: Advice) -> date | None:
    answer = Answer.objects.filter(advice=advice).first()
    if answer is None or answer.status != AnswerStatus.PUBLISHED:
        return None
    return timezone.localdate(answer.published_at)


def expected(advices: list[Advice]) -> dict:
    on_time = late = overdue = open_ = 0
    days = []
    for advice in advices:
        answered = published_on(advice)
        if answered is not None:
            days.append((answered - advice.received_on).days)
            if answered <= advice.response_due:
                on_time += 1
            else:
                late += 1
        elif advice.response_due < today():
            overdue += 1
        else:
            open_ += 1
    recs = [r for a in advices if published_on(a) for r in a.recommendations.all()]
    not_fully = [r for r in recs if r.adoption != Adoption.ADOPTED]
    promises = [p for a in advices for p in a.promises.all()]
    is_open = [p for p in promises if p.status in (PromiseStatus.NEW, PromiseStatus.ON_TRACK)]
    evaluations = [e for a in advices for e in AdviceEvaluation.objects.filter(advice=a)]
    return {
        "total": len(advices),
        "solicited": sum(a.kind == AdviceKind.SOLICITED for a in advices),
        "unsolicited": sum(a.kind == AdviceKind.UNSOLICITED for a in advices),
        "on_time": on_time, "late": late, "overdue": overdue, "open": open_,
        "share_on_time": f"{round(100 * on_time / (on_time + late + overdue))}%",
        "days": round(sum(days) / len(days), 1) if days else "—",
        "adoption": Counter(r.adoption for r in recs),
        "needs_reason": len(not_fully),
        "with_reason": sum(bool(r.reason.strip()) for r in not_fully),
        "promises": len(promises),
        "done": sum(p.status == PromiseStatus.DONE for p in promises),
        "dropped": sum(p.status == PromiseStatus.DROPPED for p in promises),
        "promise_overdue": sum(p.due_on < today() for p in is_open),
        "promise_open": sum(p.due_on >= today() for p in is_open),
        "kept": PromiseVerdict.objects.filter(promise__in=promises, kept="kept").count(),
        "evaluated": sum(e.status == "done" for e in evaluations),
        "evaluation_due": sum(e.status == "planned" and e.due_on <= today() for e in evaluations),
    }  # fmt: skip


def figures(sections) -> dict[str, dict[str, object]]:
    """Figures by section and label, keyed by the English msgid: the labels are translated
    at runtime, so the lookup translates the same way."""
    return _Translated(
        {str(s.title): _Translated({str(f.label): f.value for f in s.figures}) for s in sections}
    )


class _Translated(dict):
    def __getitem__(self, key):
        return super().__getitem__(gettext(key))

    def __eq__(self, other):
        return dict(self) == {gettext(k): v for k, v in other.items()}

    __hash__ = None


def table(sections, title: str) -> list[dict]:
    return next(t.rows for s in sections for t in s.tables if str(t.title) == gettext(title))


def build(**filters):
    return reports.build(reports.get("advice"), filters)


# --- figures -------------------------------------------------------------------------------


def test_every_figure_equals_the_figure_computed_from_the_objects(world):
    want = expected(received())

    got = figures(build())

    assert got["Advices received"] == {
        "Advices received": want["total"], "Solicited": want["solicited"],
        "Unsolicited": want["unsolicited"],
    }  # fmt: skip
    answers = got["Answers"]
    assert answers["Answers on time"] == want["share_on_time"]
    assert answers["Average days to the answer"] == want["days"]
    assert answers["Answers overdue"] == want["overdue"]
    recs = got["Recommendations"]
    assert recs["Not (fully) adopted with reasons"] == (
        f"{round(100 * want['with_reason'] / want['needs_reason'])}%"
    )
    assert {value: recs[str(label)] for value, label in Adoption.choices} == {
        value: want["adoption"][value] for value in Adoption.values
    }
    assert got["Promises"] == {
        "Promises": want["promises"], "Kept": want["done"], "Open": want["promise_open"],
        "Overdue": want["promise_overdue"], "Dropped": want["dropped"],
    }  # fmt: skip
    due = want["evaluated"] + want["evaluation_due"]
    assert got["Evaluations of advices"] == {
        "Evaluations done": f"{round(100 * want['evaluated'] / due)}%",
        "Evaluations due, not done": want["evaluation_due"],
    }  # fmt: skip


def test_the_world_has_what_the_figures_are_about(world):
    """A guard on the fixture: every kind of case is present, so no figure is trivially 0."""
    want = expected(received())

    assert min(want["on_time"], want["late"], want["overdue"], want["open"]) >= 1
    assert min(want["solicited"], want["unsolicited"], want["done"], want["dropped"]) >= 1
    assert min(want["promise_overdue"], want["promise_open"], want["evaluated"]) >= 1
    assert want["evaluation_due"] >= 1 and want["kept"] >= 1
    assert 0 < want["with_reason"] < want["needs_reason"]


def test_reasons_share_counts_partly_not_adopted_and_already_policy(world):
    """The headline: of the recommendations that are not (fully) adopted, the share with
    reasons. The BO+ advice has three (not, already policy, partly), one with a blank reason."""
    sections = build(orgaan=body("bo-plus"))

    assert figures(sections)["Recommendations"]["Not (fully) adopted with reasons"] == "67%"
    row = table(sections, "Recommendations per body")[0]
    assert (row["needs_reason"], row["with_reason"], row["share"]) == (3, 2, 67)


def test_tables_per_body_equal_the_objects_per_body(world):
    sections = build()

    per_body = {row["body_name"]: row for row in table(sections, "Answers per body")}
    for slug, name in (("asd", "ASD"), ("bo-plus", "BO+")):
        want = expected(received(slug=slug))
        row = per_body[name]
        assert (row["total"], row["on_time"], row["late"], row["open"], row["overdue"]) == (
            want["total"],
            want["on_time"],
            want["late"],
            want["open"],
            want["overdue"],
        )
        assert row["days"] == (None if want["days"] == "—" else want["days"])
    promises = {row["body_name"]: row for row in table(sections, "Promises per body")}
    want = expected(received(slug="asd"))
    assert (promises["ASD"]["total"], promises["ASD"]["done"], promises["ASD"]["dropped"],
            promises["ASD"]["kept"]) == (want["promises"], want["done"], want["dropped"],
                                         want["kept"])  # fmt: skip


def test_advices_per_body_and_year_count_each_advice_once(world):
    rows = table(build(), "Advices per body and year")

    want = Counter((a.body.short_name, a.received_on.year, a.kind) for a in received())
    got = Counter()
    for row in rows:
        got[(row["body_name"], row["year"], AdviceKind.SOLICITED)] += row["solicited"]
        got[(row["body_name"], row["year"], AdviceKind.UNSOLICITED)] += row["unsolicited"]
    assert +got == want


def test_meetings_per_body_and_year_against_the_minimum(world, settings):
    settings.ADVICE_MEETINGS_PER_YEAR = 2
    year = today().year

    sections = build(van=date(year - 1, 1, 1), tot=date(year, 12, 31))

    want = Counter((m.body.short_name, m.date.year) for m in Meeting.objects.all())
    rows = {(r["body_name"], r["year"]): r for r in table(sections, "Meetings per body and year")}
    assert set(rows) == {(name, y) for name in ("ASD", "BO+") for y in (year - 1, year)}
    assert {key: row["meetings"] for key, row in rows.items()} == {
        key: want.get(key, 0) for key in rows
    }
    assert [rows[("ASD", year)]["enough"], rows[("BO+", year)]["enough"]] == [
        gettext("yes"),
        gettext("no"),
    ]
    below = sum(want.get(key, 0) < 2 for key in rows)
    assert figures(sections)["Meetings of the college with the bodies"][
        "Years below the minimum"] == below  # fmt: skip


# --- filters -------------------------------------------------------------------------------


def test_period_filter_counts_advices_received_in_the_period(world):
    year = today().year - 1
    start, end = date(year, 1, 1), date(year, 12, 31)

    got = figures(build(van=start, tot=end))["Advices received"]

    want = expected(received(start=start, end=end))
    assert got["Advices received"] == want["total"] == 1
    assert got["Solicited"] == want["solicited"] == 1


def test_body_filter_counts_only_that_body(world, client):
    client.force_login(world)

    response = client.get(URL, {"orgaan": "bo-plus"})

    sections = response.context["sections"]
    want = expected(received(slug="bo-plus"))
    assert figures(sections)["Advices received"]["Advices received"] == want["total"]
    assert {row["body_name"] for row in table(sections, "Answers per body")} == {"BO+"}


BAD_QUERIES = [
    {"van": "gisteren", "tot": "2026-02-30"},
    {"orgaan": "bestaat-niet"},
    {"orgaan": "' or 1=1 --", "van": "9999-99-99"},
    {"van": "2026-12-31", "tot": "2026-01-01"},
    {"van": "0001-01-01", "tot": "9999-12-31"},
    {"_export": "csv", "tabel": "../../etc"},
    {"_export": "xlsx", "orgaan": ["asd", "bo-plus"], "van": "\x00"},
    {"_export": "pdf"},
]


def test_invalid_filter_input_never_fails(world, client):
    client.force_login(world)

    statuses = [client.get(URL, query).status_code for query in BAD_QUERIES]

    assert statuses == [get_status(query) for query in BAD_QUERIES]


def test_an_unknown_body_is_ignored_and_the_error_shown(world, client):
    client.force_login(world)

    response = client.get(URL, {"orgaan": "bestaat-niet"})

    assert response.context["form"].errors["orgaan"]
    assert figures(response.context["sections"])["Advices received"]["Advices received"] == len(
        received()
    )


# --- export --------------------------------------------------------------------------------


def test_csv_export_parses_back_to_the_table(world, client):
    client.force_login(world)
    answers = next(
        t for s in build() for t in s.tables if str(t.title) == gettext("Answers per body")
    )

    response = client.get(URL, {"_export": "csv", "tabel": answers.slug})

    assert response["Content-Type"].startswith("text/csv")
    data = tablib.Dataset().load(response.content.decode(), format="csv")
    assert data.headers == [str(c.label) for c in answers.columns]
    assert data.headers[:3] == [gettext("Body"), gettext("Advices"), gettext("On time")]
    assert [(r[0], int(r[1]), int(r[2]), int(r[5])) for r in data] == [
        (row["body_name"], row["total"], row["on_time"], row["overdue"]) for row in answers.rows
    ]
    want = expected(received(slug="asd"))
    assert [int(r[5]) for r in data if r[0] == "ASD"] == [want["overdue"]]


def test_xlsx_export_holds_every_table(world, client):
    from openpyxl import load_workbook

    client.force_login(world)
    sections = build()

    response = client.get(URL, {"_export": "xlsx"})

    book = load_workbook(io.BytesIO(response.content))
    tables = [t for s in sections for t in s.tables]
    assert len(book.sheetnames) == len(tables)
    sheet = book[book.sheetnames[1]]  # answers per body
    values = list(sheet.iter_rows(values_only=True))
    assert [str(c.label) for c in tables[1].columns] == list(values[0])
    assert [(v[0], v[1]) for v in values[1:]] == [
        (r["body_name"], r["total"]) for r in tables[1].rows
    ]


# --- the page ------------------------------------------------------------------------------


def test_page_shows_the_headline_figures_and_charts(world, client):
    client.force_login(member("asd"))

    page = in_language(client, "en").get(URL).content.decode()

    assert "Not (fully) adopted with reasons" in page
    assert '<figure class="portal-chart' in page
    assert "Nog een concept" not in page  # aggregates only


@pytest.mark.parametrize(("role", "status"), [
    ("resident", 403), ("professional", 403), ("asd_member", 200),
    ("bo_plus_representative", 200), ("asd_secretary", 200), ("read_only", 200),
    ("advice_coordinator", 200), ("facilitator", 200),
])  # fmt: skip
def test_who_may_read_the_advice_report(client, role, status):
    client.force_login(UserFactory(role=role))

    assert client.get(URL).status_code == status


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_advice_report_is_in_the_annual_report():
    assert reports.get("advice") in reports.annual_reports()
