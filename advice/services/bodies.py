"""Managing an advisory body: its members (with "dubbele petten" kept visible) and its
member organisations with the themes they work on and the groups they represent; and turning
an obstacle from practice into a signal of a body."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advice.enums import MemberRole
from advice.models import AdvisoryBody, BodyOrganisation, Membership, Signal
from advice.services.common import audit
from advice.services.register import record_signal
from burgerkracht.core import practice
from burgerkracht.core.exceptions import DomainError

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User


@transaction.atomic
def add_member(
    *, by: User, body: AdvisoryBody, user: Any, role: str = MemberRole.MEMBER,
    organisation: BodyOrganisation | None = None, started_on: date | None = None,
) -> Membership:  # fmt: skip
    """`user` joins `body`. Being a member of other bodies too is allowed (and shown)."""
    if user is None or not user.is_active:
        raise DomainError(_("Choose an active person."))
    if role not in MemberRole.values:
        raise DomainError(_("Choose a role."))
    if organisation is not None and organisation.body_id != body.pk:
        raise DomainError(_("This organisation is not a member of this body."))
    if Membership.objects.filter(body=body, user=user, ended_on__isnull=True).exists():
        raise DomainError(_("This person is already a member of this body."))
    membership = Membership.objects.create(
        body=body, user=user, role=role, organisation=organisation,
        started_on=started_on or timezone.localdate(),
    )  # fmt: skip
    audit(body, by, "body.member_added", user=user.pk, role=role)
    return membership


@transaction.atomic
def end_membership(*, by: User, membership: Membership, ended_on: date | None = None) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_on is not None:
        raise DomainError(_("This membership has already ended."))
    ended_on = ended_on or timezone.localdate()
    if membership.started_on and ended_on < membership.started_on:
        raise DomainError(_("The end date cannot be before the start date."))
    membership.ended_on = ended_on
    membership.save(update_fields=["ended_on", "updated_at"])
    audit(membership.body, by, "body.member_ended", user=membership.user_id,
          ended_on=ended_on.isoformat())  # fmt: skip
    return membership


@transaction.atomic
def save_organisation(
    *, by: User, body: AdvisoryBody, organisation: Any, themes: Sequence[Any] = (),
    groups: Sequence[Any] = (), joined_on: date | None = None, left_on: date | None = None,
    member: BodyOrganisation | None = None,
) -> BodyOrganisation:  # fmt: skip
    """Add `organisation` to `body`, or (with `member`) change an existing member
    organisation: its themes, the groups it represents, and its dates."""
    if organisation is None:
        raise DomainError(_("Choose an organisation."))
    if joined_on and left_on and left_on < joined_on:
        raise DomainError(_("The end date cannot be before the start date."))
    taken = BodyOrganisation.objects.filter(body=body, organisation=organisation)
    if member is not None:
        if member.body_id != body.pk:
            raise DomainError(_("This organisation is not a member of this body."))
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        raise DomainError(_("This organisation is already a member of this body."))
    if member is None:
        member = BodyOrganisation(body=body)
        action = "body.organisation_added"
    else:
        member = BodyOrganisation.objects.select_for_update().get(pk=member.pk)
        action = "body.organisation_changed"
    member.organisation, member.joined_on, member.left_on = organisation, joined_on, left_on
    member.save()
    member.themes.set(themes)
    member.groups.set(groups)
    audit(body, by, action, organisation=organisation.pk,
          themes=sorted(t.pk for t in themes), groups=sorted(g.pk for g in groups))  # fmt: skip
    return member


@transaction.atomic
def convert_obstacle(
    *, by: User, key: str, body: AdvisoryBody, theme: Any, title: str, description: str,
    is_structural: bool = False, note: str = "",
) -> Signal:  # fmt: skip
    """An obstacle an initiative marked "signal to the municipality" becomes a signal of
    `body`; the obstacle is marked picked up in the same step (so only once)."""
    if practice.get(key) is None:
        raise DomainError(_("This obstacle has already been picked up, or does not exist."))
    source = practice.pick_up(key, by, note or _("Taken up as a signal of %(body)s.")
                              % {"body": body.short_name})  # fmt: skip
    return record_signal(
        by=by, body=body, theme=theme, title=title, description=description,
        is_structural=is_structural, source=source,
    )  # fmt: skip
