"""Where printed pages break: never inside a line of text, never inside a table row.

Qt's own paged layout lets a tall table row flow over a page break line by line, so half a pledge, or the
parties' signature lines, end up on the next sheet. Here the document is laid out once as one long page;
every text line outside tables and every table row is an interval that a page break may not cut. A page ends
at the last place before its bottom that cuts nothing (or at a forced ``page-break-before/after``); only an
item taller than a whole page is cut. A page that starts inside a table with a header (``<thead>``) gets the
header drawn again at its top, and a header is never left alone at the bottom of a page.

To keep something together (a signature block), put it in one table row: see ``core.printed.keep_together``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat, QTextFrame, QTextTable


@dataclass(frozen=True)
class Slice:
    """One page: the document from ``top`` to ``bottom``, below a repeated table header when ``header`` is
    given as (top, bottom) of that header in the document."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None

    @property
    def header_height(self) -> float:
        return self.header[1] - self.header[0] if self.header else 0.0


@dataclass(frozen=True)
class _Table:
    top: float
    bottom: float
    header: tuple[float, float] | None  # top and bottom of the header rows


def _tables(frame: QTextFrame) -> list[QTextTable]:
    """Tables not nested in another table (a nested one moves with the row that holds it)."""
    found = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        else:
            found += _tables(child)
    return found


def _row_bounds(doc: QTextDocument, table: QTextTable) -> list[float]:
    """y of the border above each row, and below the last one."""
    layout = doc.documentLayout()
    frame = layout.frameBoundingRect(table)
    tops, bottoms = [], []
    for row in range(table.rows()):
        cells = [table.cellAt(row, col) for col in range(table.columns())]
        cells = [cell for cell in cells if cell.isValid() and cell.row() == row]
        tops.append(
            min(
                (layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells), default=None
            )
        )
        bottoms.append(
            max(
                (layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells),
                default=None,
            )
        )
    bounds = [frame.top()]
    for row in range(1, table.rows()):
        above, below = bottoms[row - 1], tops[row]
        if above is None or below is None:
            bounds.append(bounds[-1])
        else:
            bounds.append((above + below) / 2)
    bounds.append(frame.bottom())
    return bounds


def _intervals(
    doc: QTextDocument,
) -> tuple[list[tuple[float, float]], list[tuple[float, float]], list[_Table], list[float]]:
    """What may not be cut (lines outside tables, table rows), the lines inside tables (cut between them only
    when a row is taller than a page), the tables, and the forced page breaks."""
    layout = doc.documentLayout()
    keep: list[tuple[float, float]] = []
    lines_only: list[tuple[float, float]] = []
    forced: list[float] = []
    tables = []
    for table in _tables(doc.rootFrame()):
        bounds = _row_bounds(doc, table)
        for row in range(table.rows()):
            span = max((table.cellAt(row, c).rowSpan() for c in range(table.columns())), default=1)
            keep.append((bounds[row], bounds[min(row + max(span, 1), table.rows())]))
        headers = min(table.format().headerRowCount(), table.rows())
        header = (bounds[0], bounds[headers]) if headers else None
        if header and headers < table.rows():  # the header goes with the first row under it
            keep.append((bounds[0], bounds[headers + 1]))
        tables.append(_Table(bounds[0], bounds[-1], header))
        policy = table.format().pageBreakPolicy()
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            forced.append(bounds[0])
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
            forced.append(bounds[-1])
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        in_table = QTextCursor(block).currentTable() is not None
        lines = block.layout()
        for n in range(lines.lineCount()):
            line = lines.lineAt(n)
            top = rect.top() + line.y()
            (lines_only if in_table else keep).append((top, top + line.height()))
        if not in_table:
            policy = block.blockFormat().pageBreakPolicy()
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                forced.append(rect.top())
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
                forced.append(rect.bottom())
        block = block.next()
    return keep, lines_only, tables, sorted(forced)


def _merged(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(intervals):
        if merged and top < merged[-1][1] - 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _last_cut(blocks: list[tuple[float, float]], top: float, limit: float) -> float | None:
    """The last y in (top, limit] outside every block, or None."""
    for start, stop in blocks:
        if start < limit < stop - 0.5:
            return start if start > top + 0.5 else None
    return limit


def page_slices(doc: QTextDocument, page_height: float) -> list[Slice]:
    """Lay ``doc`` out as one long page (its text width already set) and cut it into pages."""
    keep, lines, tables, forced = _intervals(doc)
    blocks, all_lines = _merged(keep), _merged(keep + lines)
    # A document ending with a table: the table's frame (its bottom border) reaches past the document's height,
    # and a page ending there would seem to cut the last row (it went to a page of its own).
    end = max([doc.size().height()] + [stop for _start, stop in keep])
    slices: list[Slice] = []
    top = 0.0
    while top < end - 0.5:
        table = next(
            (t for t in tables if t.header and t.header[1] <= top + 0.5 and top < t.bottom - 0.5), None
        )
        header = table.header if table else None
        room = page_height - (header[1] - header[0] if header else 0)
        limit = min(top + max(room, page_height / 4), end)
        bottom = _last_cut(blocks, top, limit) or _last_cut(all_lines, top, limit) or limit
        bottom = next((f for f in forced if top + 0.5 < f < bottom), bottom)
        slices.append(Slice(top, bottom, header))
        top = bottom
    return slices or [Slice(0.0, end)]
