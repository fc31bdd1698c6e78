"""The issue's validation rules as a table of cases: ID numbers, phones, and a member as a whole."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from fedclient.core.members import MemberData, MemberInvalid, save_member, validate_member
from fedclient.core.validation import check_id_number, check_phone

TODAY = date(2026, 11, 25)


def with_check(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum expects a placeholder check digit


GOOD = with_check("43072419900302124")  # 临澧县, 1990-03-02, a woman (2 is even)
LOWER_X = with_check("43072419880613109")  # ends in X
assert LOWER_X.endswith("X")
WRONG_CHECK = GOOD[:17] + str((int(GOOD[17]) + 1) % 10) if GOOD[17] != "X" else GOOD[:17] + "0"
OLD_AREA = with_check("99072419900302124")  # no such birthplace code: old IDs may have retired ones


@pytest.mark.parametrize(
    "raw, value, error, warning",
    [
        (GOOD, GOOD, None, None),
        (f" {GOOD[:6]} {GOOD[6:14]} {GOOD[14:]} ", GOOD, None, None),  # spaces removed
        (LOWER_X.lower(), LOWER_X, None, None),  # lower-case x accepted, stored upper case
        ("".join(chr(ord(c) + 0xFEE0) for c in GOOD), GOOD, None, None),  # full-width digits
        (GOOD[:17], None, "应为18位", None),
        (GOOD + "1", None, "应为18位", None),
        (WRONG_CHECK, None, "校验位不对", None),
        (with_check("43072419900231124"), None, "出生日期不存在", None),  # 31 February
        (with_check("43072420300302123"), None, "今天之后", None),  # born in 2030
        (OLD_AREA, OLD_AREA, None, "地区代码"),  # only a warning: real old IDs must never be refused
        ("4.30724199007056E+17", None, "存成了数字", None),
        ("43072419850302123A", None, "只能由数字组成", None),
        ("", "", None, None),  # optional
    ],
)
def test_id_number_cases(raw, value, error, warning):
    check = check_id_number(raw, TODAY)
    if error:
        assert check.errors and error in check.errors[0], check.errors
    else:
        assert check.ok, check.errors
        assert check.value == value
    if warning:
        assert check.warnings and warning in check.warnings[0]
    elif not error:
        assert not check.warnings


@pytest.mark.parametrize(
    "raw, value, ok",
    [
        ("13800138000", "13800138000", True),
        ("138 0013 8000", "13800138000", True),
        ("138-0013-8000", "13800138000", True),
        ("１３８００１３８０００", "13800138000", True),  # full-width digits
        ("13800138000.0", "13800138000", True),  # a spreadsheet stored it as a number
        ("0736-1234567", "0736-1234567", True),
        ("07361234567", "0736-1234567", True),
        ("010 12345678", "010-12345678", True),
        ("12800138000", None, False),  # no such mobile prefix
        ("1380013800", None, False),  # 10 digits
        ("12345", None, False),
        ("138OO138000", None, False),  # letters O instead of zeros
    ],
)
def test_phone_cases(raw, value, ok):
    check = check_phone(raw)
    assert check.ok is ok, check.errors
    if ok:
        assert check.value == value
    else:
        assert check.errors and all("\u4e00" <= ch <= "\u9fff" for ch in check.errors[0][:2])


def test_id_fills_birth_date_and_sex_and_disagreement_is_only_a_warning(db):
    man = with_check("43072419900302131")  # 3 is odd: a man
    result = db.run(validate_member, MemberData(name="李明", id_number=man, gender=""), TODAY)
    assert result.ok and result.clean.birth_date == date(1990, 3, 2) and result.clean.gender == "男"

    typed = MemberData(name="张秀兰", id_number=GOOD, birth_date=date(1986, 1, 1), gender="男")
    result = db.run(validate_member, typed, TODAY)
    assert result.ok, result.errors
    assert (
        "不一致" in result.warnings["birth_date"][0] and "1990年03月02日" in result.warnings["birth_date"][0]
    )
    assert "不一致" in result.warnings["gender"][0]
    # A month-only birth (1985.03 from a spreadsheet) agreeing with the ID is no disagreement.
    month = MemberData(name="张秀兰", id_number=GOOD, birth_date=date(1990, 3, 1))
    result = db.run(validate_member, month, TODAY, birth_month_only=True)
    assert "birth_date" not in result.warnings and result.clean.birth_date == date(1990, 3, 2)


def test_same_id_twice_refused_same_name_and_birth_only_warned(db):
    db.run(save_member, MemberData(name="张秀兰", id_number=GOOD), TODAY)
    with pytest.raises(MemberInvalid) as refused:
        db.run(save_member, MemberData(name="张秀英", id_number=GOOD.lower()), TODAY)
    assert "张秀兰" in refused.value.errors["id_number"]

    result = db.run(validate_member, MemberData(name="张秀兰", birth_date=date(1990, 3, 2)), TODAY)
    assert result.ok and "同名" in result.warnings["name"][0]


@pytest.mark.parametrize(
    "changes, field, text",
    [
        ({"name": "  "}, "name", "请填写姓名"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "不能晚于今天"),
        ({"status": "left"}, "left_date", "离任日期"),
        ({"status": "left", "left_date": date(2027, 1, 1)}, "left_date", "不能晚于今天"),
        ({"term_start": date(2025, 1, 1), "term_end": date(2024, 1, 1)}, "term_end", "不能早于"),
        ({"phone": "12345"}, "phone", "11位手机号码"),
    ],
)
def test_member_field_errors_are_chinese_and_per_field(db, changes, field, text):
    data = MemberData(**{"name": "王芳", **changes})
    result = db.run(validate_member, data, TODAY)
    assert not result.ok
    assert text in result.errors[field], result.errors


def test_a_column_of_ids_and_phones_checked_at_once_says_what_each_says_alone():
    """An import checks its ID and phone columns in one pass each: the same verdicts as number by number,
    on every edge (check digit, X, impossible and future birth dates, county codes, fullwidth digits)."""
    from fedclient.core.validation import (
        id_gender,
        plain_id_number,
        plain_id_numbers,
        plain_mobile,
        plain_mobiles,
    )

    ids = [GOOD, LOWER_X, LOWER_X.lower(), WRONG_CHECK, OLD_AREA, GOOD[:17], GOOD + "0", " " + GOOD[1:], ""]
    ids += [with_check(f"430724{born}123") for born in ("19900230", "19901301", "20261126", "20261125")]
    ids += [with_check("43072119751001128"), "４３０７２４１９９００３０２１２４６", "X" * 18]
    found = plain_id_numbers(ids, TODAY)
    assert [f and f[0] for f in found] == [plain_id_number(t, TODAY) for t in ids]
    assert [f[1] for f in found if f] == [id_gender(t) for t, f in zip(ids, found, strict=True) if f]
    assert found[0] == (date(1990, 3, 2), "女") and found[3] is None and sum(map(bool, found)) == 4
    shaped = [t for t in ids if len(t) == 18 and t.isascii() and t[:17].isdigit() and t[17] in "0123456789X"]
    assert len(shaped) > 5  # a column of numbers all shaped plainly: each number's verdict still its own
    assert plain_id_numbers(shaped, TODAY) == [f for t, f in zip(ids, found, strict=True) if t in shaped]
    phones = [
        "13800138000",
        "12800138000",
        "1380013800",
        "138001380000",
        "１３８００１３８０００",
        "",
        "0736-7654321",
    ]
    assert plain_mobiles(phones) == [plain_mobile(p) for p in phones] == [True] + [False] * 6
