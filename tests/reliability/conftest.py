"""Reliability fixtures: real processes (tests/processes.py), shared with tests/integration."""

from tests.processes import (  # noqa: F401  (fixtures)
    celery_worker_process,
    redis_server,
    reference_data,
    smtp_sink,
    web_process,
)
