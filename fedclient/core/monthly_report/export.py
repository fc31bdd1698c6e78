"""导出月报: export one month's workbook for the township, and remember that it was exported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..database import Database
from ..failures import note_after_saving
from ..progress import Progress, no_progress
from ..village import Profile
from .data import collect, ledger_readers
from .layout import file_name, period
from .sent import EXPORTED_KEY, exported_at, last_month

__all__ = ["EXPORTED_KEY", "ExportResult", "default_file_name", "export_month", "exported_at", "last_month"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    year: int
    month: int
    counts: dict[str, int]  # sheet -> data rows
    note: str | None = None  # the workbook is saved, but the data file could not note it as sent (why)


def default_file_name(profile: Profile | None, year: int, month: int) -> str:
    p = profile or Profile()
    return file_name(p.township, p.village, year, month)


def export_month(
    db: Database,
    year: int,
    month: int,
    out: Path,
    mask_names: bool = True,
    progress: Progress = no_progress,
) -> ExportResult:
    """Read the month in one transaction, write the workbook atomically, and remember that it was sent.

    Each ledger is read just before its sheet is written and dropped once written (all within the one read
    transaction): a county's month never has all its ledgers in memory at once."""
    from .writer import write_report

    counts: dict[str, int] = {}
    with db.session() as session:
        data = collect(session, year, month, mask_names=mask_names, progress=progress, ledgers=False)
        readers = ledger_readers(session, year, month, mask_names)

        def read(sheet: str) -> list[list[Any]]:
            rows = readers[sheet]()
            counts[sheet] = len(rows)
            return rows

        path = write_report(data, Path(out), progress, read_ledger=read)
    sent = datetime.now().isoformat(timespec="seconds")
    note = note_after_saving(
        lambda: db.set_meta(EXPORTED_KEY.format(period=period(year, month)), sent), "月报导出"
    )
    # No progress after the workbook is in place: a cancel seen there would say "cancelled" of a saved file.
    if note:
        note = f"月报已完整保存，但数据文件没能记下它已导出（首页会继续提醒导出这个月）：{note}"
    return ExportResult(path, year, month, counts, note)
