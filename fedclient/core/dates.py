"""Dates as people type them into spreadsheets: 1975-03-02, 1975.3.2, 1975年3月2日, 1975.03, 197503, and the
numbers Excel makes of them (1975.1 for "1975.10", serial numbers like 27456). Every import reads dates with it
(``core.tabular`` exports these names) and so does the date field of every form (``ui.date_input``), which
therefore does not load the spreadsheet readers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .none_words import says_none


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


# 82.03, 82年3月, 82.3.15: the year written with two digits (read as the latest such year not in the future).
_SHORT_YEAR_PATTERNS = [
    (re.compile(r"(\d{2})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"), False),
    (re.compile(r"(\d{2})\s*[.\-/年]\s*(\d{1,2})\s*月?"), True),
]
_CHINESE_DOTS = str.maketrans("。、", "..")
_TIME_OF_DAY = re.compile(r"(?<=\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def parse_date(value: Any, style: str | None = None) -> ParsedDate | None:
    """A date from a cell or text; None when empty. Raises DateError (Chinese) when it is not a date.
    ``style`` is the column's ``month_style`` (how to read a number like 1975.1)."""
    if value is None or (isinstance(value, str) and (not value.strip() or says_none(value.strip()))):
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _parse_number(float(value), style)
    # 。 and 、 typed for a dot by a Chinese input method (1975。03); a trailing dot or 日 adds nothing.
    text = unicodedata.normalize("NFKC", str(value)).strip().translate(_CHINESE_DOTS).rstrip(".")
    if ":" in text:  # 1975-03-02 00:00:00, 1975/3/2 0:00, 1975-03-02T00:00:00: the day is the date
        text = _TIME_OF_DAY.sub("", text)
    for pattern in _DATE_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), int(m[3]), text))
    for pattern in _MONTH_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), 1, text), month_only=True)
    for pattern, month_only in _SHORT_YEAR_PATTERNS:
        if m := pattern.fullmatch(text):
            year = full_year(int(m[1]))
            day = 1 if month_only else int(m[3])
            return ParsedDate(_make(year, int(m[2]), day, text), month_only, _short_year_warning(text, year))
    if re.fullmatch(r"\d{1,6}(\.0)?", text):
        return _parse_number(float(text), style)
    raise DateError(f"“{text}”不是能识别的日期（可写作 1975-03-02、1975.3.2、1975年3月2日 或 1975.03）")


def full_year(two_digits: int, today: date | None = None) -> int:
    """82 -> 1982, 05 -> 2005: the latest year ending so that is not after this year."""
    this_year = (today or date.today()).year
    year = this_year - this_year % 100 + two_digits
    return year if year <= this_year else year - 100


def _short_year_warning(text: str, year: int) -> str:
    return f"“{text}”的年份只写了两位，已按{year}年读取，请核对"


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"“{text}”不是存在的日期") from None


def month_style(values: Iterable[Any]) -> str | None:
    """How a date column writes its months, from all its cells: "two" (1975.03: Excel's 1975.1 was typed
    1975.10, October), "one" (1975.3: 1975.1 is January), or None when the column does not say."""
    two = one = 0
    for value, times in Counter(values).items():  # each distinct cell once (a column repeats its months)
        if isinstance(value, float) and 1000 <= value < 10000:
            hundredths = round((value - int(value)) * 100)
            two += times * (1 <= hundredths <= 9)
            one += times * (hundredths in (20, 30, 40, 50, 60, 70, 80, 90))
        elif isinstance(value, str) and (m := _YEAR_DOT_MONTH.fullmatch(value.strip())):
            two += times * (len(m[1]) == 2 and m[1].startswith("0"))
            one += times * (len(m[1]) == 1)
    if one == two:
        return None
    return "one" if one > two else "two"


_YEAR_DOT_MONTH = re.compile(r"\d{4}\.(\d{1,2})")


def _parse_number(number: float, style: str | None = None) -> ParsedDate:
    """A number in a date column: 1975.03 typed into Excel (82.03 with a two-digit year), or a date's serial
    number (27456)."""
    if 10 <= number < 100 and not number.is_integer():
        year = full_year(int(number))
        parsed = _parse_number(year + (number - int(number)), style)
        warning = "；".join(w for w in (_short_year_warning(f"{number:g}", year), parsed.warning) if w)
        return ParsedDate(parsed.value, parsed.month_only, warning)
    if 1000 <= number < 10000:
        year = int(number)
        hundredths = round((number - year) * 100)
        if hundredths == 10:  # typed 1975.1 (January) or 1975.10 (October): Excel keeps 1975.1 for both
            if style == "one":
                return ParsedDate(date(year, 1, 1), month_only=True)
            warning = (
                "" if style == "two" else f"“{number:g}”可能是{year}年10月，也可能是1月，已按10月读取，请核对"
            )
            return ParsedDate(date(year, 10, 1), month_only=True, warning=warning)
        if 1 <= hundredths <= 12:
            return ParsedDate(date(year, hundredths, 1), month_only=True)
        if hundredths in (20, 30, 40, 50, 60, 70, 80, 90):  # 1975.3, typed with a one-digit month
            return ParsedDate(date(year, hundredths // 10, 1), month_only=True)
        raise DateError(f"“{number:g}”不是能识别的日期")
    if number.is_integer() and 190001 <= number <= 210012 and 1 <= number % 100 <= 12:
        return ParsedDate(date(int(number) // 100, int(number) % 100, 1), month_only=True)  # 197503
    if number.is_integer() and 19000101 <= number <= 21001231:
        text = str(int(number))
        return ParsedDate(_make(int(text[:4]), int(text[4:6]), int(text[6:]), text))  # 19750302
    if number.is_integer() and 1 <= number < 80000:
        return ParsedDate(EXCEL_EPOCH + timedelta(days=int(number)))
    raise DateError(f"“{number:g}”不是能识别的日期")
