"""The limits of an amount, where the amount is typed (decision 0009).

Samen Sterk sets its maximum per budget line ("max configurable", requirements BR-06, Q-03).
Before the facilitator chooses the line, the scheme's maximum is the highest maximum of the
fund's lines (no application can get more); without a maximum on every line there is none.
The resident's cost step, the facilitator's check and the holder's draft decision show the
maximum next to the amount, and officials also see what is left on the line. An amount above
the maximum is refused at each of these steps, with the maximum in the message: the award can
never be higher (budget.services.ledger.approve_award), so taking it only moves the
disappointment to "Vaststellen". More than what is left on the line is refused for the holder
(the award would fail) and only shown to the facilitator: money may still move to the line.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _

from burgerkracht.core.ui.formatting import euro


def scheme_maximum(fund) -> Decimal | None:
    maxima = [line.max_per_application for line in fund.lines.all()] if fund else []
    return max(maxima) if maxima and None not in maxima else None


def resident_maximum(application) -> Decimal | None:
    """The most this application can get, as the resident is told: its line's maximum once
    a line is chosen, before that the scheme's."""
    line = application.line
    if line is not None:
        return line.max_per_application
    return scheme_maximum(application.fund)


def limits_text(line, *, fund=None, officials: bool) -> str:
    parts = []
    if line is not None and line.max_per_application is not None and not officials:
        # A resident does not know the municipality's names of its budget lines.
        parts.append(
            _("Samen Sterk gives at most %(max)s per application.")
            % {"max": euro(line.max_per_application)}
        )
    elif line is not None and line.max_per_application is not None:
        parts.append(
            _("At most %(max)s per application from the line '%(line)s'.")
            % {"max": euro(line.max_per_application), "line": line.name}
        )
    elif line is None and scheme_maximum(fund) is not None:
        parts.append(
            _("Samen Sterk gives at most %(max)s per application.")
            % {"max": euro(scheme_maximum(fund))}
        )
    if officials and line is not None:
        parts.append(
            _("Still available on the line: %(remaining)s.") % {"remaining": euro(line.remaining)}
        )
    return " ".join(parts)


def show_limits(form: forms.Form, name: str, line, *, fund=None, officials: bool) -> None:
    """Put the limits under the amount field, after its own help text."""
    field = form.fields[name]
    text = limits_text(line, fund=fund, officials=officials)
    field.help_text = " ".join(t for t in (str(field.help_text), text) if t)


def check_limits(
    form: forms.Form, name: str, line, *, fund=None, remaining: bool, officials: bool = True
) -> None:
    """Refuse an amount above the maximum (and above what is left, with `remaining`). For a
    resident (not `officials`) the message does not name the budget line."""
    amount = form.cleaned_data.get(name)
    if amount is None or name in form.errors:
        return
    if line is None or (not officials and line.max_per_application is not None):
        maximum = scheme_maximum(fund) if line is None else line.max_per_application
        if maximum is not None and amount > maximum:
            form.add_error(name, _("This is more than the maximum of %(max)s per application.")
                           % {"max": euro(maximum)})  # fmt: skip
    elif line.max_per_application is not None and amount > line.max_per_application:
        form.add_error(name, _(
            "This is more than the maximum of %(max)s per application from the line '%(line)s'."
        ) % {"max": euro(line.max_per_application), "line": line.name})  # fmt: skip
    elif remaining and amount > line.remaining:
        form.add_error(name, _("Only %(remaining)s is still available on the line '%(line)s'.")
                       % {"remaining": euro(line.remaining), "line": line.name})  # fmt: skip
