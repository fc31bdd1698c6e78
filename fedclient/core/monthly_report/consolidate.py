"""乡镇汇总: combine the village workbooks of one month into the township's workbook (shared/reports.md).

Each file is read (never written), checked on its own 说明 sheet and its indicators read by name; a file that cannot
be used is listed on the 问题 sheet with the reason and the others are still combined. A village twice: the workbook
generated last is kept (a corrected re-export) and the other is listed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from fedclient import APP_NAME, __version__

from ..excel_stream import StreamBook, write_streamed
from ..progress import Progress, no_progress
from .layout import (
    ALL_INDICATORS,
    FORMAT_VERSION,
    FRACTIONAL,
    INDICATORS,
    INFO_SHEET,
    LEDGERS,
    PROGRAM_KIND_TOWNSHIP,
    RATES,
    SUMMARY_SHEET,
    SUPPORTED_FORMATS,
    TEXT_COLUMNS,
    WIDTHS,
    WRAP_COLUMNS,
    month_label,
    period,
)
from .reporting import ExtraSheet, Submission
from .writer import write_info_sheet

VILLAGE = "村"
TOTAL = "合计"
PROBLEMS_SHEET = "问题"
log = logging.getLogger(__name__)
# No village has more people, households, pledges or cases than this: a larger count is a typing error.
MAX_COUNT = 100_000
PROBLEM_HEADERS = ("文件", "村", "原因")
MIDNIGHT = datetime.min.time()


class Refused(Exception):
    """This file cannot be combined; the message (Chinese) says why."""


class WrongMonth(Refused):
    """A village workbook of another month (listed on 报送情况 as well as on 问题)."""

    def __init__(self, message: str, submission: Submission):
        super().__init__(message)
        self.submission = submission


@dataclass
class VillageReport:
    path: Path
    county: str
    township: str
    village: str
    generated: str
    indicators: dict[str, int | float]
    ledgers: dict[str, list[list[Any]]]
    period: str = ""  # YYYY-MM
    missing_months: list[str] = field(default_factory=list)  # of a period merge

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.county, self.township, self.village)


@dataclass
class Problem:
    file: str
    village: str
    reason: str


@dataclass
class Consolidation:
    year: int
    month: int
    villages: list[VillageReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    out: Path | None = None
    first: tuple[int, int] | None = None  # a period merge: its first month (``year``/``month`` is the last)
    submitted: list[Submission] = field(default_factory=list)  # every village workbook read, combined or not
    wrong_month: list[Submission] = field(default_factory=list)
    extra_sheets: list[ExtraSheet] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.first and self.first != (self.year, self.month):
            return f"{month_label(*self.first)}—{month_label(self.year, self.month)}"
        return month_label(self.year, self.month)

    @property
    def township(self) -> str:
        names = sorted({v.township for v in self.villages if v.township})
        return "、".join(names)


# --- reading one village workbook --------------------------------------------------------------------------
def _plain_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """calamine gives every number as a float and empty cells as "": whole numbers become ints, blanks None,
    midnight datetimes dates. By exact type, text first: this runs for every cell of every village's file."""
    plain = []
    for row in rows:
        cells: list[Any] = []
        for value in row:
            kind = value.__class__
            if kind is str:
                value = value or None
            elif kind is float:
                value = int(value) if value.is_integer() else value
            elif kind is datetime and value.time() == MIDNIGHT:
                value = value.date()
            cells.append(value)
        plain.append(cells)
    return plain


def _sheet(book: CalamineWorkbook, name: str) -> list[list[Any]]:
    if name not in book.sheet_names:
        raise Refused(f"缺少工作表“{name}”")
    try:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001 - calamine's errors for a damaged sheet have no common type
        raise Refused(f"工作表“{name}”已损坏，无法读取（文件可能没有传完整），请让该村重新导出") from exc
    return _plain_rows(rows)


def _info(book: CalamineWorkbook) -> dict[str, Any]:
    if INFO_SHEET not in book.sheet_names or SUMMARY_SHEET not in book.sheet_names:
        raise Refused("不是村妇联月报（没有“说明”或“汇总”工作表）")
    return {str(row[0]).strip(): row[1] for row in _sheet(book, INFO_SHEET) if len(row) >= 2 and row[0]}


def _check_info(info: dict[str, Any], year: int, month: int, periods: tuple[str, ...] = ()) -> None:
    if "格式版本" not in info or "报告期" not in info:
        raise Refused("不是村妇联月报（说明表中没有格式版本或报告期）")
    if info.get("文件类型") == PROGRAM_KIND_TOWNSHIP:
        raise Refused("这是乡镇汇总表，不是村妇联月报")
    version = info["格式版本"]
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version.strip())
    if not isinstance(version, int) or version not in SUPPORTED_FORMATS:
        raise Refused(f"格式版本“{version}”无法识别（本程序识别格式版本 {FORMAT_VERSION}），请用新版程序汇总")
    reported = info["报告期"]
    if isinstance(reported, date):  # retyped in a spreadsheet program, which made it a date
        info["报告期"] = reported = period(reported.year, reported.month)
    if not str(info.get("村") or "").strip():
        raise Refused("说明表中没有村名")
    wanted = periods or (period(year, month),)
    if str(reported).strip() not in wanted:
        span = wanted[0] if len(wanted) == 1 else f"{wanted[0]} 至 {wanted[-1]}"
        made = str(info.get("生成时间") or "")
        wrong = Submission(str(info["村"]).strip(), str(reported).strip(), made, "")
        raise WrongMonth(f"报告期为 {info['报告期']}，不是本次汇总的 {span}", wrong)


