"""The scale data set of `manage.py seed_scale` (issue #10): tens of thousands of initiatives,
applications, evaluations and advices on top of the demo data, loaded in minutes.

Shape, not stories: every row is what the services would have written at the end of a
plausible life (statuses, dates over the last four years, money that adds up), but the rows
are written in bulk, not through the services. So there are no audit events, no outbox mail,
no reminders, no letters or PDFs, and no django-simple-history rows for the bulk data; the
history tables only hold what the demo and the few service calls made.

Each domain app has a `scale` module with `seed(scale)` (and optionally `missing()`, naming
absent reference data); they run in the order of `APP_SCALES`, in one transaction, and each
leaves what the next needs in `Scale.shared`. Primary keys are taken from the table's own
sequence before the rows exist (`reserve_ids`), so children can point at their parents
without a round trip; titles and e-mail addresses carry them and references continue the
numbering of each year, so a second run adds and never collides. Rows go in with COPY, each
value prepared by its model field as a save would prepare it (`insert`).

At 100,000 initiatives, 50,000 applications, 10,000 advices and 100,000 evaluations it
writes about 2.1 million rows in some two and a half minutes on two cores.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import import_module
from time import perf_counter
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.demo import core as demo

# Each domain app's scale data, in dependency order; each module has `seed(scale)`.
APP_SCALES = [
    "burgerkracht.seeding.scale.initiatives",
    "burgerkracht.seeding.scale.budget",
    "burgerkracht.seeding.scale.advice",
]

BATCH = 5000
YEARS = 4
DAY = timedelta(days=1)
T = TypeVar("T")

FIRST_NAMES = [
    "Anna", "Mohamed", "Fatima", "Jan", "Priya", "Kees", "Aylin", "Daan", "Noor", "Sanne",
    "Youssef", "Ingrid", "Wim", "Lotte", "Emre", "Marieke", "Ricardo", "Esther", "Bram", "Samira",
    "Henk", "Mei", "Tamara", "Kofi", "Joyce", "Dirk", "Olga", "Ahmed", "Lisa", "Sevda",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "El Idrissi", "Bakker", "Yilmaz", "Visser", "Smit", "Pinas", "de Boer",
    "Mulder", "Kartosen", "de Graaf", "Nguyen", "Bos", "Vos", "Peters", "Hendriks", "Öztürk",
    "van Dijk", "Dekker", "Brouwer", "Amrani", "Meijer", "Koster", "Wijnaldum", "Kok",
]  # fmt: skip


class ScaleError(Exception):
    """The run cannot be made as asked; the command reports the message."""


class MissingReferenceData(ScaleError):
    """The demo's reference data (wijken, demo users, budget lines, bodies) is not there."""


@dataclass
class Scale:
    """What one run makes, its random source and its clock, and the report of each step."""

    initiatives: int
    applications: int
    advices: int
    evaluations: int
    rng: random.Random
    write: Callable[[str], None] = print
    now: datetime = field(default_factory=timezone.now)
    users: dict[str, User] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    report: list[tuple[str, int | None, float]] = field(default_factory=list)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)

    def user(self, email: str) -> User:
        return self.users[email]

    @contextmanager
    def step(self, label: str, *, counted: bool = True) -> Iterator[list[int]]:
        """Time a step and print a line of the summary; the caller adds the rows it wrote to
        the yielded counter (a step that writes nothing itself, such as planning, shows no
        count)."""
        rows, started = [0], perf_counter()
        yield rows
        seconds = perf_counter() - started
        self.report.append((label, rows[0] if counted else None, seconds))
        count = f"{rows[0]:>10,} rows" if counted else " " * 15
        self.write(f"  {label:<40}{count} {seconds:7.1f} s")

    def save(self, model: type[models.Model], rows: Sequence[models.Model], label: str = "") -> int:
        """Write one model's rows as a step of its own."""
        with self.step(label or model._meta.label) as counter:
            counter[0] = insert(model, rows)
        return counter[0]

    # --- random shapes ------------------------------------------------------------------

    def moment(self, newest: float, oldest: float) -> datetime:
        """A moment between `oldest` and `newest` days ago."""
        return self.now - timedelta(days=self.rng.uniform(newest, oldest))

    def after(self, moment: datetime, low: float, high: float) -> datetime:
        """A moment `low` to `high` days after `moment`, never in the future."""
        return min(self.now, moment + timedelta(days=self.rng.uniform(low, high)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def spread(self, n: int, weights: dict[T, float]) -> list[T]:
        """`n` values in the proportions of `weights`, shuffled. Every value occurs once n
        allows it, so a small run still has every status."""
        keys, total = list(weights), sum(weights.values())
        exact = [n * weights[k] / total for k in keys]
        counts = [int(x) for x in exact]
        by_fraction = sorted(range(len(keys)), key=lambda i: exact[i] - counts[i], reverse=True)
        for i in by_fraction[: n - sum(counts)]:
            counts[i] += 1
        if n >= len(keys):
            for i in [i for i, count in enumerate(counts) if count == 0]:
                counts[counts.index(max(counts))] -= 1
                counts[i] = 1
        values = [k for k, c in zip(keys, counts, strict=True) for _ in range(c)]
        self.rng.shuffle(values)
        return values

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"


def at(day: date, hour: int = 10) -> datetime:
    """A moment on `day`, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


# --- writing in bulk ------------------------------------------------------------------------


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` primary keys from the table's own sequence (PostgreSQL), so later inserts by the
    app never meet them; elsewhere the next free numbers (one writer: the command)."""
    if n <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, n],
            )
            return sorted(row[0] for row in cursor.fetchall())
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
    return list(range(top + 1, top + n + 1))


