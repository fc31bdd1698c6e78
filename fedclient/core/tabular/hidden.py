"""Which rows of a workbook are hidden in Excel/WPS (python-calamine reads cells, not row formats): xlsx from its
XML (.ods: ``ods``, with its merged cells), old binary .xls (Excel 97-2003, what WPS and many township systems
save) with xlrd. Each answer is sheet name -> 0-based row indices; a sheet missing from it is one whose hidden rows could not be
checked (then the chair is told so, rather than hidden rows being imported silently). Hidden columns (an old
phone column kept out of sight) of xlsx and xls are found on the way (``columns``: the same shape)."""

from __future__ import annotations

import gc
import html
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..progress import Progress, no_progress

log = logging.getLogger(__name__)

HiddenRows = dict[str, frozenset[int]]


# --- old binary .xls (BIFF) -------------------------------------------------------------------------------
def xls_hidden_rows(
    path: Path, columns: list[tuple[str, frozenset[int]]] | None = None
) -> list[tuple[str, frozenset[int]]] | None:
    """(sheet name, hidden rows) for each worksheet in the workbook's order, or None when xlrd cannot read
    the file (calamine may still read its cells). xlrd parses each sheet whole (cells too) to give its row
    formats; a sheet is dropped as soon as its hidden rows are known."""
    import xlrd

    try:
        return _xls_hidden_rows(xlrd, path, [] if columns is None else columns)
    finally:
        gc.collect()  # xlrd's book and sheets refer to each other: tens of MB until the collector runs


def _xls_hidden_rows(
    xlrd, path: Path, columns: list[tuple[str, frozenset[int]]]
) -> list[tuple[str, frozenset[int]]] | None:
    messages = io.StringIO()  # xlrd writes its warnings to a file (stdout by default)
    try:
        # Files written by PHPExcel and other web exporters fail xlrd's strict check of the OLE2 container
        # ("Workbook corruption: seen[2] == 4") although Excel, WPS and calamine read them.
        with xlrd.open_workbook(
            str(path), formatting_info=True, on_demand=True, logfile=messages, ignore_workbook_corruption=True
        ) as book:
            result = []
            for index, name in enumerate(book.sheet_names()):
                sheet = book.sheet_by_index(index)
                rows = sheet.rowinfo_map
                # Rows without a ROW record take the sheet's default (DEFAULTROWHEIGHT's "hidden" bit).
                default = bool(sheet.default_row_hidden)
                hidden = frozenset(
                    r for r in range(sheet.nrows) if (rows[r].hidden if r in rows else default)
                )
                result.append((name, hidden))
                columns.append((name, frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden)))
                book.unload_sheet(index)
            return result
    except Exception as exc:  # xlrd's own errors, and struct/index errors on a file it misreads
        log.info("hidden rows of %s not read: %r %s", path, exc, messages.getvalue()[-2000:])
        return None


def match_sheets(names: list[str], found: list[tuple[str, frozenset[int]]] | None) -> HiddenRows:
    """Calamine's worksheet names (in the workbook's order) -> xlrd's answer: by position when both list the
    same number of worksheets (the same BOUNDSHEET records; an old file's names may be decoded differently),
    else by name. A sheet missing from the result is one whose hidden rows are unknown."""
    if found is None:
        return {}
    if len(found) == len(names):
        return {name: hidden for name, (_other, hidden) in zip(names, found, strict=True)}
    by_name = dict(found)
    return {name: by_name[name] for name in names if name in by_name}


# --- xlsx: <row r="12" hidden="1"> ------------------------------------------------------------------------
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ATTR = re.compile(rb'\b(r|hidden)\s*=\s*"([^"]*)"')
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")


def _attrs(tag: bytes) -> dict[str, str]:
    return {
        m.group(1).decode().split(":")[-1]: m.group(2).decode("utf-8", "replace")
        for m in re.finditer(rb'([\w:]+)\s*=\s*"([^"]*)"', tag)
    }


