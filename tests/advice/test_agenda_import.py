"""SC-10: importing an agenda's topics from a file — the preview row by row, the Dutch error
per wrong row, all or nothing, never twice — and the agenda page's progress per phase."""

from __future__ import annotations

from datetime import timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone, translation

from advice.enums import Kept
from advice.models import Promise
from advice.services import agenda_import, promises
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.advice.agenda_factories import agenda, agenda_promise, vip_member
from tests.advice.factories import coordinator, member
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HEADERS = ["onderwerp", "fase", "eigenaar", "afdeling", "deadline"]


def lia_rows(owner, n: int = 58) -> list[list[str]]:
    """The 58 topics of the Lokale Inclusie Agenda, in three phases, dates in both forms."""
    rows = []
    for i in range(1, n + 1):
        phase = f"Fase {1 + (i - 1) // 20} ({2019 + 2 * ((i - 1) // 20)})"
        due = timezone.localdate() + timedelta(days=30 * i)
        rows.append(
            [
                f"Onderwerp {i} van de inclusieagenda",
                phase,
                owner.email.upper(),
                "Sociaal Domein",
                due.strftime("%d-%m-%Y") if i % 2 else due.isoformat(),
            ]
        )
    return rows  # fmt: skip


def as_file(rows, fmt: str = "xlsx") -> tuple[str, bytes]:
    data = tablib.Dataset(*rows, headers=HEADERS)
    content = data.export(fmt)
    return f"lia.{fmt}", content.encode("utf-8") if isinstance(content, str) else content


@pytest.fixture
def boss():
    return coordinator()


@pytest.fixture
def lia(boss):
    return agenda(by=boss)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_58_rows_preview_first_then_all_in_one_go(boss, lia, fmt):
    owner = UserFactory(role="facilitator")
    name, content = as_file(lia_rows(owner), fmt)
    preview = agenda_import.read_import(by=boss, agenda=lia, filename=name, content=content)
    assert preview.is_valid and len(preview.rows) == 58
    assert not Promise.objects.exists()  # the preview creates nothing
    assert preview.rows[0].owner == owner and preview.rows[1].due_on is not None

    created = agenda_import.confirm_import(by=boss, agenda=lia, token=preview.token)

    assert len(created) == 58 == lia.promises.count()
    assert set(lia.promises.values_list("phase", flat=True)) == {
        "Fase 1 (2019)", "Fase 2 (2021)", "Fase 3 (2023)"}  # fmt: skip
    assert AuditEvent.objects.get(action="agenda.imported").data["rows"] == 58


def test_the_same_file_twice_is_refused_and_creates_nothing_twice(boss, lia):
    name, content = as_file(lia_rows(UserFactory(role="facilitator"), 5))
    first = agenda_import.read_import(by=boss, agenda=lia, filename=name, content=content)
    agenda_import.confirm_import(by=boss, agenda=lia, token=first.token)
    again = agenda_import.read_import(by=boss, agenda=lia, filename=name, content=content)
    assert again.error_count == 5
    assert {tuple(r.errors) for r in again.rows} == {("This topic is already on the agenda.",)}
    with pytest.raises(DomainError):
        agenda_import.confirm_import(by=boss, agenda=lia, token=again.token)
    # A confirmation sent twice (a double click) does not create the rows twice either.
    with pytest.raises(DomainError):
        agenda_import.confirm_import(by=boss, agenda=lia, token=first.token)
    assert lia.promises.count() == 5


def malformed(owner) -> list[list[str]]:
    good = lia_rows(owner, 3)
    return [
        good[0],
        ["", "Fase 1", owner.email, "Burgerzaken", "01-01-2030"],  # empty text
        ["Onderwerp X", "Fase 1", "onbekend@example.org", "Burgerzaken", "01-01-2030"],
        ["Onderwerp Y", "Fase 1", owner.email, "Burgerzaken", "31-02-2030"],  # no such day
        [good[0][0].lower(), "Fase 1", owner.email, "Burgerzaken", "01-01-2030"],  # duplicate
        ["x" * 6000, "Fase 1", owner.email, "Burgerzaken", "01-01-2030"],  # too long
        ["Onderwerp Z", "Fase 1", "bewoner@example.org", "", "morgen"],
    ]


