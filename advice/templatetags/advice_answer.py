"""{% answer_links advice as links %}: the answer's status and the links to the answer, the
evaluation and the promises that the current user may open (for the advice's page)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from advice import permissions
from advice.enums import AnswerStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def answer_links(context, advice) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    answer = getattr(advice, "answer", None)
    links = {}
    if answer is not None and (
        answer.status == AnswerStatus.PUBLISHED or permissions.is_internal(user)
    ):
        links["status"] = answer.get_status_display()
    if permissions.can_open_answer(user, advice):
        links["answer"] = reverse("advice:answer", args=[advice.pk])
        links["answer_label"] = (
            _("Start the answer") if answer is None else
            _("Work on the answer") if permissions.can_write_answer(user, advice) else
            _("Read the answer")
        )  # fmt: skip
    if hasattr(advice, "evaluation") and permissions.can_view_evaluation(user, advice):
        links["evaluation"] = reverse("advice:evaluation", args=[advice.pk])
    if answer is not None and answer.is_published and permissions.can_view_promises(user):
        links["promises"] = reverse("advice:promises") + f"?advice={advice.pk}"
    return links
