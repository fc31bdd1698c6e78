"""Which sheet is read when a workbook holds more than one roster (issue 14's leftovers): two sheets about as
full of people are never read silently (the chair is told and picks, in the dialog or with --sheet); a statistics
sheet listing the same people never wins; a header on two rows is found on a sheet the chair switches to."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fedclient.cli import main as cli
from fedclient.core.members import count_members
from fedclient.core.members.roster_import import load_roster
from fedclient.ui.members.roster_page import RosterPage
from fedclient.ui.members.transfer import import_roster

from .test_import_real_files import HEADER, run_import, stored, xlsx

LAST_YEAR = [HEADER, *[[i, n, "女", "1980.01", "执委"] for i, n in enumerate(["王芳", "李红", "张丽"], 1)]]
THIS_YEAR = [HEADER, *[[i, n, "女", "1981.02", "执委"] for i, n in enumerate(["陈梅", "刘英", "赵敏"], 1)]]


@pytest.fixture
def page(qtbot, qapp, db, ops):
    view = RosterPage(ops)
    qtbot.addWidget(view)
    view.show()
    ops.wait_idle()
    return view


def test_two_rosters_as_full_as_each_other_are_not_read_silently(db, tmp_path, capsys):
    path = xlsx(tmp_path / "r.xlsx", THIS_YEAR, title="2025年", sheets=[("2024年", LAST_YEAR)])
    table = load_roster(path)
    assert table.sheet.name == "2024年"
    assert table.doubt == (
        "工作表 “2025年”（3 行像人员） 和读取的“2024年”（3 行像人员）差不多，都像人员名单：请确认要导入的是哪一个工作表"
    )
    db_path = str(tmp_path / "d.sqlite")
    assert cli(["import-roster", str(path), "--db", db_path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "注意：工作表 “2025年”（3 行像人员） 和读取的“2024年”" in out and "--sheet" in out
    assert cli(["import-roster", str(path), "--db", db_path, "--sheet", "2025年"]) == 0
    out = capsys.readouterr().out
    assert "已导入（新增）：3 人" in out and "差不多" not in out
    assert load_roster(path, sheet="2025年").doubt == ""


def test_a_roster_much_fuller_than_another_sheet_is_read_without_a_doubt(db, tmp_path):
    few = [HEADER, [1, "孙丽", "女", "1980.01", "执委"]]
    path = xlsx(tmp_path / "r.xlsx", THIS_YEAR, title="巾帼志愿者", sheets=[("执委", few)])
    table = load_roster(path)
    assert table.sheet.name == "巾帼志愿者" and table.doubt == ""
    assert "“执委”（1 行像人员）" in table.sheet_summary()


def test_a_statistics_sheet_listing_the_same_people_does_not_win(db, tmp_path):
    statistics = [["姓名", "参加活动次数", "积分"], *[[n, 3, 30] for n in ["陈梅", "刘英", "赵敏"]]]
    path = xlsx(tmp_path / "r.xlsx", THIS_YEAR, title="花名册", sheets=[("积分统计", statistics)])
    table = load_roster(path)
    assert table.sheet.name == "花名册" and table.doubt == ""
    assert "“积分统计”（统计或汇总，3 行像人员）" in table.sheet_summary()
    preview = run_import(db, path)
    assert preview.count("new") == 3
    assert {n: m.birth_date.isoformat() for n, m in stored(db).items()} == dict.fromkeys(
        ["陈梅", "刘英", "赵敏"], "1981-02-01"
    )


def test_the_dialog_says_which_sheet_was_read_and_reads_the_one_the_chair_picks(
    qtbot, monkeypatch, page, db, ops, tmp_path
):
    two_rows = [
        ["2025年执委名册"],
        ["序号", "基本情况", None, None, "联系方式"],
        [None, "姓名", "性别", "出生年月", "手机"],
        *[[i, n, "女", "1981.02", f"1380013800{i}"] for i, n in enumerate(["陈梅", "刘英", "赵敏"], 1)],
    ]
    path = xlsx(tmp_path / "r.xlsx", two_rows, title="2025年", sheets=[("2024年", LAST_YEAR)])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = import_roster(page, ops, str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=10000)
    assert dialog.sheet_combo.currentText() == "2024年（3 行像人员）"
    assert not dialog.hidden_note.isHidden()
    assert "“2025年”（3 行像人员）" in dialog.hidden_note.text() and "换" in dialog.hidden_note.text()
    dialog.sheet_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: shown_names(dialog) == {"陈梅", "刘英", "赵敏"}, timeout=10000)
    assert dialog.header_spin.value() == 3 and dialog.import_button.text() == "导入 3 人"
    assert dialog.hidden_note.isHidden()
    dialog.do_import()
    qtbot.waitUntil(lambda: db.run(count_members) == 3, timeout=10000)
    assert stored(db)["陈梅"].phone == "13800138001"


def shown_names(dialog) -> set[str]:
    model = dialog.model
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "姓名"
    )
    return {model.data(model.index(r, column)) for r in range(model.rowCount())}
