"""Duty shifts: who is on duty for which roster on each day or half-day."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..members.office import ROLE_RANK, in_office
from ..models import DutyShift, Member
from ..refusal import SaveRefused
from ..vocab import DUTY_PARTS, DUTY_ROSTERS, EXECUTIVE_ROLES

PART_ORDER = {part: n for n, part in enumerate(DUTY_PARTS)}


class DutyError(SaveRefused):
    """Shifts that cannot be saved as chosen (field ``shifts``)."""


@dataclass(frozen=True)
class Shift:
    roster: str
    day: date
    part: str
    member_id: int
    member_name: str
    note: str = ""


def _shifts(session: Session, *conditions) -> list[Shift]:
    rows = session.execute(
        select(DutyShift, Member.name).join(Member, Member.id == DutyShift.member_id).where(*conditions)
    )
    shifts = [Shift(s.roster, s.day, s.part, s.member_id, name, s.note) for s, name in rows]
    return sorted(shifts, key=lambda s: (s.day, s.roster, PART_ORDER.get(s.part, 9), s.member_name))


def month_days(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_shifts(session: Session, roster: str, year: int, month: int) -> dict[date, list[Shift]]:
    first, last = month_days(year, month)
    by_day: dict[date, list[Shift]] = {}
    for shift in _shifts(session, DutyShift.roster == roster, DutyShift.day.between(first, last)):
        by_day.setdefault(shift.day, []).append(shift)
    return by_day


def shifts_on(session: Session, day: date) -> list[Shift]:
    """Every roster's shifts on one day."""
    return _shifts(session, DutyShift.day == day)


def duty_choices(session: Session, roster: str, day: date) -> list[tuple[int, str]]:
    """(id, name) of who can take a shift: executive members (chair and vice chairs included) in office;
    namesakes told apart (``choice_names``: 王秀英（三组）)."""
    from ..members.choice_names import choice_label, namesakes_apart

    if roster not in DUTY_ROSTERS:
        raise ValueError(roster)
    rows = session.execute(
        select(Member.id, Member.name)
        .where(Member.role.in_(EXECUTIVE_ROLES), in_office(day))
        .order_by(ROLE_RANK, Member.name_initials, Member.id)
    )
    apart = namesakes_apart(session)
    return [(member_id, choice_label(name, apart.get(member_id, ""))) for member_id, name in rows]


def _check(session: Session, roster: str, day: date, shifts: list[tuple[str, int]]) -> None:
    if roster not in DUTY_ROSTERS:
        raise DutyError({"shifts": "请选择值班类别"})
    allowed = {member_id for member_id, _ in duty_choices(session, roster, day)}
    seen: dict[int, set[str]] = {}
    for part, member_id in shifts:
        if part not in DUTY_PARTS:
            raise DutyError({"shifts": "请选择全天、上午或下午"})
        if member_id not in allowed:
            raise DutyError({"shifts": f"{day.month}月{day.day}日：所选人员当天不在任，不能排班"})
        parts = seen.setdefault(member_id, set())
        if part in parts or (parts and "全天" in parts | {part}):
            name = session.get(Member, member_id).name  # type: ignore[union-attr]
            raise DutyError({"shifts": f"{day.month}月{day.day}日：{name}重复排班（全天已含上午和下午）"})
        parts.add(part)


def set_day(session: Session, roster: str, day: date, shifts: list[tuple[str, int]], note: str = "") -> None:
    """The roster's shifts on ``day`` become exactly ``shifts`` ((part, member id) pairs)."""
    _check(session, roster, day, shifts)
    session.execute(delete(DutyShift).where(DutyShift.roster == roster, DutyShift.day == day))
    for part, member_id in shifts:
        session.add(DutyShift(roster=roster, day=day, part=part, member_id=member_id, note=note))
    session.flush()


def fill_month(
    session: Session,
    roster: str,
    year: int,
    month: int,
    member_ids: list[int],
    parts: tuple[str, ...] = ("全天",),
    weekdays_only: bool = True,
) -> int:
    """排班: the month's empty days (weekdays only unless asked) given to ``member_ids`` in turn, one per part.
    Days that already have shifts are kept. Returns the number of shifts added."""
    if not member_ids:
        raise DutyError({"shifts": "请先选择参加轮值的人员"})
    first, last = month_days(year, month)
    taken = set(month_shifts(session, roster, year, month))
    turn, added, day = 0, 0, first
    while day <= last:
        if day not in taken and (not weekdays_only or day.weekday() < 5):
            shifts = []
            for part in parts:
                shifts.append((part, member_ids[turn % len(member_ids)]))
                turn += 1
            set_day(session, roster, day, shifts)
            added += len(shifts)
        day += timedelta(days=1)
    return added
