"""An organisation applies (SC-02): its name and KvK number, and the residents who lead the
plan. BR-05: "bewoners bepalen wat er gaat gebeuren en daarbij zoveel mogelijk de regie
houden, inclusief de verantwoording"; applications by organisations must name them.

The residents named are invited as co-initiators of the initiative. Naming them is enough to
send the application in (the organisation is not kept waiting, and nothing it wrote is lost);
before the facilitator hands it to the decision holder, and before money is granted, at least
one of them must have accepted: residents, not the organisation alone, hold the reins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from budget.enums import ApplicationStatus
from budget.models import MAX_LEAD_RESIDENTS, Application, LeadResident
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import invitations

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User


def replace_lead_residents(
    *, application: Application, by: User, rows: list[tuple[str, str]]
) -> list[LeadResident]:
    """Save the residents in the lead as (name, e-mail) rows and invite new addresses; an
    address taken off the list loses its invitation unless it was accepted. Called by
    save_application_step inside its transaction, on a locked draft."""
    rows = [((n or "").strip(), (e or "").strip().lower()) for n, e in rows]
    rows = [(n, e) for n, e in rows if n or e]
    if len(rows) > MAX_LEAD_RESIDENTS:
        raise DomainError(
            _("Name at most %(count)d residents in the lead.") % {"count": MAX_LEAD_RESIDENTS}
        )
    emails = [e for _n, e in rows if e]
    if len(set(emails)) != len(emails):
        raise DomainError(_("Every resident in the lead needs their own e-mail address."))
    for old in application.lead_residents.select_related("initiator"):
        initiator = old.initiator
        if initiator is not None and old.email not in emails and not initiator.is_backup:
            invitations.withdraw_invitation(
                initiator=initiator, by=by,
                reason=_("No longer named as a resident in the lead of the application."),
            )  # fmt: skip
    application.lead_residents.all().delete()
    vars(application).pop("lead_rows", None)  # the rows read with it are the old ones
    leads = []
    for position, (name, email) in enumerate(rows, 1):
        initiator = None
        if email:
            initiator = invitations.invite_co_initiator(
                initiative=application.initiative, by=by, email=email,
                organisation=application.organisation_name,
            )  # fmt: skip
        lead = LeadResident.objects.create(
            application=application, position=position, name=name, email=email,
            initiator=initiator,
        )  # fmt: skip
        leads.append(lead)
    return leads


# What an eHerkenning login fixes on an application: the applicant cannot change it.
EHERKENNING_LOCKED = ("on_behalf_of_organisation", "kvk_number", "organisation_name")


def confirm_organisation(*, application: Application, by: User) -> Application:
    """An eHerkenning login applies (SC-02): its KvK number, branch and organisation name
    (from the broker's claims, kept on the account at login) fill the draft and lock it; the
    acting person's name is recorded. Nothing else of the draft changes."""
    if not by.kvk_number or application.status != ApplicationStatus.DRAFT:
        return application
    application.on_behalf_of_organisation = True
    application.organisation_by_eherkenning = True
    application.kvk_number = by.kvk_number
    application.branch_number = by.branch_number
    application.organisation_name = by.organisation_name or application.organisation_name
    application.acting_person = by.full_name
    application.save(update_fields=[
        "on_behalf_of_organisation", "organisation_by_eherkenning", "kvk_number",
        "branch_number", "organisation_name", "acting_person", "updated_at",
    ])  # fmt: skip
    AuditEvent.record(
        subject=application, actor=by, action="application.organisation_confirmed",
        data={"kvk_number": by.kvk_number, "branch_number": by.branch_number},
    )  # fmt: skip
    return application


def locked_fields(application: Application) -> tuple[str, ...]:
    """The fields of step 1 an eHerkenning login fixed (a name the broker did not give stays
    the applicant's to fill in)."""
    if not application.organisation_by_eherkenning:
        return ()
    return tuple(
        f for f in EHERKENNING_LOCKED if f != "organisation_name" or application.organisation_name
    )


def lead_missing(application: Application) -> list[str]:
    """What BR-05 still needs before the application can be decided: for an organisation, at
    least one named resident in the lead who accepted the invitation."""
    if not application.on_behalf_of_organisation:
        return []
    if any(lead.has_accepted for lead in application.lead_residents.all()):
        return []
    return [_("at least one resident in the lead who accepted the invitation")]


def residents_in_lead(application: Application) -> str:
    """The names of the residents in the lead, for the decision record's resident input."""
    names = [lead.name for lead in application.lead_residents.all() if lead.name]
    return ", ".join(names) or application.residents_in_lead
