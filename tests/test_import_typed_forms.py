"""How chairs type IDs, phones and dates, found by importing spreadsheets nobody on the team had made (issue 14,
sixth session): an ID number written in groups with dashes, +86 without its plus, two numbers in one cell (the
mobile kept, the other noted as with two phone columns), years written with two digits (82.03), a remark after a
name (王芳（主任）), a CSV's ="…" cells, dates with a time of day, a household's size in Chinese (五口)."""

from __future__ import annotations

from datetime import date

import openpyxl
from sqlalchemy import select

from fedclient.core.dates import full_year, parse_date
from fedclient.core.grids.household_import import (
    apply_household_import,
    load_households,
    parse_size,
    plan_household_import,
)
from fedclient.core.models import Household, Member
from fedclient.core.tabular.phones import two_numbers

from .test_import_real_files import id_number, run_import, xlsx

ID_A = id_number("430421", "19750416", "124")
ID_B = id_number("430421", "19820315", "126")


def members(db) -> dict[str, tuple]:
    with db.session() as s:
        return {m.name: (m.id_number, m.phone, m.birth_date, m.notes) for m in s.scalars(select(Member))}


def test_ids_in_dashed_groups_and_phones_with_86_or_two_numbers_in_a_cell(db, tmp_path):
    rows = [
        ["序号", "姓名", "身份证号码", "联系电话"],
        [1, "张秀兰", f"{ID_A[:6]}-{ID_A[6:14]}-{ID_A[14:]}", "8613800138000"],
        [2, "李桂英", ID_B, "13900139000 13700137000"],  # two numbers apart by a space
        [3, "王芳", "", "0736-7654321/13600136000"],  # the landline first: the mobile is still her phone
        [4, "刘敏", "", "13500135000（本人）/13400134000（丈夫）"],  # words beside: the first kept, warned
    ]
    path = xlsx(tmp_path / "花名册.xlsx", rows)
    preview = run_import(db, path)
    assert [r.kind for r in preview.rows] == ["new"] * 4
    notes = [r.note for r in preview.rows]
    assert notes[:3] == ["", "另有手机 13700137000，已记入备注", "另有固定电话 0736-7654321，已记入备注"]
    assert "只登记了号码 13500135000" in notes[3]
    assert members(db) == {
        "张秀兰": (ID_A, "13800138000", date(1975, 4, 16), ""),
        "李桂英": (ID_B, "13900139000", date(1982, 3, 15), "手机：13700137000"),
        "王芳": (None, "13600136000", None, "固定电话：0736-7654321"),
        "刘敏": (None, "13500135000", None, ""),
    }
    again = run_import(db, path)  # nothing to change, nothing said again
    assert [(r.kind, r.warnings) for r in again.rows[:3]] == [("same", [])] * 3
    assert two_numbers("13800138000、0736-7654321") == ("13800138000", "0736-7654321")
    assert two_numbers("13800138000") is None and two_numbers("13800138000 微信 13900139000") is None


def test_a_cell_of_two_numbers_in_a_later_file_notes_the_other_on_her_stored_record(db, tmp_path):
    run_import(
        db, xlsx(tmp_path / "a.xlsx", [["姓名", "身份证号码", "手机"], ["张秀兰", ID_A, "13800138000"]])
    )
    later = xlsx(
        tmp_path / "b.xlsx", [["姓名", "身份证号码", "手机"], ["张秀兰", ID_A, "13800138000/0736-7654321"]]
    )
    preview = run_import(db, later)
    assert preview.rows[0].kind == "update"
    assert preview.rows[0].changes == ["备注：空 → 固定电话：0736-7654321"]
    assert members(db)["张秀兰"][1:] == ("13800138000", date(1975, 4, 16), "固定电话：0736-7654321")


def test_years_written_with_two_digits_are_read_and_warned(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "出生年月"])
    for name, born in [("张秀兰", "82.03"), ("李桂英", "93年10月"), ("王芳", 75.08), ("刘敏", "05.6.1")]:
        ws.append([name, born])
    path = tmp_path / "花名册.xlsx"
    wb.save(path)
    preview = run_import(db, path)
    assert [r.kind for r in preview.rows] == ["new"] * 4
    assert preview.rows[0].warnings == ["出生年月：“82.03”的年份只写了两位，已按1982年读取，请核对"]
    assert "已按1975年读取" in preview.rows[2].note
    assert {name: born for name, (_id, _phone, born, _notes) in members(db).items()} == {
        "张秀兰": date(1982, 3, 1),
        "李桂英": date(1993, 10, 1),
        "王芳": date(1975, 8, 1),
        "刘敏": date(2005, 6, 1),
    }
    again = run_import(db, path)  # nothing changes: nothing is said again (the window lists no 提醒)
    assert [(r.kind, r.note) for r in again.rows] == [("same", "")] * 4
    assert full_year(26, date(2026, 1, 1)) == 2026 and full_year(27, date(2026, 1, 1)) == 1927
    assert parse_date("1982.03").warning == ""  # four digits: nothing to say, as before


