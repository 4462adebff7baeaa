"""The municipality's letter texts in the management screens (issue #26): for administrators.
Saving a text makes a new version; the preview shows it in a letter on a sample dossier; the
action "Make active" puts it into use for letters made from then on."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.letter_placeholders import PLACEHOLDERS
from budget.letter_preview import preview_letter
from budget.models import LetterText
from budget.permissions import can_edit_letter_texts
from budget.services.letter_texts import activate_letter_text, write_letter_text
from burgerkracht.core.exceptions import DomainError


class LetterTextForm(forms.ModelForm):
    reason = forms.CharField(
        label=gettext_lazy("Why this change"), required=False, max_length=500,
        help_text=gettext_lazy("Kept in the audit trail."),
    )  # fmt: skip

    class Meta:
        model = LetterText
        fields = ["block", "language", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10, "cols": 90})}


@admin.register(LetterText)
class LetterTextAdmin(admin.ModelAdmin):
    form = LetterTextForm
    list_display = ["block", "language", "version", "is_active", "preview_link", "created_at"]
    list_filter = ["block", "language", "is_active"]
    list_select_related = ["created_by"]
    readonly_fields = ["version", "is_active", "created_by", "activated_at", "placeholders",
                       "preview_link"]  # fmt: skip
    actions = ["make_active"]

    # --- who ------------------------------------------------------------------------------
    def has_module_permission(self, request):
        return can_edit_letter_texts(request.user)

    def has_view_permission(self, request, obj=None):
        return can_edit_letter_texts(request.user)

    def has_add_permission(self, request):
        return can_edit_letter_texts(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit_letter_texts(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # a letter may have been made with it

    # --- the form ---------------------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["placeholders"]
        return ["block", "language", *self.readonly_fields]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["block", "language", "body", "reason", "placeholders"]
        return ["block", "language", "version", "is_active", "activated_at", "created_by",
                "preview_link", "body", "reason", "placeholders"]  # fmt: skip

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "language": "nl"}

    @admin.display(description=gettext_lazy("Facts you can use"))
    def placeholders(self, obj=None):
        return format_html_join(mark_safe("<br>"), "<code>{{{}}}</code>: {}", PLACEHOLDERS.items())

    @admin.display(description=gettext_lazy("Preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return ""
        url = reverse("admin:budget_lettertext_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview PDF"))

    def save_model(self, request, obj, form, change):
        """Every save is a new version: the one a letter was made with never changes."""
        try:
            new = write_letter_text(
                by=request.user, block=obj.block, language=obj.language, body=obj.body,
                reason=form.cleaned_data.get("reason", ""),
            )  # fmt: skip
        except DomainError as error:
            raise PermissionDenied(str(error)) from error
        obj.__dict__.update({k: v for k, v in new.__dict__.items() if not k.startswith("_")})
        if change:
            messages.info(request, _("Saved as version %(n)s. It is used once you make it active.")
                          % {"n": new.version})  # fmt: skip

    # --- activate and preview -------------------------------------------------------------
    @admin.action(description=gettext_lazy("Make active: use for new letters"))
    def make_active(self, request, queryset):
        chosen = list(queryset)
        if len({(t.block, t.language) for t in chosen}) != len(chosen):
            self.message_user(
                request, _("Choose one version per part and language."), messages.ERROR
            )
            return
        for text in chosen:
            activate_letter_text(by=request.user, text=text)
        self.message_user(
            request, _("Made active: %(texts)s.") % {"texts": ", ".join(map(str, chosen))}
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="budget_lettertext_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        if not can_edit_letter_texts(request.user):
            raise PermissionDenied
        text = get_object_or_404(LetterText, pk=pk)
        response = HttpResponse(preview_letter(text), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="voorbeeld-{text.block}-v{text.version}.pdf"'
        )
        return response
