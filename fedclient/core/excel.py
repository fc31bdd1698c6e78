"""Writing cells the way the township expects (shared/reports.md, cell rules).

Text that looks like a formula stays text; ID numbers, phone numbers and case numbers are text; dates are
real dates shown yyyy-mm-dd. Header rows are bold with borders, frozen, repeated on every printed page.

``write_table`` writes a table on an ordinary worksheet; big workbooks (the monthly report, the consolidation)
are streamed with the same rules by ``core.excel_stream``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as sheet_writer
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .cell_rules import DATE_FORMAT, DATETIME_FORMAT, FORMULA_START, column_widths
from .leftovers import scratch_file
from .safe_write import check_xlsx, saving

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_value(cell: Cell, value: Any, as_text: bool = False) -> Cell:
    """Assign ``value`` so that it reads back exactly as given: never a formula, never a lost digit."""
    if value is None:
        cell.value = None
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, int | float) and not as_text:
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if as_text or text.startswith(FORMULA_START):
            cell.number_format = "@"
    return cell


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    start_row: int = 1,
    text_columns: Sequence[str] = (),
    widths: dict[str, float] | None = None,
) -> None:
    """A header row and data rows, styled and set up for printing (A4 landscape, one page wide)."""
    text_idx = {headers.index(h) for h in text_columns if h in headers}
    for col, header in enumerate(headers, start=1):
        cell = set_value(ws.cell(row=start_row, column=col), header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        cell.alignment = HEADER_ALIGN
    for r, row in enumerate(rows, start=start_row + 1):
        for c, value in enumerate(row, start=1):
            cell = set_value(ws.cell(row=r, column=c), value, as_text=(c - 1) in text_idx)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str) and len(value) > 12)
    for col, width in enumerate(column_widths(headers, rows, widths), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    ws.print_title_rows = f"{start_row}:{start_row}"
    setup_print(ws)


def setup_print(ws: Any) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def discard(wb: Workbook) -> None:
    """Close the streamed sheets of an abandoned workbook and delete their temporary files."""
    for ws in wb.worksheets:
        try:
            if getattr(ws, "_writer", None) is None:
                continue
            if not ws.closed:
                ws.close()
            ws._writer.cleanup()
        except Exception:  # noqa: BLE001, S110 - best effort: the work already failed or was cancelled
            pass


def save_workbook(wb: Workbook, out: Path | str) -> Path:
    """Save ``wb`` through ``safe_write.saving`` (temporary file, checked as a complete xlsx, flushed,
    renamed over ``out``); raises ``SaveFailed`` with the cause in Chinese, leaving the old file as it was."""
    out = Path(out)
    try:
        with saving(out, check_xlsx) as tmp:
            _write_xlsx(wb, tmp)
    except BaseException:
        discard(wb)  # a write-only workbook keeps its sheets in the system temp folder until closed
        raise
    return out


def _write_xlsx(wb: Workbook, path: Path) -> None:
    """``Workbook.save``, except that a failed save closes its file at once: otherwise the half-written zip
    stays open until collected (Windows cannot delete it) and its clean-up prints a traceback to stderr."""
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
        ExcelWriter(wb, archive).save()
    except BaseException:
        try:
            archive.close()
        except Exception:  # noqa: BLE001, S110 - the save already failed; the file is deleted next
            pass
        raise


def _sheet_temporary_file(suffix: str = "") -> str:
    """openpyxl's temporary file for a streamed sheet, in our own scratch folder (see ``core.leftovers``)."""
    name = scratch_file("openpyxl.", suffix)
    sheet_writer.ALL_TEMP_FILES.append(name)
    return name


sheet_writer.create_temporary_file = _sheet_temporary_file
