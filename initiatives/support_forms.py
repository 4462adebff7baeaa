"""Forms of support requests and the jager. Validation only; initiatives/support.py saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.roles import FACILITATOR_ROLES
from burgerkracht.core.forms import MoneyField, NamedRequiredMixin, long_text, reason_text
from burgerkracht.core.models import Organisation
from initiatives.forms import _helper
from initiatives.support_enums import RuleDomain
from initiatives.support_models import validate_person_address, validate_person_name


def _organisations():
    return Organisation.objects.order_by("name")


class PersonFields(forms.Form):
    """The responsible decider (or the next holder): a person, not a mailbox."""

    name = forms.CharField(
        label=_("Name of the person who decides"), max_length=200,
        validators=[validate_person_name],
        help_text=_("First name and surname. A person, not a department or a mailbox."),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("E-mail address of that person"), validators=[validate_person_address],
        help_text=_("Their own address, not info@ or a team mailbox."),
    )  # fmt: skip


class AskSupportForm(NamedRequiredMixin, PersonFields):
    question = long_text(
        _("What do you ask?"),
        _("For example: a permit, a place, insurance, supervision or a professional's time."),
    )  # fmt: skip
    domain = forms.ChoiceField(label=_("Rule domain"), choices=RuleDomain.choices)
    organisation = forms.ModelChoiceField(
        label=_("Department or partner organisation"), queryset=_organisations(),
        empty_label=_("Choose an organisation"),
    )  # fmt: skip
    field_order = ["question", "domain", "organisation", "name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Send the support request"))


class HandOverForm(NamedRequiredMixin, PersonFields):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=_organisations(), required=False,
        empty_label=_("The same organisation"),
    )  # fmt: skip
    note = long_text(_("Note"), _("For example: why it was passed on."), required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of the person who has the request now")
        self.fields["email"].label = _("E-mail address of that person")
        self.helper = _helper(_("Record the hand-off"))


class AnswerForm(NamedRequiredMixin, forms.Form):
    answer = reason_text(_("The answer"), _("What was decided, and by whom."), rows=4)
    what_it_took = long_text(
        _("What did it take?"),
        _("Who was needed, what helped, what others can learn from it."), required=False,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the answer"))


class WithdrawSupportForm(NamedRequiredMixin, forms.Form):
    reason = reason_text(_("Why?"), _("For example: the initiative found another way."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Withdraw the support request"))


class JagerForm(NamedRequiredMixin, forms.Form):
    jager = forms.ModelChoiceField(label=_("Jager"), queryset=None, empty_label=_("Choose"))
    mandate = long_text(
        _("What may the jager arrange?"),
        _("For example: make agreements with housing and care, and call on the permits team."),
    )  # fmt: skip
    money_limit = MoneyField(
        label=_("Money up to (euro)"), required=False, max_digits=10,
        help_text=_("Leave empty when the jager arranges no money."),
    )  # fmt: skip
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments and partners the jager may call on"),
        queryset=_organisations(), required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["jager"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=FACILITATOR_ROLES)
            .distinct()
            .order_by("full_name")
        )
        self.helper = _helper(_("Appoint the jager"))
