"""Hypothesis strategies for hostile form input (targets.md S1)."""

from contextlib import contextmanager

from django.db import transaction
from hypothesis import strategies as st

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
