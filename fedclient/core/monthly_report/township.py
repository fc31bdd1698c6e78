"""乡镇汇总 with the township's own list: one month or a period, plus the 报送情况 sheet (who reported, late,
missing, wrong month; for a period the villages × months view, ✓ / 迟 / ✗)."""

from __future__ import annotations

from pathlib import Path

from ..progress import Progress, no_progress
from .consolidate import Consolidation, combine, write_consolidation
from .layout import period
from .periods import combine_period, months_between
from .reporting import STATUS_HEADERS, ExtraSheet, Submission, VillageStatus, counts, month_status, year_grid

STATUS_SHEET = "报送情况"


class NothingCombined(Exception):
    """No workbook of the list could be counted (``result.problems`` say why): nothing was written."""

    def __init__(self, result: Consolidation):
        super().__init__(f"没有可汇总的月报（{result.label}），没有生成汇总表")
        self.result = result


def statuses_by_month(
    result: Consolidation, villages: list[str], deadline_day: int | None
) -> dict[tuple[int, int], list[VillageStatus]]:
    first = result.first or (result.year, result.month)
    by_month = {}
    for y, m in months_between(first, (result.year, result.month)):
        submitted = [s for s in result.submitted if s.period == period(y, m)]
        by_month[(y, m)] = month_status(villages, submitted, _wrong_for(result, y, m), y, m, deadline_day)
    return by_month


def _wrong_for(result: Consolidation, year: int, month: int) -> list[Submission]:
    """Workbooks of a month outside what was asked, shown against each month of the merge."""
    return result.wrong_month if (year, month) == (result.year, result.month) else []


def status_sheet(result: Consolidation, villages: list[str], deadline_day: int | None) -> ExtraSheet:
    by_month = statuses_by_month(result, villages, deadline_day)
    due = f"（报送期限：次月 {deadline_day} 日）" if deadline_day else "（未设报送期限，不判断迟报）"
    if len(by_month) == 1:
        [rows] = by_month.values()
        title = f"{result.label}报送情况：{counts(rows, result.wrong_month)}{due}"
        return ExtraSheet(STATUS_SHEET, list(STATUS_HEADERS), [s.row for s in rows], title)
    headers, rows = year_grid(villages, by_month)
    title = f"{result.label}报送情况：✓ 按时报送  迟 迟报  ✗ 未报送{due}"
    return ExtraSheet(STATUS_SHEET, headers, rows, title)


def consolidate_township(
    paths: list[Path],
    last: tuple[int, int],
    out: Path,
    first: tuple[int, int] | None = None,
    villages: list[str] | None = None,
    deadline_day: int | None = None,
    progress: Progress = no_progress,
    empty_ok: bool = True,
) -> Consolidation:
    """Read, check and combine ``paths`` for a month (or ``first`` to ``last``), add 报送情况, write ``out``.
    Without ``empty_ok`` a merge that counted no village raises ``NothingCombined`` instead of writing."""
    out = Path(out)
    inputs = [Path(p) for p in paths if Path(p).resolve() != out.resolve()]
    if first and first != last:
        result = combine_period(inputs, first, last, progress)
    else:
        result = combine(inputs, *last, progress)
    if not result.villages and not empty_ok:
        raise NothingCombined(result)
    result.extra_sheets.append(status_sheet(result, villages or [], deadline_day))
    result.out = write_consolidation(result, out, progress)
    return result