def insert(model: type[models.Model], rows: Sequence[models.Model]) -> int:
    """Write model instances; rows without a primary key get one first (as `bulk_create`
    would return it), so later rows can point at them.

    Every value is prepared by its model field exactly as a save prepares it (encrypted
    fields encrypted, JSON as JSON, related objects resolved to their keys). On PostgreSQL
    the rows go in through COPY, several times faster than INSERT; elsewhere `bulk_create`.
    """
    without = [row for row in rows if row.pk is None]
    for row, pk in zip(without, reserve_ids(model, len(without)), strict=True):
        row.pk = pk
    if connection.vendor != "postgresql":
        for start in range(0, len(rows), BATCH):
            model._default_manager.bulk_create(rows[start : start + BATCH])
        return len(rows)
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: no proxy lookup per value
    fields = model._meta.concrete_fields
    quote = db.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with (
        db.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            row._prepare_related_fields_for_save(operation_name="bulk_create")
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), db) for f in fields])
    return len(rows)


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk inserts keep the given `created_at`/`updated_at` instead of "now": switch
    `auto_now`/`auto_now_add` off for the duration (one process, one command)."""
    fields = [
        f
        for model in model_classes
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def synthetic_users(
    scale: Scale, n: int, *, prefix: str, role: str, neighbourhoods: Sequence[int]
) -> list[User]:
    """`n` accounts nobody can log in to (unusable passwords), with the role's group. Their
    e-mail addresses carry their primary key, so they are unique over runs; each logged in
    during the last year, so the purge of unused accounts leaves them alone."""
    from django.contrib.auth.models import Group

    users = []
    for pk in reserve_ids(User, n):
        joined = scale.moment(0, YEARS * 365)
        users.append(
            User(
                pk=pk, email=f"{prefix}{pk}@schaal.example.org", full_name=scale.person_name(),
                password=make_password(None), date_joined=joined,
                last_login=max(joined, scale.moment(0, 300)),
                neighbourhood_id=scale.rng.choice(neighbourhoods) if neighbourhoods else None,
                notify_messages=scale.chance(0.9), notify_status=scale.chance(0.9),
            )
        )  # fmt: skip
    insert(User, users)
    group = Group.objects.get(name=role)
    through = User.groups.through
    insert(through, [through(user_id=u.pk, group_id=group.pk) for u in users])
    return users


def insert_select(sql: str, params: Iterable[Any] = ()) -> int:
    """One INSERT … SELECT for rows that follow from rows already written."""
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


# --- the run --------------------------------------------------------------------------------


def missing_reference_data() -> list[str]:
    missing = [
        email for email, *_rest in demo.USERS if not User.objects.filter(email=email).exists()
    ]
    if not Neighbourhood.objects.filter(is_active=True).exists():
        missing.append("wijken")
    for module in APP_SCALES:
        check = getattr(import_module(module), "missing", None)
        missing += check() if check else []
    return missing


def run(scale: Scale) -> None:
    """Check the reference data, write everything in one transaction, then ANALYZE so the
    planner sees the new sizes at once (as autovacuum would, later)."""
    missing = missing_reference_data()
    if missing:
        raise MissingReferenceData(
            "The demo reference data is missing ("
            + ", ".join(missing)
            + "). Run `python manage.py seed_demo` first."
        )
    scale.users = {u.email: u for u in User.objects.filter(email__in=[u[0] for u in demo.USERS])}
    started = perf_counter()
    with transaction.atomic():
        for module in APP_SCALES:
            import_module(module).seed(scale)
        committing = perf_counter()
    seconds = perf_counter() - committing
    scale.report.append(("commit", None, seconds))
    scale.write(f"  {'commit (foreign keys checked)':<55} {seconds:7.1f} s")
    with scale.step("ANALYZE", counted=False), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = sum(rows or 0 for _label, rows, _seconds in scale.report)
    scale.write(f"  {'total':<40}{total:>10,} rows {perf_counter() - started:7.1f} s")
