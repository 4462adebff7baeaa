"""The resident's side of an application: start, save the steps, attach files, send in,
withdraw. And the one function that moves an application from status to status."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import application_steps, attachments, permissions, previews
from budget.enums import (
    APPLICATION_TRANSITIONS,
    DECIDED_STATUSES,
    OPEN_STATUSES,
    ApplicationStatus,
    FundStatus,
)
from budget.models import Application, Attachment, CostLine, Fund, ResultSign
from budget.services.organisation import locked_fields, replace_lead_residents
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files import uploads
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.transitions import transition
from initiatives import services as initiative_services
from initiatives.enums import InitiativeStatus, InitiativeTheme, Scale, Support
from initiatives.models import Initiative

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from burgerkracht.accounts.models import User

EDITABLE = frozenset({ApplicationStatus.DRAFT})


def audit(application: Application, by: User, action: str, reason: str = "", **data: Any) -> None:
    AuditEvent.record(subject=application, actor=by, action=action, reason=reason, data=data)


def initiator_users(application: Application) -> list:
    return initiative_services.initiator_users(application.initiative)


def facilitator_users(application: Application) -> list:
    return initiative_services.facilitator_users(application.initiative)


def link(application: Application) -> str:
    return absolute_url(application.get_absolute_url())


def is_holder(user: User, application: Application) -> bool:
    """A holder of the line, or the application's decider (who keeps it when removed): the
    rule of permissions.holder_q, asked of the database rather than of what was loaded."""
    return Application.objects.filter(permissions.holder_q(user), pk=application.pk).exists()


def is_decider(user: User, application: Application) -> bool:
    """The application's decider once it has one; before that any holder of its line."""
    if application.decider_id is not None:
        return application.decider_id == user.pk
    return is_holder(user, application)


def current_fund() -> Fund | None:
    return Fund.objects.filter(status=FundStatus.OPEN).order_by("-starts_on", "-pk").first()


