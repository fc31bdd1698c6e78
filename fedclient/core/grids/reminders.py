"""Reminders of the grids (shown in the 网格 tab and on 首页): households not visited for N days, grids whose
1+2 team is not complete, council decisions past due, households with repeat disputes (一户一档's watch)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..reminders import Reminder
from ..settings import get_int
from .report import unvisited_per_grid


def reminders(session: Session, today: date) -> list[Reminder]:
    """One line per grid with households not visited for N days (in grid number order, as the 走访覆盖 page
    counts them), plus the 1+2 shape warnings."""
    from .assignments import list_grids, shape_warnings
    from .council_decisions import decision_reminders
    from .household_file import watch_reminders

    days = get_int(session, "household_visit_days")
    unvisited = unvisited_per_grid(session, today, days)
    grids = list_grids(session)  # read once: the unvisited lines and the shape warnings both need it
    result = [
        Reminder(
            kind="households_unvisited",
            group="住户久未走访",
            text=f"{grid.label}：{unvisited[grid.id]}户超过{days}天没有服务或走访记录",
            tab="grids",
            record_id=grid.id,
        )
        for grid in grids
        if unvisited.get(grid.id)
    ]
    for grid_id, text in shape_warnings(session, grids):
        result.append(
            Reminder(kind="grid_shape", group="网格配置", text=text, tab="grids", record_id=grid_id)
        )
    return watch_reminders(session, today) + decision_reminders(session, today) + result