def _implausible(name: str, value: int | float) -> str | None:
    """Why a village's number cannot be right, or None."""
    if value < 0:
        return f"为负数 {value}"
    if name in RATES:
        return f"超过 100%：{value}" if value > 100 else None
    if not float(value).is_integer() and name not in FRACTIONAL:
        return f"不是整数：{value}"
    if value > MAX_COUNT:
        return f"为 {value:,}，超过一个村可能的数目（{MAX_COUNT:,}）"
    return None


def _indicators(rows: list[list[Any]]) -> dict[str, int | float]:
    """Indicators by name, wherever they stand below the 指标 | 数值 header; impossible numbers (negative,
    fractional counts, beyond what a village can have) refuse the file, each named with its cell."""
    found: dict[str, int | float] = {}
    wrong: list[str] = []
    for i, row in enumerate(rows):
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() in ALL_INDICATORS:
            name, value = row[0].strip(), row[1]
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise Refused(f"指标“{name}”的数值不是数字：{value!r}")
            why = _implausible(name, value)
            if why:
                wrong.append(f"“{SUMMARY_SHEET}”表 B{i + 1} 单元格“{name}”{why}")
            found[name] = value
    if wrong:
        raise Refused("数值不合理，本文件未计入：" + "；".join(wrong))
    missing = [n for n in INDICATORS if n not in found]
    if missing:
        raise Refused(f"汇总表缺少指标：{'、'.join(missing)}")
    return found


def _ledger(rows: list[list[Any]], sheet: str) -> list[list[Any]]:
    """The contract's columns, found by header name (extra columns are ignored), blank rows dropped."""
    columns = LEDGERS[sheet]
    for i, row in enumerate(rows):
        header = [str(v).strip() if v is not None else "" for v in row]
        if columns[0] in header and all(c in header for c in columns):
            idx = [header.index(c) for c in columns]
            body = rows[i + 1 :]
            return [
                [r[j] if j < len(r) else None for j in idx] for r in body if any(v is not None for v in r)
            ]
    raise Refused(f"“{sheet}”表的列名与约定不符")


def peek_township(path: Path) -> str:
    """The 乡镇 a village workbook names, or "" (for suggesting the output's file name)."""
    try:
        return str(_info(CalamineWorkbook.from_path(str(path))).get("乡镇") or "").strip()
    except Exception:  # noqa: BLE001 - only a suggestion; the real check comes when combining
        return ""


def read_village(path: Path, year: int, month: int, periods: tuple[str, ...] = ()) -> VillageReport:
    if not path.is_file():
        raise Refused("文件不存在")
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is refused with a plain reason
        raise Refused("无法打开：不是 Excel 工作簿，或文件已损坏") from exc
    info = _info(book)
    _check_info(info, year, month, periods)
    indicators = _indicators(_sheet(book, SUMMARY_SHEET))
    ledgers = {sheet: _ledger(_sheet(book, sheet), sheet) for sheet in LEDGERS}
    return VillageReport(
        path=path,
        county=str(info.get("县") or ""),
        township=str(info.get("乡镇") or ""),
        village=str(info["村"]).strip(),
        generated=str(info.get("生成时间") or ""),
        indicators=indicators,
        ledgers=ledgers,
        period=str(info["报告期"]).strip(),
    )


# --- combining ---------------------------------------------------------------------------------------------
def totals(villages: list[VillageReport]) -> dict[str, int | float | None]:
    """Counts summed; percentages recomputed from the summed counts, never averaged."""
    result: dict[str, int | float | None] = {}
    for name in ALL_INDICATORS:
        values = [v.indicators.get(name) for v in villages]
        result[name] = None if any(x is None for x in values) else sum(values)
    for rate, (numerator, denominator) in RATES.items():
        top, bottom = result.get(numerator), result.get(denominator)
        result[rate] = (
            None if top is None or bottom is None else (round(100 * top / bottom, 1) if bottom else 0)
        )
    return result


def combine(paths: list[Path], year: int, month: int, progress: Progress = no_progress) -> Consolidation:
    result = Consolidation(year, month)
    result.villages = list(read_all(paths, result, progress, year, month).values())
    return result


