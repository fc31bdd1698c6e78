"""The yearly mediation ledger as an Excel workbook, for an inspection by the township or the justice bureau.

Party names are masked unless the chair chooses full names for this one export.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ..progress import Progress, no_progress
from ..village import get_profile
from .report import LEDGER_COLUMNS, year_ledger_rows


def ledger_file_name(session: Session, year: int) -> str:
    profile = get_profile(session)
    village = f"{profile.township}{profile.village}" if profile else ""
    return f"{village}妇联调解台账_{year}年.xlsx"


def export_ledger(
    session: Session,
    path: Path | str,
    year: int,
    as_of: date,
    mask_names: bool = True,
    progress: Progress = no_progress,
) -> int:
    """Write the ledger of ``year`` (as of ``as_of``) to ``path``; returns the number of cases."""
    from openpyxl import Workbook  # the spreadsheet library is loaded when a file is written, not at start
    from openpyxl.styles import Font

    from ..excel import save_workbook, set_value, write_table

    progress(0, 2, "正在整理调解台账……")
    rows = year_ledger_rows(session, year, as_of, mask_names)
    progress(1, 2, "正在写入 Excel 文件……")
    profile = get_profile(session)
    wb = Workbook()
    ws = wb.active
    ws.title = "调解台账"
    title = f"{profile.title if profile else ''}妇联婚姻家庭纠纷调解台账（{year}年）"
    set_value(ws.cell(row=1, column=1), title).font = Font(bold=True, size=14)
    note = f"统计截至 {as_of:%Y-%m-%d}，共 {len(rows)} 件；当事人姓名{'已隐去' if mask_names else '为全名，注意保密'}。"
    set_value(ws.cell(row=2, column=1), note)
    write_table(
        ws,
        LEDGER_COLUMNS,
        [[row[c] for c in LEDGER_COLUMNS] for row in rows],
        start_row=3,
        text_columns=("案件编号",),
    )
    save_workbook(wb, path)
    progress(2, 2, "")
    return len(rows)
