"""值班: the mediation station's duty roster (调解值班) and the executive members' 12338 hotline shifts.

``service`` (shifts of a month, one day's shifts, filling a month in turn), ``reminders`` (tomorrow's duty, on
首页 the day before), ``calendar`` (the month calendar printed for the wall), ``demo``.
"""

from __future__ import annotations

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import reminders

# The rest of the domain: each module imported when one of its names is first used (PEP 562), so that
# 首页's read, which needs only the reminders and a few counts, loads none of the others.
_FROM_SERVICE = ("DutyError", "Shift", "duty_choices", "fill_month", "month_shifts", "set_day", "shifts_on")


def __getattr__(name: str) -> object:
    if name in _FROM_SERVICE:
        from . import service as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)  # found directly from now on
    return value


__all__ = [
    "DutyError",
    "Shift",
    "duty_choices",
    "fill_month",
    "month_shifts",
    "reminders",
    "set_day",
    "shifts_on",
]
