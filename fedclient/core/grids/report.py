"""Grid figures shared by the 网格 tab, 首页, the monthly report and the assessment.

Simplifications, stated once:
- 网格数 counts the grids that exist now and were created on or before month end; 网格覆盖户数 counts the
  households that are in a grid now and were created on or before month end. Moves between grids and deleted
  grids are not kept as history, so a month long past is counted with today's assignments.
- A household is "visited" by a service only when the service names it (GridServiceHousehold); a service
  without linked households visits nobody.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    CouncilMeeting,
    Grid,
    GridService,
    GridServiceHousehold,
    GridServiceMember,
    Household,
    Member,
)
from ..months import month_bounds
from ..settings import get_int
from ..vocab import SERVICE_ROLES
from .labels import end_of_day, grid_label

SERVICE_ROWS_KEYS = ("日期", "网格", "服务人", "服务类别", "服务内容", "服务人数", "是否解决")
MEETING_ROWS_KEYS = ("日期", "地点", "议题类别", "议题", "参会人数", "议定事项")


def month_indicators(session: Session, year: int, month: int) -> dict:
    first, last = month_bounds(year, month)
    grids = session.scalar(select(func.count(Grid.id)).where(Grid.created_at <= end_of_day(last))) or 0
    households = session.scalar(
        select(func.count(Household.id)).where(
            Household.grid_id.is_not(None), Household.created_at <= end_of_day(last)
        )
    )
    by_role = dict(
        session.execute(
            select(GridService.role, func.count(GridService.id))
            .where(GridService.date.between(first, last))
            .group_by(GridService.role)
        ).all()
    )
    meetings = session.scalar(
        select(func.count(CouncilMeeting.id)).where(CouncilMeeting.date.between(first, last))
    )
    result = {"网格数": grids, "网格覆盖户数": households or 0, "本月网格服务次数": sum(by_role.values())}
    for role in SERVICE_ROLES:
        result[f"本月{role}次数"] = by_role.get(role, 0)
    result["本月议事会次数"] = meetings or 0
    return result


def server_names(session: Session, service_ids: list[int]) -> dict[int, list[str]]:
    """service id -> the names of who served, for the service log and the monthly ledger alike."""
    names: dict[int, list[str]] = defaultdict(list)
    if not service_ids:
        return names
    rows = session.execute(
        select(GridServiceMember.service_id, Member.name)
        .join(Member, Member.id == GridServiceMember.member_id)
        .where(GridServiceMember.service_id.in_(service_ids))
        .order_by(GridServiceMember.service_id, Member.id)
    )
    for service_id, name in rows:
        names[service_id].append(name)
    return names


def service_rows(session: Session, year: int, month: int) -> list[dict]:
    first, last = month_bounds(year, month)
    rows = session.execute(
        select(GridService, Grid.number, Grid.name)
        .join(Grid, Grid.id == GridService.grid_id)
        .where(GridService.date.between(first, last))
        .order_by(GridService.date, Grid.number, GridService.id)
    ).all()
    names = server_names(session, [s.id for s, _n, _m in rows])
    return [
        {
            "日期": service.date,
            "网格": grid_label(number, name),
            "服务人": "、".join(names.get(service.id, [])),
            "服务类别": service.role,
            "服务内容": service.description,
            "服务人数": service.people_served,
            "是否解决": service.result,
        }
        for service, number, name in rows
    ]


def meeting_rows(session: Session, year: int, month: int) -> list[dict]:
    first, last = month_bounds(year, month)
    meetings = session.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.date.between(first, last))
        .order_by(CouncilMeeting.date, CouncilMeeting.id)
    )
    return [
        {
            "日期": m.date,
            "地点": m.place,
            "议题类别": m.topic_category,
            "议题": m.topic,
            "参会人数": m.participants_count,
            "议定事项": m.decisions,
        }
        for m in meetings
    ]


def monthly_services_by_role(session: Session, year: int) -> dict[int, dict[str, int]]:
    """Every month 1-12, every one of the five roles (zero included), for charts."""
    result = {month: dict.fromkeys(SERVICE_ROLES, 0) for month in range(1, 13)}
    month = func.strftime("%m", GridService.date)
    rows = session.execute(
        select(month, GridService.role, func.count(GridService.id))
        .where(GridService.date.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(month, GridService.role)
    )
    for month, role, count in rows:
        result[int(month)][role] = result[int(month)].get(role, 0) + count
    return result


def services_by_member(session: Session, year: int) -> dict[int, int]:
    rows = session.execute(
        select(GridServiceMember.member_id, func.count(GridServiceMember.service_id))
        .join(GridService, GridService.id == GridServiceMember.service_id)
        .where(GridService.date.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(GridServiceMember.member_id)
    )
    return dict(rows.all())


def unvisited_household_filter(session: Session, today: date, days: int | None = None):
    """SQL condition: no linked service dated within ``days`` days up to ``today`` (the setting by default)."""
    days = get_int(session, "household_visit_days") if days is None else days
    since = today - timedelta(days=days)
    visited = (
        select(GridServiceHousehold.household_id)
        .join(GridService, GridService.id == GridServiceHousehold.service_id)
        .where(GridService.date > since, GridService.date <= today)
    )
    return Household.id.not_in(visited)


@dataclass
class GridCoverage:
    grid_id: int
    label: str
    households: int
    unvisited: int
    month: dict[str, int] = field(default_factory=dict)  # role -> services this month
    year: dict[str, int] = field(default_factory=dict)  # role -> services this year (to today)

    @property
    def month_total(self) -> int:
        return sum(self.month.values())

    @property
    def year_total(self) -> int:
        return sum(self.year.values())


def _role_counts(session: Session, first: date, last: date) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SERVICE_ROLES, 0))
    rows = session.execute(
        select(GridService.grid_id, GridService.role, func.count(GridService.id))
        .where(GridService.date.between(first, last))
        .group_by(GridService.grid_id, GridService.role)
    )
    for grid_id, role, count in rows:
        counts[grid_id][role] = count
    return counts


def households_per_grid(session: Session) -> dict[int, int]:
    """grid id -> households in it now (grids without households are absent)."""
    return dict(
        session.execute(
            select(Household.grid_id, func.count(Household.id))
            .where(Household.grid_id.is_not(None))
            .group_by(Household.grid_id)
        ).all()
    )


def unvisited_per_grid(session: Session, today: date, days: int | None = None) -> dict[int, int]:
    """grid id -> households in it not visited for ``days`` days (the setting by default); grids with none are
    absent."""
    return dict(
        session.execute(
            select(Household.grid_id, func.count(Household.id))
            .where(Household.grid_id.is_not(None), unvisited_household_filter(session, today, days))
            .group_by(Household.grid_id)
        ).all()
    )


def coverage(session: Session, today: date, days: int | None = None) -> list[GridCoverage]:
    """Per grid: services this month and this year by role, households, households not visited for N days."""
    month = _role_counts(session, today.replace(day=1), today)
    year = _role_counts(session, date(today.year, 1, 1), today)
    households = households_per_grid(session)
    unvisited = unvisited_per_grid(session, today, days)
    empty = dict.fromkeys(SERVICE_ROLES, 0)
    return [
        GridCoverage(
            grid_id=grid.id,
            label=grid_label(grid.number, grid.name),
            households=households.get(grid.id, 0),
            unvisited=unvisited.get(grid.id, 0),
            month=dict(month.get(grid.id, empty)),
            year=dict(year.get(grid.id, empty)),
        )
        for grid in session.scalars(select(Grid).order_by(Grid.number))
    ]
