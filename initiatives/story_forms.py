"""Forms of stories without money. Validation only; the services in initiatives/stories.py
save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.files.uploads import SafeFileField
from burgerkracht.core.forms import NamedRequiredMixin, long_text, reason_text
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.validation.reasons import is_reason
from initiatives.forms import InitiativeFilterForm, _helper
from initiatives.stories import PHOTO_POLICY


class TellStoryForm(NamedRequiredMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=150,
        help_text=_("A few words, for example 'A ride to the doctor for older neighbours'."),
    )  # fmt: skip
    text = long_text(
        _("Your story"),
        _("What works in your wijk? Who does it, and what can others learn from it?"),
        rows=8,
    )  # fmt: skip
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.filter(is_active=True).order_by("name"),
        empty_label=_("Choose a wijk"),
    )  # fmt: skip
    photo = SafeFileField(
        policy=PHOTO_POLICY, label=_("Photo"), required=False,
        help_text=_("JPG or PNG, at most 10 MB. We remove the place and the camera details "
                    "from the photo. Only use a photo of people who agree."),
    )  # fmt: skip
    photo_alt = forms.CharField(
        label=_("What is on the photo?"), max_length=200, required=False,
        help_text=_("Only with a photo: a short description for people who cannot see it."),
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_("My story may be shown on the website of the municipality (without my name)"),
        help_text=_("A facilitator looks at it first. You can take it back later."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Send your story"))

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean(self):
        data = super().clean()
        if data.get("photo") and not (data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Say in a few words what is on the photo."))
        return data


class ReviewStoryForm(forms.Form):
    """One look, one step: publish, or decline with a reason for the resident."""

    decision = forms.ChoiceField(
        label=_("What do you do with this story?"), widget=forms.RadioSelect,
        choices=[("publish", _("Publish it")), ("decline", _("Do not publish it"))],
    )  # fmt: skip
    reason = long_text(
        _("Why not?"),
        _("Only when you do not publish it. The resident reads this."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Confirm"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not is_reason(data.get("reason")):
            self.add_error("reason", _("Tell the resident why the story is not published."))
        return data


class WithdrawStoryForm(forms.Form):
    reason = reason_text(_("Why?"), _("The resident reads this."))

    def __init__(self, *args, by_author: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if by_author:
            del self.fields["reason"]
        self.helper = _helper(_("Withdraw the story"))


class StorySearchForm(InitiativeFilterForm):
    """The public list: a word and a wijk, as a GET form (works without JavaScript)."""

    theme = None  # stories have no theme
