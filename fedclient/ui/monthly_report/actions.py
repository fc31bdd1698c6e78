"""The monthly report's dialogs, opened from the menus (文件 → 导出 → 导出月报…, 文件 → 乡镇汇总…) and from 首页."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..main_window import MainWindow


def install(window: MainWindow) -> None:
    """Called each time the tabs are (re)built, after the export menu was cleared."""
    action = window.export_menu.addAction("导出月报(&M)…")
    action.triggered.connect(lambda: open_export_dialog(window))


def open_export_dialog(window: MainWindow):
    """导出月报… (also usable from 首页's reminder)."""
    from .export_dialog import ReportDialog

    dialog = ReportDialog(window.ops, window)
    window.report_dialog = dialog
    dialog.open()
    return dialog


def open_consolidate(window: MainWindow):
    from .consolidate_window import ConsolidateWindow

    existing = window.consolidate_window
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ConsolidateWindow(window.ops, window)
    window.consolidate_window = dialog
    dialog.show()
    return dialog


def open_fill_form(window: MainWindow):
    """文件 → 填写乡镇表格…"""
    from .fill_form_dialog import FillFormDialog

    dialog = FillFormDialog(window.ops, window)
    window.fill_form_dialog = dialog
    dialog.show()
    return dialog
