"""Cells as clean text: what a chair typed, without what she cannot see (zero-width spaces, BOMs, direction
marks), without WPS's leading apostrophe that keeps a number as text ('4304…), full-width forms made plain."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from operator import itemgetter
from typing import Any

# Invisible format characters and control characters (tab and line breaks stay: they are whitespace).
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        *range(0x0E, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0xAD,  # soft hyphen
        0x034F,
        0x061C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180E,
        *range(0x200B, 0x2010),  # zero-width space/joiners, direction marks
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        0x3164,
        0xFEFF,  # BOM / zero-width no-break space
        0xFFA0,
        *range(0xFFF0, 0xFFFC),
    ]
)
_HAS_INVISIBLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")
_APOSTROPHE_NUMBER = re.compile(r"^['‘’`´]+(?=[\d+\-])")
TOTAL_WORDS = ("合计", "总计", "小计", "共计")
# What a template writes in the 序号 column of a row that is not a person: an example to copy, a note.
ROW_LABELS = frozenset(
    (
        "示例",
        "例",
        "样例",
        "范例",
        "例子",
        "举例",
        "填写示例",
        "填表示例",
        "备注",
        "注",
        "说明",
        "注意",
        "附注",
        "填表说明",
    )
)
EXAMPLE_MARKS = frozenset(("示例", "填写示例", "填表示例", "样例", "范例", "（示例）", "(示例)"))
_ROW_LABEL = re.compile(
    r"(" + "|".join(sorted(ROW_LABELS, key=len, reverse=True)) + r")\s*(?:[:：].*)?", re.S
)


def clean_text(text: str) -> str:
    """Typed text as meant: invisible characters removed, NFKC, trimmed, a leading apostrophe before a
    number dropped, a CSV's ="…" unwrapped."""
    if text.isascii() and text.isprintable():  # most cells: nothing to remove or normalise
        value = text.strip()
    else:  # (the same string object kept when nothing changes: 50,000 rows hold it once)
        if _HAS_INVISIBLE.search(text):
            text = text.translate(_INVISIBLE)
        value = unicodedata.normalize("NFKC", text).strip()
    if value[:1] in "'‘’`´":
        value = _APOSTROPHE_NUMBER.sub("", value)
    elif value[:2] == '="' and value[-1:] == '"':  # ="430421…": a CSV's way of keeping a number as text
        value = value[2:-1].strip()
    return value


def clean_cell(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def cell_text(value: Any) -> str:
    """A cell as text: floats that are whole numbers lose their '.0'; dates become yyyy-mm-dd."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value))


def is_blank(row: Sequence[Any]) -> bool:
    """No cell with anything to show (a number or a yes/no always shows; a text may be only spaces)."""
    for c in row:
        if c is None or c == "":
            continue
        if type(c) in _NEVER_BLANK or cell_text(c):
            return False
    return True


_NEVER_BLANK = (float, int, bool)  # their cell_text is never empty


def is_prenumbered_blank(row: Sequence[Any]) -> bool:
    """Nothing but a row number (序号 filled in advance, or a formula's 0): a blank line of the form."""
    if len(row) - row.count(None) - row.count("") > 3:  # most rows: at once, in C
        return False
    filled = [c for c in row if c is not None and c != ""]
    if len(filled) > 3:
        return False
    texts = [t for t in map(cell_text, filled) if t]
    return len(texts) <= 1 and all(re.fullmatch(r"-?\d{1,5}(\.0+)?", t) for t in texts)


def is_total(row: Sequence[Any]) -> bool:
    """A 合计/总计 row: one of its first cells is only such a word (spaces inside allowed: '合 计')."""
    for cell in row[:3]:
        if not isinstance(cell, str) or "计" not in cell:
            continue
        text = re.sub(r"\s+", "", cell_text(cell))
        if text in TOTAL_WORDS or any(text.startswith(w + ":") for w in TOTAL_WORDS):
            return True
    return False


def row_label(row: Sequence[Any], width: int) -> str:
    """The label (示例, 备注 …) in one of the row's first ``width`` cells (those left of the name), or "";
    示例, 样例 or 范例 alone in any cell of the row (a template's example row, marked in its 备注)."""
    for cell in row[:width]:
        if type(cell) is str and cell and (m := _ROW_LABEL.fullmatch(clean_text(cell))):
            return m[1]
    if not EXAMPLE_MARKS.isdisjoint(row):  # in C: most rows hold no such cell
        return next(cell for cell in row if cell in EXAMPLE_MARKS)
    return ""


def cells_by_field(
    rows: Sequence[Sequence[Any]], places: Sequence[int | None], clean: Callable[[Any], Any]
) -> list[tuple]:
    """Each row's cells in the fields' order (``places``: each field's column, None when not mapped; None for a
    field not mapped or a cell past the row's end), text cleaned by ``clean``. Column by column when every row
    reaches the last mapped column: a column with no text to clean (numbers, dates, ASCII letters and digits
    such as IDs and phones) taken as it is, in C, no call per cell."""
    mapped = [col for col in places if col is not None]
    if not rows or not mapped or min(map(len, rows)) <= max(mapped):
        return [
            tuple(clean(row[col]) if col is not None and col < len(row) else None for col in places)
            for row in rows
        ]
    take = itemgetter(*mapped)
    taken = zip(*map(take, rows), strict=True) if len(mapped) > 1 else [list(map(take, rows))]
    columns = map(partial(_cleaned_column, clean), taken)
    empty = (None,) * len(rows)
    return list(zip(*(next(columns) if col is not None else empty for col in places), strict=True))


def _cleaned_column(clean: Callable[[Any], Any], cells: Sequence[Any]) -> Sequence[Any]:
    kinds = set(map(type, cells))
    if str not in kinds:
        return cells
    if len(kinds) == 1:
        joined = "".join(cells)
        if joined.isascii() and joined.isalnum():  # nothing to strip, normalise or drop (``clean_text``)
            return cells
    return list(map(clean, cells))


def blank_line(row: Sequence[Any]) -> bool:
    """Nothing in the row but, at most, a pre-filled 序号."""
    return is_blank(row) or is_prenumbered_blank(row)


class Cleaned(dict):
    """Cells as the import reads them: text cleaned (``clean_text``), each distinct short text once (most
    columns repeat a few words; IDs and phones are unique: not worth keeping), other cells as they are."""

    __slots__ = ()

    def __missing__(self, value: Any) -> Any:
        if type(value) is not str:  # never stored: only str keys, so no number or date can match one
            return value
        if len(value) > 12 and value.isascii() and value.isalnum():  # an ID, a phone: nothing to clean
            return value
        text = clean_text(value)
        if len(value) <= 12:
            self[value] = text
        return text


_OLD_HEADER = re.compile(r"^[原旧]|[（(](旧|原|以前|已停用|停用|作废)[）)]|[（(]?(旧|停用)[）)]?$")


def set_aside_columns(headers: Sequence[Any]) -> frozenset[int]:
    """Columns headed as holding old values (联系电话（旧）, 原联系电话, 旧手机号): not read unless chosen."""
    return frozenset(c for c, h in enumerate(headers) if (text := cell_text(h)) and _OLD_HEADER.search(text))