def xlsx_hidden_rows(
    path: Path, progress: Progress = no_progress, columns: HiddenRows | None = None
) -> HiddenRows:
    """Sheet name -> the 0-based indices of rows hidden in Excel/WPS; a sheet is missing when its XML could
    not be found or read (an .ods or .xlsb, a damaged file). The workbook part is found the way Excel finds
    it (the package's relationships), and some writers store names with backslashes (xl\\workbook.xml)."""
    try:
        with zipfile.ZipFile(path) as z:
            members = {name.replace("\\", "/").lstrip("/"): name for name in z.namelist()}

            def read(part: str) -> bytes:
                return z.read(members[part])

            workbook = next(
                (
                    _resolve("", a.get("Target", ""))
                    for a in _relationships(members, read, "_rels/.rels")
                    if a.get("Type", "").endswith("/officeDocument")
                ),
                "xl/workbook.xml",
            )
            folder, _slash, file = workbook.rpartition("/")
            targets = {
                a.get("Id"): _resolve(folder, a.get("Target", ""))
                for a in _relationships(members, read, f"{folder}/_rels/{file}.rels".lstrip("/"))
            }
            result = {}
            for a in map(_attrs, _SHEET_TAG.findall(read(workbook))):
                member = targets.get(a.get("id"), "")
                if member in members:
                    name = html.unescape(a.get("name", ""))
                    with z.open(members[member]) as xml:
                        result[name] = _hidden_in(xml, progress)
                    if columns is not None:
                        with z.open(members[member]) as xml:
                            columns[name] = _hidden_columns(xml.read(1 << 16))
            return result
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, UnicodeDecodeError, EOFError) as exc:
        log.info("hidden rows of %s not read: %r", path, exc)
        return {}


def _relationships(members: dict[str, str], read, part: str) -> list[dict[str, str]]:
    return list(map(_attrs, _REL_TAG.findall(read(part)))) if part in members else []


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: absolute (/xl/...) or relative to the source's folder."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = folder.split("/") if folder else []
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")


def _hidden_columns(head: bytes) -> frozenset[int]:
    """<cols><col min="7" max="8" hidden="1"/></cols>, written before the sheet's data."""
    hidden: set[int] = set()
    for tag in _COL_TAG.findall(head.split(b"sheetData", 1)[0]):
        a = _attrs(tag)
        if a.get("hidden") in ("1", "true") and a.get("min", "").isdigit():
            first = int(a["min"])
            last = int(a["max"]) if a.get("max", "").isdigit() else first
            hidden.update(range(first - 1, min(last, first + 1000)))
    return frozenset(hidden)


def _hidden_in(xml: IO[bytes], progress: Progress = no_progress) -> frozenset[int]:
    """Scans the sheet's XML in pieces (a 50,000-row sheet is tens of megabytes unpacked)."""
    hidden: set[int] = set()
    previous = 0
    for tag in _tags(xml, _ROW_TAG, progress, needle=b"hidden="):  # rows carry their number (r="12")
        attrs = dict((k.decode(), v) for k, v in _ATTR.findall(tag))
        number = int(attrs["r"]) if attrs.get("r", b"").isdigit() else previous + 1
        previous = number
        if attrs.get("hidden") in (b"1", b"true"):
            hidden.add(number - 1)
    return frozenset(hidden)


def _tags(xml: IO[bytes], pattern: re.Pattern, progress: Progress, needle: bytes = b"") -> Iterator[Any]:
    """``pattern.findall`` over an XML stream read 1 MB at a time (a tag split between two pieces is read
    whole with the next one); pieces without ``needle`` are skipped."""
    pending, seen = b"", 0
    while chunk := xml.read(1 << 20):
        seen += len(chunk)
        progress(0, 0, f"正在查看哪些行被隐藏……（已看 {seen >> 20} MB）")
        data = pending + chunk
        cut = data.rfind(b"<")
        if cut != -1 and data.find(b">", cut) == -1:
            data, pending = data[:cut], data[cut:]
        else:
            pending = b""
        if needle in data:
            yield from pattern.findall(data)
