"""首页's quick actions: each opens its tab and starts the entry there, if that tab offers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fedclient.ui.monthly_report import actions as report_actions

if TYPE_CHECKING:
    from fedclient.ui.main_window import MainWindow

# (button text, tab key, the tab's method that starts the entry, status text if the tab has no such method)
TAB_ACTIONS = (
    ("新增践诺记录", "pledges", "add_progress", "请在承诺页选中一条承诺，再添加践诺记录。"),
    ("登记调解案件", "mediation", "new_case", "请在调解页登记新案件。"),
    ("记录网格服务", "grids", "new_service", "请在网格页记录服务。"),
)
EXPORT_TEXT = "导出上月月报"


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


def export_last_month(window: MainWindow) -> bool:
    """The monthly report dialog; its default month is last month."""
    report_actions.open_export_dialog(window)
    return True
