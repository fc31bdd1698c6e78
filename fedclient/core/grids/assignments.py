"""Grids and who serves them: the leader (1) and the volunteers (2) of the "1+2+N" shape.

The shape is the norm, not a rule: a grid without a leader, with fewer than two volunteers, or a member who
leads more than one grid is saved and shown with a warning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import Grid, GridService, GridVolunteer, Member
from ..pinyin import initials_index
from ..refusal import SaveRefused
from .labels import grid_label
from .report import households_per_grid

VOLUNTEERS_EXPECTED = 2


class GridError(SaveRefused):
    """A grid that cannot be saved (or deleted) as typed (field names as in ``GridData``)."""


@dataclass
class GridData:
    id: int | None = None
    number: int = 0
    name: str = ""
    area: str = ""
    leader_id: int | None = None
    volunteer_ids: list[int] = field(default_factory=list)
    notes: str = ""
    # Filled when read, ignored when saved:
    leader_name: str = ""
    leader_phone: str = ""
    leader_public_phone: bool = False
    volunteer_names: list[str] = field(default_factory=list)
    households: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return grid_label(self.number, self.name)


def next_grid_number(session: Session) -> int:
    return (session.scalar(select(func.max(Grid.number))) or 0) + 1


def grid_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "3号网格 一组片") of every grid, in number order, for filters and pickers."""
    rows = session.execute(select(Grid.id, Grid.number, Grid.name).order_by(Grid.number))
    return [(grid_id, grid_label(number, name)) for grid_id, number, name in rows]


def list_grids(session: Session) -> list[GridData]:
    grids = list(session.scalars(select(Grid).order_by(Grid.number)))
    volunteers: dict[int, list[int]] = defaultdict(list)
    for grid_id, member_id in session.execute(
        select(GridVolunteer.grid_id, GridVolunteer.member_id).order_by(
            GridVolunteer.grid_id, GridVolunteer.member_id
        )
    ):
        volunteers[grid_id].append(member_id)
    # Only the members who lead or assist a grid (a county roster has thousands).
    serving = select(Grid.leader_id).where(Grid.leader_id.is_not(None)).union(select(GridVolunteer.member_id))
    members = {
        m.id: m
        for m in session.execute(
            select(Member.id, Member.name, Member.phone, Member.public_phone).where(Member.id.in_(serving))
        )
    }
    households = households_per_grid(session)
    leads: dict[int, int] = defaultdict(int)
    for grid in grids:
        if grid.leader_id:
            leads[grid.leader_id] += 1
    result = []
    for grid in grids:
        leader = members.get(grid.leader_id) if grid.leader_id else None
        data = GridData(
            id=grid.id,
            number=grid.number,
            name=grid.name,
            area=grid.area,
            leader_id=grid.leader_id,
            volunteer_ids=volunteers[grid.id],
            notes=grid.notes,
            leader_name=leader.name if leader else "",
            leader_phone=leader.phone if leader else "",
            leader_public_phone=bool(leader and leader.public_phone),
            volunteer_names=[members[m].name for m in volunteers[grid.id] if m in members],
            households=households.get(grid.id, 0),
        )
        data.warnings = _warnings(data, leads)
        result.append(data)
    return result


# Sort keys the grid list offers (column key -> a row's value): the list is worked out whole, with its 1+2
# reminders, so it is sorted as read (``sorted_rows``). 巾帼志愿者 and 提醒 sort by how many there are.
SORTS = {
    "grid": lambda g: g.number,
    "area": lambda g: g.area,
    "leader": lambda g: initials_index(g.leader_name),
    "volunteers": lambda g: len(g.volunteer_ids),
    "households": lambda g: g.households,
    "warnings": lambda g: len(g.warnings),
}


def _warnings(data: GridData, leads: dict[int, int]) -> list[str]:
    warnings = []
    if not data.leader_id:
        warnings.append("没有网格长（“1+2”要求1名议事会成员牵头）")
    elif leads.get(data.leader_id, 0) > 1:
        warnings.append(f"{data.leader_name}同时担任{leads[data.leader_id]}个网格的网格长")
    if len(data.volunteer_ids) < VOLUNTEERS_EXPECTED:
        warnings.append(f"只有{len(data.volunteer_ids)}名志愿者（“1+2”要求2名）")
    return warnings


def shape_warnings(session: Session, grids: list[GridData] | None = None) -> list[tuple[int, str]]:
    """(grid id, "3号网格：没有网格长…") for every grid off the 1+2 shape (of ``grids`` if already read)."""
    return [
        (g.id, f"{g.label}：{w}")
        for g in (list_grids(session) if grids is None else grids)
        for w in g.warnings
    ]


def get_grid(session: Session, grid_id: int) -> GridData | None:
    return next((g for g in list_grids(session) if g.id == grid_id), None)


def save_grid(session: Session, data: GridData) -> GridData:
    """Create or update a grid with its leader and volunteers; returns it re-read, with its warnings."""
    name = data.name.strip()
    if data.number is None or data.number < 1:
        raise GridError({"number": "网格编号应为正整数"})
    clash = session.scalar(select(Grid.id).where(Grid.number == data.number, Grid.id != (data.id or 0)))
    if clash:
        raise GridError({"number": f"已有{data.number}号网格，请换一个编号"})
    if data.leader_id and data.leader_id in data.volunteer_ids:
        raise GridError({"volunteer_ids": "网格长不能同时是本网格的志愿者"})
    grid = session.get(Grid, data.id) if data.id else Grid()
    if grid is None:
        raise GridError.whole("该网格已被删除")
    grid.number, grid.name, grid.area = data.number, name, data.area.strip()
    grid.leader_id, grid.notes = data.leader_id or None, data.notes.strip()
    session.add(grid)
    session.flush()
    session.execute(delete(GridVolunteer).where(GridVolunteer.grid_id == grid.id))
    for member_id in dict.fromkeys(data.volunteer_ids):
        session.add(GridVolunteer(grid_id=grid.id, member_id=member_id))
    session.flush()
    return get_grid(session, grid.id)


def delete_grid(session: Session, grid_id: int) -> None:
    """Households of the grid become "in no grid"; a grid with services is kept (its log is history)."""
    if session.scalar(select(func.count(GridService.id)).where(GridService.grid_id == grid_id)):
        raise GridError.whole("该网格已有服务记录，不能删除（服务记录是历史台账）")
    grid = session.get(Grid, grid_id)
    if grid is not None:
        session.delete(grid)


def serving_choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(leader choices, volunteer choices) for the grid form: council members first to lead, volunteers
    first to assist, then everyone else in office; the roster is read once."""
    from ..members.query import member_choices  # (not needed by the grids' reminders on 首页)

    everyone = member_choices(session)

    def preferring(role: str) -> list[tuple[int, str]]:
        first = member_choices(session, (role,))
        ids = {member_id for member_id, _ in first}
        return first + [choice for choice in everyone if choice[0] not in ids]

    return preferring("council_member"), preferring("volunteer")
