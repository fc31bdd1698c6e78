"""首页's quick actions: each opens its tab and starts the entry there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fedclient.ui.monthly_report import actions as report_actions

if TYPE_CHECKING:
    from fedclient.ui.main_window import MainWindow

# (button text, tab key, what starts the entry in that tab)
TAB_ACTIONS: tuple[tuple[str, str, Callable[[Any], object]], ...] = (
    ("新增践诺记录", "pledges", lambda tab: tab.add_progress()),
    ("登记调解案件", "mediation", lambda tab: tab.new_case()),
    ("记录网格服务", "grids", lambda tab: tab.new_service()),
)
EXPORT_TEXT = "导出上月月报"


def run_tab_action(window: MainWindow, tab_key: str, start: Callable[[Any], object]) -> None:
    """Switch to the tab and start the entry there."""
    window.open_record(tab_key, "", None)
    start(window.tabs.currentWidget())


def export_last_month(window: MainWindow) -> bool:
    """The monthly report dialog; its default month is last month."""
    report_actions.open_export_dialog(window)
    return True
