"""The Samen Sterk rows of the retention table (registered by budget/hooks.py).

The ledger is never touched: funds, lines, awards, tranches, amounts, statuses and dates stay,
so every sum stays what it was. A decided application is a record the municipality keeps
under the Archiefwet: it is anonymised (texts emptied, files removed), never deleted.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from budget.enums import ApplicationStatus
from budget.models import (
    Accountability,
    Application,
    ApplicationNote,
    ApplicationPostItem,
    Attachment,
    CostLine,
    Evaluation,
    LeadResident,
    Letter,
    PaymentOrder,
    ProfessionalAdvice,
    ResultSign,
    SignObservation,
    Spending,
)
from burgerkracht.core.models import PostItem
from burgerkracht.core.privacy.purge import Run
from burgerkracht.core.privacy.retention import Action, Kind, exempt, register
from burgerkracht.meetlat.enums import DecisionStatus
from burgerkracht.meetlat.models import Decision
from initiatives.models import Story

S = ApplicationStatus
# The residents' own words and the facilitator's checks of them. The amounts, dates, the
# organisation (a legal person), the decision's agreements and the cost lines stay.
APPLICATION_TEXT = (
    "residents_in_lead", "result_who", "result_how", "result_difference", "goal", "means",
    "reach", "evaluation_wishes", "legal_check", "administrative_check", "financial_check",
    "criterion_reasoning", "iban", "account_holder",
)  # fmt: skip
EVALUATION_TEXT = ("present", "going_well", "hard", "resident_view")
ACCOUNTABILITY_TEXT = (
    "what_got_in_the_way", "resident_input", "story", "lessons", "question", "settle_note",
    "met_again_story",
)  # fmt: skip
DOSSIER_FIELDS = {
    "budget.Application": APPLICATION_TEXT,
    "budget.HistoricalApplication": APPLICATION_TEXT,
    "budget.ResultSign": ("text",),
    "budget.LeadResident": ("name", "email"),
    "budget.Attachment": ("file", "name", "preview"),
    "budget.ProfessionalAdvice": ("question", "text"),
    "budget.Letter": ("file", "reason"),
    "budget.Evaluation": EVALUATION_TEXT,
    "budget.SignObservation": ("seen",),
    "budget.Accountability": ACCOUNTABILITY_TEXT,
    "budget.Spending": ("note",),
    # The officials' internal notes on the application.
    "budget.ApplicationNote": ("text",),
}
# Folders whose files always belong to a row; anything else there is left over.
PRIVATE_FOLDERS = (
    "private/applications", "private/letters", "private/stories", "private/post",
)  # fmt: skip


def _history() -> QuerySet:
    return Application.history.model.objects.all()


def delete_applications(run: Run, applications: QuerySet[Application]) -> int:
    """Delete applications that led to nothing, with their files and their history.

    Row by row through Django's collector would write a history row per application
    (django-simple-history's post_delete); so the children go first, in bulk, and then the
    applications. Only applications without letters, evaluations or accountability qualify
    (those are PROTECTed records): tests/core/test_retention.py fails when a new relation
    to Application appears.
    """
    applications = applications.filter(
        letters__isnull=True, evaluations__isnull=True, accountability__isnull=True
    )
    if run.dry_run:
        return applications.count()
    attachments = Attachment.objects.filter(application__in=applications)
    run.drop_files(attachments, "file", clear=False)
    run.drop_files(attachments, "preview", clear=False)
    draft_decisions = list(
        Decision.objects.filter(application__in=applications)
        .exclude(status=DecisionStatus.FINAL)
        .values_list("pk", flat=True)
    )
    for model in (
        Attachment,
        ResultSign,
        CostLine,
        ProfessionalAdvice,
        ApplicationNote,
        LeadResident,
        ApplicationPostItem,  # the letter by post stays (kind post), no longer linked
    ):
        children = model.objects.filter(application__in=applications)
        children._raw_delete(children.db)
    count = applications._raw_delete(applications.db)
    # History of applications that no longer exist (an anti-join, no list of ids).
    gone = _history().exclude(id__in=Application.objects.values("pk"))
    gone._raw_delete(gone.db)
    if draft_decisions:
        # A draft decision record of a withdrawn application was never a decision.
        Decision.history.filter(id__in=draft_decisions).delete()
        Decision.objects.filter(pk__in=draft_decisions).delete()
    return count


def anonymise_dossiers(run: Run, applications: QuerySet[Application]) -> int:
    """Empty the personal texts of these dossiers and remove their files; keep the rest."""
    of = Q(application__in=applications)
    count = run.blank(applications, APPLICATION_TEXT)
    count += run.blank(_history().filter(id__in=applications.values("pk")), APPLICATION_TEXT)
    count += run.blank(ResultSign.objects.filter(of), ("text",))
    attachments = Attachment.objects.filter(of)
    run.drop_files(attachments, "file", clear=False)
    run.drop_files(attachments, "preview", clear=False)
    count += run.delete(attachments)
    count += run.delete(ProfessionalAdvice.objects.filter(of))
    count += run.delete(ApplicationNote.objects.filter(of))
    letters = Letter.objects.filter(of)
    count += run.drop_files(letters, "file", clear=True)
    count += run.blank(letters, ("reason",))
    evaluations = Evaluation.objects.filter(of)
    count += run.blank(evaluations, EVALUATION_TEXT)
    count += run.blank(SignObservation.objects.filter(evaluation__in=evaluations), ("seen",))
    accountability = Accountability.objects.filter(of)
    count += run.blank(accountability, ACCOUNTABILITY_TEXT, story_public=False)
    return count + run.blank(Spending.objects.filter(accountability__in=accountability), ("note",))


def purge_drafts(run: Run) -> int:
    return delete_applications(
        run,
        Application.objects.filter(status=S.DRAFT).filter(
            Q(updated_at__lt=run.cutoff) | Q(created_by__erased_at__lt=run.cutoff)
        ),
    )


def purge_withdrawn(run: Run) -> int:
    return delete_applications(
        run,
        Application.objects.filter(status=S.WITHDRAWN).filter(
            Q(status_changed_at__lt=run.cutoff)
            | Q(status_changed_at__isnull=True, updated_at__lt=run.cutoff)
        ),
    )


def purge_rejected(run: Run) -> int:
    return anonymise_dossiers(
        run, Application.objects.filter(status=S.REJECTED, status_changed_at__lt=run.cutoff)
    )


def purge_closed(run: Run) -> int:
    return anonymise_dossiers(
        run, Application.objects.filter(status=S.CLOSED, status_changed_at__lt=run.cutoff)
    )


def _walk(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def purge_orphan_files(run: Run) -> int:
    """Files in the private folders that no row points at (a crash between storing and
    saving, or between the purge's commit and its file removal)."""
    storage = default_storage
    known = set(Attachment.objects.values_list("file", flat=True))
    known |= set(Attachment.objects.exclude(preview="").values_list("preview", flat=True))
    known |= set(Letter.objects.exclude(file="").values_list("file", flat=True))
    known |= set(Story.objects.exclude(photo="").values_list("photo", flat=True))
    known |= set(PostItem.objects.values_list("pdf", flat=True))
    orphans = [
        name
        for folder in PRIVATE_FOLDERS
        for name in _walk(storage, folder)
        if name not in known and storage.get_modified_time(name) < run.cutoff
    ]
    if not run.dry_run:
        run.files.extend((storage, name) for name in orphans)
    return len(orphans)


register(
    Kind(
        key="application_drafts",
        label=_("Applications that were never sent in"),
        default_days=365,
        starts=_("the last change (or the deletion of the account)"),
        action=Action.DELETE,
        reason="Nobody decided anything; a year gives the residents time to come back.",
        purge=purge_drafts,
        order=40,
        personal=DOSSIER_FIELDS,
    )
)
register(
    Kind(
        key="withdrawn_applications",
        label=_("Withdrawn applications"),
        default_days=2 * 365,
        starts=_("the withdrawal"),
        action=Action.DELETE,
        reason="No decision was taken; kept two years in case the residents apply again.",
        purge=purge_withdrawn,
        order=40,
        personal=DOSSIER_FIELDS,
    )
)
register(
    Kind(
        key="rejected_applications",
        label=_("Applications that were not granted: texts and files"),
        default_days=2 * 365,
        starts=_("the decision"),
        action=Action.ANONYMISE,
        reason="Long enough for objection and appeal (Awb) and a new application; the "
        "decision itself stays as an archive record.",
        purge=purge_rejected,
        order=45,
        personal=DOSSIER_FIELDS,
    )
)
register(
    Kind(
        key="grant_dossiers",
        label=_("Grant dossiers: texts, evaluations, accountability, stories and files"),
        default_days=7 * 365,
        starts=_("the grant is settled and closed"),
        action=Action.ANONYMISE,
        reason="Archiefwet (Selectielijst gemeenten: subsidy dossiers) and the 7-year "
        "fiscal period; the financial record stays, anonymised.",
        purge=purge_closed,
        order=45,
        personal=DOSSIER_FIELDS,
    )
)


def purge_payment_orders(run: Run) -> int:
    """The exported rows of a payment order (names and IBANs) go after the fiscal period;
    the order itself, its date and reference, and the tranches it paid stay."""
    return run.blank(PaymentOrder.objects.filter(created_at__lt=run.cutoff), ("rows",))


register(
    Kind(
        key="payment_orders",
        label=_("Payment orders for the finance department: names and bank accounts"),
        default_days=7 * 365,
        starts=_("the payment order is sent"),
        action=Action.ANONYMISE,
        reason="The 7-year fiscal period (AWR art. 52); the payment itself stays in the "
        "ledger, with its date and reference.",
        purge=purge_payment_orders,
        order=45,
        personal={"budget.PaymentOrder": ("rows",)},
    )
)
register(
    Kind(
        key="orphan_files",
        label=_("Uploaded files that belong to no record"),
        default_days=1,
        starts=_("the file is stored"),
        action=Action.DELETE,
        reason="Left behind by an interrupted upload or purge; a day's grace for an upload "
        "that is still being saved.",
        purge=purge_orphan_files,
        order=95,
    )
)

_LEDGER = (
    "The ledger: amounts, dates and statuses, kept so every sum stays right; no personal data."
)
for _label in (
    "Fund",
    "HistoricalFund",
    "LineType",
    "BudgetLine",
    "HistoricalBudgetLine",
    "Award",
    "HistoricalAward",
    "Tranche",
    "HistoricalTranche",
    "SignResult",
):
    exempt(f"budget.{_label}", _LEDGER)
exempt("budget.CostLine", "What the money was for: part of the financial record.")
exempt(
    "budget.PaymentImport",
    "The bank's confirmations as read: payment references, dates and amounts; no names or "
    "bank accounts are kept from the file.",
)
exempt(
    "budget.BudgetChange",
    "Proposals by staff to change the budget or who decides, and their approval; an "
    "archive record like the budget-integrity log.",
)
exempt("budget.LetterText", "The municipality's wording of its letters; no personal data.")
exempt(
    "budget.ApplicationPostItem",
    "Which application a letter by post is about: two keys, no personal data; it goes with "
    "the letter (kind post) or with the application.",
)
exempt(
    "budget.IntegrityEntry",
    "The budget-integrity log of staff decisions about money; an archive record.",
)
