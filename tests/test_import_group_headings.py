"""Group heading rows: a row "一组" (第一组, 一组（12人）, 二组:) above the group's people, often merged across the
table, with no 所在组 column: each person under it is in that group until the next heading, in the roster and
household imports; the heading row is neither a person nor a row reported; a 所在组 column, when filled, wins."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from fedclient.core import grids
from fedclient.core.grids.household_import import (
    apply_household_import,
    load_households,
    plan_household_import,
)
from fedclient.core.members.roster_import import load_roster, plan_roster_import
from fedclient.core.models import Household
from fedclient.core.tabular import save_problem_rows
from fedclient.core.tabular.groups import heading_group

from .ods_files import roster_ods
from .test_import_merged_cells import roster_xlsx
from .test_import_real_files import run_import, stored

HEADER = ["序号", "姓名", "性别", "出生年月", "联系电话", "备注"]
ROWS = [
    HEADER,
    ["一组"],  # merged across the table
    [1, "王芳", "女", "1980.03", "13800138000", None],
    [2, "李红", "女", "1981.04", "13800138001", None],
    ["第二组（2人）"],
    [3, "张丽", "女", "1982.05", "13800138002", None],
    [4, "陈梅", "女", "1983.06", "13800138003", "以下为一组"],
    ["三组:"],
    [5, "刘英", "女", "1984.07", "13800138004", None],
    ["合计", "5人"],
]
MERGES = [(1, 1, 1, 6), (3, 1, 3, 6), (6, 1, 6, 6), (9, 1, 9, 6)]  # the title and the three headings
GROUPS = {"王芳": "一组", "李红": "一组", "张丽": "第二组", "陈梅": "第二组", "刘英": "三组"}


def _again_changes_nothing(db, path):
    again = run_import(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


@pytest.mark.parametrize("write", [roster_xlsx, roster_ods], ids=["xlsx", "ods"])
def test_a_heading_row_gives_its_group_to_the_people_under_it(db, tmp_path, write):
    path = write(tmp_path / f"花名册.{write.__name__[-4:]}", ROWS, MERGES)
    preview = run_import(db, path)
    assert {n: m.group_name for n, m in stored(db).items()} == GROUPS
    # each heading is listed as skipped, saying what it gave; the 合计 row too
    skipped = {r.row_number: r.problems[0] for r in preview.rows if r.kind == "skipped"}
    assert skipped[3] == "分组标题行，不是人员：下面各行的所在组为“一组”"
    assert sorted(skipped) == [3, 6, 9, 11] and "第二组" in skipped[6] and "合计" in skipped[11]
    assert preview.count("new") == 5 and not preview.count("refused")
    assert not preview.warning_rows()
    assert preview.notes == ["所在组取自表中的分组标题行（第 3 行“一组”、第 6 行“第二组”、第 9 行“三组”）"]
    _again_changes_nothing(db, path)


def test_a_group_column_wins_and_a_heading_that_disagrees_is_warned(db, tmp_path):
    rows = [
        ["序号", "所在组", "姓名", "性别", "联系电话"],
        ["一组"],
        [1, "1组", "王芳", "女", "13800138000"],
        [2, "二组", "李红", "女", "13800138001"],  # the heading above says 一组
        [3, None, "张丽", "女", "13800138002"],  # empty: the heading's group
    ]
    path = roster_xlsx(tmp_path / "花名册.xlsx", rows, [(1, 1, 1, 5), (3, 1, 3, 5)])
    preview = run_import(db, path)
    assert {n: m.group_name for n, m in stored(db).items()} == {"王芳": "1组", "李红": "二组", "张丽": "一组"}
    warned = {r.row_number: r.warnings for r in preview.warning_rows()}
    assert warned == {5: ["所在组“二组”与上方第 3 行的分组标题“一组”不一致，按“二组”导入，请核对"]}
    assert preview.notes == ["所在组按“所在组”列导入，该列空着的 1 行取自上方的分组标题行（第 3 行“一组”）"]
    _again_changes_nothing(db, path)


def test_people_totals_and_notes_are_not_taken_for_headings():
    for text in (
        "一组",
        "第一组",
        "一组（12人）",
        "二组:",
        "二组：",
        "第3组",
        "十二村民小组",
        "东风组",
        "一组 共12人",
    ):
        assert heading_group([text, None, ""]), text
    for text in (
        "领导小组",
        "执委组",
        "一组小计",
        "小计：12人",
        "合计",
        "以下为一组",
        "王芳",
        "本组",
        "说明：按组填写",
    ):
        assert heading_group([text]) == "", text
    assert heading_group([1, "一组", "女"]) == ""  # a row with more in it is a person's (or nobody's)


def test_a_heading_of_another_kind_ends_the_group_above_it(db, tmp_path):
    rows = [
        HEADER,
        ["执委"],
        ["一组"],
        [1, "王芳", "女", "1980.03", "13800138000"],
        ["巾帼志愿者"],  # a section of the table, not a group: 张丽's group is not 一组
        [2, "张丽", "女", "1982.05", "13800138002"],
        [None, "李红"],  # a person with only her name: still in no group, not a heading
    ]
    path = roster_xlsx(tmp_path / "r.xlsx", rows, [(1, 1, 1, 6)])
    run_import(db, path)
    assert {n: m.group_name for n, m in stored(db).items()} == {"王芳": "一组", "张丽": "", "李红": ""}


def test_a_row_under_a_heading_saved_to_correct_keeps_its_group(db, tmp_path):
    rows = [HEADER, ["二组"], [1, "王芳", "女", "1981.02.30", "13800138000"]]
    path = roster_xlsx(tmp_path / "r.xlsx", rows, [(1, 1, 1, 6), (3, 1, 3, 6)])
    table = load_roster(path)
    preview = db.run(plan_roster_import, table)
    assert save_problem_rows(table, preview.rows, tmp_path / "未导入.xlsx") == 1
    saved = list(openpyxl.load_workbook(tmp_path / "未导入.xlsx").active.iter_rows(values_only=True))
    assert (
        saved[0][-2:] == ("所在组", "未导入原因") and saved[1][:2] == (1, "王芳") and saved[1][-2] == "二组"
    )


def _households(db, path):
    table = load_households(path)
    preview = db.run(plan_household_import, table)
    db.run(apply_household_import, preview)
    return preview


def _stored_households(db):
    with db.session() as s:
        return sorted((h.contact_name, h.address) for h in s.scalars(select(Household)))


def test_households_under_group_headings_keep_their_group_in_the_address(db, tmp_path):
    rows = [
        ["序号", "户主姓名", "门牌号", "家庭人口", "联系电话"],
        ["一组（2户）"],
        [1, "王秀英", "12号", 3, "13812345678"],
        [2, "刘桂兰", "一组13号", 4, None],
        ["二组"],
        [3, "王秀英", "12号", 2, None],  # the same name and 门牌 in another group: another household
        [4, "赵春花", "3组5号", 1, None],  # her address names another group: warned, kept
    ]
    path = roster_xlsx(tmp_path / "住户.xlsx", rows, [(1, 1, 1, 5), (3, 1, 3, 5), (6, 1, 6, 5)])
    with db.session() as s:  # imported before the headings were read: her address without its group
        grids.save_household(s, grids.HouseholdData(contact_name="王秀英", address="12号", size=3))
    preview = _households(db, path)
    kinds = [(r.row_number, r.kind) for r in preview.rows]
    assert kinds == [(3, "skipped"), (4, "update"), (5, "new"), (6, "skipped"), (7, "new"), (8, "new")]
    assert preview.rows[1].changes[0] == "住址：12号 → 一组12号"
    assert preview.rows[5].warnings == ["住址“3组5号”写的是3组，与所在组“二组”不一致，按住址导入，请核对"]
    assert _stored_households(db) == [
        ("刘桂兰", "一组13号"),
        ("王秀英", "一组12号"),
        ("王秀英", "二组12号"),
        ("赵春花", "3组5号"),
    ]
    assert preview.notes[0].startswith("所在组取自表中的分组标题行（第 3 行“一组”")
    again = _households(db, path)
    assert (again.count("new"), again.count("update"), len(again.warning_rows())) == (0, 0, 0)


def test_the_preview_shows_the_group_each_person_takes_from_the_heading(
    qtbot, monkeypatch, db, ops, tmp_path
):
    from fedclient.ui.import_dialog import ImportDialog
    from fedclient.ui.members.transfer import roster_importer

    dialog = ImportDialog(None, roster_importer(ops))
    qtbot.addWidget(dialog)
    dialog.load(str(roster_xlsx(tmp_path / "花名册.xlsx", ROWS, MERGES)))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=10000)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("所在组")  # not a column of the sheet: read from the headings
    shown = {
        model.data(model.index(r, headers.index("姓名"))): model.data(model.index(r, column))
        for r in range(model.rowCount())
    }
    assert {name: shown[name] for name in GROUPS} == GROUPS
    assert "所在组取自表中的分组标题行（第 3 行“一组”" in dialog.summary.text()
