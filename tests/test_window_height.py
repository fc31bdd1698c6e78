"""On a 1366x768 laptop the window fits the screen's height too: no tab or page asks for a window taller than
what is left of 768 px under Windows' task bar (40 px) and the window's title bar (31 px), so the status bar
(the last backup) and a form's buttons stay on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTabWidget

USABLE_HEIGHT = 768 - 40 - 31


def test_every_tab_and_page_fits_under_a_768_screens_task_bar(qtbot, main_window):
    window = main_window
    window.resize(1300, 600)
    asked = {}
    for tab in window.all_tabs():
        window.select_tab(tab.title)
        qtbot.wait(50)
        window.ops.wait_idle()
        asked[tab.title] = window.minimumSizeHint().height()
        for pages in tab.findChildren(QTabWidget):
            for i in range(pages.count()):
                pages.setCurrentIndex(i)
                qtbot.wait(20)
                window.ops.wait_idle()
                asked[f"{tab.title}/{pages.tabText(i)}"] = window.minimumSizeHint().height()
    assert "网格/妇女议事会" in asked and "首页" in asked  # the pages inside the tabs were opened too
    too_tall = {page: height for page, height in asked.items() if height > USABLE_HEIGHT}
    assert too_tall == {}
    assert window.height() <= USABLE_HEIGHT


def test_the_meeting_form_scrolls_instead_of_being_cut_off(qtbot, ops):
    from fedclient.ui.grids.council_page import CouncilPage

    page = CouncilPage(ops)
    qtbot.addWidget(page)
    page.resize(1000, 380)
    page.show()
    area = page.sections.widget(0)
    assert isinstance(area, QScrollArea) and area.widget().isAncestorOf(page.f_follow_up)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)  # taller than the page: it scrolls
    area.ensureWidgetVisible(page.f_follow_up)
    assert area.verticalScrollBar().value() > 0
    page.resize(1000, 800)  # room enough: the whole form, nothing to scroll
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
