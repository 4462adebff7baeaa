"""Every form class of our apps, and how to build it bound to hostile data (targets.md S1).

`REGISTRY` maps a form class to an `Entry`: the constructor arguments the views pass (built
from the permission matrix's world, once per test), in one or more variants, and the keys the
form reads from the data beyond its fields (`later`: "save and continue later"). The fields to
fuzz are read from the unbound form itself (`form.fields`, with the form's prefix), so a new
field is fuzzed without touching this file; a new form class fails
`test_every_form_class_has_a_registry_entry` until it gets an entry here or in `EXCLUDED`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from hypothesis import strategies as st

import advice.forms.answer as advice_answer
import advice.forms.bodies as advice_bodies
import advice.forms.followup as advice_followup
import advice.forms.promises as advice_promises
import advice.forms.register as advice_register
import budget.forms.application as budget_application
import budget.forms.assessment as budget_assessment
import budget.forms.changes as budget_changes
import budget.forms.followup as budget_followup
import budget.forms.ledger as budget_ledger
import budget.forms.partners as budget_partners
import budget.forms.payments as budget_payments
import burgerkracht.accounts.forms as accounts
import burgerkracht.meetlat.forms as meetlat
import initiatives.assisted_forms as initiatives_assisted
import initiatives.forms as initiatives
import initiatives.forms_people as initiatives_people
import initiatives.handover as handover
import initiatives.lesson_forms as lesson_forms
import initiatives.partner_forms as partner_forms
import initiatives.story_forms as story_forms
import initiatives.support_forms as support_forms
import initiatives.support_reports as support_reports
from advice.models import Advice, AdvisoryBody, BodyOrganisation, Signal
from advice.reports import AdviceFilterForm
from advice.representation import NoFilters
from budget.admin import LetterTextForm
from budget.continuity import ContinuityFilterForm
from budget.public_selectors import choose_year
from budget.reports import FundFilterForm, SamenSterkFilterForm
from budget.views.public import YearForm
from burgerkracht.core.forms import SavedFilterForm
from burgerkracht.core.reporting.reports import PeriodForm
from burgerkracht.meetlat.models import MeetlatVersion
from burgerkracht.meetlat.reports import MeetlatFilterForm

APPS = ("burgerkracht", "initiatives", "budget", "advice")
LATER = {"later": st.just("")}  # the "save and continue later" button

Variants = Callable[[Any], list[dict[str, Any]]]


def partial(world) -> list[dict[str, Any]]:
    return [{"partial": False}, {"partial": True}]


def plain(world) -> list[dict[str, Any]]:
    return [{}]


@dataclass(frozen=True)
class Entry:
    variants: Variants = plain  # world -> constructor keyword arguments, one dict per variant
    extra: dict[str, st.SearchStrategy] = field(default_factory=dict)


# Classes that are never instantiated on their own; their fields are fuzzed in the subclasses.
EXCLUDED: dict[type[forms.BaseForm], str] = {
    initiatives.StepForm: "base of the intake steps Step1Form..Step5Form; no fields of its own",
    budget_application.StepForm: "base of the application and follow-up steps; no fields",
    budget_assessment.DatesMixin: "base of DecisionForm and AmendForm, which add its fields",
    advice_bodies.SignalFields: "the shared fields of SignalForm and ConvertForm",
    budget_payments.BankAccountFields: "the IBAN fields of MoneyForm and BankAccountForm",
    support_forms.PersonFields: "the decider's fields of AskSupportForm and HandOverForm",
}


# Fields whose date range (burgerkracht.core.forms.EARLIEST_DATE..LATEST_DATE) is not yet
# checked: their files are being changed for the uploads work (issue #9 report). The range
# check is skipped for these fields only; everything else about the form is fuzzed.
UNBOUNDED_DATES: dict[type[forms.BaseForm], frozenset[str]] = {}


def _advice_bodies(world):
    return AdvisoryBody.objects.filter(is_active=True).order_by("name")


def _signs(world):
    return list(world.app_granted.signs.all())


REGISTRY: dict[type[forms.BaseForm], Entry] = {
    # --- initiatives ---------------------------------------------------------------------
    initiatives.Step1Form: Entry(partial),
    initiatives.Step2Form: Entry(partial),
    initiatives.Step3Form: Entry(partial),
    initiatives.Step4Form: Entry(
        lambda w: [
            {"partial": p, "assisted": a, "own_email": w.lead.email, "resident_known": k}
            for p in (False, True)
            for a in (False, True)
            for k in (False, True)
        ]
    ),
    initiatives_assisted.AssistedStep1Form: Entry(partial),
    initiatives_assisted.ResidentWithoutEmailForm: Entry(),
    initiatives_assisted.ClaimLetterForm: Entry(),
    initiatives.Step5Form: Entry(partial),
    initiatives.ReasonForm: Entry(lambda w: [{"reason_required": r} for r in (True, False)]),
    initiatives.EndForm: Entry(),
    initiatives.AssignForm: Entry(),
    initiatives.UpdateForm: Entry(lambda w: [{"action": "/x/"}]),
    initiatives.MessageForm: Entry(
        lambda w: [{"action": "/x/"}, {"action": "/x/", "to_residents": True}]
    ),
    initiatives.NoteForm: Entry(lambda w: [{"action": "/x/"}]),
    initiatives.InitiativeFilterForm: Entry(),
    initiatives_people.HandoverForm: Entry(lambda w: [{"initiatives": [w.active]}, {}]),
    initiatives_people.StepDownForm: Entry(),
    initiatives_people.LeadOfferForm: Entry(),
    initiatives_people.AppointLeadForm: Entry(lambda w: [{"initiative": w.active}, {}]),
    initiatives_people.ReassignForm: Entry(
        lambda w: [{"dossiers": handover.dossiers_of(w.facilitator)}, {}]
    ),
    story_forms.TellStoryForm: Entry(),
    story_forms.ReviewStoryForm: Entry(),
    story_forms.WithdrawStoryForm: Entry(lambda w: [{}, {"by_author": True}]),
    story_forms.StorySearchForm: Entry(),
    partner_forms.ContributionForm: Entry(),
    partner_forms.JudgeContributionForm: Entry(),
    lesson_forms.LessonForm: Entry(),
    lesson_forms.PublishLessonForm: Entry(),
    lesson_forms.UnpublishLessonForm: Entry(),
    lesson_forms.LessonSearchForm: Entry(),
    budget_partners.PartnersAtEvaluationForm: Entry(
        lambda w: [{"contributions": [w.contribution]}, {}]
    ),
    support_forms.AskSupportForm: Entry(),
    support_forms.HandOverForm: Entry(),
    support_forms.AnswerForm: Entry(),
    support_forms.WithdrawSupportForm: Entry(),
    support_forms.JagerForm: Entry(),
    support_reports.LeadTimeFilterForm: Entry(),
    # --- budget: the application -----------------------------------------------------------
    budget_application.NewApplicationForm: Entry(
        lambda w: [
            {"initiatives": [w.active, w.paused]},
            {},
            {"initiatives": [w.assisted], "allow_new": False},
        ]
    ),
    budget_application.ResultForm: Entry(partial),
    budget_application.GoalForm: Entry(partial),
    budget_application.ParticipantsForm: Entry(partial),
    budget_application.MoneyForm: Entry(partial),
    budget_application.TimeForm: Entry(
        lambda w: [{"partial": p, "has_backup": b} for p in (False, True) for b in (False, True)]
    ),
    budget_application.AttachmentForm: Entry(),
    # --- budget: assessment and decision ---------------------------------------------------
    budget_assessment.AssessmentForm: Entry(lambda w: [{"fund": w.fund}]),
    budget_assessment.ReasonForm: Entry(lambda w: [{}, {"label": "Waarom?", "button": "Ja"}]),
    budget_assessment.OptionalReasonForm: Entry(),
    budget_assessment.AdviceRequestForm: Entry(),
    budget_assessment.AdviceForm: Entry(),
    budget_assessment.DecisionForm: Entry(),
    budget_assessment.AmendForm: Entry(),
    # --- budget: after the grant -----------------------------------------------------------
    budget_followup.VisitForm: Entry(),
    budget_followup.MeetingForm: Entry(partial),
    budget_followup.ProgressForm: Entry(partial),
    budget_followup.SignsForm: Entry(lambda w: [{"signs": _signs(w)}], LATER),
    budget_followup.ResidentViewForm: Entry(),
    budget_followup.ContinuationForm: Entry(
        lambda w: [{"cost_lines": w.app_granted.cost_lines.all(), "open_amount": Decimal(100)}]
    ),
    budget_followup.ResultReachedForm: Entry(
        lambda w: [{"signs": _signs(w), "partial": p} for p in (False, True)]
    ),
    budget_followup.TakingPartForm: Entry(partial),
    budget_followup.SpendingForm: Entry(
        lambda w: [{"cost_lines": list(w.app_granted.cost_lines.all())}], LATER
    ),
    budget_followup.StoryForm: Entry(
        lambda w: [
            {"partial": p, "ask_consent": a, "one_off": o}
            for p in (False, True)
            for a in (False, True)
            for o in (False, True)
        ]
    ),
    budget_followup.ReceiptForm: Entry(lambda w: [{"action": "/x/"}]),
    budget_followup.SettleForm: Entry(),
    budget_followup.PaidForm: Entry(),
    budget_payments.BankAccountForm: Entry(),
    budget_payments.ConfirmationFileForm: Entry(),
    # --- budget: the ledger, reports, public pages -----------------------------------------
    budget_ledger.FundForm: Entry(),
    budget_ledger.LineForm: Entry(),
    budget_ledger.ReallocationForm: Entry(lambda w: [{"fund": w.fund}]),
    budget_ledger.HolderForm: Entry(),
    # Proposals during the open period (SC-15, SC-16): a line with one holder and with two.
    budget_changes.HolderProposalForm: Entry(
        lambda w: [
            {"line": w.app_granted.line, "holders": holders}
            for holders in (
                list(w.app_granted.line.decision_holders.all())[:1],
                [w.holder, w.other_holder],
            )
        ]
    ),
    budget_changes.OutOfPurposeForm: Entry(lambda w: [{"fund": w.fund}]),
    budget_changes.RefusalForm: Entry(),
    LetterTextForm: Entry(),
    FundFilterForm: Entry(),
    SamenSterkFilterForm: Entry(),
    ContinuityFilterForm: Entry(),
    YearForm: Entry(lambda w: [{"choice": choose_year(None)}]),
    # --- accounts, reports, meetlat --------------------------------------------------------
    accounts.ProfileForm: Entry(lambda w: [{"instance": w.lead}]),
    accounts.DeleteAccountForm: Entry(),
    accounts.ClaimStartForm: Entry(),
    PeriodForm: Entry(),
    MeetlatFilterForm: Entry(),
    meetlat.PolicyDecisionForm: Entry(),
    meetlat.DecisionForm: Entry(),
    meetlat.TriadForm: Entry(),
    meetlat.MeetlatForm: Entry(lambda w: [{"version": MeetlatVersion.current()}]),
    meetlat.ReasonForm: Entry(lambda w: [{}, {"label": "Nu"}]),
    meetlat.ReflectionForm: Entry(),
    meetlat.VersionForm: Entry(lambda w: [{"current": MeetlatVersion.current()}]),
    # --- advice ------------------------------------------------------------------------------
    AdviceFilterForm: Entry(),
    NoFilters: Entry(),
    advice_register.RequestForm: Entry(lambda w: [{}, {"button": "Verstuur"}]),
    advice_register.RequestEditForm: Entry(lambda w: [{"request_obj": w.adv.advice_request}]),
    advice_register.AdviceForm: Entry(
        lambda w: [
            {"bodies": _advice_bodies(w), "requests": w.adv.advice_request.__class__.objects.all()},
            {"button": "Bewaar"},
        ]
    ),
    advice_register.RecommendationsForm: Entry(
        lambda w: [{"texts": []}, {"texts": ["Eén", "Twee"]}]
    ),
    advice_register.ReasonForm: Entry(lambda w: [{}, {"label": "Waarom?", "button": "Ja"}]),
    advice_register.SendForm: Entry(),
    advice_register.ContactsForm: Entry(lambda w: [{"body_id": w.adv.asd.pk}]),
    advice_register.PublicForm: Entry(),
    advice_answer.AnswerForm: Entry(
        lambda w: [{"recommendations": w.adv.draft_answer.recommendations.order_by("number")}]
    ),
    advice_answer.PlannedPromiseForm: Entry(lambda w: [{"advice": w.adv.draft_answer}]),
    advice_answer.ConfirmForm: Entry(lambda w: [{"button": "Ja"}]),
    advice_answer.ReasonForm: Entry(),
    advice_followup.PromiseUpdateForm: Entry(
        lambda w: [{"promise": w.adv.promise, "prefix": "update"}]
    ),
    advice_followup.ReassignForm: Entry(lambda w: [{"prefix": "reassign"}]),
    advice_promises.PromiseForm: Entry(lambda w: [{}, {"change": True}]),
    advice_promises.VerdictForm: Entry(lambda w: [{"prefix": "verdict"}]),
    advice_promises.AgendaForm: Entry(),
    advice_promises.AgendaFileForm: Entry(),
    advice_followup.EvaluationForm: Entry(
        lambda w: [{"promises": list(w.adv.answered.promises.order_by("pk"))}]
    ),
    advice_bodies.MemberForm: Entry(lambda w: [{"body": w.adv.asd}]),
    advice_bodies.EndMembershipForm: Entry(),
    advice_bodies.OrganisationForm: Entry(),
    advice_bodies.SignalForm: Entry(
        lambda w: [{"bodies": _advice_bodies(w), "organisations": BodyOrganisation.objects.all()}]
    ),
    advice_bodies.ConvertForm: Entry(lambda w: [{"bodies": _advice_bodies(w)}]),
    advice_bodies.LinkSignalsForm: Entry(lambda w: [{"queryset": Signal.objects.all()}]),
    advice_bodies.MeetingForm: Entry(lambda w: [{"advices": Advice.objects.all()}]),
    advice_bodies.FactsheetForm: Entry(),
    advice_bodies.HandoverForm: Entry(),
    # --- core ------------------------------------------------------------------------------
    SavedFilterForm: Entry(),
}


def our_modules() -> list[str]:
    """Import every module of our apps (not migrations, not tests), so every form is defined."""
    names = []
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            parts = module.name.split(".")
            if "migrations" in parts or "tests" in parts:
                continue
            importlib.import_module(module.name)
            names.append(module.name)
    return names


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def form_classes() -> set[type]:
    """Every form and formset class defined in our code."""
    our_modules()
    found = {*_subclasses(forms.BaseForm), *_subclasses(forms.BaseFormSet)}
    return {cls for cls in found if cls.__module__.split(".")[0] in APPS}


def label(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"
