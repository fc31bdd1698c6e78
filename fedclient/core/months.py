"""Calendar months as every report counts them: from the 1st to the last day, both included."""

from __future__ import annotations

import calendar
from datetime import date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """(first day, last day) of the month."""
    return date(year, month, 1), month_end(year, month)
