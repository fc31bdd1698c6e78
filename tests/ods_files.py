"""OpenDocument spreadsheets (.ods) written the way LibreOffice writes them, for tests: no library on the stack
writes .ods, and the XML needed is small. Runs of empty cells and of covered cells are written once with
``table:number-columns-repeated``, a merge as one cell with ``table:number-rows-spanned`` /
``table:number-columns-spanned`` followed by ``table:covered-table-cell`` placeholders, and every row below the
data as one empty row repeated a million times."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest manifest:version="1.2" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
NAMESPACES = " ".join(
    f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{p}:1.0"' for p in ("office", "table", "text")
)
COLLAPSED = ' table:visibility="collapse"'  # OpenDocument's word for a hidden row, as LibreOffice writes it


def ods_sheet(
    rows: Sequence[Sequence[Any]],
    merges: Sequence[tuple[int, int, int, int]] = (),
    hidden: Sequence[int] = (),
    title: str = "花名册",
    below_hidden: bool = False,
) -> str:
    """One ``table:table``: ``merges`` (first row, first column, last row, last column) and ``hidden`` rows
    1-based as Excel and WPS show them; ``below_hidden``: the rows below the data hidden too (LibreOffice's
    "hide all rows below")."""
    starts = {(t, left): (b - t + 1, r - left + 1) for t, left, b, r in merges}
    covered = {(r, c) for t, left, b, rr in merges for r in range(t, b + 1) for c in range(left, rr + 1)}
    covered -= set(starts)
    width = max([len(r) for r in rows] + [m[3] for m in merges])
    out = [
        f"<table:table table:name={quoteattr(title)}>",
        '<table:table-column table:number-columns-repeated="1024"/>',
    ]
    for r, row in enumerate(rows, 1):
        cells: list[tuple[str, str]] = []  # (kind, xml) of each cell, runs folded below
        for c in range(1, width + 1):
            value = row[c - 1] if c <= len(row) else None
            if (r, c) in covered:
                cells.append(("covered", "<table:covered-table-cell/>"))
            elif (r, c) in starts:
                down, across = starts[r, c]
                spans = f' table:number-columns-spanned="{across}" table:number-rows-spanned="{down}"'
                cells.append(("cell", _cell(value, spans)))
            else:
                cells.append(("empty" if value in (None, "") else "cell", _cell(value)))
        out.append(f"<table:table-row{COLLAPSED if r in hidden else ''}>{_folded(cells)}</table:table-row>")
    below = COLLAPSED if below_hidden else ""
    out.append(
        f'<table:table-row table:number-rows-repeated="1048570"{below}>'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>'
    )
    return "".join(out)


def write_ods(path, *sheets: str):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(sheets)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("content.xml", content)
    return path


def roster_ods(path, rows, merges=(), title="红星村妇联执委花名册", **options):
    """A roster with its title in row 1 (as ``test_import_merged_cells.roster_xlsx``): ``rows`` from row 2."""
    return write_ods(path, ods_sheet([[title], *rows], merges, **options))


def _cell(value: Any, spans: str = "") -> str:
    if value is None or value == "":
        return f"<table:table-cell{spans}/>"
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
        value = value.isoformat() if isinstance(value, date) else value
    return f"<table:table-cell{spans} {kind}><text:p>{escape(str(value))}</text:p></table:table-cell>"


def _folded(cells: list[tuple[str, str]]) -> str:
    """Runs of empty or covered cells written once with ``table:number-columns-repeated``."""
    out, i = [], 0
    while i < len(cells):
        kind, xml = cells[i]
        run = 1
        while kind != "cell" and i + run < len(cells) and cells[i + run][0] == kind:
            run += 1
        if run > 1:
            xml = xml.replace("/>", f' table:number-columns-repeated="{run}"/>')
        out.append(xml)
        i += run
    if out and cells[-1][0] == "empty":  # LibreOffice drops the empty cells at a row's end
        out.pop()
    return "".join(out)
