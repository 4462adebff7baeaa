"""Data built once per test module, inside a transaction rolled back at the end.

As Django's TestCase does for setUpTestData: a module-scoped fixture builds its rows once in
an outer transaction; each test asks for `db` as well and so runs in a savepoint inside it,
and nothing the module built or changed is left behind. Use it as

    @pytest.fixture(scope="module")
    def _world(django_db_setup, django_db_blocker):
        yield from built_once(django_db_blocker, build_world)

    @pytest.fixture
    def world(_world, db):
        return _world
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def built_once(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Open the outer transaction, yield what `build()` returns, then roll everything back.
    If `build` fails, the transaction is closed before the error goes on."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
