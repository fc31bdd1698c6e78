"""值班: the mediation station's duty roster (调解值班) and the executive members' 12338 hotline shifts.

``service`` (shifts of a month, one day's shifts, filling a month in turn), ``reminders`` (tomorrow's duty, on
首页 the day before), ``calendar`` (the month calendar printed for the wall), ``demo``.
"""

from __future__ import annotations

from ..lazy_names import lazy_names

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import reminders

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "service": "DutyError Shift duty_choices fill_month month_shifts set_day shifts_on",
    },
)

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
