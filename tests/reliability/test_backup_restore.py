"""R5: backup and restore drill. The demo data plus several thousand bulk rows are dumped
with pg_dump (custom format, as the operations manual prescribes) and restored with
pg_restore into a new database; every table of the public schema then has the same number
of rows and the same checksum over all its rows, and every sequence the same position (or new
rows after a restore would collide with old ones).

pg_dump and pg_restore come from the server's own bin directory (PG_BIN), so their version
matches the server's.
"""

import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.core.models import AuditEvent, OutboxMessage
from initiatives.models import Initiative, Initiator, Message
from tests.processes import pg_bin

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),  # pg_dump must see the rows
    pytest.mark.usefixtures("reference_data"),
]

BULK = 1500  # users, initiatives and their lead initiators, messages; twice as many audit rows

TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
SEQUENCES = (
    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' "
    "ORDER BY sequencename"
)


def checksums(dsn: dict) -> tuple[dict[str, tuple[int, str]], list]:
    """Per table: (rows, md5 of all rows in a fixed order); and every sequence's position."""
    with psycopg.connect(**dsn) as db:
        tables = [name for (name,) in db.execute(TABLES)]
        sums = {
            name: db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) "  # noqa: E501, S608 (names from pg_tables)
                f'FROM "{name}" t'
            ).fetchone()
            for name in tables
        }
        return sums, db.execute(SEQUENCES).fetchall()


def load_data() -> None:
    call_command("seed_demo", quiet_logins=True)
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"backup-{n}@example.org", full_name=f"Bewoner {n}", password="!")
        for n in range(BULK)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(title=f"Buurtinitiatief {n}", summary="Samen doen.", theme="meeting",
                   created_by=user)
        for n, user in enumerate(users)
    )  # fmt: skip
    Initiator.objects.bulk_create(
        Initiator(initiative=i, user=u, email=u.email, role="lead", invited_at=now,
                  accepted_at=now)
        for i, u in zip(initiatives, users, strict=True)
    )  # fmt: skip
    Message.objects.bulk_create(
        Message(initiative=i, sender=i.created_by, body=f"Bericht {n} — één, twee; 'drie'")
        for n, i in enumerate(initiatives)
    )
    subject = AuditEvent.objects.order_by("pk").first()
    AuditEvent.objects.bulk_create(
        AuditEvent(subject_type=subject.subject_type, subject_id=str(n), action="drill",
                   data={"n": n, "tekst": "ß€"})
        for n in range(2 * BULK)
    )  # fmt: skip
    OutboxMessage.objects.bulk_create(
        OutboxMessage(subject=f"Onderwerp {n}", from_email="gemeente@example.org",
                      to=[f"backup-{n}@example.org"], body="Tekst")
        for n in range(BULK)
    )  # fmt: skip


@pytest.fixture
def restored_database():
    s = connection.settings_dict
    name = f"r5_{uuid.uuid4().hex[:12]}"
    where = ["-h", s["HOST"], "-p", str(s["PORT"]), "-U", s["USER"]]
    subprocess.run([pg_bin() / "createdb", *where, name], check=True, timeout=60)
    yield name
    subprocess.run([pg_bin() / "dropdb", *where, "--force", name], check=False, timeout=60)


def test_backup_restores_every_table_identically(settings, restored_database, figure):
    settings.DEBUG = True  # seed_demo refuses to run without it (it sets known passwords)
    load_data()
    s = connection.settings_dict
    where = ["-h", s["HOST"], "-p", str(s["PORT"]), "-U", s["USER"]]

    with tempfile.TemporaryDirectory(prefix="burgerkracht-backup-") as directory:
        dump = Path(directory) / "burgerkracht.dump"
        subprocess.run(
            [pg_bin() / "pg_dump", *where, "-Fc", "-f", dump, s["NAME"]],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        restore = subprocess.run(
            [pg_bin() / "pg_restore", *where, "--no-owner", "--exit-on-error", "-d",
             restored_database, dump],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    dsn = {"host": s["HOST"], "port": s["PORT"], "user": s["USER"]}
    original, original_sequences = checksums({**dsn, "dbname": s["NAME"]})
    restored, restored_sequences = checksums({**dsn, "dbname": restored_database})
    differing = sorted(
        name
        for name in original.keys() | restored.keys()
        if original.get(name) != restored.get(name)
    )
    rows = sum(count for count, _ in original.values())
    print(
        f"R5 backup/restore: {len(original)} tables, {rows} rows, "
        f"{len(original) - len(differing)} identical, differing: {differing}"
    )
    figure(
        "R5",
        tables=len(original),
        rows=rows,
        checksums_equal=len(original) - len(differing),
        differing=len(differing),
        sequences_equal=int(original_sequences == restored_sequences),
    )
    assert restore.returncode == 0, restore.stderr[-3000:]
    assert rows > 4 * BULK
    assert differing == []
    assert original_sequences == restored_sequences
