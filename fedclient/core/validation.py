"""Checking and normalising what people type: ID numbers, phone numbers, names.

Each check returns the normalised value plus errors (refuse) and warnings (allow, but tell the user).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import compress, repeat
from operator import eq, itemgetter

from .none_words import says_none


@dataclass
class Check:
    value: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# Compiled once: an import checks tens of thousands of values.
_SPACES = re.compile(r"\s+")
_ID_DASHES = re.compile(r"(?<=\d)-+(?=[\dX×])")
_DIGIT = re.compile(r"\d")
_FLOAT_TEXT = re.compile(r"\d+\.0")
_EXPONENT_TEXT = re.compile(r"\d(\.\d+)?E\+\d+")
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_MOBILE_FLOAT = re.compile(r"1\d{10}\.0")
_PHONE_PUNCTUATION = re.compile(r"[\s\-－—()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}\d{7,8}")
PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}|0\d{2,3}[\s\-－—]?\d{7,8})(?!\d)")


def to_halfwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def check_id_number(raw: str, today: date | None = None) -> Check:
    """Resident ID (居民身份证号). Unknown birthplace codes are only a warning: old real IDs have them."""
    today = today or date.today()
    value = _SPACES.sub("", to_halfwidth(raw)).upper()
    if "-" in value and len(joined := _ID_DASHES.sub("", value)) in (15, 18):  # 430421-19820315-1234
        value = joined
    if value[-1:] == "×":  # the check digit X typed as the multiplication sign (a Chinese input method's x)
        value = value[:-1] + "X"
    if says_none(value):
        value = ""
    check = Check(value)
    if not value:
        return check
    if _FLOAT_TEXT.fullmatch(value) or _EXPONENT_TEXT.fullmatch(value):
        check.errors.append("身份证号被表格存成了数字，末几位已丢失，请按文本格式重新录入")
        return check
    if len(value) == 15 and value.isdigit():  # a first-generation card's number: still a real person's
        try:
            _birth_date("19" + value[6:12])
        except ValueError:
            check.errors.append("15位旧身份证号中的出生日期不存在")
            return check
        body = f"{value[:6]}19{value[6:]}"
        value = check.value = body + _check_digit(body + "0")
        check.warnings.append(f"15位旧身份证号已按国家标准换算为18位（{value}），请与本人现在的身份证核对")
    if len(value) != 18:
        check.errors.append(f"身份证号应为18位，现为{len(value)}位")
        return check
    if not _ID_SHAPE.fullmatch(value):
        check.errors.append("身份证号只能由数字组成，最后一位可为X")
        return check
    try:
        birth = id_birth_date(value)
    except ValueError:
        check.errors.append("身份证号中的出生日期不存在")
        return check
    if birth > today:
        check.errors.append("身份证号中的出生日期在今天之后")
        return check
    if _check_digit(value) != value[-1]:
        if value.endswith("000"):  # Excel keeps 15 digits of a number: a number turned back into text
            check.errors.append(
                "身份证号校验位不对：末三位是000，多半是表格把它存成了数字，末几位已丢失，请按文本格式重新录入"
            )
        else:
            check.errors.append("身份证号校验位不对，请核对是否有数字录错")
    elif not was_region_code(value[:6]):
        check.warnings.append("身份证号前六位不是任何时期的县级地区代码，请核对")
    return check


def _check_digit(number: str) -> str:
    return _ric().calc_check_digit(number)


@lru_cache(maxsize=1)
def _ric():
    """stdnum's ID numbers, imported when the first one is checked: ``stdnum.util`` imports ``pydoc`` and ``ssl``
    at its top (~2.5 MiB), which the window needs only once an ID number is typed or imported."""
    from stdnum.cn import ric

    return ric


@lru_cache(maxsize=4096)
def was_region_code(code: str) -> bool:
    """Whether six digits were ever a county-level region code. stdnum's ``ric.validate`` also requires the code
    to exist in the birth year, which real cards break: a card takes the code in force when it is issued, and
    many counties were created after their people were born (义乌 330782 in 1989)."""
    from stdnum import numdb

    return any(props.get("county") for _part, props in numdb.get("cn/loc").info(code))


def id_birth_date(value: str) -> date:
    """The birth date an ID number holds (digits 7-14; ValueError when no such day)."""
    return _birth_date(value[6:14])


@lru_cache(maxsize=65536)  # an import asks several times per row, and people share birthdays
def _birth_date(digits: str) -> date:
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def plain_id_number(text: str, today: date) -> date | None:
    """The birth date of an ID number typed plainly (18 ASCII digits, or X last) that ``check_id_number`` passes
    with neither error nor warning; None when the full check must say something (an import's fast path)."""
    if len(text) != 18 or not text.isascii() or not _ID_SHAPE.fullmatch(text):
        return None
    try:
        birth = id_birth_date(text)
    except ValueError:
        return None
    if birth > today or _check_digit(text) != text[-1] or not was_region_code(text[:6]):
        return None
    return birth


def plain_id_numbers(texts: Sequence[str], today: date) -> list[tuple[date, str] | None]:
    """``plain_id_number`` of each text with its holder's sex (``id_gender``), the column at once: the shape,
    birth date, check digit and county code of every number by maps in C (an import's 50,000 IDs), no Python
    call per number beyond one that picks the results."""
    shapes = list(map(_PLAIN_ID.fullmatch, texts))  # 17 ASCII digits and a digit or X: 18 characters
    plain = list(compress(texts, shapes))
    births = list(map(_plain_birth_date, map(_BIRTH_DIGITS, plain)))
    sums = map(int, map(_FIRST_17, plain), repeat(13))  # stdnum's ``calc_check_digit``, by maps
    checks = map(_CHECK_CHARS.__getitem__, map(_ELEVENTH, map(_ONE_LESS, map(_TWICE, sums))))
    found = list(
        map(
            _plain_result,
            births,
            map(eq, checks, map(_LAST, plain)),
            map(was_region_code, map(_FIRST_6, plain)),
            map(_ID_SEX.__getitem__, map(_SEX_DIGIT, plain)),
            repeat(today),
        )
    )
    if len(found) == len(texts):  # every number shaped plainly (most imports)
        return found
    each = iter(found)
    return [next(each) if shape else None for shape in shapes]


_PLAIN_ID = re.compile(r"[0-9]{17}[0-9X]")
_BIRTH_DIGITS, _FIRST_17, _FIRST_6 = itemgetter(slice(6, 14)), itemgetter(slice(17)), itemgetter(slice(6))
_LAST, _SEX_DIGIT = itemgetter(-1), itemgetter(16)
_TWICE, _ONE_LESS, _ELEVENTH = (2).__mul__, (1).__sub__, (11).__rmod__  # (1 - 2 * n) % 11
_CHECK_CHARS = "0123456789X"
_ID_SEX = {str(d): "男" if d % 2 else "女" for d in range(10)}


def _plain_result(birth: date | None, check: bool, county: bool, sex: str, today: date):
    return (birth, sex) if birth is not None and check and county and birth <= today else None


@lru_cache(maxsize=65536)
def _plain_birth_date(digits: str) -> date | None:
    try:
        return _birth_date(digits)
    except ValueError:
        return None


def plain_mobile(text: str) -> bool:
    """An 11-digit mobile number typed plainly (ASCII digits only): ``check_phone`` keeps it as it is."""
    return len(text) == 11 and text.isascii() and text.isdigit() and _MOBILE.fullmatch(text) is not None


def plain_mobiles(texts: Sequence[str]) -> list[bool]:
    """``plain_mobile`` of each text, the column at once (one match in C per number)."""
    return list(map(bool, map(_PLAIN_MOBILE.fullmatch, texts)))


_PLAIN_MOBILE = re.compile(r"1[3-9][0-9]{9}")  # ASCII digits only: ``plain_mobile``'s isascii and isdigit


def id_gender(value: str) -> str:
    return "男" if int(value[16]) % 2 else "女"


def check_phone(raw: str) -> Check:
    """An 11-digit mobile (1xxxxxxxxxx) or a landline with area code (0xxx-xxxxxxx); +86 before a mobile is
    dropped; of several numbers in one cell (138…/0736-…, 138…（本人）) the first is kept, with a warning."""
    text = to_halfwidth(str(raw or "")).strip()
    if _MOBILE_FLOAT.fullmatch(text):  # a spreadsheet stored the number as a float
        text = text[:-2]
    if says_none(text):
        text = ""
    digits = _PHONE_PUNCTUATION.sub("", text)
    if _MOBILE.fullmatch(digits[-11:]) and digits[:-11] in ("+86", "0086", "86"):  # 86 without its plus too
        digits = digits[-11:]
    elif digits and (not digits.isdigit() or len(digits) > 12) and (found := PHONE_IN_TEXT.findall(text)):
        first = check_phone(found[0])
        if first.ok:
            first.warnings.append(f"联系电话写的是“{text}”，只登记了号码 {first.value}，请核对")
            return first
    check = Check(digits)
    if not digits:
        return check
    if not digits.isdigit():
        check.errors.append("电话号码只能包含数字")
    elif _MOBILE.fullmatch(digits):
        pass
    elif _LANDLINE.fullmatch(digits):
        area_len = 3 if digits[1] in "12" else 4
        check.value = f"{digits[:area_len]}-{digits[area_len:]}"
    elif len(digits) == 11 and digits.startswith("1"):
        check.errors.append("手机号码号段不正确")
    elif digits.startswith("0"):
        check.errors.append("固定电话应为区号加7-8位号码，如 0736-1234567")
    else:
        check.errors.append("请填写11位手机号码，或带区号的固定电话")
    return check


def check_required(value: str, label: str) -> Check:
    value = (value or "").strip()
    check = Check(value)
    if not value:
        check.errors.append(f"请填写{label}")
    return check


def check_name(raw: str, label: str = "姓名") -> Check:
    """A person's name: required, at most 20 characters; digits are suspicious but allowed."""
    value, errors, warnings = _name_check(raw or "", label)
    return Check(value, list(errors), list(warnings))


@lru_cache(maxsize=16384)  # an import's names repeat
def _name_check(raw: str, label: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    check = check_required(_SPACES.sub("", to_halfwidth(raw)), label)
    if check.ok and len(check.value) > 20:
        check.errors.append(f"{label}不能超过20个字")
    elif check.ok and _DIGIT.search(check.value):
        check.warnings.append(f"{label}中含有数字，请核对")
    return check.value, tuple(check.errors), tuple(check.warnings)


def check_birth_date(value: date | None, today: date | None = None) -> Check:
    """A birth date (optional): never in the future; a member younger than 16 is only a warning."""
    today = today or date.today()
    check = Check(value.isoformat() if value else "")
    if value is None:
        return check
    if value > today:
        check.errors.append("出生日期不能晚于今天")
    elif value.year < today.year - 110:
        check.errors.append("出生日期太早，请核对")
    elif (today.year - value.year) < 16:
        check.warnings.append("年龄不满16岁，请核对出生日期")
    return check


def id_facts_disagree(id_number: str, birth: date | None, gender: str, month_only: bool = False) -> list[str]:
    """Warnings when what was typed disagrees with the birth date and sex an ID number encodes."""
    warnings = []
    id_birth = id_birth_date(id_number)
    if birth is not None:
        same = (
            (birth.year, birth.month) == (id_birth.year, id_birth.month) if month_only else birth == id_birth
        )
        if not same:
            warnings.append(f"出生日期与身份证号不一致（身份证为{id_birth:%Y年%m月%d日}）")
    if gender and gender != id_gender(id_number):
        warnings.append(f"性别与身份证号不一致（身份证为{id_gender(id_number)}）")
    return warnings
