"""A quarter, half year or year merged from monthly workbooks: the months' counts summed (the 本月 indicators),
everything counted at a moment (执委人数, 巾帼志愿者人数, the year-to-date 本年 figures, 网格数 ...) taken from the last
month, rates recomputed from those counts. A village missing a month is listed, never counted as zero."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..progress import Progress, no_progress
from .consolidate import Consolidation, Problem, VillageReport, read_all
from .layout import ALL_INDICATORS, CASES, LEDGERS, MEETINGS, PLEDGES, RATES, ROSTER, SERVICES, period

# Counts of what happened in the month: summed over the months of a period. Every other indicator is a count
# at the month's end or from 1 January to it, so the last month's value is the period's.
FLOWS = tuple(name for name in ALL_INDICATORS if name.startswith("本月"))
CASE_NUMBER = LEDGERS[CASES].index("案件编号")


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months, (y, m) = [], first
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def merge_village(reports: list[VillageReport], periods: Iterable[str]) -> VillageReport:
    """One village's months (in month order) as one report of the period."""
    reports = sorted(reports, key=lambda r: r.period)
    last = reports[-1]
    indicators = dict(last.indicators)
    for name in FLOWS:
        indicators[name] = sum(r.indicators.get(name, 0) for r in reports)
    for rate, (top, bottom) in RATES.items():
        if top in indicators and bottom in indicators:
            indicators[rate] = (
                round(100 * indicators[top] / indicators[bottom], 1) if indicators[bottom] else 0
            )
    cases: dict[object, list] = {}
    for r in reports:  # a case open for months appears in each month's ledger: keep its latest state
        for row in r.ledgers[CASES]:
            cases[row[CASE_NUMBER]] = row
    ledgers = {
        ROSTER: last.ledgers[ROSTER],
        PLEDGES: last.ledgers[PLEDGES],
        CASES: list(cases.values()),
        SERVICES: [row for r in reports for row in r.ledgers[SERVICES]],
        MEETINGS: [row for r in reports for row in r.ledgers[MEETINGS]],
    }
    have = {r.period for r in reports}
    return VillageReport(
        path=last.path,
        county=last.county,
        township=last.township,
        village=last.village,
        generated=last.generated,
        indicators=indicators,
        ledgers=ledgers,
        period=last.period,
        missing_months=[p for p in periods if p not in have],
    )


def combine_period(
    paths: list[Path], first: tuple[int, int], last: tuple[int, int], progress: Progress = no_progress
) -> Consolidation:
    months = months_between(first, last)
    periods = tuple(period(y, m) for y, m in months)
    result = Consolidation(*last, first=first)
    kept = read_all(paths, result, progress, *last, periods)
    by_village: dict[tuple[str, ...], list[VillageReport]] = {}
    for report in kept.values():
        by_village.setdefault(report.key, []).append(report)
    for reports in by_village.values():
        merged = merge_village(reports, periods)
        result.villages.append(merged)
        if merged.missing_months:
            missing = "、".join(merged.missing_months)
            reason = f"缺 {missing} 的月报：“本月”各项只合计了已报的月份，人数等取已报的最后一个月（{merged.period}）"
            result.problems.append(Problem("", merged.village, reason))
    return result