@transaction.atomic
def change_application_status(
    *, application: Application, to: str, by: User, reason: str = ""
) -> Application:
    """Move an application to `to`: lock, check the table, write, audit."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    now = timezone.now()
    stamps = {"status_changed_at": now}
    if to == ApplicationStatus.SUBMITTED:
        stamps["submitted_at"] = now
    if to in DECIDED_STATUSES and application.published_at is None:
        stamps["published_at"] = now
    return transition(
        application, to, table=APPLICATION_TRANSITIONS, by=by, reason=reason, stamps=stamps,
        update_fields=(),
    )  # fmt: skip


# --- Starting and the steps ----------------------------------------------------------------


@transaction.atomic
def start_application(
    *, by: User, initiative: Initiative | None = None, new_title: str = ""
) -> Application:
    """Start a draft from an initiative, or create a draft initiative on the way."""
    fund = current_fund()
    if fund is None:
        raise DomainError(_("You cannot apply at the moment: there is no open budget period."))
    if initiative is None:
        if not new_title.strip():
            raise DomainError(_("Choose an initiative or give your new initiative a name."))
        initiative = initiative_services.start_initiative(by=by, title=new_title.strip())
    if initiative.status == InitiativeStatus.ENDED:
        raise DomainError(_("This initiative has ended."))
    in_progress = initiative.applications.filter(
        status__in=[ApplicationStatus.DRAFT, *OPEN_STATUSES]
    ).first()
    if in_progress is not None:
        raise DomainError(_("This initiative already has an application that is not decided yet."))
    application = Application.objects.create(
        initiative=initiative, fund=fund, created_by=by,
        neighbourhood=initiative.neighbourhoods.order_by("name").first(),
        expected_participants=initiative.expected_participants,
    )  # fmt: skip
    audit(application, by, "application.started")
    return application


def _draft(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in EDITABLE:
        raise DomainError(_("This application has been sent in and can no longer change."))
    return application


@transaction.atomic
def save_application_step(
    *, application: Application, by: User, step: int, data: dict[str, Any]
) -> Application:
    """Save one step of a draft. Partial is fine: completeness is checked when sending in."""
    application = _draft(application)
    data = dict(data)
    signs = data.pop("signs", None)
    costs = data.pop("cost_lines", None)
    backup_email = data.pop("backup_email", "")
    leads = data.pop("lead_residents", None)
    for name in locked_fields(application):  # fixed by an eHerkenning login
        data.pop(name, None)
    if data.get("on_behalf_of_organisation") is False:
        data.update(organisation_name="", kvk_number="")
        leads = []
    for name in application_steps.STEP_FIELDS[step]:
        if name in data:
            setattr(application, name, data[name])
    application.full_clean(exclude=["created_by", "initiative", "fund"])
    application.save()
    if signs is not None:
        _replace_signs(application, signs)
    if costs is not None:
        _replace_costs(application, costs)
    if leads is not None:
        replace_lead_residents(application=application, by=by, rows=leads)
    if backup_email:
        initiative_services.name_backup_initiator(
            initiative=application.initiative, by=by, email=backup_email
        )
    audit(application, by, "application.step_saved", step=step)
    return application


def _replace_signs(application: Application, signs: list[str]) -> None:
    texts = [text.strip() for text in signs if text and text.strip()]
    if len(texts) > 3:
        raise DomainError(_("Give at most three signs."))
    application.signs.all().delete()
    ResultSign.objects.bulk_create(
        ResultSign(application=application, position=n, text=text)
        for n, text in enumerate(texts, 1)
    )


def _replace_costs(application: Application, costs: list[tuple[str, Decimal]]) -> None:
    rows = [(d.strip(), amount) for d, amount in costs if d and d.strip() and amount]
    if any(amount <= 0 for _d, amount in rows):
        raise DomainError(_("Every cost must be more than zero."))
    application.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(application=application, position=n, description=d, amount=amount)
        for n, (d, amount) in enumerate(rows, 1)
    )


@transaction.atomic
def add_attachment(*, application: Application, by: User, upload: UploadedFile) -> Attachment:
    """Store a file privately, after checking its type by content and its size."""
    application = _draft(application)
    attachment = store_upload(application=application, by=by, upload=upload)
    audit(application, by, "application.attachment_added", name=attachment.name)
    return attachment


def store_upload(
    *, application: Application, by: User, upload: UploadedFile, for_accountability: bool = False
) -> Attachment:
    """Check a file's number, size and type (by content; scanned when a scanner is set) and
    store it privately under a random name; the application's own files and the
    accountability's receipts and photos count apart. The form field has usually checked
    the file already; check_upload then does not check it twice."""
    existing = application.attachments.filter(for_accountability=for_accountability)
    if existing.count() >= attachments.MAX_FILES:
        raise DomainError(
            _("You can add at most %(count)d files.") % {"count": attachments.MAX_FILES}
        )
    try:
        kind = uploads.check_upload(upload, attachments.POLICY)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error
    attachment = Attachment(
        application=application, name=required(upload.name), size=required(upload.size),
        content_type=kind.mime,
        uploaded_by=by, for_accountability=for_accountability,
    )  # fmt: skip
    attachment.file.save(attachment.name, upload, save=False)
    previews.attach_preview(attachment)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by: User) -> None:
    application = _draft(attachment.application)
    attachment = application.attachments.get(pk=attachment.pk)
    name, file, preview = attachment.name, attachment.file, attachment.preview
    attachment.delete()
    transaction.on_commit(lambda: file.storage.delete(required(file.name)))
    if preview:
        transaction.on_commit(lambda: preview.storage.delete(required(preview.name)))
    audit(application, by, "application.attachment_removed", name=name)


# --- Sending in and withdrawing ------------------------------------------------------------


@transaction.atomic
def submit_application(*, application: Application, by: User) -> Application:
    """Send the application in. A draft initiative started on the way is sent in with it,
    its empty answers filled from the application."""
    application = _draft(application)
    missing = application_steps.missing_steps(application)
    if missing:
        raise DomainError(
            _("Some steps are not complete yet: %(steps)s.")
            % {"steps": ", ".join(str(n) for n in missing)}
        )
    if application.fund.status != FundStatus.OPEN:
        raise DomainError(_("This budget period is closed; you cannot send in anymore."))
    initiative = application.initiative
    if initiative.status == InitiativeStatus.DRAFT:
        _submit_initiative_on_the_way(application, by)
    application = change_application_status(
        application=application, to=ApplicationStatus.SUBMITTED, by=by
    )
    context = {"application": application, "link": link(application)}
    notify(
        recipients=initiator_users(application), template="budget/submitted",
        context=context, preference="status",
    )  # fmt: skip
    notify(recipients=facilitator_users(application), template="budget/new", context=context)
    return application


def _submit_initiative_on_the_way(application: Application, by: User) -> None:
    initiative = application.initiative
    fill: dict[int, dict[str, Any]] = {
        1: {"summary": application.result_difference, "theme": InitiativeTheme.OTHER},
        2: {
            "why": application.result_difference, "goal": application.goal,
            "actions_needed": application.means,
        },
        3: {
            "scale": Scale.NEIGHBOURHOOD if application.neighbourhood else Scale.CITY,
            "target_group": application.result_who,
            "expected_participants": application.expected_participants,
        },
        5: {"support_wanted": [Support.MONEY]},
    }  # fmt: skip
    for step, values in fill.items():
        empty = {k: v for k, v in values.items() if not getattr(initiative, k)}
        if step == 3 and application.neighbourhood and not initiative.neighbourhoods.exists():
            empty["neighbourhoods"] = [application.neighbourhood]
        if empty:
            initiative_services.save_intake_step(
                initiative=initiative, by=by, step=step, data=empty
            )
    initiative_services.submit_initiative(initiative=initiative, by=by)


@transaction.atomic
def withdraw_application(*, application: Application, by: User, reason: str = "") -> Application:
    application = change_application_status(
        application=application, to=ApplicationStatus.WITHDRAWN, by=by, reason=reason
    )
    if application.submitted_at is not None:
        notify(
            recipients=facilitator_users(application), template="budget/withdrawn",
            context={"application": application, "reason": reason, "link": link(application)},
        )  # fmt: skip
    return application
