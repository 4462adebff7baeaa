"""The purge: every kind of the retention table, applied to what is past its period.

`purge(now=None, dry_run=False)` runs every kind in the table's order, each in its own
transaction, and returns the rows affected per kind. Files of deleted or anonymised rows are
removed from storage after their kind's transaction has committed (a crash in between leaves
an unreferenced file, which the `orphan_files` kind removes a day later). One audit event per
run records the counts, never personal data. A run finds only what still holds personal
data, so a second run the same day changes nothing and records nothing.

Kinds use bulk statements: a queryset `delete()` or `update()` per model, never a query per
row (the erasure of inactive accounts is the exception: it goes through `delete_account`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

from burgerkracht.core.models import AuditEvent
from burgerkracht.core.privacy import retention

logger = logging.getLogger(__name__)


@dataclass
class Run:
    """One purge run: its moment, whether it only counts, and the files to remove after."""

    now: datetime
    dry_run: bool = False
    files: list[tuple[Storage, str]] = field(default_factory=list)
    kind: retention.Kind | None = None

    @property
    def cutoff(self) -> datetime:
        if self.kind is None:
            raise RuntimeError("Run.cutoff is only known while a kind is being purged")
        return self.kind.cutoff(self.now)

    def delete(self, queryset: models.QuerySet[Any]) -> int:
        """Delete the rows (and, through the collector, what cascades from them)."""
        if self.dry_run:
            return queryset.count()
        return queryset.delete()[1].get(queryset.model._meta.label, 0)

    def blank(self, queryset: models.QuerySet[Any], fields: Iterable[str], **extra: Any) -> int:
        """Empty the text fields of the rows that still hold any of them."""
        fields = tuple(fields)
        queryset = queryset.filter(has_text(*fields))
        if self.dry_run:
            return queryset.count()
        return queryset.update(**dict.fromkeys(fields, ""), **extra)

    def drop_files(self, queryset: models.QuerySet[Any], name: str, *, clear: bool) -> int:
        """Remember the stored files of `name` on these rows for removal; with `clear`, also
        empty the field (the row stays). Returns the number of files."""
        queryset = queryset.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
        storage = queryset.model._meta.get_field(name).storage
        names = list(queryset.values_list(name, flat=True))
        if not self.dry_run:
            self.files.extend((storage, n) for n in names)
            if clear:
                queryset.update(**{name: ""})
        return len(names)


def has_text(*fields: str) -> models.Q:
    """Any of these text fields is not empty (works on encrypted fields too)."""
    return reduce(or_, (~models.Q(**{f: ""}) for f in fields))


def remove_files(files: Iterable[tuple[Storage, str]]) -> int:
    removed = 0
    for storage, name in files:
        try:
            if storage.exists(name):
                storage.delete(name)
                removed += 1
        except OSError:
            # Left for the orphan sweep of the next night; never stop the purge for one file.
            logger.warning("purge: could not remove a stored file")
    return removed


def purge(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Apply the retention table. Returns {kind: rows affected} (would be, with dry_run)."""
    run = Run(now=now or timezone.now(), dry_run=dry_run)
    counts: dict[str, int] = {}
    files_removed = 0
    for kind in retention.table():
        run.kind = kind
        with transaction.atomic():
            counts[kind.key] = kind.purge(run)
        files, run.files = run.files, []
        files_removed += remove_files(files)
    if not dry_run and any(counts.values()):
        record_run(counts, files_removed=files_removed, now=run.now)
    logger.info("purge%s: %s", " (dry run)" if dry_run else "", counts)
    return counts


def record_run(counts: dict[str, int], *, files_removed: int, now: datetime) -> AuditEvent:
    """One audit event per run that changed something: counts per kind, no personal data.
    Its subject is the audit trail itself (the purge is about no single record)."""
    return AuditEvent.objects.create(
        created_at=now,
        subject_type=ContentType.objects.get_for_model(AuditEvent),
        subject_id="retention",
        actor=None,
        action="retention.purged",
        data={"counts": {k: v for k, v in counts.items() if v}, "files_removed": files_removed},
    )
