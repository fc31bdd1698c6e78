"""What one executive member's 述职表 shows, read from the records the other domains keep: her pledges with
their progress entries and totals, the cases she mediated, the grid services she took part in, the people she
helps and the council meetings whose participants name her. Nothing is typed twice.

Only what the sheet needs: case numbers, types and outcomes (never the parties), the people helped masked
(张某某) with their category, no phones or ID numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..mediation.common import mask_name
from ..models import (
    CaseMediator,
    CouncilMeeting,
    Grid,
    GridService,
    GridServiceMember,
    HelpedPerson,
    HelpedPersonHelper,
    MediationCase,
    Member,
    PledgeProgress,
)
from ..pledges.query import PledgeFilters, PledgeRow, list_pledges, number
from ..vocab import ROLES
from .ballots import review_day, reviewed_members


@dataclass
class PledgeEntry:
    date: date
    amount: float
    description: str
    hours: float


@dataclass
class SheetPledge:
    row: PledgeRow
    entries: list[PledgeEntry] = field(default_factory=list)

    @property
    def total(self) -> str:
        """累计完成 as the chair reads it: 9/12次, or 已完成 for a milestone."""
        return self.row.done_label


@dataclass
class ReviewSheet:
    member_id: int
    name: str
    role: str
    post: str
    group_name: str
    term: str
    pledges: list[SheetPledge] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)  # 2026-007 家庭纠纷 3月5日受理 调解成功
    services: list[tuple[date, str, str, float]] = field(
        default_factory=list
    )  # date, grid, role: text, hours
    helped: list[str] = field(default_factory=list)  # 张某某（留守儿童）
    meetings: list[tuple[date, str]] = field(default_factory=list)

    @property
    def service_hours(self) -> float:
        return sum(s[3] for s in self.services)


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def review_sheets(
    session: Session, year: int, today: date | None = None, step: Callable[[], None] = lambda: None
) -> list[ReviewSheet]:
    """One sheet per executive committee member in office on the review day, in roster order. ``step()`` is
    called between the reads (a progress report: it raises ``Cancelled`` when the chair has cancelled).

    The year's cases and services (and the helpers) are read whole and kept for the members reviewed: a county's thousands of
    members as ``member_id IN (…)`` made SQLite probe the index once per member and service (7 s instead of
    50 ms)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    as_of = review_day(year, today)
    members = reviewed_members(session, year, today)
    ids = [m.id for m in members]
    sheets = {m.id: _sheet(m) for m in members}
    step()
    for p in list_pledges(session, PledgeFilters(year=year, as_of=as_of)):
        if p.member_id in sheets:
            sheets[p.member_id].pledges.append(SheetPledge(p))
    _add_entries(session, [sp for s in sheets.values() for sp in s.pledges])
    step()
    cases = session.execute(
        select(CaseMediator.member_id, MediationCase)
        .join(MediationCase, MediationCase.id == CaseMediator.case_id)
        .where(MediationCase.received_date.between(first, last))
        .order_by(MediationCase.received_date, MediationCase.id)
    )
    for member_id, c in cases:
        if member_id not in sheets:
            continue
        outcome = c.outcome if c.outcome else "在办"
        sheets[member_id].cases.append(
            f"{c.number} {c.dispute_type}（{_md(c.received_date)}受理，{outcome}）"
        )
    step()
    services = session.execute(
        select(GridServiceMember.member_id, GridService, Grid.name)
        .join(GridService, GridService.id == GridServiceMember.service_id)
        .join(Grid, Grid.id == GridService.grid_id)
        .where(GridService.date.between(first, last))
        .order_by(GridService.date, GridService.id)
    )
    for member_id, s, grid in services:
        if member_id in sheets:
            sheets[member_id].services.append((s.date, grid, f"{s.role}：{s.description}", s.hours or 0.0))
    step()
    helped = session.execute(
        select(HelpedPersonHelper.member_id, HelpedPerson)
        .join(HelpedPerson, HelpedPerson.id == HelpedPersonHelper.helped_person_id)
        .order_by(HelpedPerson.id)
    )
    for member_id, person in helped:
        if member_id in sheets and (person.start_date is None or person.start_date <= last):
            sheets[member_id].helped.append(f"{mask_name(person.name)}（{person.category}）")
    meetings = session.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.date.between(first, last))
        .order_by(CouncilMeeting.date, CouncilMeeting.id)
    ).all()
    for sheet in sheets.values():
        sheet.meetings = [(m.date, m.topic) for m in meetings if sheet.name in (m.participants or "")]
    return [sheets[i] for i in ids]


def _sheet(m: Member) -> ReviewSheet:
    term = m.term_label or ""
    if m.term_start:
        term = (
            f"{term} {m.term_start:%Y.%m}—{m.term_end:%Y.%m}"
            if m.term_end
            else f"{term} {m.term_start:%Y.%m}起"
        )
    return ReviewSheet(
        m.id, m.name, ROLES.get(m.role, m.role), m.post or "", m.group_name or "", term.strip()
    )


def _add_entries(session: Session, pledges: list[SheetPledge]) -> None:
    by_id = {sp.row.id: sp for sp in pledges}
    entries = session.scalars(
        select(PledgeProgress)
        .where(PledgeProgress.pledge_id.in_(list(by_id)))
        .order_by(PledgeProgress.date, PledgeProgress.id)
    )
    for e in entries:
        by_id[e.pledge_id].entries.append(
            PledgeEntry(e.date, e.amount or 0, e.description or "", e.hours or 0)
        )


__all__ = ["ReviewSheet", "SheetPledge", "number", "review_sheets"]
