"""Tables in markup files that carry an .xls name: an HTML table (what many web systems export as "Excel") and
Excel's "XML 表格 2003". Read with the standard library only."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|table)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or ("<table" in head.lower() and "<td" in text[:65536].lower())


def looks_like_xml_workbook(text: str) -> bool:
    head = text[:4096]
    return head.lstrip().startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in head


class _TableParser(HTMLParser):
    """Every <table>'s rows and cells; colspan and rowspan leave empty cells (as a merged cell reads) so the
    columns stay aligned; nested tables are read as their own tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Any]]] = []
        self.stack: list[list[list[Any]]] = []  # open tables
        self.cell: list[str] | None = None
        self.cell_span = 1
        self.skip = 0  # inside <script>/<style>
        self.hidden_rows: list[set[int]] = []
        self.hidden_stack: list[set[int]] = []
        self.spans: list[dict[int, int]] = []  # per open table: column -> rows still covered by a rowspan
        self.row_open: list[bool] = []  # per open table: its last row not ended yet (</tr> is optional)
        self.merged: list[list[tuple[int, int, int, int]]] = []  # per table: its cells with rowspan/colspan
        self.merged_stack: list[list[tuple[int, int, int, int]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self._close_cell()
            self.stack.append([])
            self.hidden_stack.append(set())
            self.spans.append({})
            self.row_open.append(False)
            self.merged_stack.append([])
        elif tag == "tr" and self.stack:
            self._close_cell()
            self._end_row()
            self.stack[-1].append([])
            self.row_open[-1] = True
            style = (a.get("style") or "").replace(" ", "").lower()
            if "display:none" in style or "hidden" in a:
                self.hidden_stack[-1].add(len(self.stack[-1]) - 1)
        elif tag in ("td", "th") and self.stack:
            self._close_cell()
            if not self.stack[-1]:
                self.stack[-1].append([])
                self.row_open[-1] = True
            self._skip_covered()
            self.cell = []
            self.cell_span = _span(a.get("colspan"))
            rows = _span(a.get("rowspan"))
            column, row = len(self.stack[-1][-1]), len(self.stack[-1]) - 1
            if rows > 1:
                for c in range(column, column + self.cell_span):
                    self.spans[-1][c] = rows - 1
            if rows > 1 or self.cell_span > 1:
                self.merged_stack[-1].append((row, column, row + rows - 1, column + self.cell_span - 1))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th", "tr"):
            self._close_cell()
            if tag == "tr":
                self._end_row()
        elif tag == "table" and self.stack:
            self._close_cell()
            self._end_row()
            self.tables.append(self.stack.pop())
            self.hidden_rows.append(self.hidden_stack.pop())
            self.merged.append(self.merged_stack.pop())
            self.spans.pop()
            self.row_open.pop()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)

    def _close_cell(self) -> None:
        if self.cell is None or not self.stack:
            self.cell = None
            return
        text = re.sub(r"[ \t\r\f]+", " ", "".join(self.cell)).strip()
        self.stack[-1][-1].extend([text] + [None] * (self.cell_span - 1))
        self.cell = None

    def _skip_covered(self) -> None:
        """Empty cells where a cell of a row above reaches down (rowspan), before the next cell of this row."""
        row, spans = self.stack[-1][-1], self.spans[-1]
        while spans.get(len(row), 0) > 0:
            spans[len(row)] -= 1
            row.append(None)

    def _end_row(self) -> None:
        """The row's cells covered from above after its last own cell; each rowspan counted down once a row."""
        if not self.stack or not self.row_open[-1]:
            return
        self.row_open[-1] = False
        row, spans = self.stack[-1][-1], self.spans[-1]
        self._skip_covered()
        for column in sorted(c for c, left in spans.items() if left > 0 and c >= len(row)):
            row.extend([None] * (column - len(row)))
            spans[column] -= 1
            row.append(None)
        for column in [c for c, left in spans.items() if left <= 0]:
            del spans[column]

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close_cell()
            self._end_row()
            self.tables.append(self.stack.pop())
            self.hidden_rows.append(self.hidden_stack.pop())
            self.merged.append(self.merged_stack.pop())
            self.spans.pop()
            self.row_open.pop()


def _span(text: str | None) -> int:
    return min(int(text), 100) if text and text.isdigit() and int(text) > 0 else 1


def html_tables(text: str, name: str, progress=None) -> list:
    from .files import Sheet

    parser = _TableParser()
    step = 1 << 18  # fed in pieces, with progress: Python's parser reads a few megabytes a second
    for start in range(0, len(text), step):
        parser.feed(text[start : start + step])
        if progress is not None:
            progress(0, 0, f"正在读取网页表格……（{min(start + step, len(text)) * 100 // len(text)}%）")
    parser.close()
    found = [
        (t, h, tuple(m))
        for t, h, m in zip(parser.tables, parser.hidden_rows, parser.merged, strict=True)
        if any(any(r) for r in t)
    ]
    names = [name] if len(found) == 1 else [f"表格{i + 1}" for i in range(len(found))]
    return [
        Sheet(title, rows, frozenset(hidden), merged=merged)
        for title, (rows, hidden, merged) in zip(names, found, strict=True)
    ]


def xml_workbook_sheets(text: str) -> list:
    """Excel 2003 XML: <Worksheet ss:Name><Table><Row ss:Index ss:Hidden><Cell ss:Index ss:MergeDown
    ss:MergeAcross><Data> (the cells a merge covers are not written; the next cell comes after them)."""
    import xml.etree.ElementTree as ET

    from .files import Sheet

    ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
    root = ET.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    sheets = []
    for ws in root.iter(f"{ns}Worksheet"):
        rows: list[list[Any]] = []
        hidden: set[int] = set()
        merged: list[tuple[int, int, int, int]] = []
        for row in ws.iter(f"{ns}Row"):
            index = int(row.get(f"{ns}Index", len(rows) + 1)) - 1
            while len(rows) < index:
                rows.append([])
            cells: list[Any] = []
            for cell in row.iter(f"{ns}Cell"):
                column = int(cell.get(f"{ns}Index", len(cells) + 1)) - 1
                cells.extend([None] * (column - len(cells)))
                data = cell.find(f"{ns}Data")
                value: Any = "".join(data.itertext()) if data is not None else None
                if data is not None and data.get(f"{ns}Type") == "Number":
                    try:
                        value = float(value)
                    except (TypeError, ValueError):
                        pass
                cells.append(value)
                down, across = (_count(cell.get(f"{ns}{k}")) for k in ("MergeDown", "MergeAcross"))
                if down or across:
                    merged.append((index, column, index + down, column + across))
                    cells.extend([None] * across)
            if row.get(f"{ns}Hidden") in ("1", "true"):
                hidden.add(len(rows))
            rows.append(cells)
        name = ws.get(f"{ns}Name", f"Sheet{len(sheets) + 1}")
        sheets.append(Sheet(name, rows, frozenset(hidden), merged=tuple(merged)))
    return sheets


def _count(text: str | None) -> int:
    return min(int(text), 10000) if text and text.isdigit() else 0
