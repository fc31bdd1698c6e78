"""Big workbooks (the monthly report, the township's consolidation) written row by row with xlsxwriter.

The cell rules are those of ``core.excel`` (shared/reports.md): text that looks like a formula stays text, ID
numbers, phones and case numbers are text, dates are real dates shown yyyy-mm-dd; bold bordered header,
frozen below it and repeated on every printed page, A4 (or A3) landscape one page wide. xlsxwriter writes
each cell once with a shared format and streams the rows to disk (``constant_memory``): about four times
faster than openpyxl's styled cells and a fraction of the memory.

``write_streamed(out, fill)`` saves through ``safe_write.saving``: ``fill(book)`` writes into a temporary file
beside ``out``, which replaces ``out`` only once complete and checked; on a failure or a cancel nothing is
left behind (neither the file nor xlsxwriter's row files in the scratch folder).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from math import ceil
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from .cell_rules import DATE_FORMAT, DATETIME_FORMAT, FORMULA_START, LINE_HEIGHT, MAX_WIDTH, column_widths
from .cell_rules import display_width as _width
from .leftovers import scratch_dir
from .safe_write import check_xlsx, saving

PAPER = {"A4": 9, "A3": 8}
BORDER_COLOR = "#999999"
HEADER_FILL = "#F2DCDB"
OPTIONS = {
    "constant_memory": True,  # rows go to disk as they are written
    "strings_to_formulas": False,  # never: "=…" typed by someone stays their text
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def write_streamed(out: Path | str, fill: Callable[[StreamBook], None]) -> Path:
    """Write a workbook with ``fill(book)`` and save it atomically at ``out`` (the folder is created)."""
    out = Path(out)
    with saving(out, check_xlsx) as tmp:
        book = StreamBook(tmp)
        try:
            fill(book)
            book.close()
        finally:
            book.discard()
    return out


class StreamBook:
    """An xlsxwriter workbook with the formats of the cell rules, made once and shared by every cell."""

    def __init__(self, path: Path | str):
        self.scratch = _scratch_folder()
        # Our own handle, not a file name: when the disk fills while the zip is written, xlsxwriter leaves
        # its zip open; ``discard`` closes the file all the same, so the temporary file can be deleted at
        # once (Windows refuses while a handle is open) and nothing is flushed later, at collection.
        self.file = open(path, "wb")  # noqa: SIM115 - closed by close() or discard()
        self.wb = xlsxwriter.Workbook(self.file, {**OPTIONS, "tmpdir": self.scratch})
        self.formats = _formats(self.wb)

    def table(
        self,
        name: str,
        headers: Sequence[str],
        sample_rows: Sequence[Sequence[Any]] = (),
        text_columns: Sequence[str] = (),
        wrap_columns: Sequence[str] = (),
        widths: dict[str, float] | None = None,
        title_rows: Sequence[Sequence[Any]] = (),
        merge_titles: bool = True,
        paper: str = "A4",
    ) -> StreamTable:
        return StreamTable(
            self,
            self.wb.add_worksheet(name),
            headers,
            sample_rows,
            text_columns,
            wrap_columns,
            widths,
            title_rows,
            merge_titles,
            paper,
        )

    def key_values(self, name: str, rows: Iterable[Sequence[Any]], hidden: bool = True) -> None:
        """Key/value rows from the first row on (the hidden 说明 sheet): ints stay numbers, the rest text."""
        ws = self.wb.add_worksheet(name)
        ws.set_column(0, 0, 12)
        ws.set_column(1, 1, 36)
        for r, (key, value) in enumerate(rows):
            ws.write_string(r, 0, str(key))
            if isinstance(value, int) and not isinstance(value, bool):
                ws.write_number(r, 1, value)
            else:
                ws.write_string(r, 1, str(value))
        if hidden:
            ws.hide()

    def close(self) -> None:
        """Assemble the file. A system error (a full disk) is raised as the ``OSError`` it is, which
        ``safe_write`` names in Chinese; xlsxwriter would wrap it in its own ``FileCreateError``."""
        try:
            self.wb.close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc.__context__
            if isinstance(cause, OSError):
                raise cause from exc
            raise
        self.file.close()

    def discard(self) -> None:
        """Close the file and delete the row files of the sheets (after ``close`` nothing is left but the
        folder)."""
        if not self.file.closed:
            try:
                self.file.close()
            except OSError:
                pass  # the flush failed (full disk); the handle is closed all the same, the file is discarded
        for ws in self.wb.worksheets():
            handle = getattr(ws, "row_data_fh", None)
            if handle is not None and not handle.closed:
                handle.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _scratch_folder() -> str:
    """xlsxwriter's row files go to a folder of this run inside the program's scratch folder (named like the
    other scratch files, so ``core.leftovers`` removes it once a killed run's process has ended)."""
    try:
        parent = scratch_dir()
        parent.mkdir(mode=0o700, exist_ok=True)
        return tempfile.mkdtemp(prefix=f"xlsx.{os.getpid()}-", dir=parent)
    except OSError:
        return tempfile.mkdtemp(prefix="fedclient-xlsx-")


def _formats(wb: Any) -> dict[str, Any]:
    border = {"border": 1, "border_color": BORDER_COLOR, "valign": "top"}
    plain = {
        "body": border,
        "wrap": {**border, "text_wrap": True},
        "date": {**border, "num_format": DATE_FORMAT},
        "datetime": {**border, "num_format": DATETIME_FORMAT},
        "text": {**border, "num_format": "@"},
        "wraptext": {**border, "text_wrap": True, "num_format": "@"},
    }
    formats = {kind: wb.add_format(spec) for kind, spec in plain.items()}
    formats.update({f"{kind}!": wb.add_format({**spec, "bold": True}) for kind, spec in plain.items()})
    formats["title"] = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    formats["subtitle"] = wb.add_format({"align": "left"})
    formats["header"] = wb.add_format(
        {
            "bold": True,
            "bg_color": HEADER_FILL,
            "pattern": 1,
            "border": 1,
            "border_color": BORDER_COLOR,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
        }
    )
    return formats


class StreamTable:
    """A table on its own sheet: title lines, the header row, then rows appended one by one."""

    def __init__(
        self,
        book: StreamBook,
        ws: Any,
        headers: Sequence[str],
        sample_rows: Sequence[Sequence[Any]],
        text_columns: Sequence[str],
        wrap_columns: Sequence[str],
        widths: dict[str, float] | None,
        title_rows: Sequence[Sequence[Any]],
        merge_titles: bool,
        paper: str,
    ):
        self.ws = ws
        self.formats = book.formats
        self.headers = list(headers)
        self.text_idx = {i for i, h in enumerate(headers) if h in text_columns}
        self.wrap_idx = sorted(i for i, h in enumerate(headers) if h in wrap_columns)
        self._column_formats(len(self.headers))
        self.col_widths = column_widths(headers, list(sample_rows), widths)
        for col, width in enumerate(self.col_widths):
            ws.set_column(col, col, width)
        header_row = len(title_rows)  # 0-based
        ws.freeze_panes(header_row + 1, 0)
        ws.repeat_rows(header_row)
        _print_setup(ws, PAPER[paper])
        for r, values in enumerate(title_rows):
            kind = "title" if r == 0 else "subtitle"  # the first line centred over the table
            if r == 0:
                ws.set_row(0, 24)
            if r == 0 and merge_titles and len(headers) > 1:
                ws.merge_range(0, 0, 0, len(headers) - 1, "", self.formats[kind])
            for c, value in enumerate(values):
                self._write(r, c, value, kind)
        lines = max(
            [ceil(_width(h) / max(1.0, w - 1.5)) for h, w in zip(headers, self.col_widths, strict=True)],
            default=1,
        )
        if lines > 1:
            ws.set_row(header_row, LINE_HEIGHT * lines + 4)
        for c, header in enumerate(headers):
            ws.write_string(header_row, c, str(header), self.formats["header"])
        self.row = header_row

    def append(self, row: Sequence[Any], bold: bool = False) -> None:
        """One data row; ``bold`` for a 合计 row. The cell rules of ``_cell``, with the common kinds (text,
        numbers, blanks) first and each column's formats worked out once: this runs for every cell."""
        self.row += 1
        r, ws, text_idx = self.row, self.ws, self.text_idx
        lines = self._lines(row)
        if lines > 1:  # neither LibreOffice nor every Excel grows wrapped rows by itself
            ws.set_row(r, min(409, LINE_HEIGHT * lines + 2))
        if len(row) > len(self._plain_formats[0]):
            self._column_formats(len(row))
        as_text, plain = self._bold_formats if bold else self._plain_formats
        for c, value in enumerate(row):
            kind = value.__class__
            if kind is str:
                if not value:
                    ws.write_blank(r, c, None, as_text[c] if c in text_idx else plain[c])
                elif c in text_idx or value.startswith(FORMULA_START):
                    ws.write_string(r, c, value, as_text[c])
                else:
                    ws.write_string(r, c, value, plain[c])
            elif value is None:
                ws.write_blank(r, c, None, as_text[c] if c in text_idx else plain[c])
            elif (kind is int or kind is float) and c not in text_idx:
                ws.write_number(r, c, value, plain[c])
            elif isinstance(value, datetime):
                ws.write_datetime(
                    r, c, value.replace(tzinfo=None), self.formats["datetime!" if bold else "datetime"]
                )
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, self.formats["date!" if bold else "date"])
            elif c in text_idx:
                _cell(ws, r, c, value, as_text[c], as_text=True)
            else:
                _cell(ws, r, c, value, plain[c], as_text=False)

    def _column_formats(self, columns: int) -> None:
        """Each column's formats for text kept as text and for other values, plain and bold."""
        wrap = set(self.wrap_idx)

        def kinds(mark: str) -> tuple[list[Any], list[Any]]:
            return (
                [self.formats[("wraptext" if c in wrap else "text") + mark] for c in range(columns)],
                [self.formats[("wrap" if c in wrap else "body") + mark] for c in range(columns)],
            )

        self._plain_formats, self._bold_formats = kinds(""), kinds("!")

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)

    def _write(self, r: int, c: int, value: Any, kind: str) -> None:
        _cell(self.ws, r, c, value, self.formats[kind], as_text=False)

    def _lines(self, row: Sequence[Any]) -> int:
        lines = 1
        for i in self.wrap_idx:
            if i < len(row) and isinstance(row[i], str) and row[i]:
                usable = max(1.0, (self.col_widths[i] or MAX_WIDTH) - 1.5)
                lines = max(lines, sum(ceil(_width(part) / usable) or 1 for part in row[i].split("\n")))
        return lines


def _cell(ws: Any, r: int, c: int, value: Any, fmt: Any, as_text: bool) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(r, c, "是" if value else "否", fmt)
    elif isinstance(value, int | float) and not as_text:
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, datetime | date) and not as_text:
        ws.write_datetime(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _print_setup(ws: Any, paper: int) -> None:
    ws.set_paper(paper)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
