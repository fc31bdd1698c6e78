"""More shapes villages keep (issue 14's leftovers): a column kept hidden beside the one in use (an old phone),
a hidden ID column (hidden to print the list), a header under a block of notes, names aligned with spaces,
full-width digits, gaps in 序号, blank lines and a spaced 合  计; households with 网格 and 户号 merged down."""

from __future__ import annotations

import openpyxl
import xlwt
from stdnum.cn.ric import calc_check_digit

from fedclient.cli import main as cli
from fedclient.core import grids
from fedclient.core.grids.household_import import (
    apply_household_import,
    load_households,
    plan_household_import,
)
from fedclient.core.members.roster_import import load_roster

from .test_import_real_files import run_import, stored

HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号码", "联系电话", "手机", "备注"]


def id_number(born: str) -> str:
    body = "430724" + born + "128"
    return body + calc_check_digit(body + "0")


PEOPLE = [
    [1, "王芳", "女", "1980.03", id_number("19800302"), "13800138000", "13900000000", None],
    [2, "李红", "女", "1981.04", id_number("19810402"), "13800138001", "13900000001", None],
]


def xlsx_hiding(path, rows, hidden_columns):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for letter in hidden_columns:
        ws.column_dimensions[letter].hidden = True
    wb.save(path)
    return path


def xls_hiding(path, rows, hidden_columns):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("花名册")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    for c in hidden_columns:
        ws.col(c).hidden = True
    wb.save(str(path))
    return path


def test_a_hidden_old_phone_column_is_not_read_and_the_chair_is_told(db, tmp_path, capsys):
    for path in (
        xlsx_hiding(tmp_path / "r.xlsx", [HEADER, *PEOPLE], "G"),
        xls_hiding(tmp_path / "r.xls", [HEADER, *PEOPLE], [6]),
    ):
        db_path = str(tmp_path / f"{path.suffix[1:]}.sqlite")
        assert cli(["import-roster", str(path), "--db", db_path]) == 0
        out = capsys.readouterr().out
        assert "注意：隐藏的第7列“手机”未导入" in out
        assert "提醒（已导入，请核对）：0 行" in out and "13900000000" not in out
        assert cli(["import-roster", str(path), "--db", db_path]) == 0
        assert "无变化：2 人" in capsys.readouterr().out
    preview = run_import(db, tmp_path / "r.xlsx")
    assert {n: (m.phone, m.notes) for n, m in stored(db).items()} == {
        "王芳": ("13800138000", ""),
        "李红": ("13800138001", ""),
    }
    assert not preview.warning_rows()


def test_a_hidden_id_column_is_still_read_and_said(db, tmp_path, capsys):
    path = xlsx_hiding(tmp_path / "r.xlsx", [HEADER[:6], *(p[:6] for p in PEOPLE)], "E")
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite")]) == 0
    assert "隐藏的第5列“身份证号码”按“身份证号”导入" in capsys.readouterr().out
    run_import(db, path)
    assert stored(db)["王芳"].id_number == id_number("19800302")


def test_a_header_under_notes_names_aligned_with_spaces_and_full_width_digits(db, tmp_path):
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    rows = [
        ["红星村妇联执委花名册"],
        ["填报单位：红星村妇联"],
        ["说明：1. 身份证号请填18位；2. 出生年月写成1980.01"],
        [],
        ["填报日期：2026年11月"],
        HEADER[:6],
        [1, "王  芳", "女", "1980.03", id_number("19800302").translate(full_width), "１３８００１３８０００"],
        [2, "李　红", "女", "1981.04", f" {id_number('19810402')} ", "138 0013 8001"],
        [],
        [5, "欧阳　娜娜", "女", "1982.05", None, "13800138002"],
        [None, "合  计", None, None, None, "3人"],
    ]
    path = xlsx_hiding(tmp_path / "r.xlsx", rows, "")
    preview = run_import(db, path)
    people = stored(db)
    assert {n: (m.id_number, m.phone) for n, m in people.items()} == {
        "王芳": (id_number("19800302"), "13800138000"),
        "李红": (id_number("19810402"), "13800138001"),
        "欧阳娜娜": (None, "13800138002"),
    }
    assert [(r.row_number, r.kind) for r in preview.rows if r.kind == "skipped"] == [(11, "skipped")]
    again = run_import(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


def test_households_with_the_grid_and_the_house_number_merged_down(db, tmp_path):
    with db.session() as s:
        one = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        two = grids.save_grid(s, grids.GridData(number=2, name="二组片")).id
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["杉板村住户花名册"],
        ["网格", "户号", "户主姓名", "家庭住址", "家庭人口", "手机号码", "备注"],
        ["1", "001", "王秀英", "3组12号", 3, "13812345678", "留守老人户"],
        [None, "002", "刘桂兰", "3组13号", 4, "13812345679", None],
        [None, None, "刘小梅", "3组13号附1", 2, None, None],
        ["2", "003", "陈小梅", "5组1号", 2, "13812345670", None],
    ]:
        ws.append(row)
    for cells in ("A1:G1", "A3:A5", "B4:B5", "G3:G4"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "住户.xlsx")
    table = load_households(tmp_path / "住户.xlsx")
    preview = db.run(plan_household_import, table)
    assert [r.kind for r in preview.rows] == ["new"] * 4, [r.note for r in preview.rows]
    db.run(apply_household_import, preview)
    with db.session() as s:
        found = {h.contact_name: h for h in grids.list_households(s, grids.HouseholdFilter())}
    assert {n: h.grid_id for n, h in found.items()} == {
        "王秀英": one,
        "刘桂兰": one,
        "刘小梅": one,
        "陈小梅": two,
    }
    assert {n: h.notes for n, h in found.items()}["刘桂兰"] == "留守老人户"
    again = db.run(plan_household_import, load_households(tmp_path / "住户.xlsx"))
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


def test_a_column_headed_as_old_is_not_read_beside_the_current_one(db, tmp_path, capsys):
    header = ["序号", "姓名", "性别", "出生年月", "原联系电话", "联系电话", "联系电话（旧）"]
    rows = [header, [1, "王芳", "女", "1980.03", "13700000000", "13800138000", "13900000000"]]
    path = xlsx_hiding(tmp_path / "r.xlsx", rows, "")
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite")]) == 0
    out = capsys.readouterr().out
    assert (
        "注意：第5列“原联系电话”未导入，第7列“联系电话(旧)”未导入" in out
        and "提醒（已导入，请核对）：0 行" in out
    )
    run_import(db, path)
    assert (stored(db)["王芳"].phone, stored(db)["王芳"].notes) == ("13800138000", "")
    only_old = xlsx_hiding(tmp_path / "o.xlsx", [header[:5], rows[1][:5]], "")
    assert load_roster(only_old).mapping["phone"] is None  # the chair may still choose it
    run_import(db, only_old)
    assert stored(db)["王芳"].phone == "13800138000", "a stored phone is not replaced by an old one"
