"""The accountability afterwards (verantwoording achteraf), kept light: "tellen en
vertellen". The residents say whether their result was reached by their own signs, how many
took part, what the money went to and their story; the facilitator checks it is complete
(never the welfare content), asks for more once if needed, and settles: money not spent goes
back to the line. A result not reached is recorded without penalty (BR-34).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.application_selectors import grant_money
from budget.enums import (
    ACCOUNTABILITY_TRANSITIONS,
    ACCOUNTING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    Reached,
)
from budget.models import ZERO, Accountability, Application, Attachment, SignResult, Spending
from budget.services.application import (
    audit,
    change_application_status,
    facilitator_users,
    initiator_users,
    store_upload,
)
from budget.services.evaluation import awards_of
from budget.services.ledger import euro, settle_award
from budget.services.lifecycle import cancel_open_evaluations, end_initiative_after_grant
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.transitions import transition
from initiatives import services as initiative_services

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from burgerkracht.accounts.models import User

EDITABLE = (AccountabilityStatus.OPEN, AccountabilityStatus.MORE_ASKED)
STEP_FIELDS = {
    1: ("result_reached", "what_got_in_the_way"),
    2: ("participants", "activities", "resident_input"),
    4: ("story", "story_public", "lessons", "next_step", "met_again", "met_again_story"),
}


def _link(accountability: Accountability) -> str:
    return absolute_url(accountability.get_absolute_url())


def _locked(accountability: Accountability, *statuses: str) -> Accountability:
    accountability = (
        Accountability.objects.select_for_update(of=("self",))
        .select_related("application__initiative", "application__line", "application__award")
        .get(pk=accountability.pk)
    )
    if accountability.status not in statuses:
        raise DomainError(_("This cannot be done with the accountability as it is now."))
    if accountability.application.status not in ACCOUNTING_STATUSES:
        raise DomainError(_("This grant has been closed."))
    return accountability


@transaction.atomic
def change_accountability_status(
    *, accountability: Accountability, to: str, by: User, reason: str = ""
) -> Accountability:
    """Move an accountability to `to`: lock, check the table, write, audit."""
    accountability = Accountability.objects.select_for_update().get(pk=accountability.pk)
    now = timezone.now()
    stamps = {}
    if to == AccountabilityStatus.SUBMITTED:
        stamps = {"submitted_at": now, "submitted_by": by}
    if to == AccountabilityStatus.SETTLED:
        stamps = {"settled_at": now, "settled_by": by}
    return transition(
        accountability, to, table=ACCOUNTABILITY_TRANSITIONS, by=by, reason=reason,
        stamps=stamps,
    )  # fmt: skip


@transaction.atomic
def save_accountability_step(
    *, accountability: Accountability, by: User, step: int, data: dict[str, Any]
) -> Accountability:
    """Save one step; what the residents typed is kept even when another step is not done.

    Step 1 takes `signs` ({sign pk: reached}); step 3 takes `spending`
    ({cost line pk: (amount or None, note)}); the others take model fields.
    """
    accountability = _locked(accountability, *EDITABLE)
    application = accountability.application
    data = dict(data)
    if step == 1:
        signs = {s.pk for s in application.signs.all()}
        for sign_pk, reached in data.pop("signs", {}).items():
            if int(sign_pk) not in signs:
                raise ValueError(f"not a sign of this application: {sign_pk}")
            SignResult.objects.filter(accountability=accountability, sign_id=sign_pk).delete()
            if reached:
                SignResult.objects.create(
                    accountability=accountability, sign_id=sign_pk, reached=reached
                )
    if step == 3:
        lines = {c.pk for c in application.cost_lines.all()}
        for line_pk, (spent, note) in data.pop("spending", {}).items():
            if int(line_pk) not in lines:
                raise ValueError(f"not a cost line of this application: {line_pk}")
            Spending.objects.filter(accountability=accountability, cost_line_id=line_pk).delete()
            if spent is not None:
                Spending.objects.create(
                    accountability=accountability, cost_line_id=line_pk, spent=spent,
                    note=(note or "").strip(),
                )  # fmt: skip
    if step == 4 and data.pop("publication_consent", False):
        # Asked here for an initiative born from the application (budget/README.md).
        initiative_services.give_publication_consent(initiative=application.initiative, by=by)
    unknown = set(data) - set(STEP_FIELDS.get(step, ()))
    if unknown:
        raise ValueError(f"not fields of step {step}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(accountability, name, value)
    if accountability.result_reached == Reached.YES:
        accountability.what_got_in_the_way = ""
    accountability.full_clean(exclude=["application"])
    accountability.save()
    AuditEvent.record(
        subject=accountability, actor=by, action="accountability.saved", data={"step": step}
    )
    return accountability


@transaction.atomic
def add_accountability_file(
    *, accountability: Accountability, by: User, upload: UploadedFile
) -> Attachment:
    """A receipt or a photo (optional)."""
    accountability = _locked(accountability, *EDITABLE)
    attachment = store_upload(
        application=accountability.application, by=by, upload=upload, for_accountability=True
    )
    AuditEvent.record(
        subject=accountability, actor=by, action="accountability.file_added",
        data={"name": attachment.name},
    )  # fmt: skip
    return attachment


def accountability_missing(accountability: Accountability) -> list[str]:
    a, missing = accountability, []
    if not a.result_reached:
        missing.append(_("whether the result was reached"))
    reached = {r.sign_id for r in a.sign_results.all()}
    if any(sign.pk not in reached for sign in a.application.signs.all()):
        missing.append(_("for every sign, whether you saw it"))
    if a.participants is None:
        missing.append(_("how many people took part"))
    if not a.resident_input.strip():
        missing.append(_("how residents shaped it"))
    spent = {s.cost_line_id for s in a.spending.all()}
    if any(line.pk not in spent for line in a.application.cost_lines.all()):
        missing.append(_("for every cost line, what you spent (0 if nothing)"))
    if not a.story.strip():
        missing.append(_("your story"))
    if a.application.is_one_off and not a.met_again:
        missing.append(_("whether people met again after the event"))
    if not a.next_step:
        missing.append(_("what comes next"))
    return missing


@transaction.atomic
def submit_accountability(*, accountability: Accountability, by: User) -> Accountability:
    accountability = _locked(accountability, *EDITABLE)
    missing = accountability_missing(accountability)
    if missing:
        raise DomainError(
            _("Not everything is filled in yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    accountability = change_accountability_status(
        accountability=accountability, to=AccountabilityStatus.SUBMITTED, by=by
    )
    notify(
        recipients=facilitator_users(accountability.application),
        template="budget/accountability_submitted",
        context={"accountability": accountability, "application": accountability.application,
                 "link": _link(accountability)},
    )  # fmt: skip
    return accountability


@transaction.atomic
def ask_for_more(*, accountability: Accountability, by: User, question: str) -> Accountability:
    """One round of clarification: about completeness, never the welfare content."""
    if not question.strip():
        raise DomainError(_("Say what you need."))
    accountability = _locked(accountability, AccountabilityStatus.SUBMITTED)
    accountability.question = question.strip()
    accountability.save(update_fields=["question", "updated_at"])
    accountability = change_accountability_status(
        accountability=accountability, to=AccountabilityStatus.MORE_ASKED, by=by, reason=question
    )
    notify(
        recipients=initiator_users(accountability.application),
        template="budget/accountability_more_asked",
        context={"accountability": accountability, "application": accountability.application,
                 "link": _link(accountability)},
        preference="status",
    )  # fmt: skip
    return accountability


def grant_money_of(application: Application) -> tuple[Decimal, Decimal]:
    """What the grant awarded and paid out: annotated on the application when its page loaded
    it so (application_selectors.grant_money), or else one query."""
    if not hasattr(application, "grant_paid"):
        application = (
            Application.objects.annotate(**grant_money()).only("pk").get(pk=application.pk)
        )
    return application.grant_awarded, application.grant_paid  # type: ignore[attr-defined]


def settlement(accountability: Accountability) -> dict[str, Decimal]:
    """What settling would do: awarded, paid, spent, back to the line, to be paid back.

    Money not paid out always goes back to the line. Money paid but not spent is paid back
    only when the municipality's policy says so (`SAMEN_STERK_RECLAIM_UNSPENT`, off by
    default); otherwise the residents keep it and it counts as spent.
    """
    awarded, paid = grant_money_of(accountability.application)
    spent = min(accountability.total_spent, awarded)
    reclaim = settings.SAMEN_STERK_RECLAIM_UNSPENT
    # What counts as spent is at most what was paid: nothing is paid after settling.
    counted = min(spent, paid) if reclaim else paid
    return {
        "awarded": awarded, "paid": paid, "spent": spent, "released": awarded - counted,
        "paid_back": max(paid - spent, ZERO) if reclaim else ZERO,
    }  # fmt: skip


@transaction.atomic
def settle_accountability(
    *, accountability: Accountability, by: User, note: str = ""
) -> Accountability:
    """Accept the accountability and close the grant: each award is settled, what was not
    spent (or not paid) goes back to its line, the result is recorded as the residents gave
    it — a result not reached closes the grant like any other."""
    accountability = _locked(accountability, AccountabilityStatus.SUBMITTED)
    application = accountability.application
    figures = settlement(accountability)
    reclaim = settings.SAMEN_STERK_RECLAIM_UNSPENT
    left = figures["spent"]
    for award in awards_of(application):
        paid = award.tranches.filter(paid_on__isnull=False).aggregate(t=Sum("amount"))["t"]
        # Unpaid money goes back to the line, whatever was spent: after settling nothing more
        # is paid, so money counted as spent beyond what was paid would stay committed.
        counted = min(left, paid or ZERO) if reclaim else paid or ZERO
        left -= counted
        settle_award(by=by, award=award, spent=counted, reason=note, reclaim=reclaim)
    accountability.spent, accountability.paid_back = figures["spent"], figures["paid_back"]
    accountability.settle_note = note.strip()
    accountability.save(update_fields=["spent", "paid_back", "settle_note", "updated_at"])
    accountability = change_accountability_status(
        accountability=accountability, to=AccountabilityStatus.SETTLED, by=by, reason=note
    )
    cancel_open_evaluations(
        application=application, by=by, reason=_("The grant is settled: no evaluation is needed.")
    )
    change_application_status(
        application=application, to=ApplicationStatus.CLOSED, by=by, reason=note
    )
    end_initiative_after_grant(accountability=accountability, by=by)
    audit(
        application, by, "application.settled", reason=note,
        result=accountability.result_reached, released=str(figures["released"]),
    )  # fmt: skip
    notify(
        recipients=[*initiator_users(application), *facilitator_users(application)],
        template="budget/accountability_settled",
        context={"accountability": accountability, "application": accountability.application,
                 "figures": figures,
                 "released": euro(figures["released"]), "paid_back": euro(figures["paid_back"]),
                 "link": _link(accountability)},
        preference="status",
    )  # fmt: skip
    return accountability
