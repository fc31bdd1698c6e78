"""The cell rules both Excel writers share (shared/reports.md): number formats, what makes text look like a
formula, and column widths worked out from a table's contents.

No Excel library is imported here: the streamed writer (``core.excel_stream``, xlsxwriter) uses these without
loading openpyxl, which the township's ``consolidate`` command would otherwise import for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FORMULA_START = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6.0, 40.0
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text
_WIDE = re.compile("[\u2e80-\U0010ffff]")  # CJK and beyond: as wide as two Latin letters, near enough


def display_width(value: Any) -> float:
    """Column width (in Excel character units) that shows ``value`` on one line; CJK counts 1.75."""
    if value is None:
        return 0.0
    if isinstance(value, datetime):
        return 16.0
    if isinstance(value, date):
        return 10.5
    text = str(value)
    if text.isascii():
        return float(len(text))
    return len(text) + 0.75 * len(_WIDE.findall(text))


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
