"""导出月报: export one month's workbook for the township, and remember that it was exported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..database import Database
from ..models import AppMeta
from ..progress import Progress, no_progress
from ..village import Profile
from .data import collect, ledger_readers
from .layout import file_name, period

EXPORTED_KEY = "report_exported:{period}"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    year: int
    month: int
    counts: dict[str, int]  # sheet -> data rows


def last_month(today: date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


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
    db.set_meta(EXPORTED_KEY.format(period=period(year, month)), datetime.now().isoformat(timespec="seconds"))
    progress(1, 1, "已完成")
    return ExportResult(path, year, month, counts)


def exported_at(session: Session, year: int, month: int) -> str | None:
    row = session.get(AppMeta, EXPORTED_KEY.format(period=period(year, month)))
    return row.value if row else None
