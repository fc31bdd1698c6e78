"""The 年度工作 menu: 述职评议 and 志愿积分 (pages of the 承诺 and 成员 tabs) and the 规范化建设自查表, where a
chair looks for her year-end work without crowding the tab bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .self_check_dialog import SelfCheckDialog


def install(window: MainWindow) -> None:
    """Called whenever the tabs are (re)built: the menu is made once, its entries each time."""
    menu: QMenu | None = getattr(window, "year_menu", None)
    if menu is None:
        menu = QMenu("年度工作(&Y)", window)
        window.menuBar().insertMenu(window.settings_menu.menuAction(), menu)
        window.year_menu = menu
    menu.clear()
    menu.addAction("执委述职评议（述职表、民主测评票）…").triggered.connect(lambda: open_review(window))
    menu.addAction("巾帼志愿积分（积分、兑换、积分证）…").triggered.connect(lambda: open_points(window))
    menu.addSeparator()
    menu.addAction("规范化建设自查表…").triggered.connect(lambda: open_self_check(window))


def open_review(window: MainWindow) -> None:
    tab = window.tab_by_key("pledges")
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.review_page)


def open_points(window: MainWindow) -> None:
    tab = window.tab_by_key("members")
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.points)


def open_self_check(window: MainWindow) -> SelfCheckDialog:
    from ..forms import open_dialog
    from .self_check_dialog import SelfCheckDialog

    return open_dialog(SelfCheckDialog(window.ops, window, window.clock.today()))
