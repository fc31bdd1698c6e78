"""The monthly workbook's extra indicator: volunteer hours dated in the month (each server's hours of a grid
service, and the hours of progress entries), the same hours the points ledger credits."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import GridService, GridServiceMember, PledgeProgress
from ..months import month_bounds


def month_hours(session: Session, year: int, month: int) -> float:
    first, last = month_bounds(year, month)
    services = session.scalar(
        select(func.sum(GridService.hours))
        .join(GridServiceMember, GridServiceMember.service_id == GridService.id)
        .where(GridService.date.between(first, last))
    )
    progress = session.scalar(
        select(func.sum(PledgeProgress.hours)).where(PledgeProgress.date.between(first, last))
    )
    return round(float(services or 0) + float(progress or 0), 2)
