"""S8: records of every kind of the retention table, with personal data and files; the purge
just before each period ends removes nothing of that kind, and past every period no row with
personal data and no file of ours is left, while the kept records and the ledger add up."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from allauth.account.models import EmailConfirmation
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from budget.enums import ApplicationStatus as S
from budget.models import (
    Accountability,
    Application,
    ApplicationNote,
    Attachment,
    Award,
    BudgetLine,
    Letter,
    PaymentOrder,
    ProfessionalAdvice,
    Tranche,
)
from budget.retention import delete_applications
from budget.services import settle_accountability
from burgerkracht.accounts.models import User
from burgerkracht.core.enums import OutboxStatus
from burgerkracht.core.models import AuditEvent, CalendarFeed, OutboxMessage, Reminder
from burgerkracht.core.privacy import retention
from burgerkracht.core.privacy.purge import purge
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative, Initiator, InternalNote, Message, Update
from tests.budget.followup_helpers import PDF, C, decided, grant, pay_first, submitted
from tests.factories import InitiativeFactory, UserFactory, application_in, filled_application

pytestmark = pytest.mark.django_db


def attach(application, name="offerte.pdf", *, for_accountability=False) -> str:
    """A stored attachment, as the upload service leaves it (the file first, then the row)."""
    attachment = Attachment(
        application=application, name=name, content_type="application/pdf", size=len(PDF),
        uploaded_by=application.created_by, for_accountability=for_accountability,
    )  # fmt: skip
    attachment.file.save(name, ContentFile(PDF), save=False)
    attachment.preview.save(f"{name}.preview.png", ContentFile(b"\x89PNG"), save=False)
    attachment.save()
    PREVIEWS.append(attachment.preview.name)
    return attachment.file.name


PREVIEWS: list[str] = []  # the previews made beside the files (budget/previews.py)


def note(initiative, application=None) -> None:
    """An official's note on the initiative, or on the application when one is given."""
    text = "Gebeld met de wijkcoach, zij kent de groep."
    if application is not None:
        ApplicationNote.objects.create(application=application, author=None, text=text)
    else:
        InternalNote.objects.create(initiative=initiative, author=None, text=text)


def letter_file(application) -> str:
    letter = Letter.objects.filter(application=application).first()
    letter.file.save("brief.pdf", ContentFile(PDF), save=True)
    Letter.objects.filter(pk=letter.pk).update(reason="Omdat Anna het vroeg.")
    return letter.file.name


