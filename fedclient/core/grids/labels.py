"""How grids and people are named on screen and in reports."""

from __future__ import annotations

from datetime import date, datetime, time


def grid_label(number: int, name: str) -> str:
    """ "3号网格 卧园1-4栋": the number first, so lists sort and read the way the chair numbers them."""
    name = (name or "").strip()
    base = f"{number}号网格"
    return f"{base} {name}" if name and name != base else base


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time.max)
