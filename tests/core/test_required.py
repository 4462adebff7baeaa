"""core.required: passes a value through and refuses None (a workflow guarantee broken)."""

import pytest

from burgerkracht.core.required import MissingValue, required


@pytest.mark.parametrize("value", [0, "", False, [], "line"])
def test_a_value_passes_through_even_when_falsy(value):
    assert required(value) is value


def test_none_is_refused_with_its_own_error():
    with pytest.raises(MissingValue):
        required(None)
    assert issubclass(MissingValue, LookupError)  # not a DomainError: no message for users
