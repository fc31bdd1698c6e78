"""On a 1366x768 laptop the window fits the screen whatever the data: with very long pledges, names and titles,
no tab or page asks for a window wider than the screen, even while its lists fill, and 打印公示栏… stays inside
the window where the chair can click it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QTabWidget
from sqlalchemy import update

from fedclient.core.models import (
    CouncilMeeting,
    Grid,
    Household,
    MediationCase,
    Member,
    Pledge,
    PledgeProgress,
    VillageProfile,
)

SCREEN_WIDTH = 1366
LONG = "组织留守妇女参加电商直播带货技能培训并帮助困难家庭销售农产品" * 6


@pytest.fixture
def long_texts_window(qtbot, qapp, demo_db):
    with demo_db.session() as s:
        s.execute(update(Pledge).values(content=Pledge.content + LONG[:150], standard_text=LONG[:190]))
        s.execute(update(Pledge).values(unit="户次人次户次"))
        s.execute(update(Member).values(name=Member.name + "·阿依古丽·买买提明·热依汗古丽·艾合买提"))
        s.execute(update(PledgeProgress).values(description=LONG))
        s.execute(
            update(Grid).values(name=Grid.name + "桃花江畔幸福里新村二组和三组联合网格片区", area=LONG[:190])
        )
        s.execute(update(Household).values(contact_name=Household.contact_name + "·热依汗古丽·艾合买提"))
        s.execute(update(Household).values(address=LONG[:95]))
        s.execute(update(MediationCase).values(description=LONG))
        s.execute(update(CouncilMeeting).values(topic=LONG[:190]))
        s.execute(update(VillageProfile).values(village="桃花江镇幸福里村妇女联合会（含原新塘村、老屋场村）"))
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, 740)
    window.show()
    return window


def widest_while(qtbot, window, ms: int) -> int:
    """The widest the window asked to be while its pages filled for ``ms`` (looked at every few ms)."""
    widest = [window.minimumSizeHint().width()]
    timer = QTimer()
    timer.timeout.connect(lambda: widest.append(window.minimumSizeHint().width()))
    timer.start(2)
    qtbot.wait(ms)
    timer.stop()
    window.ops.wait_idle()
    qtbot.wait(20)
    widest.append(window.minimumSizeHint().width())
    return max(widest)


def test_every_tab_and_page_fits_a_1366_screen_with_long_texts(qtbot, long_texts_window):
    window = long_texts_window
    asked = {}
    for tab in window.all_tabs():
        window.select_tab(tab.title)
        asked[tab.title] = widest_while(qtbot, window, 300)
        for pages in tab.findChildren(QTabWidget):
            for i in range(pages.count()):
                pages.setCurrentIndex(i)
                asked[f"{tab.title}/{pages.tabText(i)}"] = widest_while(qtbot, window, 150)
    assert "承诺/承诺与践诺" in asked and "网格/住户" in asked  # the pages inside the tabs were opened too
    too_wide = {page: width for page, width in asked.items() if width > SCREEN_WIDTH}
    assert too_wide == {}
    assert window.width() <= SCREEN_WIDTH


def test_the_board_button_stays_inside_the_window_on_the_pledge_tab(qtbot, long_texts_window):
    window = long_texts_window
    window.select_tab("承诺")
    pledges = next(tab for tab in window.all_tabs() if tab.title == "承诺")
    list_page = pledges.list_page
    assert widest_while(qtbot, window, 400) <= SCREEN_WIDTH
    # filled, the long text shown
    assert list_page.model.rowCount() > 0 and LONG[:20] in list_page.detail.title.toolTip()
    button = list_page.board_button
    right = button.mapTo(window, QPoint(button.width(), button.height())).x()
    assert button.isVisible() and right <= window.width() <= SCREEN_WIDTH
    detail = list_page.detail
    assert detail.mapTo(window, QPoint(detail.width(), 0)).x() <= window.width()
    # A search that finds nothing empties the detail (its add row shows both 数量 and 本次完成该事项): still fits.
    with qtbot.waitSignal(list_page.list_shown, timeout=10000):
        list_page.search.setText("查无此人")
    assert list_page.model.rowCount() == 0 and "共" in list_page.summary.text()
    assert widest_while(qtbot, window, 100) <= SCREEN_WIDTH
    assert button.mapTo(window, QPoint(button.width(), 0)).x() <= window.width() <= SCREEN_WIDTH


def test_a_long_pledge_leaves_its_records_room_on_a_1366x768_screen(qtbot, long_texts_window):
    """A 160-character pledge with a 190-character standard: the detail's title and facts take two lines each
    (cut with …, the whole text in their tooltips), and the 践诺记录 list still shows three records at once in a
    window as tall as a 768 screen leaves (it showed one before)."""
    from tests.test_window_height import USABLE_HEIGHT

    window = long_texts_window
    window.resize(SCREEN_WIDTH, USABLE_HEIGHT)
    window.select_tab("承诺")
    page = next(tab for tab in window.all_tabs() if tab.title == "承诺").list_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.detail.detail is not None)
    window.ops.wait_idle()
    qtbot.wait(50)
    detail = page.detail
    pledge = detail.detail.pledge
    assert len(pledge.content) > 150 and detail.entries.rowCount() >= 3
    title = detail.title
    assert title.text().startswith(pledge.member_name) and title.text().endswith("…")
    assert len(title.text().split("\n")) == 2 and title.height() < 3 * title.fontMetrics().lineSpacing()
    assert title.toolTip() == f"{pledge.member_name}（{pledge.role}）：{pledge.content}"
    facts = detail.facts
    assert f"完成时限：{pledge.deadline:%Y-%m-%d}" in facts.text() and facts.text().endswith("…")
    assert len(facts.text().split("\n")) == 2 and pledge.standard in facts.toolTip()
    rows = detail.entries
    assert rows.viewport().height() >= 3 * rows.verticalHeader().defaultSectionSize()
    assert window.height() <= USABLE_HEIGHT and window.minimumSizeHint().width() <= SCREEN_WIDTH
    # A short title is shown whole on one line, without a tooltip.
    title.setText("李淑华（主席）：帮助10名妇女通过电商销售农产品")
    assert title.text() == "李淑华（主席）：帮助10名妇女通过电商销售农产品" and title.toolTip() == ""
    assert title.heightForWidth(title.width()) < 2 * title.fontMetrics().lineSpacing()
