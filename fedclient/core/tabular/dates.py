"""Dates as people type them into spreadsheets: 1975-03-02, 1975.3.2, 1975年3月2日, 1975.03, 197503, and the
numbers Excel makes of them (1975.1 for "1975.10", serial numbers like 27456)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedDate:
    value: date
    month_only: bool = False  # the source gave year and month only (day set to 1)
    warning: str = ""


EXCEL_EPOCH = date(1899, 12, 30)


_DATE_PATTERNS = [
    re.compile(
        r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"
    ),  # 1975.3.2 1975/3/2 1975年3月2日
    re.compile(r"(\d{4})(\d{2})(\d{2})"),  # 19750302
]


_MONTH_PATTERNS = [
    re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?"),  # 1975.03 1990年07月 1975-3
    re.compile(r"(\d{4})(\d{2})"),  # 197503
]


def parse_date(value: Any) -> ParsedDate | None:
    """A date from a cell or text; None when empty. Raises DateError (Chinese) when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _parse_number(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _DATE_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), int(m[3]), text))
    for pattern in _MONTH_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), 1, text), month_only=True)
    if re.fullmatch(r"\d{1,6}(\.0)?", text):
        return _parse_number(float(text))
    raise DateError(f"“{text}”不是能识别的日期（可写作 1975-03-02、1975.3.2、1975年3月2日 或 1975.03）")


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"“{text}”不是存在的日期") from None


def _parse_number(number: float) -> ParsedDate:
    """A number in a date column: 1975.03 typed into Excel, or a date's serial number (27456)."""
    if 1000 <= number < 10000:
        year = int(number)
        hundredths = round((number - year) * 100)
        if 1 <= hundredths <= 12:
            # Excel turned "1975.10" into 1975.1: read it as October but ask the user to check.
            warning = f"“{number:g}”按{year}年{hundredths}月理解，请核对" if hundredths == 10 else ""
            return ParsedDate(date(year, hundredths, 1), month_only=True, warning=warning)
        raise DateError(f"“{number:g}”不是能识别的日期")
    if number.is_integer() and 1 <= number < 80000:
        return ParsedDate(EXCEL_EPOCH + timedelta(days=int(number)))
    raise DateError(f"“{number:g}”不是能识别的日期")
