"""Write a ``ReportData`` as the monthly workbook of shared/reports.md.

The workbook is streamed (xlsxwriter, ``core.excel_stream``) to a temporary file beside the destination and
renamed into place only when complete: a cancel, a failure or a full disk never leaves a half-written report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..progress import Progress, no_progress
from ..safe_write import SaveFailed
from .layout import (
    FORMAT_VERSION,
    INFO_SHEET,
    LEDGERS,
    PROGRAM_KIND_VILLAGE,
    SUMMARY_HEADERS,
    SUMMARY_SHEET,
    TEXT_COLUMNS,
    WIDTHS,
    WRAP_COLUMNS,
    month_label,
    period,
)

if TYPE_CHECKING:
    from ..excel_stream import StreamBook
    from .data import ReportData

PROGRESS_EVERY = 500


# Kept for the callers that name it: every failure to save is now a ``SaveFailed``.
FileBusy = SaveFailed


def title_rows(data: ReportData) -> list[list[Any]]:
    p = data.profile
    filled = data.generated.date().isoformat()
    return [
        [f"{p.county}{p.township}{p.village}妇联工作月报"],
        [f"报告期：{month_label(data.year, data.month)}"],
        [f"填报人：{p.chair_name}  联系电话：{p.chair_phone}  填报日期：{filled}"],
    ]


def info_rows(data: ReportData, kind: str = PROGRAM_KIND_VILLAGE) -> list[list[Any]]:
    p = data.profile
    return [
        ["格式版本", FORMAT_VERSION],
        ["县", p.county],
        ["乡镇", p.township],
        ["村", p.village],
        ["报告期", period(data.year, data.month)],
        ["生成时间", data.generated.isoformat()],
        ["生成程序", data.program],
        ["文件类型", kind],
    ]


def write_info_sheet(book: StreamBook, rows: Sequence[Sequence[Any]]) -> None:
    """The hidden 说明 sheet: key/value rows from the first row on, as the contract lists them."""
    book.key_values(INFO_SHEET, rows, hidden=True)


def write_ledger(
    book: StreamBook,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    tick: Callable[[], None] = lambda: None,
) -> None:
    table = book.table(
        sheet, headers, rows, text_columns=TEXT_COLUMNS, wrap_columns=WRAP_COLUMNS, widths=WIDTHS
    )
    for i, row in enumerate(rows):
        if i % PROGRESS_EVERY == 0:
            tick()
        table.append(row)


def fill_report(
    book: StreamBook,
    data: ReportData,
    progress: Progress = no_progress,
    read_ledger: Callable[[str], Sequence[Sequence[Any]]] | None = None,
) -> None:
    """The sheets of ``data``; with ``read_ledger(sheet)`` each ledger is read just before it is written and
    dropped once written instead of taken from ``data.ledgers`` (one ledger in memory at a time)."""
    total = 2 + len(LEDGERS)
    progress(total, total * 2, "正在写入：汇总")
    rows = [[name, value] for name, value in data.indicators.items()]
    summary = book.table(
        SUMMARY_SHEET, SUMMARY_HEADERS, rows, widths={"指标": 30, "数值": 16}, title_rows=title_rows(data)
    )
    summary.extend(rows)
    for i, (sheet, headers) in enumerate(LEDGERS.items(), start=1):
        if read_ledger is not None:
            progress(total + i - 1, total * 2, f"正在统计：{sheet}")
            rows = read_ledger(sheet)
        else:
            rows = data.ledgers[sheet]
        label = f"正在写入：{sheet}（{len(rows)} 行）"
        tick = lambda i=i, label=label: progress(total + i, total * 2, label)  # noqa: E731
        write_ledger(book, sheet, headers, rows, tick)
        del rows
    write_info_sheet(book, info_rows(data))
    progress(total * 2 - 1, total * 2, "正在保存文件")


def write_report(
    data: ReportData,
    out: Path,
    progress: Progress = no_progress,
    read_ledger: Callable[[str], Sequence[Sequence[Any]]] | None = None,
) -> Path:
    """The month's workbook saved atomically at ``out`` (the folder is created if need be)."""
    from ..excel_stream import write_streamed  # the spreadsheet writer is loaded when a workbook is written

    return write_streamed(Path(out), lambda book: fill_report(book, data, progress, read_ledger))
