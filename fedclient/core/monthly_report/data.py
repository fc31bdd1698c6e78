"""Gather one month's report from the domain services, the same functions the tabs use.

The numbers are never computed here a second time: each indicator and each ledger row comes from the domain
module that owns it (the cross-domain contract in the developers' conventions).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from fedclient import APP_NAME, __version__

from ..months import month_end
from ..progress import Progress, no_progress
from ..village import Profile, get_profile
from .layout import (
    ALL_INDICATORS,
    CASES,
    INDICATORS,
    LEDGERS,
    MEETINGS,
    OUTCOMES_OF_YEAR,
    PLEDGES,
    ROSTER,
    SERVICES,
)


class ContractMissing(RuntimeError):
    """A domain module does not (yet) provide a function or a key the report needs."""


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


def _domain(name: str, function: str):
    try:
        module = importlib.import_module(f"fedclient.core.{name}")
    except ImportError as exc:
        raise ContractMissing(f"缺少模块 fedclient.core.{name}（{exc}）") from exc
    fn = getattr(module, function, None)
    if fn is None:
        raise ContractMissing(f"fedclient.core.{name} 尚未提供 {function}()")
    return fn


def _take(indicators: dict[str, Any], source: dict[str, Any], names: tuple[str, ...], owner: str) -> None:
    missing = [n for n in names if n not in source]
    if missing:
        raise ContractMissing(f"fedclient.core.{owner}.month_indicators 缺少指标：{'、'.join(missing)}")
    for name in names:
        indicators[name] = source[name]


MEMBER_INDICATORS = ("执委人数", "兼职副主席人数", "巾帼志愿者人数", "帮扶对象数")
PLEDGE_INDICATORS = ("本年承诺数", "本年已完成承诺数", "承诺完成率(%)", "逾期未完成承诺数", "本月践诺记录数")
CASE_INDICATORS = INDICATORS[8:17]
GRID_INDICATORS = INDICATORS[17:26]


def collect_indicators(session: Session, year: int, month: int) -> dict[str, Any]:
    """Every indicator of the 汇总 sheet, in the contract's order, then the extra ones."""
    end = month_end(year, month)
    found: dict[str, Any] = {}
    _take(found, _domain("members", "month_indicators")(session, end), MEMBER_INDICATORS, "members")
    _take(found, _domain("pledges", "month_indicators")(session, year, month), PLEDGE_INDICATORS, "pledges")
    _take(found, _domain("mediation", "month_indicators")(session, year, month), CASE_INDICATORS, "mediation")
    _take(found, _domain("grids", "month_indicators")(session, year, month), GRID_INDICATORS, "grids")
    found.update(extra_indicators(session, year, month))
    return {name: _number(found[name]) for name in ALL_INDICATORS}


def extra_indicators(session: Session, year: int, month: int) -> dict[str, Any]:
    """本年累计调结数, the denominator of 调解成功率, from the mediation module's own year statistics
    (1 January to month end), so the township can recompute the rate from summed counts."""
    stats = _domain("mediation", "period_stats")(session, year, today=month_end(year, month))
    return {OUTCOMES_OF_YEAR: stats.outcomes}


def _number(value: Any) -> int | float:
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    raise ContractMissing(f"指标值应为数字，得到 {value!r}")


def _rows(dicts: list[dict[str, Any]], sheet: str) -> list[list[Any]]:
    columns = LEDGERS[sheet]
    if dicts:
        missing = [c for c in columns if c not in dicts[0]]
        if missing:
            raise ContractMissing(f"{sheet} 的行缺少列：{'、'.join(missing)}")
    return [[row.get(c) for c in columns] for row in dicts]


def collect(
    session: Session, year: int, month: int, mask_names: bool = True, progress: Progress = no_progress
) -> ReportData:
    """Everything the workbook shows, read in one transaction (one consistent snapshot)."""
    end = month_end(year, month)
    steps = [
        ("汇总指标", lambda: collect_indicators(session, year, month)),
        (ROSTER, lambda: _domain("members", "roster_rows")(session, end)),
        (PLEDGES, lambda: _domain("pledges", "ledger_rows")(session, year, month)),
        (CASES, lambda: _domain("mediation", "ledger_rows")(session, year, month, mask_names=mask_names)),
        (SERVICES, lambda: _domain("grids", "service_rows")(session, year, month)),
        (MEETINGS, lambda: _domain("grids", "meeting_rows")(session, year, month)),
    ]
    results: dict[str, Any] = {}
    for i, (label, step) in enumerate(steps):
        progress(i, len(steps) * 2, f"正在统计：{label}")
        results[label] = step()
    ledgers = {sheet: _rows(results[sheet], sheet) for sheet in LEDGERS}
    profile = get_profile(session) or Profile()
    return ReportData(year, month, profile, results["汇总指标"], ledgers)
