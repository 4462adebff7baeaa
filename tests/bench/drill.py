"""R5 on the scale data set: pg_dump (custom format) → pg_restore into a new database; every
table's row count and checksum and every sequence must be identical (the same comparison as
tests/reliability/test_backup_restore.py, which runs it on a smaller set in `make test`).

`python -m tests.bench.drill <restore database name>`; prints JSON.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402

from tests.processes import pg_bin  # noqa: E402
from tests.reliability.test_backup_restore import checksums  # noqa: E402

target = sys.argv[1]
s = connection.settings_dict
where = ["-h", s["HOST"], "-p", str(s["PORT"]), "-U", s["USER"]]
subprocess.run([pg_bin() / "dropdb", *where, "--if-exists", target], check=True)
subprocess.run([pg_bin() / "createdb", *where, target], check=True)
with tempfile.TemporaryDirectory(prefix="burgerkracht-backup-") as directory:
    dump = Path(directory) / "burgerkracht.dump"
    start = time.monotonic()
    subprocess.run([pg_bin() / "pg_dump", *where, "-Fc", "-f", dump, s["NAME"]], check=True)
    dumped = time.monotonic() - start
    size = dump.stat().st_size
    restore = subprocess.run(
        [pg_bin() / "pg_restore", *where, "--no-owner", "--exit-on-error", "-d", target, dump],
        capture_output=True,
        text=True,
    )
    restored = time.monotonic() - start - dumped
dsn = {"host": s["HOST"], "port": s["PORT"], "user": s["USER"]}
original, original_sequences = checksums({**dsn, "dbname": s["NAME"]})
copy, copy_sequences = checksums({**dsn, "dbname": target})
differing = sorted(
    name for name in original.keys() | copy.keys() if original.get(name) != copy.get(name)
)
subprocess.run([pg_bin() / "dropdb", *where, "--force", target], check=False)
result = {
    "restore_ok": restore.returncode == 0,
    "tables": len(original),
    "rows": sum(count for count, _ in original.values()),
    "differing": differing,
    "sequences_equal": original_sequences == copy_sequences,
    "dump_bytes": size,
    "dump_seconds": dumped,
    "restore_seconds": restored,
}
sys.stdout.write(json.dumps(result) + "\n")
