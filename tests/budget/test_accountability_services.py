"""After the grant, the services: the accountability afterwards, its settlement with and
without reclaim, and receipts and photos."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from budget import attachments, services
from budget.models import (
    Accountability,
    Application,
    Award,
    Tranche,
)
from budget.services.accountability import accountability_missing, settlement
from budget.services.application import store_upload
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.budget.followup_helpers import (
    PDF,
    PNG,
    A,
    C,
    D,
    S,
    decided,
    figures,
    grant,
    mails_to,
    pay_first,
    submitted,
)

pytestmark = pytest.mark.django_db


# --- The accountability afterwards ---------------------------------------------------------


def test_the_steps_keep_what_was_typed_and_sending_in_waits_until_all_is_there():
    application, _holder, _facilitator = grant()
    accountability = application.accountability
    lead = application.initiative.created_by
    first, second = application.signs.order_by("position")
    dirigent, zaal = application.cost_lines.order_by("position")
    save = services.save_accountability_step

    save(accountability=accountability, by=lead, step=1,
         data={"result_reached": "partly", "what_got_in_the_way": "Ziekte.",
               "signs": {first.pk: "yes"}})  # fmt: skip
    save(
        accountability=accountability,
        by=lead,
        step=3,
        data={"spending": {dirigent.pk: (D("120.50"), "  Twee lessen  ")}},
    )

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.result_reached, stored.what_got_in_the_way) == ("partly", "Ziekte.")
    assert [(r.sign_id, r.reached) for r in stored.sign_results.all()] == [(first.pk, "yes")]
    assert [(s.cost_line_id, s.spent, s.note) for s in stored.spending.all()] == [
        (dirigent.pk, D("120.50"), "Twee lessen"),
    ]
    assert stored.total_spent == D("120.50")
    assert len(accountability_missing(stored)) == 6
    with pytest.raises(DomainError):
        services.submit_accountability(accountability=accountability, by=lead)
    assert Accountability.objects.get(pk=accountability.pk).status == A.OPEN

    save(
        accountability=accountability,
        by=lead,
        step=1,
        data={"result_reached": "yes", "signs": {second.pk: "partly"}},
    )
    stored = Accountability.objects.get(pk=accountability.pk)
    assert stored.what_got_in_the_way == ""  # only asked when it was not reached
    assert [(r.sign_id, r.reached) for r in stored.sign_results.all()] == [
        (first.pk, "yes"), (second.pk, "partly"),
    ]  # fmt: skip
    save(
        accountability=accountability,
        by=lead,
        step=2,
        data={"participants": 11, "resident_input": "Samen besloten."},
    )
    save(
        accountability=accountability,
        by=lead,
        step=3,
        data={"spending": {zaal.pk: (D("0.00"), "")}},
    )
    save(
        accountability=accountability,
        by=lead,
        step=4,
        data={"story": "We zongen.", "next_step": "follow_up", "story_public": True},
    )

    services.submit_accountability(accountability=accountability, by=lead)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.submitted_by) == (A.SUBMITTED, lead)
    assert stored.total_spent == D("120.50")
    assert (stored.participants, stored.activities, stored.story_public) == (11, None, True)


def test_the_steps_refuse_signs_and_cost_lines_of_another_application():
    application, _holder, _facilitator = grant()
    other, _h, _f = grant()
    lead = application.initiative.created_by
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=1,
            data={"signs": {other.signs.first().pk: "yes"}},
        )  # fmt: skip
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=3,
            data={"spending": {other.cost_lines.first().pk: (D("1.00"), "")}},
        )  # fmt: skip
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=2, data={"story": "x"}
        )
    stored = Accountability.objects.get(pk=application.accountability.pk)
    assert (stored.sign_results.count(), stored.spending.count(), stored.story) == (0, 0, "")


def test_the_facilitator_asks_for_more_once_and_the_residents_send_it_in_again():
    application, _holder, facilitator = grant()
    lead = application.initiative.created_by
    accountability = submitted(application)
    with pytest.raises(DomainError):
        services.ask_for_more(accountability=accountability, by=facilitator, question=" ")
    to_lead, to_facilitator = len(mails_to(lead)), len(mails_to(facilitator))

    services.ask_for_more(
        accountability=accountability, by=facilitator, question="Stuur de bon van de zaal."
    )

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.question) == (A.MORE_ASKED, "Stuur de bon van de zaal.")
    assert len(mails_to(lead)) == to_lead + 1
    assert "Stuur de bon van de zaal." in mails_to(lead)[-1].body
    services.add_accountability_file(
        accountability=accountability, by=lead, upload=SimpleUploadedFile("bon.pdf", PDF)
    )
    services.submit_accountability(accountability=accountability, by=lead)
    assert Accountability.objects.get(pk=accountability.pk).status == A.SUBMITTED
    assert len(mails_to(facilitator)) == to_facilitator + 1  # told it came in again


def test_settling_returns_what_was_not_paid_and_closes_the_grant():
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid; € 200 still waits
    accountability = submitted(application, spent=("250.00", "20.00"))
    assert settlement(accountability) == {
        "awarded": D("500.00"), "paid": D("300.00"), "spent": D("270.00"),
        "released": D("200.00"), "paid_back": D("0.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator, note=" Mooi. ")

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.settled_by, stored.spent, stored.paid_back) == (
        A.SETTLED, facilitator, D("270.00"), D("0.00"),
    )  # fmt: skip
    assert stored.settle_note == "Mooi."
    award = Award.objects.get(pk=application.award_id)
    assert award.settled_at is not None
    assert award.released_amount == D("200.00")
    # The residents keep the € 30 paid but not spent; the unpaid € 200 goes back.
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    with pytest.raises(DomainError):  # the award is settled: nothing more is paid
        services.pay_tranche(
            by=holder, tranche=Tranche.objects.get(planned_on=date(2027, 6, 1)),
            paid_on=timezone.localdate(),
        )  # fmt: skip


def test_settling_when_more_was_spent_than_paid_still_returns_the_unpaid_money():
    """Money not paid out always goes back to the line (the settlement's own rule): once the
    award is settled nothing more can be paid, so unpaid money must not stay committed."""
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid; € 200 was never paid
    accountability = submitted(application, spent=("400.00", "50.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    committed, released, remaining, paid = figures(application.line)
    assert (committed, released, remaining, paid) == (
        D("500.00"), D("200.00"), D("4700.00"), D("300.00"),
    )  # fmt: skip
    assert committed - released == paid  # nothing left in between
    assert Accountability.objects.get(pk=accountability.pk).spent == D("450.00")


def test_a_result_not_reached_settles_like_any_other_without_penalty():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    accountability = submitted(application, spent=("100.00", "0.00"), result="no")

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.result_reached, stored.paid_back) == (A.SETTLED, "no", D("0"))
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    event = AuditEvent.objects.for_subject(application).get(action="application.settled")
    assert event.data == {"result": "no", "released": "200.00"}


def test_with_reclaim_money_paid_but_not_spent_is_paid_back_and_returns_to_the_line(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid
    accountability = submitted(application, spent=("200.00", "50.00"))
    assert settlement(accountability) == {
        "awarded": D("500.00"), "paid": D("300.00"), "spent": D("250.00"),
        "released": D("250.00"), "paid_back": D("50.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.spent, stored.paid_back) == (D("250.00"), D("50.00"))
    assert Award.objects.get(pk=application.award_id).released_amount == D("250.00")
    assert figures(application.line) == (D("500.00"), D("250.00"), D("4750.00"), D("300.00"))


def test_with_reclaim_and_more_spent_than_paid_nothing_is_paid_back(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)
    accountability = submitted(application, spent=("400.00", "0.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    assert Accountability.objects.get(pk=accountability.pk).paid_back == D("0.00")
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))


def test_without_reclaim_the_residents_keep_what_was_paid_but_not_spent():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = decided(application, holder, facilitator, C.CONTINUE)
    services.pay_tranche(
        by=holder, tranche=evaluation.tranches.get(), paid_on=date(2026, 11, 20)
    )  # all € 500 paid
    accountability = submitted(application, spent=("100.00", "0.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.spent, stored.paid_back) == (D("100.00"), D("0.00"))
    assert Award.objects.get(pk=application.award_id).released_amount == D("0.00")
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("500.00"))


def test_every_award_is_settled_the_extra_push_included():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    services.pay_tranche(
        by=holder, tranche=evaluation.extra_award.tranches.get(), paid_on=timezone.localdate()
    )
    # Paid: € 300 + € 100; the June € 200 is released but not paid.
    assert figures(application.line) == (D("600.00"), D("0.00"), D("4400.00"), D("400.00"))
    accountability = submitted(application, spent=("350.00", "30.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    grant_award = Award.objects.get(pk=application.award_id)
    extra = Award.objects.get(pk=evaluation.extra_award_id)
    assert grant_award.settled_at is not None and extra.settled_at is not None
    assert (grant_award.released_amount, extra.released_amount) == (D("200.00"), D("0.00"))
    assert figures(application.line) == (D("600.00"), D("200.00"), D("4600.00"), D("400.00"))


def test_with_reclaim_the_spending_is_counted_against_what_each_award_paid(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 of the grant's € 500
    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    services.pay_tranche(
        by=holder, tranche=evaluation.extra_award.tranches.get(), paid_on=timezone.localdate()
    )
    accountability = submitted(application, spent=("380.00", "0.00"))
    assert settlement(accountability) == {
        "awarded": D("600.00"), "paid": D("400.00"), "spent": D("380.00"),
        "released": D("220.00"), "paid_back": D("20.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator)

    released = [
        Award.objects.get(pk=pk).released_amount
        for pk in (application.award_id, evaluation.extra_award_id)
    ]
    assert released == [D("200.00"), D("20.00")]
    assert Accountability.objects.get(pk=accountability.pk).paid_back == D("20.00")
    assert figures(application.line) == (D("600.00"), D("220.00"), D("4620.00"), D("400.00"))


def test_a_stopped_grant_accounts_and_its_withheld_money_returns_to_the_line():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    decided(application, holder, facilitator, C.STOP)
    accountability = submitted(application, spent=("150.00", "0.00"), result="partly")

    services.settle_accountability(accountability=accountability, by=facilitator)

    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    with pytest.raises(DomainError):  # a closed grant accounts no more
        services.save_accountability_step(
            accountability=accountability, by=application.initiative.created_by, step=4,
            data={"story": "Nog iets."},
        )  # fmt: skip


# --- Receipts and photos -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [("bon.png", PNG), ("bon.pdf", PDF)])
def test_a_receipt_is_stored_with_the_accountability(name, content):
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by

    attachment = services.add_accountability_file(
        accountability=application.accountability, by=lead,
        upload=SimpleUploadedFile(name, content),
    )  # fmt: skip

    assert (attachment.for_accountability, attachment.name, attachment.uploaded_by) == (
        True, name, lead,
    )  # fmt: skip
    assert attachment.file.read() == content
    assert attachment.size == len(content)
    event = AuditEvent.objects.for_subject(application.accountability).get(
        action="accountability.file_added"
    )
    assert event.data == {"name": name}


@pytest.mark.parametrize(
    ("name", "content"),
    [("bon.pdf", PNG), ("bon.png", b"MZ\x90\x00 program"), ("bon.exe", PDF), ("bon.pdf", b"")],
)
def test_a_file_that_is_not_what_it_says_is_refused(name, content):
    application, _holder, _facilitator = grant()
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=application.accountability, by=application.initiative.created_by,
            upload=SimpleUploadedFile(name, content),
        )  # fmt: skip
    assert not application.attachments.exists()


def test_receipts_have_their_own_limit_apart_from_the_application_files():
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    for n in range(attachments.MAX_FILES):
        store_upload(application=application, by=lead, upload=SimpleUploadedFile(f"{n}.pdf", PDF))

    for n in range(attachments.MAX_FILES):
        services.add_accountability_file(
            accountability=application.accountability, by=lead,
            upload=SimpleUploadedFile(f"bon-{n}.png", PNG),
        )  # fmt: skip
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=application.accountability, by=lead,
            upload=SimpleUploadedFile("een-te-veel.png", PNG),
        )  # fmt: skip

    assert application.attachments.filter(for_accountability=True).count() == 10
    assert application.attachments.filter(for_accountability=False).count() == 10


def test_no_receipts_once_it_is_sent_in():
    application, _holder, _facilitator = grant()
    accountability = submitted(application)
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=accountability, by=application.initiative.created_by,
            upload=SimpleUploadedFile("bon.png", PNG),
        )  # fmt: skip
    assert not application.attachments.exists()
