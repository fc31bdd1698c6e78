"""Cells merged the way villages merge them (issue 14's leftovers): 所在组 or 备注 written once and merged down
over a group's rows belongs to every row of the group (xlsx, xls, an HTML export); the title and a two-row header
under a merged parent heading still read; a remark merged across two columns the import reads is not guessed at
but warned; a name merged over two rows is one person, not two."""

from __future__ import annotations

import openpyxl
import pytest
import xlwt

from fedclient.core.members.roster_import import load_roster, plan_roster_import
from fedclient.core.tabular import save_problem_rows

from .ods_files import ods_sheet, roster_ods, write_ods
from .test_import_real_files import run_import, stored

HEADER = ["序号", "所在组", "姓名", "性别", "出生年月", "联系电话", "备注"]
PEOPLE = [
    [1, "一组", "王芳", "女", "1980.03", "13800138000", "2023年换届"],
    [2, None, "李红", "女", "1981.04", "13800138001", None],
    [3, None, "张丽", "女", "1982.05", "13800138002", None],
    [None] * 7,  # a blank line between the groups, inside nothing
    [4, "二组", "陈梅", "女", "1983.06", "13800138003", None],
    [5, None, "刘英", "女", "1984.07", "13800138004", None],
    ["合计", None, "5人"],
]
# (first row, first column, last row, last column), 1-based as Excel shows them
MERGES = [(1, 1, 1, 7), (3, 2, 5, 2), (3, 7, 5, 7), (7, 2, 8, 2)]
GROUPS = {"王芳": "一组", "李红": "一组", "张丽": "一组", "陈梅": "二组", "刘英": "二组"}
NOTES = {"王芳": "2023年换届", "李红": "2023年换届", "张丽": "2023年换届", "陈梅": "", "刘英": ""}


