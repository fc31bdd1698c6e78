"""首页's quick actions: each opens its tab and starts the entry there, if that tab offers it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fedclient.ui import report_actions

if TYPE_CHECKING:
    from fedclient.ui.main_window import MainWindow

# (button text, tab key, the tab's method that starts the entry, status text if the tab has no such method)
TAB_ACTIONS = (
    ("新增践诺记录", "pledges", "add_progress", "请在承诺页选中一条承诺，再添加践诺记录。"),
    ("登记调解案件", "mediation", "new_case", "请在调解页登记新案件。"),
    ("记录网格服务", "grids", "new_service", "请在网格页记录服务。"),
)
EXPORT_TEXT = "导出上月月报"
# Names the report issue may give the export dialog in fedclient.ui.report_actions, called with the window.
REPORT_FUNCTIONS = ("open_export_dialog", "export_last_month", "show_export_dialog")


def run_tab_action(window: MainWindow, tab_key: str, method: str, fallback_text: str) -> bool:
    """Switch to the tab and call its method; False (and a hint in the status bar) if it has none."""
    window.open_record(tab_key, "", None)
    tab = window.tabs.currentWidget()
    start = getattr(tab, method, None)
    if callable(start):
        start()
        return True
    window.show_message(fallback_text)
    return False


def export_function() -> Callable | None:
    for name in REPORT_FUNCTIONS:
        fn = getattr(report_actions, name, None)
        if callable(fn):
            return fn
    return None


def export_last_month(window: MainWindow) -> bool:
    """The monthly report dialog (its default month is last month), or the 导出 menu's 月报 entry."""
    fn = export_function()
    if fn is not None:
        fn(window)
        return True
    for action in window.export_menu.actions():
        if "月报" in action.text() and action.isEnabled():
            action.trigger()
            return True
    window.show_message("月报导出功能尚未就绪。")
    return False
