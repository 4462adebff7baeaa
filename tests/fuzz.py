"""Hypothesis strategies for hostile form input (targets.md S1)."""

import os
from contextlib import contextmanager

from django.db import transaction
from hypothesis import strategies as st

# Requests per view in the HTTP fuzz tests (`tests/*/test_*fuzz*.py`). Every form class
# already gets 1,000 hostile inputs directly (tests/security/test_form_fuzz.py, target S1);
# over HTTP a few hundred per view show that the view and its service take whatever the form
# lets through. Each is a real request with database writes: at 1,000 they were a third of
# the suite's time.
HTTP_EXAMPLES = int(os.environ.get("HTTP_FUZZ_EXAMPLES", "300"))

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202eesrever",  # right-to-left override
        "مرحبا بالعالم",
        "👩‍👩‍👧‍👦🎉",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%s%n{0}{{x}}",
        "x" * 10_000,
        "-1",
        "0",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30",
        "../../etc/passwd",
    ]
)

TEXT = st.one_of(NASTY, st.text(max_size=300))


def form_data(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A dict of POST data in which every field may also be missing or a list."""
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(strategy, TEXT, st.lists(TEXT, max_size=3))
            for name, strategy in fields.items()
        },
    )


@contextmanager
def rolled_back():
    """Undo what one example wrote (a savepoint in the test's transaction), so every example
    meets the same data and the thousandth request costs what the first one did."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def get_status(data: dict, ok: int = 200) -> int:
    """What a GET with `data` in its query string answers: `ok`, or 400 for a NUL character
    anywhere in it (core.middleware.NullCharacterMiddleware refuses those before any view)."""
    values = [
        str(item)
        for key, value in data.items()
        for item in (key, *(value if isinstance(value, list | tuple) else [value]))
    ]
    return 400 if any("\x00" in value for value in values) else ok