def roster_xlsx(path, rows, merges, title="红星村妇联执委花名册"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    for row in [[title], *rows]:
        ws.append(row)
    for top, left, bottom, right in merges:
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    wb.save(path)
    return path


def roster_xls(path, rows, merges, title="红星村妇联执委花名册"):
    wb = xlwt.Workbook()
    ws = wb.add_sheet("花名册")
    starts = {(t, left): (b, r) for t, left, b, r in merges}
    covered = {
        (r, c) for t, left, b, rr in merges for r in range(t, b + 1) for c in range(left, rr + 1)
    } - set(starts)
    for r, row in enumerate([[title], *rows], start=1):
        for c, value in enumerate(row, start=1):
            if (r, c) in covered or (value is None and (r, c) not in starts):
                continue
            if (r, c) in starts:
                bottom, right = starts[r, c]
                ws.write_merge(r - 1, bottom - 1, c - 1, right - 1, value)
            else:
                ws.write(r - 1, c - 1, value)
    wb.save(str(path))
    return path


def _check_groups(db, preview):
    people = stored(db)
    assert {n: m.group_name for n, m in people.items()} == GROUPS
    assert {n: m.notes for n, m in people.items()} == NOTES
    skipped = {r.row_number: r.problems[0] for r in preview.rows if r.kind == "skipped"}
    assert list(skipped) == [9] and "合计" in skipped[9], skipped  # the blank line stays blank
    assert not any(r.warnings for r in preview.rows)


@pytest.mark.parametrize("write", [roster_xlsx, roster_ods], ids=["xlsx", "ods"])
def test_a_group_and_a_remark_merged_down_belong_to_every_row(db, tmp_path, write):
    path = write(tmp_path / f"花名册.{write.__name__[-4:]}", [HEADER, *PEOPLE], MERGES)
    preview = run_import(db, path)
    assert preview.count("new") == 5
    _check_groups(db, preview)
    again = run_import(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


def test_a_group_merged_down_in_an_old_xls_as_wps_saves_it(db, tmp_path):
    path = roster_xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], MERGES)
    preview = run_import(db, path)
    assert preview.count("new") == 5
    _check_groups(db, preview)
    again = run_import(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


def test_an_html_export_with_a_group_in_rowspan_gives_it_to_each_row(db, tmp_path):
    cells = "".join(f"<th>{h}</th>" for h in ["序号", "所在组", "姓名", "联系电话"])
    html = (
        '<html><body><table><tr><td colspan="4">红星村妇联执委花名册</td></tr>'
        f"<tr>{cells}</tr>"
        '<tr><td>1</td><td rowspan="3">一组</td><td>王芳</td><td>13800138000</td></tr>'
        "<tr><td>2</td><td>李红</td><td>13800138001</td></tr>"
        "<tr><td>3</td><td>张丽</td><td>13800138002</td></tr>"
        "<tr><td>4</td><td>二组</td><td>陈梅</td><td>13800138003</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "导出.xls"
    path.write_text(html, encoding="utf-8")
    assert run_import(db, path).count("new") == 4
    assert {n: m.group_name for n, m in stored(db).items()} == {
        "王芳": "一组",
        "李红": "一组",
        "张丽": "一组",
        "陈梅": "二组",
    }


def test_a_two_row_header_under_merged_headings_is_not_filled_into_the_data(db, tmp_path):
    rows = [
        ["序号", "基本情况", None, None, "身份证号码", "联系方式", None],
        [None, "姓名", "性别", "出生年月", None, "手机", "固定电话"],
        [1, "王芳", "女", "1980.03", None, "13800138000", None],
        [2, "李红", "女", "1981.04", None, None, "0736-1234567"],
    ]
    # the title over the width, 序号 and 身份证号码 merged down over the two header rows, the parent headings
    merges = [(1, 1, 1, 7), (2, 1, 3, 1), (2, 2, 2, 4), (2, 5, 3, 5), (2, 6, 2, 7)]
    for path in (
        roster_xlsx(tmp_path / "r.xlsx", rows, merges),
        roster_xls(tmp_path / "r.xls", rows, merges),
        roster_ods(tmp_path / "r.ods", rows, merges),
    ):
        table = load_roster(path)
        assert table.header_row == 2 and table.mapping["name"] == 1 and table.mapping["id_number"] == 4
        preview = db.run(plan_roster_import, table)
        assert preview.count("new") == 2 and not preview.count("skipped"), [r.note for r in preview.rows]
        assert [r.values["id_number"] for r in preview.rows] == ["", ""]


@pytest.mark.parametrize("write", [roster_xlsx, roster_ods], ids=["xlsx", "ods"])
def test_a_remark_merged_across_two_columns_read_is_warned_not_guessed(db, tmp_path, write):
    rows = [
        HEADER,
        [1, "一组", "王芳", "女", "1980.03", "已调往镇妇联 13800138000", None],
        [2, "一组", "李红", "女", "1981.04", "13800138001", "新任"],
    ]
    path = write(tmp_path / f"r.{write.__name__[-4:]}", rows, [(1, 1, 1, 7), (3, 6, 3, 7)])
    preview = run_import(db, path)
    by_row = {r.row_number: r for r in preview.rows}
    assert by_row[3].kind == "new" and by_row[4].kind == "new"
    assert (
        "“已调往镇妇联 13800138000”是一个合并单元格，横跨“联系电话”和“备注”列：只按“联系电话”导入，“备注”没有填，请核对"
        in by_row[3].warnings
    )
    assert stored(db)["王芳"].phone == "13800138000" and stored(db)["王芳"].notes == ""
    assert not by_row[4].warnings
    again = run_import(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


@pytest.mark.parametrize("write", [roster_xlsx, roster_ods], ids=["xlsx", "ods"])
def test_a_name_merged_over_two_rows_is_one_person_and_the_row_below_says_so(db, tmp_path, write):
    rows = [
        HEADER,
        [1, "一组", "王芳", "女", "1980.03", "13800138000", "本人"],
        [None, None, None, None, None, "0736-1234567", "家里"],
        [2, "一组", "李红", "女", "1981.04", "13800138001", None],
    ]
    path = write(
        tmp_path / f"r.{write.__name__[-4:]}", rows, [(1, 1, 1, 7), (3, 1, 4, 1), (3, 3, 4, 3), (3, 2, 5, 2)]
    )
    preview = run_import(db, path)
    assert sorted(stored(db)) == ["李红", "王芳"]
    skipped = {r.row_number: r.problems[0] for r in preview.rows if r.kind == "skipped"}
    assert list(skipped) == [4] and "姓名与第 3 行合并为一个单元格" in skipped[4]
    assert stored(db)["李红"].group_name == "一组"


def test_rows_saved_to_correct_carry_the_group_merged_down(db, tmp_path):
    rows = [
        HEADER,
        [1, "一组", "王芳", "女", "1980.03", "1380013800", None],
        [2, None, "李红", "女", "1981.02.30"],
    ]
    path = roster_xlsx(tmp_path / "r.xlsx", rows, [(1, 1, 1, 7), (3, 2, 4, 2)])
    table = load_roster(path)
    preview = db.run(plan_roster_import, table)
    assert save_problem_rows(table, preview.rows, tmp_path / "未导入.xlsx") == 1, [
        (r.kind, r.note) for r in preview.rows
    ]
    saved = list(openpyxl.load_workbook(tmp_path / "未导入.xlsx").active.iter_rows(values_only=True))
    assert saved[1][:3] == (2, "一组", "李红") and saved[1][-1].startswith("第4行：出生年月")


def test_an_ods_merge_is_read_on_its_own_sheet_beside_hidden_rows_and_repeated_cells(db, tmp_path):
    """Two sheets, the first an example with merges of its own; in the roster a hidden row inside the group's
    merge and the rows below the data repeated a million times: each merge lands on its own sheet and row."""
    example = ods_sheet(
        [["填写示例"], HEADER, [1, "一组", "示例", "女"], [2, None, "示例二", "女"]],
        [(3, 2, 4, 2)],
        title="填写示例",
    )
    people = [
        ["红星村妇联执委花名册"],
        HEADER,
        [1, "三组", "王芳", "女", "1980.03", "13800138000", None],
        [2, None, "赵敏", "女", "1986.09", "13800138009", "已调走"],
        [3, None, "李红", "女", "1981.04", "13800138001", None],
        [4, "四组", "陈梅", "女", "1983.06", "13800138003", None],
    ]
    roster = ods_sheet(people, [(1, 1, 1, 7), (3, 2, 5, 2)], hidden=[4], title="花名册", below_hidden=True)
    path = write_ods(tmp_path / "花名册.ods", example, roster)
    table = load_roster(path)
    assert table.sheet.name == "花名册" and table.sheet.merged == ((0, 0, 0, 6), (2, 1, 4, 1))
    assert table.sheet.hidden_rows == {3} and table.hidden_rows_warning() == ""
    preview = run_import(db, path)
    assert {n: m.group_name for n, m in stored(db).items()} == {
        "王芳": "三组",
        "李红": "三组",
        "陈梅": "四组",
    }
    assert [(r.row_number, r.kind) for r in preview.rows if r.kind == "skipped"] == [(4, "skipped")]
    run_import(db, path, include_hidden=True)
    assert stored(db)["赵敏"].group_name == "三组"
    again = run_import(db, path, include_hidden=True)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)
