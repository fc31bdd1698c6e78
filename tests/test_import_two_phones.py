"""A sheet with two phone columns (手机 and 固定电话, 联系电话 and 手机): a person has one phone in the program, so
her mobile is kept there and the other number goes into 备注, said in the preview; a person with only a
landline keeps it as her phone. Nothing is dropped without a word, and importing the file again changes
nothing."""

from __future__ import annotations

from datetime import date

import openpyxl
from sqlalchemy import select

from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
from fedclient.core.models import Household, Member

TODAY = date(2026, 11, 25)


def sheet(path, header, rows):
    wb = openpyxl.Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def import_roster(db, path):
    preview = db.run(plan_roster_import, load_roster(path), TODAY)
    db.run(apply_roster_import, preview, TODAY)
    return preview


def stored(db) -> dict[str, tuple[str, str]]:
    with db.session() as s:
        return {m.name: (m.phone, m.notes) for m in s.scalars(select(Member))}


def test_a_roster_with_mobile_and_landline_columns_keeps_both(db, tmp_path):
    path = sheet(
        tmp_path / "花名册.xlsx",
        ["序号", "姓名", "职务", "手机", "固定电话", "备注"],
        [
            [1, "张秀兰", "执委", "13800138000", "0736-7654321", ""],
            [2, "李桂英", "执委", "", "0736 1234567", ""],  # only a landline: it is her phone
            [3, "王芳", "执委", "13900139000", "(0736)2345678", "党员"],
            [4, "刘敏", "执委", "13700137000", "", ""],  # one number: as before
            [5, "陈红", "执委", "13600136000", "13600136000", ""],  # the same number twice
        ],
    )
    preview = import_roster(db, path)
    assert [r.kind for r in preview.rows] == ["new"] * 5
    warnings = {r.values["name"]: r.warnings for r in preview.rows}
    assert warnings["张秀兰"] == ["另有固定电话 0736-7654321，已记入备注"]
    assert warnings["李桂英"] == warnings["刘敏"] == warnings["陈红"] == []
    assert preview.rows[0].values["phone"] == "13800138000"
    assert preview.rows[1].values["phone"] == "0736-1234567"  # as it will be stored
    assert [r.values["other_phone"] for r in preview.rows[:3]] == [
        "0736-7654321",
        "0736-1234567",
        "0736-2345678",
    ]
    assert stored(db) == {
        "张秀兰": ("13800138000", "固定电话：0736-7654321"),
        "李桂英": ("0736-1234567", ""),
        "王芳": ("13900139000", "党员；固定电话：0736-2345678"),
        "刘敏": ("13700137000", ""),
        "陈红": ("13600136000", ""),
    }
    again = import_roster(db, path)  # the same file again: nothing to change, no note written twice
    assert [r.kind for r in again.rows] == ["same"] * 5
    assert stored(db)["王芳"] == ("13900139000", "党员；固定电话：0736-2345678")


def test_contact_phone_and_mobile_columns_keep_the_mobile_as_the_phone(db, tmp_path):
    path = sheet(
        tmp_path / "名单.xlsx",
        ["姓名", "联系电话", "手机"],
        [["张秀兰", "0736-7654321", "13800138000"], ["李桂英", "13900139000", "1390013"]],
    )
    preview = import_roster(db, path)
    assert preview.rows[0].warnings == ["另有固定电话 0736-7654321，已记入备注"]
    assert preview.rows[1].warnings == [
        "另一个电话“1390013”请填写11位手机号码，或带区号的固定电话，已原样记入备注，请核对"
    ]
    assert stored(db) == {
        "张秀兰": ("13800138000", "固定电话：0736-7654321"),
        "李桂英": ("13900139000", "其他电话：1390013"),
    }


def test_a_landline_in_a_later_file_does_not_replace_her_mobile_or_her_notes(db, tmp_path):
    first = sheet(
        tmp_path / "a.xlsx",
        ["姓名", "出生年月", "联系电话", "备注"],
        [["张秀兰", "1975.03", "13800138000", "党员户"]],
    )
    import_roster(db, first)
    later = sheet(
        tmp_path / "b.xlsx", ["姓名", "出生年月", "手机", "座机"], [["张秀兰", "1975.03", "", "0736-7654321"]]
    )
    preview = import_roster(db, later)
    assert preview.rows[0].kind == "update"
    assert preview.rows[0].changes == ["备注：党员户 → 党员户；固定电话：0736-7654321"]
    # Said, not only shown as a 备注 change: her phone stays the mobile, and the command line prints it.
    assert preview.rows[0].warnings == ["固定电话 0736-7654321 没有替换已登记的手机 13800138000，已记入备注"]
    assert stored(db) == {"张秀兰": ("13800138000", "党员户；固定电话：0736-7654321")}
    again = import_roster(db, later)
    assert [r.kind for r in again.rows] == ["same"] and again.rows[0].warnings == []  # said once


def test_a_file_whose_one_phone_column_is_a_landline_says_her_mobile_stays(db, tmp_path, capsys):
    from fedclient.cli import main

    first = sheet(tmp_path / "a.xlsx", ["姓名", "出生年月", "手机"], [["张秀兰", "1975.03", "13800138000"]])
    import_roster(db, first)
    later = sheet(
        tmp_path / "b.xlsx", ["姓名", "出生年月", "固定电话"], [["张秀兰", "1975.03", "0736 7654321"]]
    )
    assert main(["import-roster", str(later), "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "第2行（张秀兰）：固定电话 0736-7654321 没有替换已登记的手机 13800138000，已记入备注" in out
    assert stored(db) == {"张秀兰": ("13800138000", "固定电话：0736-7654321")}


def test_households_with_two_phone_columns_and_the_preview_shows_the_numbers_as_stored(db, tmp_path):
    from fedclient.core.grids.household_import import (
        apply_household_import,
        load_households,
        plan_household_import,
    )

    path = sheet(
        tmp_path / "住户.xlsx",
        ["户主姓名", "住址", "人数", "手机", "座机"],
        [
            ["王秀英", "3组12号", 3, "'138 0013 8000", "0736-7654321"],
            ["刘桂兰", "3组13号", 4, "+86 139 0013 9000", ""],
            ["陈小梅", "3组14号", 2, "", "(0736)1234567"],  # only a landline: it is the household's phone
        ],
    )
    preview = db.run(plan_household_import, load_households(path))
    assert [r.kind for r in preview.rows] == ["new"] * 3
    assert [r.values["phone"] for r in preview.rows] == ["13800138000", "13900139000", "0736-1234567"]
    assert preview.rows[0].values["other_phone"] == "0736-7654321"
    assert preview.rows[0].warnings == ["另有固定电话 0736-7654321，已记入备注"]
    db.run(apply_household_import, preview)
    with db.session() as s:
        stored = {h.contact_name: (h.phone, h.notes) for h in s.scalars(select(Household))}
    assert stored == {
        "王秀英": ("13800138000", "固定电话：0736-7654321"),
        "刘桂兰": ("13900139000", ""),
        "陈小梅": ("0736-1234567", ""),
    }
    again = db.run(plan_household_import, load_households(path))
    assert [r.kind for r in again.rows] == ["same"] * 3
    landline = sheet(
        tmp_path / "座机.xlsx", ["户主姓名", "住址", "座机"], [["刘桂兰", "3组13号", "0736-7654321"]]
    )
    update = db.run(plan_household_import, load_households(landline))
    assert update.rows[0].changes == ["备注：（空） → 固定电话：0736-7654321"]
    assert update.rows[0].warnings == ["固定电话 0736-7654321 没有替换已登记的手机 13900139000，已记入备注"]
