"""`make bench`: the performance targets P1-P7 of docs/targets.md, measured on loopback.

`python -m tests.bench` runs inside tests/harness/services.sh (a throwaway PostgreSQL and
Redis). It builds the data sets with `seed_demo` + `seed_scale`, starts gunicorn and a Celery
worker with the production settings, measures, and prints one table (also written to
var/bench/latest.md). Nothing here runs in `make test`: speed is measured, never asserted.
See docs/performance.md for how to read the table.
"""
