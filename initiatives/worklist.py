"""The initiatives' tasks on "Mijn taken" (burgerkracht.core.personal.worklist): an initiative
of this facilitator (as contact or backup) whose lead initiator stepped down and that has no
new lead yet (SC-13). One query, whatever the number of initiatives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from burgerkracht.accounts.roles import FACILITATOR_ROLES
from burgerkracht.core.personal.worklist import Task
from initiatives.enums import InitiativeStatus, LeadSuccession
from initiatives.models import Initiative


def tasks_for(user: Any) -> Iterator[Task]:
    if not user.is_authenticated:
        return
    if not user.has_role(*FACILITATOR_ROLES):
        return
    looking = (
        Initiative.objects.filter(Q(facilitator=user) | Q(backup_facilitator=user))
        .exclude(lead_succession=LeadSuccession.NONE)
        .exclude(status=InitiativeStatus.ENDED)
        .only("pk", "title", "created_at", "lead_succession")
    )
    for initiative in looking:
        if initiative.lead_succession == LeadSuccession.OFFERED:
            what = _("The lead initiator stopped: the new lead has not confirmed yet")
        else:
            what = _("The lead initiator stopped: appoint a new lead")
        yield Task(
            key=f"lead-{initiative.pk}",
            what=what,
            reference=initiative.reference,
            title=initiative.title,
            url=initiative.get_absolute_url(),
        )