def declined_story(author) -> str:
    """A story without money, with a photo, that a facilitator declined; returns the file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from initiatives import stories
    from tests.factories import NeighbourhoodFactory
    from tests.upload_samples import photo_with_exif

    story = stories.tell_story(
        by=author, title="Ons verhaal", text="Anna van nummer 12 rijdt.", consent=True,
        neighbourhood=NeighbourhoodFactory(), photo_alt="Anna in haar auto",
        photo=SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30)),
    )  # fmt: skip
    stories.decline_story(story=story, by=UserFactory(role="facilitator"), reason="Een naam.")
    return story.photo.name


def _posted_letter(now) -> str:
    """A letter by post (SC-11), posted at `now`; returns its stored file."""
    from burgerkracht.core.models import PostItem
    from tests.core.post_helpers import post_resident

    item = PostItem(recipient=post_resident(), address_lines=["Gerrit Bakker"], subject="Brief",
                    kind="notice", status="posted", posted_at=now)  # fmt: skip
    item.pdf.save("brief.pdf", ContentFile(PDF))
    return item.pdf.name


def make_every_kind(now) -> list[str]:
    """Records of every kind, all starting their period at `now`; returns the stored files."""
    files = []
    PREVIEWS.clear()
    # Initiatives: a draft, an unanswered invitation, one that will end; applications.
    InitiativeFactory()
    ended = InitiativeFactory(submitted=True)
    Initiator.objects.create(initiative=ended, email="buur@example.org", role="co",
                             invited_at=now, interest="Mijn moeder is ziek.")  # fmt: skip
    Update.objects.create(initiative=ended, author=ended.created_by, kind="news", text="Nieuws")
    Message.objects.create(initiative=ended, sender=ended.created_by, body="Ik heb COPD.")
    note(ended)
    draft = filled_application()
    files.append(attach(draft))
    withdrawn = application_in(S.WITHDRAWN)
    files.append(attach(withdrawn))
    rejected = application_in("rejected", outcome="rejected")
    files += [attach(rejected), letter_file(rejected)]
    # A grant, evaluated, accounted for and settled: closed.
    closed, holder, facilitator = grant()
    for application in (draft, withdrawn, rejected, closed):
        note(application.initiative, application)
    decided(closed, holder, facilitator, C.CONTINUE)
    pay_first(closed, holder)
    files += [attach(closed), attach(closed, "bon.pdf", for_accountability=True)]
    files.append(letter_file(closed))
    ProfessionalAdvice.objects.create(
        application=closed, professional=facilitator, question="Past dit?",
        requested_by=facilitator, text="Ja, Anna kan dit.", given_at=now,
    )  # fmt: skip
    settle_accountability(accountability=submitted(closed), by=facilitator, note="Mooi, Anna.")
    # Every initiative that is not a draft ends now.
    Initiative.objects.exclude(status=InitiativeStatus.DRAFT).update(
        status=InitiativeStatus.ENDED, ended_at=now, result="reached"
    )
    files.append(declined_story(ended.created_by))
    # Core: a session, a confirmation link, sent mail, a reminder, the admin log, an agenda.
    user = UserFactory(role="resident")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.set_expiry(0)
    session.create()
    Session.objects.filter(session_key=session.session_key).update(expire_date=now)
    EmailConfirmation.objects.create(email_address=user.emailaddress_set.get(), key="k" * 64,
                                     sent=now, created=now)  # fmt: skip
    OutboxMessage.objects.update(status=OutboxStatus.SENT, sent_at=now)
    Reminder.objects.create(content_type=ContentType.objects.get_for_model(Application),
                            object_id=closed.pk, kind="test", recipient=user,
                            due_on=now.date())  # fmt: skip
    LogEntry.objects.log_actions(user_id=user.pk, queryset=[user], action_flag=ADDITION)
    CalendarFeed.objects.create(user=user)
    # SC-12: the grant's bank account, and a payment order that lists it.
    closed.iban, closed.account_holder = "NL91ABNA0417164300", "Stichting Koor"
    closed.save(update_fields=["iban", "account_holder"])
    order = PaymentOrder.objects.create(
        created_by=UserFactory(role="facilitator"), rows='[{"iban": "NL91ABNA0417164300"}]'
    )
    PaymentOrder.objects.filter(pk=order.pk).update(created_at=now)
    files.append(_posted_letter(now))
    # A file nobody points at (a crash between storing and saving).
    files.append(default_storage.save("private/applications/0/verweesd.pdf", ContentFile(PDF)))
    files.append(default_storage.save("private/stories/verweesd.jpg", ContentFile(PDF)))
    files.append(default_storage.save("private/post/verweesd.pdf", ContentFile(PDF)))
    return files + PREVIEWS


def personal_rows(label: str, fields: tuple[str, ...]) -> int:
    """Rows of a model that still hold any of these fields (an erased account excepted)."""
    model = _model(label)
    if label == "accounts.User":
        return model.objects.filter(
            Q(erased_at__isnull=True) | ~Q(full_name="") | ~Q(phone="")
        ).count()
    condition = Q()
    for name in fields:
        field = model._meta.get_field(name)
        if field.is_relation:
            condition |= Q(**{f"{name}__isnull": False})
        elif isinstance(field, models.JSONField):
            condition |= ~Q(**{name: []}) & ~Q(**{name: {}})
        else:
            condition |= ~Q(**{name: ""}) & Q(**{f"{name}__isnull": False})
    return model.objects.filter(condition).count()


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def ledger() -> tuple:
    lines = BudgetLine.objects.aggregate(Sum("committed"), Sum("released"), Sum("paid"))
    return (
        tuple(lines.values()),
        Award.objects.aggregate(Sum("amount"), Sum("released_amount")),
        Tranche.objects.aggregate(Sum("amount")),
        Accountability.objects.aggregate(Sum("spent"), Sum("paid_back")),
    )


def test_past_retention_no_personal_row_and_no_file_remains(figure):
    now = timezone.now()
    files = make_every_kind(now)
    money = ledger()
    kept = {"closed": Application.objects.get(status=S.CLOSED).pk,
            "rejected": Application.objects.get(status=S.REJECTED).pk}  # fmt: skip
    table = retention.table()
    counted: dict[str, int] = dict.fromkeys((k.key for k in table), 0)

    for days in sorted({k.days for k in table}):
        with time_machine.travel(now + timedelta(days=days) - timedelta(hours=1), tick=False):
            before = purge()
        with time_machine.travel(now + timedelta(days=days, hours=25), tick=False):
            after = purge()
        for kind in table:
            if kind.days >= days:
                assert before[kind.key] == 0, (kind.key, "removed before its period ended")
            counted[kind.key] += after[kind.key]

    remaining = {
        label: personal_rows(label, fields) for label, fields in retention.covered_fields().items()
    }
    rows = sum(remaining.values())
    left = [name for name in files if default_storage.exists(name)]
    figure("S8", kinds=len(table), rows_past_retention=rows, files_past_retention=len(left))
    assert {label: n for label, n in remaining.items() if n} == {}
    assert left == []
    # Every kind had work; the three after an erasure have theirs in the erasure test below
    # (here the initiatives had ended and been anonymised before the accounts were erased).
    assert {key for key, n in counted.items() if n == 0} == {
        "erased_accounts", "erased_initiators", "erased_storytellers",
    }  # fmt: skip
    assert ledger() == money
    closed = Application.objects.get(pk=kept["closed"])
    assert (closed.status, closed.granted_amount, closed.goal) == (S.CLOSED, Decimal("500"), "")
    assert Application.objects.get(pk=kept["rejected"]).status == S.REJECTED
    assert Letter.objects.filter(application_id__in=kept.values()).count() == 2
    assert Application.objects.count() == 2  # the draft and the withdrawn one are gone


def test_a_second_run_changes_nothing_and_a_dry_run_only_counts():
    now = timezone.now()
    make_every_kind(now)

    with time_machine.travel(now + timedelta(days=8 * 365), tick=False):
        dry = purge(dry_run=True)
        events = AuditEvent.objects.filter(action="retention.purged").count()
        assert events == 0 and Application.objects.count() == 4
        first = purge()
        second = purge()

    # A dry run counts each kind as if it ran alone: for real, the erasure of the accounts
    # (earlier in the run) leaves less for the ended initiatives.
    dependent = {"erased_initiators", "ended_initiatives"}
    assert {k: n for k, n in dry.items() if k not in dependent} == {
        k: n for k, n in first.items() if k not in dependent
    }
    assert dry["ended_initiatives"] >= first["ended_initiatives"] > 0
    assert sum(first.values()) > 0
    assert set(second.values()) == {0}
    event = AuditEvent.objects.get(action="retention.purged")
    assert event.data["counts"] == {k: v for k, v in first.items() if v}
    assert "@" not in str(event.data)


def test_the_command_prints_the_counts_per_kind(capsys):
    call_command("purge_expired", "--dry-run")

    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == [
        *(k.key for k in retention.table()),
        "total",
    ]


def test_deleting_applications_knows_every_relation_to_an_application():
    """delete_applications deletes children in bulk; a new relation must be handled there."""
    related = {
        (r.related_model._meta.label, r.on_delete.__name__)
        for r in Application._meta.related_objects
    }

    assert related == {
        ("budget.ResultSign", "CASCADE"), ("budget.CostLine", "CASCADE"),
        ("budget.Attachment", "CASCADE"), ("budget.ProfessionalAdvice", "CASCADE"),
        ("budget.Letter", "PROTECT"), ("budget.Evaluation", "PROTECT"),
        ("budget.Accountability", "PROTECT"), ("budget.ApplicationNote", "CASCADE"),
        ("budget.LeadResident", "CASCADE"), ("budget.ApplicationPostItem", "CASCADE"),
    }  # fmt: skip
    assert delete_applications.__doc__


def test_an_erased_account_leaves_nothing_personal_after_the_purge():
    """delete_account, then the purge past every period: nothing of the person remains."""
    from burgerkracht.accounts.services import delete_account

    now = timezone.now()
    make_every_kind(now)
    person = Message.objects.get().sender
    name, email = person.full_name, person.email

    CalendarFeed.objects.create(user=person)
    delete_account(user=person, by=person)
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        counts = purge()
    assert (counts["erased_accounts"], counts["erased_initiators"]) == (1, 2)
    assert counts["erased_storytellers"] == 1  # the declined story of make_every_kind
    assert Initiator.objects.filter(user=person).exclude(interest="", email="").count() == 0
    assert Message.objects.filter(sender=person).count() == 0
    for night in (0, 1):  # what the erasures of the first night leave goes the next
        with time_machine.travel(now + timedelta(days=8 * 365 + night), tick=False):
            purge()

    for label, fields in retention.covered_fields().items():
        assert personal_rows(label, fields) == 0, label
    assert User.objects.filter(Q(email=email) | Q(full_name=name)).count() == 0
    assert OutboxMessage.objects.count() == 0
