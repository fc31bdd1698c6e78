"""填写乡镇表格… in the window: the preview of every cell and its source, assigning an unknown label from the
list (the preview follows), saving the filled copy, and the layout remembered for next time."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox

from fedclient.core.forms import key_label
from fedclient.ui.monthly_report import fill_form_dialog as module
from fedclient.ui.monthly_report.fill_form_dialog import FillFormDialog
from tests import forms_factory as F

TODAY = date(2026, 11, 20)


def column(table, c):
    return [table.item(r, c).text() for r in range(table.rowCount())]


def test_preview_assign_and_save(qtbot, qapp, demo_db, ops, tmp_path, monkeypatch):
    form = F.indicator_form(tmp_path / "乡镇表.xlsx")
    dialog = FillFormDialog(ops, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.open_form(form)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=15000)
    assert "将填写 11 个单元格" in dialog.summary.text()
    assert "D4" in column(dialog.fills, 1)
    assert any(s.startswith("月报“汇总”：执委人数") for s in column(dialog.fills, 4))
    assert column(dialog.unknowns, 2) == ["党员人数"]
    picker: QComboBox = dialog.unknowns.cellWidget(0, 4)
    picker.setCurrentIndex(picker.findText(key_label("指标:帮扶对象数")))
    qtbot.waitUntil(lambda: dialog.task is None and dialog.unknowns.rowCount() == 0, timeout=15000)
    assert "将填写 12 个单元格" in dialog.summary.text()
    assert not dialog.unknowns.isVisible()

    out = tmp_path / "填好"
    offered = []
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(module, "offer_open_folder", lambda *args: offered.append(args[-1]))
    dialog.save()
    qtbot.waitUntil(lambda: bool(offered), timeout=15000)
    assert offered == [tmp_path / "填好.xlsx"]
    assert load_workbook(offered[0]).active["D12"].value is not None

    again = FillFormDialog(ops, today=TODAY)  # next month: the same form is understood at once
    qtbot.addWidget(again)
    again.open_form(F.indicator_form(tmp_path / "十一月的表.xlsx"))
    qtbot.waitUntil(lambda: again.prepared is not None, timeout=15000)
    assert again.unknowns.rowCount() == 0 and "将填写 12 个单元格" in again.summary.text()


def test_unreadable_form_is_said_in_chinese(qtbot, qapp, demo_db, ops, tmp_path, monkeypatch):
    bad = tmp_path / "通知.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    warnings = []
    monkeypatch.setattr(module.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = FillFormDialog(ops, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.open_form(bad)
    qtbot.waitUntil(lambda: bool(warnings), timeout=15000)
    assert "无法打开“通知.xlsx”" in warnings[0]
    assert not dialog.save_button.isEnabled()
