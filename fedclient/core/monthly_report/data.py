"""Gather one month's report from the domain services, the same functions the tabs use.

The numbers are never computed here a second time: each indicator (``INDICATOR_OWNERS`` names its domain) and
each ledger row comes from the ``report`` module of the domain that owns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from fedclient import APP_NAME, __version__

from .. import grids, mediation, members, pledges
from ..months import month_end
from ..progress import Progress, no_progress
from ..village import Profile, get_profile
from ..volunteer_points.report import month_hours
from .layout import (
    ALL_INDICATORS,
    CASES,
    INDICATOR_OWNERS,
    LEDGERS,
    MEETINGS,
    OUTCOMES_OF_YEAR,
    PLEDGES,
    ROSTER,
    SERVICES,
    VOLUNTEER_HOURS,
)


@dataclass
class ReportData:
    year: int
    month: int
    profile: Profile
    indicators: dict[str, Any]
    ledgers: dict[str, list[list[Any]]]
    generated: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    program: str = f"{APP_NAME} {__version__}"

    @property
    def month_end(self) -> date:
        return month_end(self.year, self.month)


def month_indicators(session: Session, year: int, month: int) -> dict[str, dict[str, Any]]:
    """Each domain's indicators of the month, by domain name (the names ``INDICATOR_OWNERS`` uses)."""
    return {
        "members": members.month_indicators(session, month_end(year, month)),
        "pledges": pledges.month_indicators(session, year, month),
        "mediation": mediation.month_indicators(session, year, month),
        "grids": grids.month_indicators(session, year, month),
    }


def collect_indicators(session: Session, year: int, month: int) -> dict[str, Any]:
    """Every indicator of the 汇总 sheet, in the contract's order, then the extra ones."""
    by_domain = month_indicators(session, year, month)
    found = {name: by_domain[owner][name] for name, owner in INDICATOR_OWNERS}
    found.update(extra_indicators(session, year, month))
    return {name: _number(found[name]) for name in ALL_INDICATORS}


def extra_indicators(session: Session, year: int, month: int) -> dict[str, Any]:
    """本年累计调结数, the denominator of 调解成功率, from the mediation module's own year statistics
    (1 January to month end), so the township can recompute the rate from summed counts; and the month's
    volunteer hours as the points ledger counts them."""
    stats = mediation.period_stats(session, year, today=month_end(year, month))
    return {OUTCOMES_OF_YEAR: stats.outcomes, VOLUNTEER_HOURS: month_hours(session, year, month)}


def _number(value: Any) -> int | float:
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    raise TypeError(f"指标值应为数字，得到 {value!r}")


def _rows(dicts: list[dict[str, Any]], sheet: str) -> list[list[Any]]:
    columns = LEDGERS[sheet]
    return [[row[c] for c in columns] for row in dicts]


def ledger_readers(
    session: Session, year: int, month: int, mask_names: bool = True
) -> dict[str, Callable[[], list[list[Any]]]]:
    """Sheet → a function reading that ledger's rows (columns in the sheet's order) from its domain."""
    end = month_end(year, month)
    steps: dict[str, Callable[[], list[dict[str, Any]]]] = {
        ROSTER: lambda: members.roster_rows(session, end),
        PLEDGES: lambda: pledges.ledger_rows(session, year, month),
        CASES: lambda: mediation.ledger_rows(session, year, month, mask_names=mask_names),
        SERVICES: lambda: grids.service_rows(session, year, month),
        MEETINGS: lambda: grids.meeting_rows(session, year, month),
    }
    # The domain's dicts become rows at once: a ledger's dicts never wait beside the next one's.
    return {sheet: (lambda sheet=sheet: _rows(steps[sheet](), sheet)) for sheet in LEDGERS}


def collect(
    session: Session,
    year: int,
    month: int,
    mask_names: bool = True,
    progress: Progress = no_progress,
    ledgers: bool = True,
) -> ReportData:
    """Everything the workbook shows, read in one transaction (one consistent snapshot). ``ledgers=False``:
    the indicators and profile only (the export reads each ledger just before writing it)."""
    readers = ledger_readers(session, year, month, mask_names) if ledgers else {}
    steps = len(readers) + 1
    progress(0, steps * 2, "正在统计：汇总指标")
    indicators = collect_indicators(session, year, month)
    rows: dict[str, list[list[Any]]] = {}
    for i, (sheet, read) in enumerate(readers.items(), start=1):
        progress(i, steps * 2, f"正在统计：{sheet}")
        rows[sheet] = read()
    profile = get_profile(session) or Profile()
    return ReportData(year, month, profile, indicators, rows)
