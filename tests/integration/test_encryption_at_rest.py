"""The raw database and a pg_dump of it hold the encrypted fields' canary 0 times, while a
canary in a plain field is found (proof that the search works)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from budget.models import Application
from tests.factories import filled_application

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SECRET = "KANARIE-versleuteld-COPD-9b1e"
PLAIN = "KANARIE-leesbaar-4c2d"
ENCRYPTED = ["residents_in_lead", "result_who", "result_how", "reach"]


def occurrences_in_database(text: str) -> int:
    found = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s',  # noqa: S608
                [f"%{text}%"],
            )
            found += cursor.fetchone()[0]
    return found


def dump() -> bytes:
    s = connection.settings_dict
    pg_dump = Path(os.environ.get("PG_BIN", "/usr/bin")) / "pg_dump"
    return subprocess.run(
        [str(pg_dump), "-h", s["HOST"], "-p", str(s["PORT"]), "-U", s["USER"], s["NAME"]],
        check=True, capture_output=True, timeout=120,
    ).stdout  # fmt: skip


def test_the_database_and_its_dump_hold_the_secret_canary_zero_times(reference_data, figure):
    application = filled_application()
    for name in ENCRYPTED:
        setattr(application, name, f"{SECRET} {name}")
    application.goal = PLAIN
    application.save()  # also writes a history row

    in_database, plain_in_database = occurrences_in_database(SECRET), occurrences_in_database(PLAIN)
    dumped = dump()
    in_dump, plain_in_dump = dumped.count(SECRET.encode()), dumped.count(PLAIN.encode())

    figure("S7", database_canary=in_database, dump_canary=in_dump)
    assert plain_in_database >= 2 and plain_in_dump >= 2  # application and its history row
    assert (in_database, in_dump) == (0, 0)
    assert Application.objects.get(pk=application.pk).result_who == f"{SECRET} result_who"
