"""网格 → 妇女议事会 on a 1366x768 laptop: the list fits its side (no sideways scrolling; a long 议题 is cut with …
inside its column, the column widest of all), and 共 N 次 keeps apart from the form's heading beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionGroupBox
from sqlalchemy import update

from fedclient.core.models import CouncilMeeting
from fedclient.ui.grids.council_page import TOPIC_COLUMN
from fedclient.ui.grids.tab import GridsTab

LONG_TOPIC = "关于在各村民小组推广“好媳妇好婆婆”评选并建立留守儿童暑期看护轮值制度的议事协商" * 2


def shown_council_page(main_window, qtbot):
    main_window.resize(1366, 740)
    tab = main_window.tab(GridsTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.council_page)
    page = tab.council_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.count_label.text().startswith("共"))
    qtbot.wait(20)
    return page


def test_the_meeting_list_fits_its_side_with_the_topic_cut_inside_its_column(main_window, qtbot, demo_db):
    with demo_db.session() as s:
        s.execute(update(CouncilMeeting).values(topic=LONG_TOPIC))
    page = shown_council_page(main_window, qtbot)
    header = page.table.horizontalHeader()
    assert not page.table.horizontalScrollBar().isVisible()
    assert header.length() <= page.table.viewport().width()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert widths[TOPIC_COLUMN] == max(widths) and widths[TOPIC_COLUMN] >= 250, widths
    # the topic is drawn cut with an ellipsis by the list's delegate: all of its column is on the screen
    assert (
        header.sectionViewportPosition(TOPIC_COLUMN) + widths[TOPIC_COLUMN] <= page.table.viewport().width()
    )
    assert page.table.textElideMode() == Qt.TextElideMode.ElideRight


def test_the_count_keeps_apart_from_the_forms_heading(main_window, qtbot):
    page = shown_council_page(main_window, qtbot)
    label = page.count_label
    count_right = label.mapTo(page, label.rect().topLeft()).x() + label.fontMetrics().horizontalAdvance(
        label.text()
    )
    option = QStyleOptionGroupBox()
    page.box.initStyleOption(option)
    title = page.box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, page.box
    )
    title_left = page.box.mapTo(page, title.topLeft()).x()
    assert title_left - count_right >= 12, (count_right, title_left)
