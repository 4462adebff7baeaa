"""The initiatives' obstacles marked "signal to the municipality", offered to the advice
register through burgerkracht.core.practice (the advice app never imports this app).

No names or contact data of residents leave this module: only the obstacle's text, the
initiative's title and its neighbourhoods."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.practice import PracticeItem
from initiatives.models import Update
from initiatives.services import mark_signal_handled


class ObstacleProvider:
    name = "initiatives"

    def _open(self):
        return (
            Update.objects.filter(is_signal=True, signal_handled_at__isnull=True)
            .select_related("initiative")
            .prefetch_related("initiative__neighbourhoods")
            .order_by("-created_at", "-pk")
        )

    def _item(self, update: Update) -> PracticeItem:
        names = ", ".join(n.name for n in update.initiative.neighbourhoods.all())
        context = f"{update.initiative.title} ({names})" if names else update.initiative.title
        return PracticeItem(
            key=f"{self.name}:{update.pk}", text=update.text, context=context,
            created_at=update.created_at,
        )  # fmt: skip

    def open_items(self) -> list[PracticeItem]:
        return [self._item(update) for update in self._open()[:200]]

    def get(self, item_id: int) -> PracticeItem | None:
        update = self._open().filter(pk=item_id).first()
        return self._item(update) if update else None

    def pick_up(self, item_id: int, by: Any, note: str) -> Update:
        update = Update.objects.filter(pk=item_id, is_signal=True).first()
        if update is None:
            raise DomainError(_("This obstacle does not exist (any more)."))
        return mark_signal_handled(update=update, by=by, reason=note)
