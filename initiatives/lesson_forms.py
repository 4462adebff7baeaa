"""Forms of the lessons library. Validation only; initiatives/lessons.py saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.files.uploads import SafeFileField
from burgerkracht.core.forms import NamedRequiredMixin, long_text, reason_text
from burgerkracht.core.models import Neighbourhood
from initiatives.enums import InitiativeTheme, LessonSource
from initiatives.forms import InitiativeFilterForm, _helper
from initiatives.lessons import GUIDE_POLICY
from initiatives.support_enums import RuleDomain


class LessonForm(NamedRequiredMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=150,
        help_text=_("A few words, for example 'Arrange the insurance before you start'."),
    )  # fmt: skip
    text = long_text(
        _("The lesson"),
        _("What can others learn from it? Write it for residents and colleagues, without "
          "names."),
        rows=8,
    )  # fmt: skip
    theme = forms.ChoiceField(label=_("Theme"), choices=InitiativeTheme.choices)
    rule_domain = forms.ChoiceField(
        label=_("Rule domain"), required=False,
        choices=[("", _("No rule domain in particular")), *RuleDomain.choices],
        help_text=_("If the lesson is about rules, choose the domain, so others find it."),
    )  # fmt: skip
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.filter(is_active=True).order_by("name"),
        required=False, empty_label=_("The whole city"),
    )  # fmt: skip
    source = forms.ChoiceField(
        label=_("Where does the lesson come from?"), choices=LessonSource.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    source_note = forms.CharField(
        label=_("Which one?"), max_length=200, required=False,
        help_text=_("For example the support request or the accountability it comes from."),
    )  # fmt: skip
    guide = SafeFileField(
        policy=GUIDE_POLICY, label=_("Handreiking"), required=False,
        help_text=_("A how-to document: PDF, Word (docx) or OpenDocument (odt)."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the lesson"))

    def clean_title(self):
        return self.cleaned_data["title"].strip()


class PublishLessonForm(NamedRequiredMixin, forms.Form):
    consent_from = forms.CharField(
        label=_("Who gave consent to publish it?"), max_length=200,
        help_text=_("The initiators or the people the lesson is about, for example "
                    "'Joke Rebel (lead initiator), by e-mail of 3 March'."),
    )  # fmt: skip
    confirm = forms.BooleanField(
        label=_("They agreed that residents may read this lesson on the website")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Publish the lesson"))


class UnpublishLessonForm(forms.Form):
    reason = reason_text(_("Why do you take it off the website?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Take it off the website"))


class LessonSearchForm(InitiativeFilterForm):
    """The public list: a word, a theme and a wijk, as a GET form (works without JavaScript)."""
