"""How grids and people are named on screen and in reports."""

from __future__ import annotations

from datetime import date, datetime, time

from ..vocab import grid_label  # in the vocabulary: the history names grids too

__all__ = ["end_of_day", "grid_label"]


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time.max)
