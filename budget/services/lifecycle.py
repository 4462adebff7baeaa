"""What a grant's milestones do to the things around it, so that every status a person sees
follows the thing it describes (issue #22 §3).

- The award is the "plan agreed" of WF-1: an initiative that was only submitted becomes
  running (an application started on the way leaves its initiative submitted otherwise, and
  the residents read "your contact person will get in touch" long after the money came).
- When the grant is settled, evaluations still planned or written down are no longer needed:
  they are cancelled with the reason, so no page keeps them "planned" and no reminder goes out.
- When the residents said at the accountability that they stop, and no other grant of theirs
  runs, the initiative ends with the result they gave. Otherwise it keeps running: many go on
  by themselves or apply again ("niet voor eeuwig maar ook niet voor korte duur").

Budget may call the initiatives services, never the reverse; each change is audited there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from budget.enums import ACCOUNTING_STATUSES, EvaluationStatus, NextStep, Reached
from budget.models import Accountability, Application
from budget.services.evaluation import change_evaluation_status
from initiatives import services as initiative_services
from initiatives.enums import InitiativeStatus, Result

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

RESULT_OF: dict[str, Result] = {  # looked up by the stored value
    Reached.YES: Result.REACHED,
    Reached.PARTLY: Result.PARTLY,
    Reached.NO: Result.NOT_REACHED,
}


def start_initiative_for_grant(*, application: Application, by: User) -> None:
    """The award starts a submitted initiative (submitted → running), audited with why."""
    initiative = application.initiative
    if initiative.status == InitiativeStatus.SUBMITTED:
        initiative_services.change_status(
            initiative=initiative, to=InitiativeStatus.ACTIVE, by=by,
            reason=_("The Samen Sterk grant was awarded."),
        )  # fmt: skip


def cancel_open_evaluations(*, application: Application, by: User, reason: str) -> None:
    """Evaluations not decided yet are no longer needed once the grant is settled."""
    for evaluation in application.evaluations.filter(
        status__in=(EvaluationStatus.PLANNED, EvaluationStatus.RECORDED)
    ):
        change_evaluation_status(
            evaluation=evaluation, to=EvaluationStatus.CANCELLED, by=by, reason=reason
        )


def end_initiative_after_grant(*, accountability: Accountability, by: User) -> None:
    """The residents said they stop: the initiative ends with their result and lessons, unless
    another grant of theirs still runs or it has ended already."""
    application = accountability.application
    initiative = application.initiative
    if accountability.next_step != NextStep.STOP or initiative.status not in (
        InitiativeStatus.ACTIVE,
        InitiativeStatus.PAUSED,
    ):
        return
    others = initiative.applications.exclude(pk=application.pk).filter(
        status__in=ACCOUNTING_STATUSES
    )
    if others.exists():
        return
    initiative_services.change_status(
        initiative=initiative, to=InitiativeStatus.ENDED, by=by,
        reason=_("The Samen Sterk grant was settled and the initiators stop."),
        result=RESULT_OF[accountability.result_reached], lessons=accountability.lessons,
    )  # fmt: skip
