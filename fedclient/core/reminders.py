"""What needs the chair's attention. Each domain defines its own reminders once (``reminders(session, today)``
in its service module); the tabs and 首页 show the same list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Reminder:
    kind: str  # stable code, e.g. "pledge_missing", "case_overdue"
    group: str  # Chinese heading the reminder is grouped under, e.g. "承诺未填报"
    text: str  # one Chinese line, e.g. "张秀兰：2026年尚未填报承诺"
    tab: str  # "members" | "pledges" | "mediation" | "grids" | "reports"
    record_id: int | None = None  # the record the tab should open, if any
    due: date | None = None


# 首页 lists each group's first reminders (earliest due first) and counts the rest: a county has thousands.
SHOWN_PER_GROUP = 30


@dataclass(frozen=True)
class Leading:
    """A domain's reminders cut short for 首页: of each group at least its first ``SHOWN_PER_GROUP`` in due
    order (the ones after them need not be built), and how many reminders each group has in all."""

    reminders: list[Reminder]
    totals: dict[str, int]  # group heading -> how many reminders it has


def due_order(reminder: Reminder) -> tuple:
    """首页's order inside a group: the earliest due first (undated last), then by text."""
    return (reminder.due is None, reminder.due or date.min, reminder.text)


def leading(reminders: Iterable[Reminder]) -> Leading:
    """Of a stream of reminders, each group's first ``SHOWN_PER_GROUP`` in due order and every group's count,
    holding no more than twice that many of a group at a time (a county's pledges give thousands)."""
    kept: dict[str, list[Reminder]] = {}
    totals: dict[str, int] = {}
    for reminder in reminders:
        group = kept.setdefault(reminder.group, [])
        group.append(reminder)
        totals[reminder.group] = totals.get(reminder.group, 0) + 1
        if len(group) >= 2 * SHOWN_PER_GROUP:  # a stable sort: the same first ones as sorting them all
            group.sort(key=due_order)
            del group[SHOWN_PER_GROUP:]
    return Leading(
        [r for group in kept.values() for r in sorted(group, key=due_order)[:SHOWN_PER_GROUP]], totals
    )
