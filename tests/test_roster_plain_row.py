"""The roster import's one-pass check of plainly typed rows (``members.plain_row``) gives exactly what the full
check gives: the same kind, shown texts, refusal reasons, warnings and member, on rows made to sit on every
edge of every check."""

from __future__ import annotations

import random
from datetime import date, datetime

import openpyxl
import pytest
from stdnum.cn.ric import calc_check_digit

from fedclient.core.members import plain_row, roster_import
from fedclient.core.members.roster_import import ROSTER_FIELDS, load_roster, plan_roster_import
from fedclient.core.members.service import MemberData, save_member
from fedclient.core.tabular import person_name
from fedclient.core.validation import check_id_number, id_birth_date

TODAY = date(2026, 11, 25)
HEADER = ["序号", "姓名", "性别", "出生年月", "民族", "文化程度", "政治面貌", "职务", "岗位", "专长", "所在组",
          "身份证号码", "联系电话", "任职时间", "是否进村两委", "备注"]  # fmt: skip
AREAS = [
    "430724",
    "330782",
    "110105",
    "999999",
    "430700",
]  # a county, a late county, a city, never, a prefecture


def an_id(rng: random.Random, born: date, area: str = "430724") -> str:
    body = f"{area}{born:%Y%m%d}{rng.randint(0, 99):02d}{rng.choice('0123456789')}"
    return body + calc_check_digit(body + "0")


def pick(rng: random.Random, plain, *awkward):
    """Mostly the plain value (a row is plain only if all its cells are), else one of the awkward ones."""
    return plain if rng.random() < 0.88 else rng.choice(awkward)


def awkward_row(rng: random.Random, i: int, born: date) -> list:
    good = an_id(rng, born)
    id_number = pick(
        rng, good,
        an_id(rng, born, "330782"), an_id(rng, born, "110105"), an_id(rng, born, "999999"),
        an_id(rng, born, "430700"), an_id(rng, date(born.year, 12 if born.month < 12 else 1, 1)),
        good[:-1] + ("0" if good[-1] != "0" else "1"), good[:17], good.lower(), f" {good[:6]} {good[6:]} ",
        "'" + good, good.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        good[:6] + "19750230" + good[14:], good[:6] + "20300101" + good[14:], float(good[:17]), "", "无",
        good[:6] + good[8:17], good[:15] + "000",  # a 15-digit old card; digits lost to a number cell
        good[:17] + "×", "无", "/",
    )  # fmt: skip
    birth = pick(
        rng, f"{born:%Y.%m}",
        f"{born.year}.{born.month}", born.year + born.month / 100, f"{born:%Y-%m-%d}",
        datetime(born.year, born.month, born.day), f"{born:%Y%m%d}", "", None, "不详", "2030.01",
        "1900.01", "2015.05", f"{born.year}。{born.month:02d}", "不详", "—", f"{born.year}.1", born.year + 0.1, f"{born:%Y年%m月}", f"{born.year}.{born.month + 1}",
    )  # fmt: skip
    phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
    return [
        i,
        pick(
            rng,
            rng.choice(["王秀英", "刘红", "欧阳娜娜"]),
            "李 芳",
            "张丽2",
            "阿依古丽·买买提",
            "赵",
            "王秀英",
            "阿依古丽ㆍ买买提",
            "一组",
        ),
        pick(rng, "女", "男", "", "F", " 女", "女性", "男性"),
        birth,
        pick(rng, "汉族", "", " 回族 "),
        pick(rng, "高中", "初中", ""),
        pick(rng, "群众", "中共党员"),
        pick(rng, "执委", "主席", "巾帼志愿者", "书记", "", "兼职副主席"),
        pick(rng, "联系群众", " 调解 ", ""),
        "调解",
        f"{rng.randint(1, 5)}组",
        id_number,
        pick(
            rng,
            phone,
            "0736-1234567",
            "12345678901",
            "138 0013 8000",
            "１３８００１３８０００",
            13800138000.0,
            "",
            "电话",
            "1380013800",
            "+86 " + phone,
            phone + "/0736-1234567",
            phone + "（本人）",
        ),  # fmt: skip
        pick(rng, "2023.06", "", "去年", 2023.1),
        pick(rng, "是", "否", "y", "1", ""),
        pick(rng, "", "备注"),
    ]


def test_the_plain_rows_fields_are_the_rosters_fields_in_order():
    assert tuple(f.name for f in ROSTER_FIELDS) == plain_row.FIELD_ORDER


