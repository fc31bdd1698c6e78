"""Menu entries of the monthly report (文件 → 导出 → 导出月报…) and the township consolidation (文件 → 乡镇汇总…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ..main_window import MainWindow


def install(window: MainWindow) -> None:
    """Called each time the tabs are (re)built; the export menu is cleared then, the 文件 menu is not."""
    action = window.export_menu.addAction("导出月报(&M)…")
    action.triggered.connect(lambda: open_export_dialog(window))
    if getattr(window, "consolidate_action", None) is None:
        window.consolidate_action = _add_to_file_menu(
            window, "乡镇汇总(&T)…", lambda: open_consolidate(window)
        )


def _add_to_file_menu(window: MainWindow, text: str, slot) -> QAction:
    """Right after the 导出/导入 submenus of the 文件 menu."""
    file_menu: QMenu = window.export_menu.parentWidget()
    action = QAction(text, window)
    action.triggered.connect(slot)
    actions = file_menu.actions()
    anchor = window.import_menu.menuAction()
    after = actions.index(anchor) + 1 if anchor in actions else len(actions)
    if after < len(actions):
        file_menu.insertAction(actions[after], action)
    else:
        file_menu.addAction(action)
    return action


def open_export_dialog(window: MainWindow):
    """导出月报… (also usable from 首页's reminder)."""
    from .export_dialog import ReportDialog

    dialog = ReportDialog(window.ops, window)
    window.report_dialog = dialog
    dialog.open()
    return dialog


def open_consolidate(window: MainWindow):
    from .consolidate_window import ConsolidateWindow

    existing = getattr(window, "consolidate_window", None)
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ConsolidateWindow(window.ops, window)
    window.consolidate_window = dialog
    dialog.show()
    return dialog