def test_a_malformed_file_shows_the_error_per_row_in_dutch_and_creates_nothing(client, boss, lia):
    owner = UserFactory(role="facilitator")
    UserFactory(role="resident", email="bewoner@example.org")  # not staff: not an owner
    name, content = as_file(malformed(owner))
    client.force_login(boss)
    in_language(client, "nl")
    url = reverse("advice:agenda-import", args=[lia.pk])

    response = client.post(url, {"file": _upload(name, content)})

    page = response.content.decode()
    rows = {row.line: row.errors for row in response.context["preview"].rows}
    assert rows[2] == []
    assert rows[3] == ["De tekst is leeg."]
    assert rows[4] == ["Onbekende eigenaar: onbekend@example.org is geen actieve medewerker."]
    assert rows[5] == ["De deadline “31-02-2030” is geen datum: schrijf dd-mm-jjjj."]
    assert rows[6] == ["Hetzelfde onderwerp als regel 2."]
    assert rows[7] == ["De tekst is te lang: maximaal 5000 tekens."]
    assert rows[8] == [
        "Onbekende eigenaar: bewoner@example.org is geen actieve medewerker.",
        "De afdeling is leeg.",
        "De deadline “morgen” is geen datum: schrijf dd-mm-jjjj.",
    ]
    assert "6 foute regels" in page and 'name="confirm"' not in page
    assert not Promise.objects.exists()


def test_a_file_without_the_columns_or_rows_is_refused(boss, lia):
    with pytest.raises(DomainError, match="columns"):
        agenda_import.read_import(by=boss, agenda=lia, filename="a.csv", content=b"a,b\n1,2\n")
    with pytest.raises(DomainError, match="no rows"):
        agenda_import.read_import(by=boss, agenda=lia, filename="a.csv",
                                  content=(",".join(HEADERS) + "\n").encode())  # fmt: skip
    with pytest.raises(DomainError, match="cannot be read"):
        agenda_import.read_import(by=boss, agenda=lia, filename="a.xlsx", content=b"nonsense")


def test_a_changed_or_foreign_preview_is_refused(boss, lia):
    name, content = as_file(lia_rows(UserFactory(role="facilitator"), 2))
    preview = agenda_import.read_import(by=boss, agenda=lia, filename=name, content=content)
    with pytest.raises(DomainError, match="expired"):
        agenda_import.confirm_import(by=boss, agenda=lia, token=preview.token + "x")
    with pytest.raises(DomainError, match="another agenda"):
        agenda_import.confirm_import(by=boss, agenda=agenda(by=boss, title="Andere"),
                                     token=preview.token)  # fmt: skip
    with pytest.raises(DomainError):
        agenda_import.read_import(by=vip_member(), agenda=lia, filename=name, content=content)
    assert not Promise.objects.exists()


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_through_the_page_preview_then_confirm(client, boss, lia):
    name, content = as_file(lia_rows(UserFactory(role="facilitator"), 58))
    client.force_login(boss)
    url = reverse("advice:agenda-import", args=[lia.pk])
    preview = client.post(url, {"file": _upload(name, content)})
    assert preview.status_code == 200 and preview.context["preview"].is_valid
    assert not Promise.objects.exists()
    done = client.post(url, {"confirm": "", "token": preview.context["preview"].token})
    assert done.status_code == 302 and lia.promises.count() == 58


def test_the_example_file_is_read_by_the_import(client, boss, lia):
    client.force_login(boss)
    response = client.get(reverse("advice:agenda-example", args=["csv"]))
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == HEADERS


