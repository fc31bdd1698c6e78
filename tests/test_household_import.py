"""Importing households from the spreadsheets villages keep: a title row above the header, the chair's own
column names, 3.0 for a number, a grid given as "2号", unknown tags, repeated rows and bad phones."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtWidgets import QMessageBox

from fedclient.core import grids
from fedclient.core.grids.household_import import (
    apply_household_import,
    load_households,
    parse_tags,
    plan_household_import,
)


def write_sheet(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["杉板村住户花名册（2026年）"])
    ws.append(["序号", "户主姓名", "家庭住址", "家庭人口", "特殊情况", "手机号码", "网格", "备注"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    [1, "王秀英", "3组12号", 3.0, "留守", 13812345678.0, "1号", ""],
    [2, "刘桂兰", "3组13号", "4人", "困难户、独居", "", "二组片", "低保户"],
    [3, "陈小梅", "3组14号", 2, "打工", "12345", "1", ""],  # bad phone: refused
    [4, "王秀英", "3组12号", 3, "", "", "1", ""],  # same as row 1: duplicate
    [5, "赵春花", "9组1号", "", "", "", "7号网格", ""],  # no such grid: imported in no grid
    [6, "张丽", "2组8号", 2, "外来", "", "", ""],  # unknown tag -> 其他
    [None, None, None, None, None, None, None, None],
    ["合计", "", "", 14, "", "", "", ""],
]


def make_grids(db):
    with db.session() as s:
        a = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        b = grids.save_grid(s, grids.GridData(number=2, name="二组片")).id
        grids.save_household(s, grids.HouseholdData(contact_name="张丽", address="2组8号", size=5, grid_id=a))
    return a, b


def test_tags_are_read_leniently():
    assert parse_tags("困难户、独居") == (["困境", "独居老人"], [])
    assert parse_tags("留守 残疾") == (["留守", "残疾"], [])
    tags, warnings = parse_tags("外来")
    assert tags == ["其他"] and "外来" in warnings[0]


def test_plan_and_apply_households(db, tmp_path):
    a, b = make_grids(db)
    table = load_households(write_sheet(tmp_path / "住户.xlsx", ROWS))
    assert table.header_row == 1, "the title row above the header is skipped"
    preview = db.run(plan_household_import, table)
    kinds = {r.row_number: r.kind for r in preview.rows}
    assert kinds == {3: "new", 4: "new", 5: "refused", 6: "duplicate", 7: "new", 8: "update", 10: "skipped"}
    by_row = {r.row_number: r for r in preview.rows}
    assert any("电话" in p for p in by_row[5].problems)
    assert "第3行" in by_row[6].problems[0]
    assert "没有网格“7号网格”" in by_row[7].note
    assert "人数：5 → 2" in by_row[8].changes and "标签：（空） → 其他" in by_row[8].changes
    result = db.run(apply_household_import, preview)
    assert (result.added, result.updated) == (3, 1)
    with db.session() as s:
        stored = {h.contact_name: h for h in grids.list_households(s, grids.HouseholdFilter())}
    assert (stored["王秀英"].phone, stored["王秀英"].size, stored["王秀英"].grid_id) == ("13812345678", 3, a)
    assert (stored["刘桂兰"].tags, stored["刘桂兰"].size, stored["刘桂兰"].grid_id) == (
        ["困境", "独居老人"],
        4,
        b,
    )
    assert stored["赵春花"].grid_id is None and stored["赵春花"].size == 1
    assert "陈小梅" not in stored
    assert (stored["张丽"].size, stored["张丽"].grid_id) == (2, None), "the file said no grid"


def test_import_is_one_transaction(db, tmp_path, monkeypatch):
    make_grids(db)
    preview = db.run(plan_household_import, load_households(write_sheet(tmp_path / "h.xlsx", ROWS)))

    def failing(session, households):  # the first household written, then the disk is full
        grids.add_households(session, households[:1])
        raise RuntimeError("disk full")

    monkeypatch.setattr("fedclient.core.grids.household_import.add_households", failing)
    try:
        db.run(apply_household_import, preview)
    except RuntimeError:
        pass
    assert db.run(grids.count_households, grids.HouseholdFilter()) == 1, "nothing half-written"


def test_import_dialog_from_the_household_page(qtbot, qapp, db, ops, tmp_path, monkeypatch):
    from fedclient.ui.grids.tab import GridsTab

    make_grids(db)
    tab = GridsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.household_page)  # as 导入住户… does
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog = tab.household_page.import_from_file(str(write_sheet(tmp_path / "住户.xlsx", ROWS)))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.import_button.text() == "导入 4 户"
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.do_import()
    ops.wait_idle()
    assert db.run(grids.count_households, grids.HouseholdFilter()) == 4
    assert tab.household_page.model.rowCount() == 4, "the list shows the imported households"


def test_the_import_button_on_the_household_page_asks_for_a_file_and_opens_the_preview(
    qtbot, qapp, db, ops, tmp_path, monkeypatch
):
    """Clicking 从表格导入… (not calling the method): the button's click must reach the file chooser."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from fedclient.ui.grids.tab import GridsTab

    make_grids(db)
    sheet = str(write_sheet(tmp_path / "住户.xlsx", ROWS))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append(a[1]) or sheet, ""))
    tab = GridsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.household_page)
    qtbot.mouseClick(tab.household_page.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["选择住户表格"]
    dialog = tab.household_page.import_dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.isVisible() and dialog.import_button.text() == "导入 4 户"
    dialog.reject()
    ops.wait_idle()
