"""The 导出月报 dialog, the 乡镇汇总 window and their menu entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

import fedclient.ui.monthly_report.consolidate_window as consolidate_window
import fedclient.ui.monthly_report.export_dialog as report_dialog
from fedclient.core.monthly_report.export import export_month
from fedclient.core.paths import documents_dir
from fedclient.ui.monthly_report import actions as report_actions
from fedclient.ui.monthly_report.consolidate_window import ConsolidateWindow
from fedclient.ui.monthly_report.export_dialog import ReportDialog

TODAY = date(2026, 11, 25)


def test_dialog_defaults(qtbot, qapp, demo_db, ops):
    from PySide6.QtCore import QSettings

    QSettings().remove(report_dialog.FOLDER_KEY)  # a folder an earlier export in this process remembered
    dialog = ReportDialog(ops, today=TODAY)
    qtbot.addWidget(dialog)
    assert (dialog.month.date().year(), dialog.month.date().month()) == (2026, 10)
    assert dialog.mask.isChecked()
    assert dialog.target() == documents_dir() / "合口镇杉板村妇联月报_2026年10月.xlsx"
    assert "尚未导出" in dialog.note.text()
    dialog.month.setDate(dialog.month.date().addMonths(-1))
    assert dialog.target().name == "合口镇杉板村妇联月报_2026年09月.xlsx"
    dialog.path.setText("/somewhere/我的月报.xlsx")
    dialog.month.setDate(dialog.month.date().addMonths(-1))
    assert dialog.target() == Path("/somewhere/我的月报.xlsx")  # a name she typed is kept


def test_dialog_exports_off_the_gui_thread_and_offers_the_folder(
    qtbot, qapp, demo_db, ops, tmp_path, monkeypatch
):
    offered = []
    monkeypatch.setattr(report_dialog, "offer_open_folder", lambda *args, **_: offered.append(args[-1]))
    dialog = ReportDialog(ops, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "月报"))
    dialog.mask.setChecked(False)
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    out = tmp_path / "月报.xlsx"
    assert offered == [out] and out.exists()
    assert load_workbook(out).sheetnames[0] == "汇总"
    again = ReportDialog(ops, today=TODAY)
    qtbot.addWidget(again)
    assert "已于" in again.note.text()


def test_dialog_asks_before_replacing_a_file(qtbot, qapp, demo_db, ops, tmp_path, monkeypatch):
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = ReportDialog(ops, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(out))
    dialog.export()
    assert dialog.task is None and out.read_bytes() == b"old"


def test_menu_entries_survive_a_rebuild(main_window, monkeypatch):
    file_menu = main_window.export_menu.parentWidget()
    texts = lambda menu: [a.text() for a in menu.actions()]  # noqa: E731
    assert "导出月报(&M)…" in texts(main_window.export_menu)
    assert texts(file_menu).count("乡镇汇总(&T)…") == 1
    main_window.set_database(main_window.db)
    assert texts(main_window.export_menu).count("导出月报(&M)…") == 1
    assert texts(file_menu).count("乡镇汇总(&T)…") == 1
    dialog = report_actions.open_export_dialog(main_window)
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    dialog.reject()
    window = report_actions.open_consolidate(main_window)
    assert isinstance(window, ConsolidateWindow) and report_actions.open_consolidate(main_window) is window
    window.close()


def test_consolidate_window_lists_refused_files(qtbot, qapp, demo_db, ops, tmp_path, monkeypatch):
    monkeypatch.setattr(consolidate_window, "offer_open_folder", lambda *args: None)
    october = export_month(demo_db, 2026, 10, tmp_path / "a.xlsx").path
    september = export_month(demo_db, 2026, 9, tmp_path / "b.xlsx").path
    window = ConsolidateWindow(ops, today=TODAY)
    qtbot.addWidget(window)
    assert not window.start.isEnabled()
    window.add_paths([october, september, october, tmp_path / "notes.txt"])
    assert window.files.count() == 2 and window.start.isEnabled()
    assert Path(window.out.text()).name == "合口镇妇联月报汇总_2026年10月.xlsx"
    window.out.setText(str(tmp_path / "town.xlsx"))
    window.run()
    qtbot.waitUntil(lambda: window.result is not None, timeout=15000)
    assert "已汇总 1 个村" in window.summary.text()
    assert window.problems.rowCount() == 1 and "2026-09" in window.problems.item(0, 1).text()
    assert (tmp_path / "town.xlsx").exists()