def test_the_agenda_page_shows_progress_per_phase_and_the_not_kept_reason(client, boss, lia):
    done = agenda_promise(lia, by=boss, text="Stembureaus", phase="Fase 1 (2019)", days=-10)
    broken = agenda_promise(lia, by=boss, text="Gebarentolk", phase="Fase 1 (2019)", days=-5)
    agenda_promise(lia, by=boss, text="Speeltuinen", phase="Fase 2 (2021)", days=-1)
    agenda_promise(lia, by=boss, text="Loket", phase="Fase 2 (2021)", days=20)
    promises.judge_promise(promise=done, by=boss, kept=Kept.KEPT)
    promises.judge_promise(promise=broken, by=boss, kept=Kept.NOT_KEPT,
                           reason="De raad vond het te duur.")  # fmt: skip
    ours = vip_member()
    client.force_login(ours)
    in_language(client, "nl")
    response = client.get(lia.get_absolute_url())
    progress = {
        r.phase: {key: n for key, _l, n in r.counts} for r in response.context["progress"].rows
    }
    assert progress == {"Fase 1 (2019)": {"done": 1, "not_kept": 1},
                        "Fase 2 (2021)": {"overdue": 1, "new": 1}}  # fmt: skip
    page = response.content.decode()
    assert 'portal-status--stopped">Niet nagekomen</span><br>De raad vond het te duur.' in page
    assert 'portal-status--late">Te laat</span>' in page  # "Speeltuinen", not "Nieuw"
    filtered = client.get(lia.get_absolute_url(), {"phase": "Fase 2 (2021)"})
    assert [p.text for p in filtered.context["table"].data] == ["Speeltuinen", "Loket"]
    client.force_login(member("asd"))
    assert client.get(lia.get_absolute_url()).status_code == 403


# --- changing what was registered about an agenda -------------------------------------------


def test_the_agenda_form_comes_back_filled_in_and_a_change_is_saved_and_audited(client, boss, lia):
    client.force_login(boss)
    in_language(client, "nl")
    url = reverse("advice:agenda-change", args=[lia.pk])
    form = client.get(url).context["form"]
    assert form["title"].value() == "Lokale Inclusie Agenda"
    assert form["handed_over_on"].value() == lia.handed_over_on
    page = client.get(url).content.decode()
    assert 'value="2018-11-01"' in page  # the saved date shows again in the date picker
    data = {"title": "Lokale Inclusie Agenda 2019", "body": lia.body.pk,
            "handed_to": "Wethouder Jansen en de raad", "handed_over_on": "2018-11-12",
            "description": lia.description}  # fmt: skip
    response = client.post(url, {**data, "title": " "})
    assert response.status_code == 200
    assert "Vul ‘Titel’ in." in response.content.decode()  # noqa: RUF001 (Dutch quotes)
    assert response.context["form"]["handed_to"].value() == "Wethouder Jansen en de raad"
    assert client.post(url, data).url == lia.get_absolute_url()
    lia.refresh_from_db()
    assert (lia.title, lia.handed_to, lia.handed_over_on.day) == (
        "Lokale Inclusie Agenda 2019", "Wethouder Jansen en de raad", 12)  # fmt: skip
    event = AuditEvent.objects.get(action="agenda.changed")
    assert (event.actor, event.data["before"]["title"]) == (boss, "Lokale Inclusie Agenda")
    assert set(event.data["before"]) == {"title", "handed_to", "handed_over_on"}
    client.post(url, data)  # the same again: nothing changed, nothing recorded
    assert AuditEvent.objects.filter(action="agenda.changed").count() == 1


def test_only_who_manages_promises_changes_an_agenda(client, lia):
    url = reverse("advice:agenda-change", args=[lia.pk])
    for person in (vip_member(), member("asd"), UserFactory(role="facilitator")):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "Weg"}).status_code == 403
    lia.refresh_from_db()
    assert lia.title == "Lokale Inclusie Agenda"
