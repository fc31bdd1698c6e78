"""How far a pledge has got, as pure functions of its standard, its entries and the day asked about.

The same rules exist once more as SQL expressions (``sql_status``) so that lists filter and sort by status
in the database; tests check that both agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.sql.elements import ColumnElement

from ..models import Pledge, PledgeProgress

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "未开始", "进行中", "已完成", "逾期未完成"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, OVERDUE)
MILESTONE = "milestone"
QUANTITY = "quantity"


def amount_done(entries: Iterable[tuple[date, float]], as_of: date) -> float:
    """Sum of the entries dated on or before ``as_of``."""
    return sum(amount or 0 for day, amount in entries if day <= as_of)


def is_complete(kind: str, target: float | None, done: float) -> bool:
    """A milestone is done by any entry with an amount (the 已完成 tick); a quantity when the sum reaches
    the target."""
    if kind == MILESTONE or not target or target <= 0:
        return done > 0
    return done >= target - 1e-9


def percent(kind: str, target: float | None, done: float) -> float:
    """0-100, one decimal. A milestone is 0 or 100."""
    if is_complete(kind, target, done):
        return 100.0
    if kind == MILESTONE or not target or target <= 0:
        return 0.0
    return round(min(100.0, done / target * 100), 1)


def pledge_status(
    kind: str, target: float | None, deadline: date, entries: Iterable[tuple[date, float]], as_of: date
) -> str:
    """未开始 / 进行中 / 已完成 / 逾期未完成 as of the end of ``as_of``.

    Complete by ``as_of`` wins (even if late); otherwise past the deadline is overdue; otherwise any entry
    means in progress.
    """
    entries = [(day, amount) for day, amount in entries if day <= as_of]
    if is_complete(kind, target, amount_done(entries, as_of)):
        return DONE
    if as_of > deadline:
        return OVERDUE
    return IN_PROGRESS if entries else NOT_STARTED


def completed_on(kind: str, target: float | None, entries: Iterable[tuple[date, float]]) -> date | None:
    """The day the pledge became complete, or None."""
    total = 0.0
    for day, amount in sorted(entries, key=lambda e: e[0]):
        total += amount or 0
        if is_complete(kind, target, total):
            return day
    return None


# --- the same rules in SQL --------------------------------------------------------------------------------
def sql_done(as_of: date) -> ColumnElement:
    return (
        select(func.coalesce(func.sum(PledgeProgress.amount), 0.0))
        .where(PledgeProgress.pledge_id == Pledge.id, PledgeProgress.date <= as_of)
        .correlate(Pledge)
        .scalar_subquery()
    )


def sql_entry_count(as_of: date) -> ColumnElement:
    return (
        select(func.count(PledgeProgress.id))
        .where(PledgeProgress.pledge_id == Pledge.id, PledgeProgress.date <= as_of)
        .correlate(Pledge)
        .scalar_subquery()
    )


def sql_complete(as_of: date) -> ColumnElement:
    done = sql_done(as_of)
    by_target = and_(Pledge.standard_kind != MILESTONE, func.coalesce(Pledge.target, 0) > 0)
    return case((by_target, done >= Pledge.target - 1e-9), else_=done > 0)


def sql_percent(as_of: date) -> ColumnElement:
    """``percent`` in SQL (unrounded): what the list sorts 进度 by."""
    by_target = and_(Pledge.standard_kind != MILESTONE, func.coalesce(Pledge.target, 0) > 0)
    share = func.min(100.0, sql_done(as_of) * 100.0 / Pledge.target)
    return case((sql_complete(as_of), 100.0), (by_target, share), else_=0.0)


def sql_status(as_of: date, rank: bool = False) -> ColumnElement:
    """The status's text, or with ``rank`` its place in ``STATUSES`` (how the list sorts by it)."""
    value = STATUSES.index if rank else str
    return case(
        (sql_complete(as_of), value(DONE)),
        (Pledge.deadline < as_of, value(OVERDUE)),
        (sql_entry_count(as_of) > 0, value(IN_PROGRESS)),
        else_=value(NOT_STARTED),
    )
