"""The permission matrix: for every URL pattern, what every role may see.

Each entry maps a URL name to its URL arguments and the expected status per role. A URL
pattern without an entry fails the suite (test_every_url_pattern_has_a_matrix_entry).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from burgerkracht.accounts.roles import STAFF_ROLES, Role

ANONYMOUS = "anonymous"
BUDGET_VIEWERS = (
    Role.FACILITATOR,
    Role.FACILITATOR_COORDINATOR,
    Role.BUDGET_DECISION_HOLDER,
    Role.READ_ONLY,
    Role.ADMINISTRATOR,
)
DECISION_EDITORS = (
    Role.FACILITATOR,
    Role.FACILITATOR_COORDINATOR,
    Role.BUDGET_DECISION_HOLDER,
    Role.ADVICE_COORDINATOR,
    Role.ADMINISTRATOR,
)
ROLES: list[str] = [ANONYMOUS, *Role.values]
LOGIN = "login"  # a redirect to the login page
# Officials responsible for another subject of the same kind (World.other_*).
OTHERS: dict[str, int | str] = {"other_facilitator": 403, "other_holder": 403}


@dataclass(frozen=True)
class Entry:
    """`expected`: status per role for a person with that role and no tie to the object.
    `own`: status for the people tied to it (see World in conftest.py), e.g. {"lead": 200}.
    `kwargs`: URL arguments, or a function of the World that returns them.
    `subject`: status for officials of the same role tied to a *different* subject of the same
    kind (another initiative's facilitator, another line's holder), e.g. OTHERS (issue #23).
    `foreign`: URL arguments whose inner object belongs to another parent than the outer one
    (a tranche of another award): everybody in `own` gets a 404 there."""

    expected: dict[str, int | str]
    kwargs: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    own: dict[str, int | str] = field(default_factory=dict)
    why: str = ""
    subject: dict[str, int | str] = field(default_factory=dict)
    foreign: Callable[[Any], dict[str, Any]] | None = None

    def url_kwargs(self, world) -> dict[str, Any]:
        return self.kwargs(world) if callable(self.kwargs) else self.kwargs


def everyone(status: int = 200, **overrides: int | str) -> dict[str, int | str]:
    return {role: overrides.get(role, status) for role in ROLES}


def logged_in(status: int = 200, **overrides: int | str) -> dict[str, int | str]:
    return {ANONYMOUS: LOGIN, **{role: overrides.get(role, status) for role in Role.values}}


def only(*allowed: str, status: int = 200) -> dict[str, int | str]:
    return {
        ANONYMOUS: LOGIN,
        **{role: status if role in allowed else 403 for role in Role.values},
    }


def by_mfa(*, with_mfa: int, without: int) -> dict[str, int | str]:
    """Staff always have a second factor (it is enforced); the others have none by default."""
    return {
        ANONYMOUS: LOGIN,
        **{role: with_mfa if role in STAFF_ROLES else without for role in Role.values},
    }


def anonymous_only(status: int = 200, then: int = 302) -> dict[str, int | str]:
    return {ANONYMOUS: status, **dict.fromkeys(Role.values, then)}


def _feed_token(user) -> str:
    from burgerkracht.core.personal.calendar import feed_for

    return feed_for(user).token


def _saved_filter(world) -> dict[str, int]:
    """A saved filter of the world's facilitator on the Samen Sterk queue."""
    from burgerkracht.core.models import SavedFilter

    saved, _created = SavedFilter.objects.get_or_create(
        owner=world.facilitator, list_key="budget:queue", name="Mijn wijk, nog te toetsen",
        defaults={"query": "status=in_assessment"},
    )  # fmt: skip
    return {"pk": saved.pk}


MATRIX: dict[str, Entry] = {
    # --- core -------------------------------------------------------------
    "core:home": Entry(everyone()),
    "core:dashboard": Entry(logged_in()),
    "core:privacy": Entry(everyone()),
    "core:accessibility": Entry(everyone()),
    "core:theme-css": Entry(everyone()),
    "core:logo": Entry(everyone(404), why="no logo configured in the matrix run"),
    "core:font": Entry(everyone(404), why="no font file configured in the matrix run"),
    "core:health": Entry(everyone()),
    "core:liveness": Entry(everyone()),
    "core:calendar": Entry(logged_in()),
    "core:tasks": Entry(
        {ANONYMOUS: LOGIN, **{role: 200 if role in STAFF_ROLES else 403 for role in Role.values}},
        why="the officials' worklist; whose tasks follow from the dossier (test_worklist)",
    ),
    "core:calendar-feed": Entry(
        everyone(),
        kwargs=lambda w: {"token": _feed_token(w.lead)},
        own={"lead": 200},
        why="no login: the unguessable token is the key (a wrong one is a 404, test_calendar)",
    ),
    "set_language": Entry(everyone(302), why="a GET only redirects back; the switch is a POST"),
    # --- accounts (ours) ----------------------------------------------------
    "accounts:profile": Entry(logged_in()),
    "accounts:profile-update": Entry(logged_in()),
    "accounts:data-export": Entry(logged_in()),
    "accounts:delete": Entry(logged_in()),
    # --- allauth ------------------------------------------------------------
    "account_login": Entry(anonymous_only()),
    "account_signup": Entry(anonymous_only()),
    "account_logout": Entry(everyone(200, anonymous=302), why="anonymous: nothing to log out"),
    "account_inactive": Entry(everyone()),
    "account_reauthenticate": Entry(logged_in()),
    "account_email": Entry(logged_in()),
    "account_email_verification_sent": Entry(everyone()),
    "account_change_password": Entry(logged_in()),
    "account_set_password": Entry(
        logged_in(302), why="every account has a password: redirected to change it"
    ),
    "account_reset_password": Entry(everyone()),
    "account_reset_password_done": Entry(everyone()),
    "account_reset_password_from_key": Entry(
        everyone(), kwargs={"uidb36": "0", "key": "ongeldig"}, why="a bad key shows a Dutch page"
    ),
    "account_reset_password_from_key_done": Entry(everyone()),
    "account_confirm_email": Entry(
        everyone(), kwargs={"key": "ongeldig"}, why="a bad key shows a Dutch page"
    ),
    "account_request_login_code": Entry(anonymous_only()),
    "account_confirm_login_code": Entry(
        everyone(302), why="without a pending code request: back to requesting one"
    ),
    "mfa_index": Entry(logged_in()),
    "mfa_authenticate": Entry(everyone(302), why="only during a login with a second factor"),
    # Without a second factor there is nothing to re-confirm, switch off or show (404);
    # with one, allauth first asks to re-enter the password (302).
    "mfa_reauthenticate": Entry(by_mfa(with_mfa=200, without=302)),
    "mfa_activate_totp": Entry(logged_in(302), why="asks to re-enter the password first"),
    "mfa_deactivate_totp": Entry(by_mfa(with_mfa=302, without=404)),
    "mfa_view_recovery_codes": Entry(by_mfa(with_mfa=302, without=404)),
    "mfa_generate_recovery_codes": Entry(logged_in(302)),
    "mfa_download_recovery_codes": Entry(by_mfa(with_mfa=302, without=404)),
    # --- logging in through a broker: DigiD, eHerkenning, staff SSO (accounts/oidc) ----------
    "openid_connect_login": Entry(
        everyone(404), kwargs={"provider_id": "digid"}, why="no login method switched on"
    ),
    "openid_connect_callback": Entry(
        everyone(404), kwargs={"provider_id": "digid"}, why="no login method switched on"
    ),
    "socialaccount_login_cancelled": Entry(everyone()),
    "socialaccount_login_error": Entry(everyone(401), why="allauth's generic error page"),
    "socialaccount_signup": Entry(
        everyone(302), why="only during a broker login that needs a form (never, auto sign-up)"
    ),
    "socialaccount_connections": Entry(logged_in()),
    "oidc:link": Entry(everyone(302), why="only during a DigiD login that found an account"),
    "oidc:level": Entry(logged_in()),
    "oidc:keep-alive": Entry(logged_in(405), why="a POST only"),
    "oidc:resume": Entry(logged_in(302), why="only after a DigiD session expired mid-form"),
    "oidc:logged-out": Entry(everyone(302), why="only after logging out of a broker login"),
    # --- initiatives: public ---------------------------------------------------------------
    "initiatives:public-list": Entry(everyone()),
    "initiatives:public-detail": Entry(everyone(), kwargs=lambda w: {"pk": w.active.pk}),
    "initiatives:public-neighbourhood": Entry(
        everyone(), kwargs=lambda w: {"slug": w.neighbourhood.slug}
    ),
    # --- initiatives: intake ---------------------------------------------------------------
    "initiatives:new": Entry(only(Role.RESIDENT, Role.PROFESSIONAL)),
    "initiatives:invitation": Entry(
        logged_in(), kwargs=lambda w: {"token": w.invitation.token}, why="the token is the key"
    ),
    "initiatives:intake": Entry(
        only(), kwargs=lambda w: {"pk": w.draft.pk}, own={"draft_lead": 200, "lead": 403}
    ),
    "initiatives:intake-step": Entry(
        only(), kwargs=lambda w: {"pk": w.draft.pk, "step": 1}, own={"draft_lead": 200}
    ),
    "initiatives:intake-check": Entry(
        only(),
        kwargs=lambda w: {"pk": w.draft.pk},
        own={"draft_lead": 200, "facilitator": 403},
        subject=OTHERS,
    ),
    "initiatives:sent": Entry(
        only(),
        kwargs=lambda w: {"pk": w.submitted.pk},
        own={"lead": 200, "facilitator": 403},
        subject=OTHERS,
        why="the confirmation after sending in is the residents' own page",
    ),
    # --- initiatives: workspace ------------------------------------------------------------
    "initiatives:detail": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "co": 200, "facilitator": 200, "draft_lead": 403},
        subject=OTHERS,
    ),
    "initiatives:activate": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.submitted.pk},
        own={"facilitator": 200, "lead": 403},
        subject=OTHERS,
    ),
    "initiatives:pause": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "co": 200, "facilitator": 200},
        subject=OTHERS,
    ),
    "initiatives:resume": Entry(
        only(),
        kwargs=lambda w: {"pk": w.paused.pk},
        own={"lead": 200, "facilitator": 200},
        subject=OTHERS,
    ),
    "initiatives:end": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "co": 403, "facilitator": 200},
        subject=OTHERS,
    ),
    "initiatives:assign": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 403, "facilitator": 403},
        subject=OTHERS,
    ),
    "initiatives:update-create": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "co": 200, "facilitator": 200},
        subject=OTHERS,
    ),
    "initiatives:message-create": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "facilitator": 200},
        subject=OTHERS,
    ),
    "initiatives:signal-handled": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk, "update_pk": w.signal.pk},
        own={"lead": 403, "facilitator": 200},
        subject=OTHERS,
        foreign=lambda w: {"pk": w.active.pk, "update_pk": w.foreign_signal.pk},
    ),
    # --- initiatives: officials ------------------------------------------------------------
    "initiatives:officials-list": Entry(only(Role.FACILITATOR, Role.FACILITATOR_COORDINATOR)),
    "initiatives:coordinator": Entry(only(Role.FACILITATOR_COORDINATOR)),
    # --- meetlat and decisions -------------------------------------------------------------
    "meetlat:register": Entry(only(*DECISION_EDITORS, Role.READ_ONLY)),
    "meetlat:coverage": Entry(only(*DECISION_EDITORS, Role.READ_ONLY)),
    "meetlat:policy-create": Entry(only(*DECISION_EDITORS)),
    "meetlat:version-publish": Entry(only(Role.ADMINISTRATOR)),
    "meetlat:decision-detail": Entry(
        only(*DECISION_EDITORS, Role.READ_ONLY),
        kwargs=lambda w: {"pk": w.draft_decision.pk},
        own={"facilitator": 200, "lead": 403},
        subject={"other_facilitator": 200, "other_holder": 200},
        why="a policy decision is read by all staff; other subjects: matrix_subjects.py",
    ),
    **{
        name: Entry(
            only(),
            kwargs=lambda w: {"pk": w.draft_decision.pk},
            own={"facilitator": 200, "lead": 403},
            subject=OTHERS,
            why="a policy decision is its owner's (issue #23: it was any decision editor's)",
        )
        for name in (
            "meetlat:decision-edit",
            "meetlat:triad",
            "meetlat:meetlat",
            "meetlat:finalise",
        )
    },
    "meetlat:reflection": Entry(
        only(),
        kwargs=lambda w: {"pk": w.final_decision.pk},
        own={"facilitator": 200},
        subject=OTHERS,
    ),
    "meetlat:pdf": Entry(
        only(*DECISION_EDITORS, Role.READ_ONLY),
        kwargs=lambda w: {"pk": w.final_decision.pk},
        own={"facilitator": 200, "lead": 403},
        subject={"other_facilitator": 200, "other_holder": 200},
        why="the stored PDF (made on first request when the worker runs eagerly)",
    ),
    "meetlat:public-detail": Entry(everyone(), kwargs=lambda w: {"pk": w.final_decision.pk}),
    # --- budget ledger ---------------------------------------------------------------------
    "budget:samen-sterk": Entry(everyone()),
    "budget:fund-list": Entry(only(*BUDGET_VIEWERS)),
    "budget:fund-create": Entry(only(Role.ADMINISTRATOR)),
    "budget:overview": Entry(only(*BUDGET_VIEWERS), kwargs=lambda w: {"pk": w.fund.pk}, own={}),
    "budget:integrity-log": Entry(only(*BUDGET_VIEWERS), kwargs=lambda w: {"pk": w.fund.pk}),
    "budget:line-create": Entry(only(Role.ADMINISTRATOR), kwargs=lambda w: {"pk": w.fund.pk}),
    "budget:fund-open": Entry(only(Role.ADMINISTRATOR), kwargs=lambda w: {"pk": w.fund.pk}),
    # budget:reallocate and budget:holders: matrix_budget_changes (open period: proposals)
    # --- budget applications ---------------------------------------------------------------
    "budget:my-applications": Entry(logged_in()),
    "budget:application-new": Entry(
        only(Role.RESIDENT, Role.PROFESSIONAL),
        why="a professional applies with a resident without e-mail (SC-11)",
    ),
    "budget:application": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.app_awaiting.pk},
        own={"lead": 200, "facilitator": 200, "holder": 200, "co": 403, "professional": 403},
        subject=OTHERS,
        why="a decision holder of another line and professionals who were not asked: 403",
    ),
    "budget:copy": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.app_awaiting.pk},
        own={"lead": 200, "facilitator": 200, "holder": 200, "co": 403, "professional": 403},
        subject=OTHERS,
        why="the PDF copy: whoever may read the application, as its page",
    ),
    "budget:application-step": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk, "step": 1},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
    ),
    "budget:attachments": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk},
        own={"lead": 200, "facilitator": 403},
        subject=OTHERS,
    ),
    "budget:attachment": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.attachment.pk},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
        why="a draft never sent in is private to the residents",
        foreign=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.foreign_attachment.pk},
    ),
    "budget:attachment-remove": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.attachment.pk},
        own={"lead": 200, "facilitator": 403},
        subject=OTHERS,
        foreign=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.foreign_attachment.pk},
    ),
    "budget:application-sent": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_submitted.pk},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
        why="the confirmation after sending in is the residents' own page",
    ),
    "budget:application-check": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk},
        own={"lead": 200, "facilitator": 403},
        subject=OTHERS,
    ),
    "budget:withdraw": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_submitted.pk},
        own={"lead": 200, "facilitator": 403},
        subject=OTHERS,
    ),
    "budget:application-message": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_submitted.pk},
        own={"lead": 200, "facilitator": 200, "holder": 403},
        subject=OTHERS,
    ),
    "budget:letter": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.app_granted.pk, "letter_pk": w.letter.pk},
        own={"lead": 200, "facilitator": 200, "holder": 200, "professional": 403},
        subject=OTHERS,
        foreign=lambda w: {"pk": w.app_granted.pk, "letter_pk": w.foreign_letter.pk},
    ),
    "budget:queue": Entry(
        only(Role.FACILITATOR, Role.FACILITATOR_COORDINATOR, Role.BUDGET_DECISION_HOLDER)
    ),
    **{
        name: Entry(
            only(Role.FACILITATOR_COORDINATOR),
            kwargs=lambda w: {"pk": w.app_assessment.pk},
            own={"facilitator": 200, "lead": 403, "holder": 403, "professional": 403},
            subject=OTHERS,
        )
        for name in (
            "budget:assess",
            "budget:assess-complete",
            "budget:return",
            "budget:advice-request",
        )
    },
    "budget:advice": Entry(
        only(),
        kwargs=lambda w: {"advice_pk": w.advice.pk},
        own={"professional": 200, "facilitator": 403, "lead": 403},
        subject=OTHERS,
    ),
    **{
        name: Entry(
            only(),
            kwargs=lambda w: {"pk": w.app_awaiting.pk},
            own={"holder": 200, "facilitator": 403, "lead": 403},
            subject=OTHERS,
            why="only a decision holder of the application's own line decides",
        )
        for name in ("budget:decide", "budget:send-back", "budget:publish")
    },
    "budget:amend": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_granted.pk},
        own={"holder": 200, "facilitator": 403, "lead": 403},
        subject=OTHERS,
    ),
    "initiatives:handover": Entry(only(Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR)),
    "initiatives:reassign": Entry(
        only(Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR),
        why="moving some of a facilitator's dossiers: as the handover (permissions.can_hand_over)",
    ),
    # --- saved filters of the officials' lists (issue #24) -------------------------------------
    "core:saved-filter-create": Entry(
        logged_in(405), why="POST only, from an officials' list (tests/core/test_saved_filters.py)"
    ),
    "core:saved-filter-delete": Entry(
        logged_in(404),
        kwargs=_saved_filter,
        own={"facilitator": 200},
        subject={"other_facilitator": 404},
        why="personal: only the owner finds it; for anybody else it does not exist",
    ),
}

# The Django admin: every pattern sits behind admin_site.admin_view and allauth's
# secure_admin_login; these are checked per registered model.
ADMIN_ONLY = only(Role.ADMINISTRATOR)

# The advice register keeps its entries per part, beside this file.
from tests.security import (  # noqa: E402
    matrix_advice_answer,
    matrix_advice_bodies,
    matrix_advice_register,
    matrix_assisted,
    matrix_budget_changes,
    matrix_budget_followup,
    matrix_continuity,
    matrix_notes_previews,
    matrix_partners_lessons,
    matrix_payments,
    matrix_post,
    matrix_public_results,
    matrix_reports,
    matrix_reports_advice,
    matrix_reports_budget,
    matrix_stories,
    matrix_succession,
    matrix_support,
)

for _part in (
    matrix_advice_register, matrix_advice_answer, matrix_advice_bodies, matrix_reports,
    matrix_reports_budget, matrix_reports_advice, matrix_public_results, matrix_continuity,
    matrix_budget_followup, matrix_notes_previews, matrix_stories, matrix_post,
    matrix_succession, matrix_assisted, matrix_budget_changes, matrix_payments,
    matrix_partners_lessons, matrix_support,
):  # fmt: skip
    MATRIX.update(_part.ENTRIES)
