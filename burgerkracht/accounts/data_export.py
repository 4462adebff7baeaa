"""What "download my data" contains. Apps add their own section with `register`.

Each exporter takes the user and returns JSON-serialisable data about them. Later apps
(initiatives, budget, advice) register theirs in their hooks.py.
"""

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
_exporters: dict[str, Exporter] = {}


def register(section: str, exporter: Exporter) -> None:
    _exporters[section] = exporter


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)
