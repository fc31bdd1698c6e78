"""The monthly report's dialogs, opened from the menus (文件 → 导出 → 导出月报…, 文件 → 乡镇汇总…) and from 首页."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..forms import open_dialog

if TYPE_CHECKING:
    from ..main_window import MainWindow


def install(window: MainWindow) -> None:
    """Called each time the tabs are (re)built, after the export menu was cleared."""
    action = window.export_menu.addAction("导出月报(&M)…")
    action.triggered.connect(lambda: open_export_dialog(window))


def open_export_dialog(window: MainWindow):
    """导出月报… (also usable from 首页's reminder)."""
    from .export_dialog import ReportDialog

    return open_dialog(ReportDialog(window.ops, window))


def open_consolidate(window: MainWindow):
    from .consolidate_window import ConsolidateWindow

    existing = [
        w for w in window.findChildren(ConsolidateWindow) if w.isVisible()
    ]  # (a closed one is deleted)
    if existing:
        existing[0].raise_()
        existing[0].activateWindow()
        return existing[0]
    return open_dialog(ConsolidateWindow(window.ops, window), modal=False)


def open_fill_form(window: MainWindow):
    """文件 → 填写乡镇表格…"""
    from .fill_form_dialog import FillFormDialog

    return open_dialog(FillFormDialog(window.ops, window), modal=False)