@pytest.mark.parametrize("seed", [1, 2])
def test_plain_rows_give_exactly_what_the_full_check_gives(db, tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for birth in ("2030.01", "2027-01-01", "2012.12", "2011.01", "1916.11", "1916.12", "1917.01", "1910.05"):
        ws.append([0, "周丽", "女", birth, "汉族", "", "", "执委", "", "", "", "", "13800138000", "", "", ""])
    for month, gender in enumerate(("F", "男", "", "女士", " 女", "M"), start=1):  # no ID number to settle it
        ws.append(
            [0, "吴芳", gender, f"1980.0{month}", "汉族", "", "", "执委", "", "", "", "", "", "", "", ""]
        )
    for i in range(1, 1201):
        born = date(rng.randint(1912, 2012), rng.randint(1, 12), rng.randint(1, 28))
        row = awkward_row(rng, i, born)
        ws.append(row)
        if i % 97 == 0:  # the same person twice, by ID or by name and birth date
            ws.append(row)
    ws.append(["合计", "1200人"])
    path = tmp_path / "awkward.xlsx"
    wb.save(path)
    # Some people already stored: rows matching them become updates (by ID number, or by name and birth date),
    # a namesake born the same day with another ID number gets a warning.
    table = load_roster(path)
    with db.session() as session:
        for n, record in enumerate(list(table.records())[:600:5]):
            name, typed = person_name(record.text("name")), check_id_number(record.text("id_number"), TODAY)
            if not name or not typed.value or not typed.ok:
                continue
            typed_id = typed.value
            born = id_birth_date(typed_id)
            if born.year < TODAY.year - 100:
                continue
            data = [
                MemberData(name=name, id_number=typed_id, phone="13900000000"),
                MemberData(name=name, birth_date=born, phone="13900000001"),
                MemberData(name=name, birth_date=born, id_number=an_id(rng, born, "430721")),
            ][n % 3]
            save_member(session, data, TODAY)
        session.commit()

    taken = []
    real = roster_import.plain_members

    def counted(*args):
        texts, found = real(*args)
        taken.extend(member is not None for member in found)
        return texts, found

    monkeypatch.setattr(roster_import, "plain_members", counted)
    fast = db.run(plan_roster_import, table, TODAY)
    monkeypatch.setattr(roster_import, "PLAIN_ROWS", False)
    full = db.run(plan_roster_import, table, TODAY)

    assert 100 < sum(taken) < len(taken) - 300  # both paths really taken
    kinds = {r.kind for r in full.rows}
    assert {"new", "refused", "duplicate", "skipped", "update"} <= kinds
    assert sum(1 for r in full.rows if r.writes and r.warnings) > 50
    assert any(r.kind == "new" and "已有同名且出生日期相同" in r.note for r in full.rows)
    assert len(fast.rows) == len(full.rows)
    for a, b in zip(fast.rows, full.rows, strict=True):
        assert (a.row_number, a.kind, a.problems, a.warnings, a.changes, a.existing_id) == (
            b.row_number,
            b.kind,
            b.problems,
            b.warnings,
            b.changes,
            b.existing_id,
        )
        assert dict(a.values) == dict(b.values)
        assert a.payload == b.payload


def test_reading_a_roster_loads_the_checks_tables_beside_it():
    """The county codes and pypinyin's readings, loaded on first use, are loaded on a helper thread as soon as
    a roster is read (in a fresh interpreter: this one has them already), which ends with the reading; the
    import's result is the same."""
    import subprocess
    import sys
    from pathlib import Path

    code = """
import sys, threading
from pathlib import Path
from fedclient.core.members.roster_import import load_roster
from fedclient.core.validation import was_region_code
assert "pypinyin" not in sys.modules and was_region_code.cache_info().currsize == 0
table = load_roster(Path(sys.argv[1]))
assert not [t for t in threading.enumerate() if t.name.startswith("fedclient-")]  # ended with the reading
assert "pypinyin" in sys.modules and was_region_code.cache_info().currsize >= 1
print(sum(1 for r in table.records() if not r.skip))
"""
    sample = Path(__file__).parent / "data" / "roster_sample.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["15"]


def test_a_column_of_numbers_shows_as_each_cell_shows():
    """序号 (floats from the spreadsheet) shown without '.0', as ``cell_text`` shows each cell, whole column or not."""
    from fedclient.core.tabular import cell_text

    for column in (
        [1.0, 2.0, -0.0, 12345.0, 1e14],
        [1.0, 2.5, 3.0],
        [1.0, 1e16],
        [1.0, float("inf")],
        [1.0, "2", None],
    ):
        assert plain_row._texts(column) == [cell_text(v) for v in column], column
