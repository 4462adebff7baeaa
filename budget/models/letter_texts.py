"""The municipality's own wording of the letters (issue #26): versioned, one active version
per block and language. A letter records the versions it was made with; a version is never
changed (editing makes a new one), so an old letter can always be explained."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budget.enums import LetterBlock
from budget.letter_placeholders import validate_letter_text

LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]


class LetterText(models.Model):
    block = models.CharField(_("part of the letter"), max_length=20, choices=LetterBlock.choices)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    version = models.PositiveIntegerField(_("version"), editable=False)
    body = models.TextField(
        _("text"),
        validators=[validate_letter_text],
        help_text=_(
            "Plain text. An empty line starts a new paragraph; a line break stays a line "
            "break. Facts of the dossier go between braces, for example {titel}."
        ),
    )
    is_active = models.BooleanField(_("active"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("written by"),
    )  # fmt: skip
    activated_at = models.DateTimeField(_("made active at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")
        ordering = ["block", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "language", "version"], name="letter_text_version_unique"
            ),
            models.UniqueConstraint(
                fields=["block", "language"],
                condition=Q(is_active=True),
                name="letter_text_one_active",
            ),
            models.CheckConstraint(
                condition=Q(is_active=False) | Q(activated_at__isnull=False),
                name="letter_text_active_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_block_display()} ({self.language}, v{self.version})"