def read_all(
    paths: list[Path],
    result: Consolidation,
    progress: Progress,
    year: int,
    month: int,
    periods: tuple[str, ...] = (),
) -> dict[tuple[str, ...], VillageReport]:
    """Every usable workbook by village (and month, for a period), the newer of two; the rest on 问题."""
    kept: dict[tuple[str, ...], VillageReport] = {}
    for i, path in enumerate(paths):
        path = Path(path)
        progress(i, len(paths) + 1, f"正在读取：{path.name}")
        try:
            report = read_village(path, year, month, periods)
        except WrongMonth as exc:
            exc.submission.file = path.name
            result.wrong_month.append(exc.submission)
            result.problems.append(Problem(path.name, exc.submission.village, str(exc)))
            continue
        except Refused as exc:
            result.problems.append(Problem(path.name, "", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the good ones
            log.warning("汇总时无法读取 %s", path, exc_info=True)
            reason = f"无法读取：文件已损坏或内容不完整（{type(exc).__name__}），请让该村重新导出"
            result.problems.append(Problem(path.name, "", reason))
            continue
        result.submitted.append(Submission(report.village, report.period, report.generated, path.name))
        slot = (*report.key, report.period) if periods else report.key
        other = kept.get(slot)
        if other is None:
            kept[slot] = report
            continue
        newer, older = (report, other) if report.generated > other.generated else (other, report)
        kept[slot] = newer
        if older.path.resolve() == newer.path.resolve():
            reason = "同一文件重复选择，只计入一次"
        elif older.generated == newer.generated:  # a copy of the same export under another name
            reason = f"与“{newer.path.name}”是同一次导出的同一个村，已计入“{newer.path.name}”，本文件未计入"
        else:
            reason = f"与“{newer.path.name}”是同一个村，已计入生成时间较新的“{newer.path.name}”，本文件未计入"
        result.problems.append(Problem(older.path.name, older.village, reason))
    return kept


# --- writing ------------------------------------------------------------------------------------------------
def _summary_rows(result: Consolidation) -> list[list[Any]]:
    rows = [[v.village] + [v.indicators.get(name) for name in ALL_INDICATORS] for v in result.villages]
    total = totals(result.villages)
    rows.append([TOTAL] + [total[name] for name in ALL_INDICATORS])
    return rows


def write_consolidation(result: Consolidation, out: Path, progress: Progress = no_progress) -> Path:
    return write_streamed(Path(out), lambda book: _fill(book, result, progress))


def _fill(book: StreamBook, result: Consolidation, progress: Progress) -> None:
    label = result.label
    headers = [VILLAGE, *ALL_INDICATORS]
    rows = _summary_rows(result)
    widths = {VILLAGE: 12, **{name: 9 for name in ALL_INDICATORS}}
    titles = [
        [f"{result.township}妇联工作月报汇总"],
        [
            f"报告期：{label}    汇总村数：{len(result.villages)}    未计入文件：{sum(1 for p in result.problems if p.file)}"
        ],
    ]
    if result.first:
        titles.append(
            [
                "“本月”各项为所选各月之和；人数、户数、网格数和“本年”各项取最后一个月；完成率、成功率按合计重新计算"
            ]
        )
    # 28 indicator columns: A4 would be too small
    summary = book.table(SUMMARY_SHEET, headers, rows, widths=widths, title_rows=titles, paper="A3")
    summary.extend(rows[:-1])
    summary.append(rows[-1], bold=True)
    for n, (sheet, columns) in enumerate(LEDGERS.items(), start=1):
        progress(n, len(LEDGERS) + 2, f"正在写入：{sheet}")
        ledger = [[v.village, *row] for v in result.villages for row in v.ledgers[sheet]]
        table = book.table(
            sheet,
            [VILLAGE, *columns],
            ledger,
            text_columns=TEXT_COLUMNS,
            wrap_columns=WRAP_COLUMNS,
            widths={VILLAGE: 10, **WIDTHS},
        )
        table.extend(ledger)
    problems = [[p.file, p.village, p.reason] for p in result.problems]
    book.table(
        PROBLEMS_SHEET,
        PROBLEM_HEADERS,
        problems,
        wrap_columns=["文件", "原因"],
        widths={"文件": 30, "村": 12, "原因": 60},
    ).extend(problems)
    for extra in result.extra_sheets:
        titles = [[extra.title]] if extra.title else ()
        sheet = book.table(extra.name, extra.headers, extra.rows, title_rows=titles)
        sheet.extend(extra.rows)
    write_info_sheet(
        book,
        [
            ["格式版本", FORMAT_VERSION],
            ["乡镇", result.township],
            ["报告期", period(result.year, result.month)],
            *([["起始月份", period(*result.first)]] if result.first else []),
            ["汇总村数", len(result.villages)],
            ["生成时间", datetime.now().replace(microsecond=0).isoformat()],
            ["生成程序", f"{APP_NAME} {__version__}"],
            ["文件类型", PROGRAM_KIND_TOWNSHIP],
        ],
    )
    progress(len(LEDGERS) + 1, len(LEDGERS) + 2, "正在保存文件")


def consolidate(
    paths: list[Path], year: int, month: int, out: Path, progress: Progress = no_progress
) -> Consolidation:
    """Read, check and combine ``paths``; write the township workbook to ``out`` (atomically)."""
    out = Path(out)
    inputs = [Path(p) for p in paths if Path(p).resolve() != out.resolve()]
    result = combine(inputs, year, month, progress)
    result.out = write_consolidation(result, out, progress)
    return result
