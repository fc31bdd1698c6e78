"""Writing cells the way the township expects (shared/reports.md, cell rules).

Text that looks like a formula stays text; ID numbers, phone numbers and case numbers are text; dates are
real dates shown yyyy-mm-dd. Header rows are bold with borders, frozen, repeated on every printed page.

Two ways to write a table: ``write_table`` on an ordinary worksheet, and ``StreamTable`` on a write-only one
(big workbooks: rows go straight to disk, and cells share one precomputed style each).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from datetime import UTC, date, datetime
from math import ceil
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as sheet_writer
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .leftovers import scratch_file
from .safe_write import check_xlsx, saving

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
FORMULA_START = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6.0, 40.0
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text


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


def display_width(value: Any) -> float:
    """Column width (in Excel character units) that shows ``value`` on one line; CJK counts double."""
    if value is None:
        return 0.0
    if isinstance(value, datetime):
        return 16.0
    if isinstance(value, date):
        return 10.5
    text = str(value)
    return float(sum(1.75 if ord(ch) > 0x2E7F else 1 for ch in text))


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: dict[str, float] | None = None
) -> list[float]:
    """Widths from the header and the first rows' contents, within sensible bounds."""
    sample = rows[:300]
    result = []
    for i, header in enumerate(headers):
        fixed = (widths or {}).get(header)
        if fixed:
            result.append(fixed)
            continue
        longest = max([display_width(header)] + [display_width(row[i]) for row in sample if i < len(row)])
        result.append(max(MIN_WIDTH, min(MAX_WIDTH, longest + 2)))
    return result


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


class StreamTable:
    """A table on a write-only worksheet: widths, frozen header and print setup are fixed first
    (openpyxl drops them once rows were appended), then rows are appended one by one.

    ``rows_before`` are title lines above the header (each a list of values, first one bold and bigger).
    """

    def __init__(
        self,
        ws: Any,
        headers: Sequence[str],
        sample_rows: Sequence[Sequence[Any]] = (),
        text_columns: Sequence[str] = (),
        wrap_columns: Sequence[str] = (),
        widths: dict[str, float] | None = None,
        title_rows: Sequence[Sequence[Any]] = (),
        merge_titles: bool = True,
    ):
        self.ws = ws
        self.headers = list(headers)
        self.text_idx = {i for i, h in enumerate(headers) if h in text_columns}
        self.wrap_idx = {i for i, h in enumerate(headers) if h in wrap_columns}
        for col, width in enumerate(column_widths(headers, list(sample_rows), widths), start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        header_row = len(title_rows) + 1
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        setup_print(ws)
        self._protos = self._make_prototypes()
        self.col_widths = [
            ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(headers) + 1)
        ]
        last_col = get_column_letter(max(len(headers), 1))
        for i, values in enumerate(title_rows, start=1):
            # The first title line is centred over the table; the others run on to the right if long.
            if i == 1:
                ws.row_dimensions[i].height = 24
                if merge_titles and len(headers) > 1:
                    ws.merged_cells.add(f"A1:{last_col}1")
            ws.append([self._styled(v, "title" if i == 1 else "subtitle") for v in values])
        header_lines = max(
            [
                ceil(display_width(h) / max(1.0, w - 1.5))
                for h, w in zip(headers, self.col_widths, strict=True)
            ],
            default=1,
        )
        if header_lines > 1:
            ws.row_dimensions[header_row].height = LINE_HEIGHT * header_lines + 4
        ws.append([self._styled(h, "header") for h in headers])
        self.row = header_row

    def _make_prototypes(self) -> dict[str, WriteOnlyCell]:
        def proto(font=None, fill=None, border=None, alignment=None, number_format=None) -> WriteOnlyCell:
            cell = WriteOnlyCell(self.ws)
            if font:
                cell.font = font
            if fill:
                cell.fill = fill
            if border:
                cell.border = border
            if alignment:
                cell.alignment = alignment
            if number_format:
                cell.number_format = number_format
            return cell

        top = Alignment(vertical="top")
        wrap = Alignment(vertical="top", wrap_text=True)
        return {
            "title": proto(
                font=Font(name="Calibri", bold=True, size=14), alignment=Alignment(horizontal="center")
            ),
            "subtitle": proto(alignment=Alignment(horizontal="left")),
            "header": proto(HEADER_FONT, HEADER_FILL, BORDER, HEADER_ALIGN),
            "body": proto(border=BORDER, alignment=top),
            "wrap": proto(border=BORDER, alignment=wrap),
            "date": proto(border=BORDER, alignment=top, number_format=DATE_FORMAT),
            "datetime": proto(border=BORDER, alignment=top, number_format=DATETIME_FORMAT),
            "text": proto(border=BORDER, alignment=top, number_format="@"),
            "wraptext": proto(border=BORDER, alignment=wrap, number_format="@"),
        }

    def _styled(self, value: Any, kind: str, bold: bool = False) -> WriteOnlyCell:
        if bold and f"{kind}!" not in self._protos:
            strong = WriteOnlyCell(self.ws)
            strong._style = copy(self._protos[kind]._style)
            strong.font = HEADER_FONT
            self._protos[f"{kind}!"] = strong
        cell = WriteOnlyCell(self.ws)
        cell._style = copy(self._protos[f"{kind}!" if bold else kind]._style)  # shared style: much faster
        _assign(cell, value, as_text=kind in ("text", "wraptext"))
        return cell

    def append(self, row: Sequence[Any], bold: bool = False) -> None:
        """One data row; ``bold`` for a 合计 row."""
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, datetime):
                kind = "datetime"
            elif isinstance(value, date):
                kind = "date"
            elif i in self.text_idx or (isinstance(value, str) and value.startswith(FORMULA_START)):
                kind = "wraptext" if i in self.wrap_idx else "text"
            else:
                kind = "wrap" if i in self.wrap_idx else "body"
            cells.append(self._styled(value, kind, bold))
        self.row += 1
        lines = self._lines(row)
        if lines > 1:  # neither LibreOffice nor every Excel grows wrapped rows by itself
            self.ws.row_dimensions[self.row].height = min(409, LINE_HEIGHT * lines + 2)
        self.ws.append(cells)

    def _lines(self, row: Sequence[Any]) -> int:
        lines = 1
        for i in self.wrap_idx:
            if i < len(row) and isinstance(row[i], str) and row[i]:
                usable = max(1.0, (self.col_widths[i] or MAX_WIDTH) - 1.5)
                lines = max(
                    lines, sum(ceil(display_width(part) / usable) or 1 for part in row[i].split("\n"))
                )
        return lines

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)


def _assign(cell: Any, value: Any, as_text: bool) -> None:
    """``set_value`` without touching the style (the prototype already carries the number format)."""
    if value is None:
        cell.value = None
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
    elif isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, date | int | float) and not as_text:
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"


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
