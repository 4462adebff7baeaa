"""Choices of the core app. A leaf module: imports nothing else from the project."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationType(models.TextChoices):
    RESIDENTS_GROUP = "residents_group", _("Residents' group")
    FOUNDATION = "foundation", pgettext_lazy("organisation type", "Foundation (stichting)")
    ASSOCIATION = "association", _("Association (vereniging)")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Neighbourhood team (wijkteam)")
    CARE_WELFARE = "care_welfare", _("Care or welfare organisation")
    VOLUNTEER = "volunteer", _("Volunteer organisation")
    CLIENT_ORGANISATION = "client_organisation", _("Interest or client organisation")
    HOUSING = "housing", _("Housing corporation")
    BUSINESS = "business", _("Business")
    MUNICIPAL = "municipal", _("Municipal department")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("outbox status", "Waiting to be sent")
    SENT = "sent", pgettext_lazy("outbox status", "Sent")
    FAILED = "failed", pgettext_lazy("outbox status", "Failed for good")


class ReminderStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("reminder status", "Waiting to be sent")
    SENT = "sent", pgettext_lazy("reminder status", "Sent")
    SKIPPED = "skipped", pgettext_lazy("reminder status", "Not sent")


class PostStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("post status", "Waiting to be posted")
    POSTED = "posted", pgettext_lazy("post status", "Posted")
    CANCELLED = "cancelled", pgettext_lazy("post status", "Cancelled")


class PostKind(models.TextChoices):
    NOTICE = "notice", pgettext_lazy("post kind", "Notice")
    LETTER = "letter", pgettext_lazy("post kind", "Decision letter")
    REMINDER = "reminder", pgettext_lazy("post kind", "Reminder")


# A letter in the post queue is posted once, by hand. It is cancelled only when it must not
# go out any more: the account of its recipient was erased (accounts.services.delete_account).
POST_TRANSITIONS: dict[str, frozenset[str]] = {
    PostStatus.QUEUED: frozenset({PostStatus.POSTED, PostStatus.CANCELLED}),
    PostStatus.POSTED: frozenset(),
    PostStatus.CANCELLED: frozenset(),
}
