"""Writing cells the way the township expects (shared/reports.md, cell rules).

Text that looks like a formula stays text; ID numbers, phone numbers and case numbers are text; dates are
real dates shown yyyy-mm-dd. Header rows are bold with borders, frozen, repeated on every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
FORMULA_START = ("=", "+", "-", "@")


def set_value(cell: Cell, value: Any, as_text: bool = False) -> Cell:
    """Assign ``value`` so that it reads back exactly as given: never a formula, never a lost digit."""
    if value is None:
        cell.value = None
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = "yyyy-mm-dd hh:mm"
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
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(rows, start=start_row + 1):
        for c, value in enumerate(row, start=1):
            cell = set_value(ws.cell(row=r, column=c), value, as_text=(c - 1) in text_idx)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str) and len(value) > 12)
    for col, header in enumerate(headers, start=1):
        width = (widths or {}).get(header) or max(6.0, min(40.0, 2.2 * len(header) + 2))
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    ws.print_title_rows = f"{start_row}:{start_row}"
    setup_print(ws)


def setup_print(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
