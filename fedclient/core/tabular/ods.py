"""What python-calamine does not give for an OpenDocument spreadsheet (.ods, what LibreOffice and WPS save as
ODF): which rows are hidden and which cells are merged, read from its ``content.xml`` in one streaming pass.

In ODF a merge is a ``table:table-cell`` carrying ``table:number-rows-spanned`` / ``table:number-columns-spanned``;
the cells it covers are written as ``table:covered-table-cell`` placeholders (calamine reads them as empty cells).
``table:number-columns-repeated`` (a run of equal cells) and ``table:number-rows-repeated`` (a run of equal rows:
LibreOffice writes "all rows below" as one empty row repeated a million times) must be expanded to know where a
cell is. A hidden row carries ``table:visibility="collapse"`` (or ``filter``: filtered out).

The XML is read 1 MB at a time and cut into rows at the bytes level (``bytes.split``, in C); only a row holding
a merge is read cell by cell. A 50,000-row sheet is ~70 MB of XML and ~1.6 million elements: an element-by-element
parse (ElementTree's ``iterparse``, or expat with a callback per element) costs 4-7 s there, several times
calamine's whole read, where this pass costs about what unzipping does (``benchmarks/README.md``, importshapes).
"""

from __future__ import annotations

import html
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..progress import Progress, no_progress

log = logging.getLogger(__name__)

TABLE_NAMESPACE = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_PREFIX = re.compile(rb"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(TABLE_NAMESPACE) + rb"[\"']")
_ATTR = re.compile(
    rb"(?<![\w-])(?:[\w.-]+:)?(name|visibility|number-rows-repeated|number-columns-repeated|"
    rb"number-rows-spanned|number-columns-spanned)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')"
)
HIDDEN_WORDS = (b"collapse", b"filter", b"collapsed")  # OpenDocument's words, and a variant seen
READ_SIZE = 1 << 20
REPEATED_MERGES = 1000  # a row holding a merge repeated more often than this: only its first copies count


@dataclass(frozen=True)
class OdsSheet:
    hidden: tuple[tuple[int, int], ...] = ()  # (first row, how many rows), 0-based; may run past the data
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first column, last row, last column)

    def hidden_rows(self, height: int) -> frozenset[int]:
        """The hidden rows among the first ``height`` (the rows calamine read)."""
        return frozenset(r for first, count in self.hidden for r in range(first, min(first + count, height)))


def is_ods(path: Path) -> bool:
    """An OpenDocument spreadsheet rather than an Office Open XML workbook (both are zip files)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "content.xml" in names and "[Content_Types].xml" not in names


def ods_layout(path: Path, progress: Progress = no_progress) -> dict[str, OdsSheet] | None:
    """Sheet name -> its hidden rows and merged cells; None when the file is not an OpenDocument
    spreadsheet or its XML could not be read (the chair is then told the hidden rows are unknown)."""
    try:
        with zipfile.ZipFile(path) as z:
            if "content.xml" not in z.namelist():
                return None
            with z.open("content.xml") as xml:
                return _Scan(progress).run(xml)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, IndexError) as exc:
        log.info("hidden rows and merged cells of %s not read: %r", path, exc)
        return None


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return {name: double or single for name, double, single in _ATTR.findall(tag)}


class _Scan:
    def __init__(self, progress: Progress):
        self.progress = progress
        self.sheets: dict[str, OdsSheet] = {}
        self.name: str | None = None  # the sheet being read
        self.row = 0
        self.hidden: list[tuple[int, int]] = []
        self.merged: list[tuple[int, int, int, int]] = []

    def run(self, xml) -> dict[str, OdsSheet]:
        head = xml.read(READ_SIZE)
        found = _PREFIX.search(head)
        prefix = found.group(1) if found else b"table"
        self.row_open = b"<" + prefix + b":table-row"
        self.table_open = re.compile(rb"<" + re.escape(prefix) + rb":table(?=[\s>/])([^>]*)>")
        self.table_close = b"</" + prefix + b":table>"
        self.wrappers = (self.row_open + b"s", self.row_open + b"-")  # table-rows, table-row-group: no rows
        self.remarkable = (b"rows-repeated", b"visibility", b"spanned=", self.table_close)
        self.cell = re.compile(
            rb"<" + re.escape(prefix) + rb":(table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
        )
        pending, seen, first = head, len(head), True
        while chunk := xml.read(READ_SIZE):
            seen += len(chunk)
            self.progress(0, 0, f"正在查看合并单元格和隐藏的行……（已看 {seen >> 20} MB）")
            data = pending + chunk
            cut = data.rfind(self.row_open)  # the last row may be cut short: it is read whole with the next
            if cut > 0:
                self._pieces(data[:cut], first)
                first, pending = False, data[cut:]
            else:
                pending = data
        self._pieces(pending, first)
        self._close_sheet()
        return self.sheets

    def _pieces(self, data: bytes, first: bool) -> None:
        """``data`` cut where each row starts: every piece but the very first begins with a row's tag."""
        if not first and self.name is not None and not any(word in data for word in self.remarkable):
            self.row += data.count(self.row_open) - sum(map(data.count, self.wrappers))  # most of a sheet
            return
        pieces = data.split(self.row_open)
        if first:  # the document's start: the first sheet opens here
            self._between(pieces[0])
        closes = self.table_close in data
        for piece in pieces[1:]:
            if piece[:1] in b" \t\r\n/>" and self.name is not None:  # not table-rows or table-row-group
                self._row(piece)
            if closes and self.table_close in piece:
                self._between(piece)

    def _row(self, piece: bytes) -> None:
        tag = piece[: piece.find(b">")]
        count = 1
        if b"=" in tag:
            attrs = _attrs(tag)
            count = max(1, int(attrs.get(b"number-rows-repeated") or 1))
            if attrs.get(b"visibility") in HIDDEN_WORDS:
                if self.hidden and sum(self.hidden[-1]) == self.row:
                    self.hidden[-1] = (self.hidden[-1][0], self.hidden[-1][1] + count)
                else:
                    self.hidden.append((self.row, count))
        if b"spanned=" in piece:
            self._merges(piece, count)
        self.row += count

    def _merges(self, piece: bytes, count: int) -> None:
        column, found = 0, []
        for kind, tag in self.cell.findall(piece):
            attrs = _attrs(tag) if b"=" in tag else {}
            if kind == b"table-cell":
                rows = int(attrs.get(b"number-rows-spanned") or 1)
                columns = int(attrs.get(b"number-columns-spanned") or 1)
                if rows > 1 or columns > 1:
                    found.append((column, rows, columns))
            column += max(1, int(attrs.get(b"number-columns-repeated") or 1))
        for copy in range(min(count, REPEATED_MERGES)):
            top = self.row + copy
            self.merged += [(top, left, top + rows - 1, left + columns - 1) for left, rows, columns in found]

    def _between(self, text: bytes) -> None:
        """Sheets ending and starting in ``text`` (after a sheet's last row: its end, the next one's start)."""
        at = 0
        while True:
            if self.name is not None:
                end = text.find(self.table_close, at)
                if end == -1:
                    return
                self._close_sheet()
                at = end + len(self.table_close)
            elif found := self.table_open.search(text, at):
                self.name = html.unescape(_attrs(found.group(1)).get(b"name", b"").decode("utf-8", "replace"))
                self.row, self.hidden, self.merged = 0, [], []
                at = found.end()
            else:
                return

    def _close_sheet(self) -> None:
        if self.name is not None:
            self.sheets[self.name] = OdsSheet(tuple(self.hidden), tuple(self.merged))
        self.name = None