def test_households_take_the_same_readings(db, tmp_path):
    path = xlsx(
        tmp_path / "住户.xlsx",
        [
            ["户主姓名", "住址", "联系电话"],
            ["王秀英", "3组12号", "0736-7654321、13800138000"],
            ["刘桂兰", "3组13号", "8613900139000"],
        ],
    )
    preview = db.run(plan_household_import, load_households(path))
    assert [r.values["phone"] for r in preview.rows] == ["13800138000", "13900139000"]
    db.run(apply_household_import, preview)
    with db.session() as s:
        stored = {h.contact_name: (h.phone, h.notes) for h in s.scalars(select(Household))}
    assert stored == {"王秀英": ("13800138000", "固定电话：0736-7654321"), "刘桂兰": ("13900139000", "")}
    assert [r.kind for r in db.run(plan_household_import, load_households(path)).rows] == ["same"] * 2
    assert [parse_size(t) for t in ("五口", "十二人", "两口", "4口人", "不详")] == [5, 12, 2, 4, None]


def test_a_remark_after_a_name_is_not_her_name_and_a_signature_line_stays_skipped(db, tmp_path):
    rows = [
        ["序号", "姓名", "身份证号码"],
        [1, "王芳（主任）", ID_A],
        [2, "李桂英(副主席)", ID_B],
        [3, "张兰*", ""],
        [4, "执委（5人）", ""],  # a heading with a count: still a heading
        ["", "李红（签字）", ""],  # a signature line: still skipped
    ]
    preview = run_import(db, xlsx(tmp_path / "花名册.xlsx", rows))
    assert [(r.kind, r.values["name"]) for r in preview.rows] == [
        ("new", "王芳"),
        ("new", "李桂英"),
        ("new", "张兰"),
        ("skipped", "执委(5人)"),  # (brackets as read: full-width forms made plain)
        ("skipped", "李红(签字)"),
    ]
    assert preview.rows[0].warnings == [
        "姓名栏写的是“王芳(主任)”，已按“王芳”导入（“主任”不是姓名的一部分），请核对"
    ]
    assert sorted(members(db)) == ["张兰", "李桂英", "王芳"]
    households = xlsx(tmp_path / "住户.xlsx", [["户主姓名", "住址"], ["王秀英（户主）", "3组12号"]])
    planned = db.run(plan_household_import, load_households(households))
    assert (
        planned.rows[0].values["contact_name"] == "王秀英"
        and "“户主”不是姓名的一部分" in planned.rows[0].note
    )
    db.run(apply_household_import, planned)
    again = db.run(plan_household_import, load_households(households))
    assert [(r.kind, r.note) for r in again.rows] == [("same", "")]


def test_a_csv_keeping_numbers_as_text_with_equals_quotes_and_dates_with_a_time_of_day(db, tmp_path):
    path = tmp_path / "导出.csv"
    path.write_bytes(
        (
            "姓名,身份证号,联系电话,出生日期\r\n"
            f'张秀兰,="{ID_A}",="13800138000",1975-04-16 00:00:00\r\n'
            f'李桂英,="{ID_B}",="13900139000",1982/3/15 0:00\r\n'
        ).encode("gbk")
    )
    preview = run_import(db, path)
    assert [(r.kind, r.note) for r in preview.rows] == [("new", "")] * 2
    assert members(db) == {
        "张秀兰": (ID_A, "13800138000", date(1975, 4, 16), ""),
        "李桂英": (ID_B, "13900139000", date(1982, 3, 15), ""),
    }
    assert parse_date("1982-03-15T08:30:00").value == date(1982, 3, 15)


def test_one_id_number_under_two_names_is_a_duplicate_that_asks_to_check_the_number(db, tmp_path):
    rows = [
        ["序号", "姓名", "身份证号码"],
        [1, "王芳", ID_A],
        [2, "李桂英", ID_B],
        [3, "李红", ID_A],
        [4, "王芳", ID_A],
    ]
    preview = run_import(db, xlsx(tmp_path / "花名册.xlsx", rows))
    assert [r.kind for r in preview.rows] == ["new", "new", "duplicate", "duplicate"]
    assert preview.rows[2].problems == [
        "与第2行（王芳）身份证号相同，但姓名不同，不重复导入，请核对两行的身份证号"
    ]
    assert preview.rows[3].problems == ["与第2行身份证号相同，是同一人，不重复导入"]
