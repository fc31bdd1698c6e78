"""A click on a column's header sorts the whole list by that column, a second click the other way, with the arrow
shown; what the chair then reads down the column is in that order, on every page of a list read a page at a
time. Names go by pinyin as in the roster; empty cells come first going up and last going down. The order chosen
stays when the list is read again (after a save); a column that is not sorted leaves order and arrow alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from fedclient.core import grids
from fedclient.core.members import MemberData, save_member
from fedclient.core.members.helped import HelpedData, save_helped
from fedclient.core.pinyin import initials_index
from fedclient.core.pledges.service import PledgeInput, add_entry, save_pledge
from fedclient.ui.id_list_model import PAGE_SIZE

SURNAMES = "张王李赵刘陈杨黄周吴安白"
GIVEN = ("秀兰", "丽", "红梅", "桂英", "小红", "玉", "春花", "建芳", "美")
NAMES = [s + g for g in GIVEN for s in SURNAMES]  # 108 different names: more than two pages
UP, DOWN = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
TODAY = date(2026, 6, 1)


def click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def sort_by(qtbot, page, table, column: int, order: Qt.SortOrder) -> None:
    """Clicks the header until it sorts ``column`` in ``order`` (one click, or two for the other way)."""
    header = table.horizontalHeader()
    for _ in range(2):
        click_header(qtbot, table, column)
        page.ops.wait_idle()
        if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == order:
            return
    raise AssertionError(f"column {column} did not sort {order}")


def shown(table, column: int) -> list[str]:
    """What the chair reads down a column, every row (a list read by pages reads them as she scrolls)."""
    model = table.model()
    return [model.index(row, column).data() or "" for row in range(model.rowCount())]


def in_order(values: list, key, descending: bool) -> bool:
    """Sorted by ``key`` with the empty values ("" or "—") first going up, last going down."""
    blank = [v in ("", "—", "无记录", "（未安排）") for v in values]
    if descending:
        blank = [not b for b in blank]
    if blank != sorted(blank, reverse=True):
        return False
    keys = [key(v) for v in values if v not in ("", "—", "无记录", "（未安排）")]
    return keys == sorted(keys, reverse=descending)


def page_up(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.ops.wait_idle()
    return page


@pytest.fixture
def members(db) -> dict[str, int]:
    with db.session() as s:
        return {
            name: save_member(s, MemberData(name=name, role="executive_member"), date(2026, 1, 5))
            for name in NAMES[:40]
        }


def test_the_helped_list_sorts_by_a_clicked_header_over_all_its_pages(qtbot, db, ops, members):
    from fedclient.ui.members.helped_page import HelpedPage

    helpers = list(members.values())
    with db.session() as s:
        for i, name in enumerate(NAMES):
            start = None if i % 7 == 0 else date(2025, 1, 1) + timedelta(days=(i * 37) % 300)
            save_helped(s, HelpedData(name=name, start_date=start, helper_ids=helpers[: i % 4]), TODAY)
    page = page_up(qtbot, HelpedPage(ops))
    assert page.model.rowCount() == len(NAMES) > 2 * PAGE_SIZE
    sort_by(qtbot, page, page.table, 0, UP)  # 姓名: by pinyin, as the roster
    names = shown(page.table, 0)
    assert names[0] == "安春花" and in_order(names, initials_index, False)
    assert names.index("白丽") < names.index("陈丽") < names.index("张丽")
    sort_by(qtbot, page, page.table, 0, DOWN)
    assert in_order(shown(page.table, 0), initials_index, True) and shown(page.table, 0)[-1] == "安春花"

    sort_by(qtbot, page, page.table, 4, UP)  # 开始帮扶: those without a date first
    starts = shown(page.table, 4)
    assert starts[0] == "" and starts[-1] != "" and in_order(starts, str, False)
    sort_by(qtbot, page, page.table, 4, DOWN)
    assert shown(page.table, 4)[-1] == "" and in_order(shown(page.table, 4), str, True)

    sort_by(qtbot, page, page.table, 6, DOWN)  # 帮扶人数: by the count
    counts = shown(page.table, 6)
    assert counts[0] == "3/3" and counts[-1] == "0/3" and in_order(counts, str, True)

    before = shown(page.table, 0)
    click_header(qtbot, page.table, 7)  # 帮扶人: not sorted, the arrow stays on 帮扶人数
    ops.wait_idle()
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (6, DOWN)
    assert shown(page.table, 0) == before

    with db.session() as s:
        save_helped(s, HelpedData(name="钱多多", helper_ids=helpers[:3]), TODAY)
    page.reload()  # read again after a save: still by 帮扶人数, 3 first
    ops.wait_idle()
    assert page.model.rowCount() == len(NAMES) + 1 and in_order(shown(page.table, 6), str, True)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (6, DOWN)


def test_the_pledge_list_sorts_by_name_deadline_progress_and_status(qtbot, db, ops, members):
    from fedclient.ui.pledges.list_page import PledgeListPage

    with db.session() as s:
        for i, member_id in enumerate(members.values()):
            for j in range(3):
                deadline = date(2026, 3 + (i + j) % 10, 1 + (i * 3 + j) % 28)
                pledge = PledgeInput(member_id, 2026, f"承诺{i}-{j}", target=4, deadline=deadline)
                pledge_id = save_pledge(s, pledge)
                for k in range((i + j) % 5):
                    add_entry(s, pledge_id, date(2026, 2, 1 + k), 1)
    page = page_up(qtbot, PledgeListPage(ops, today=TODAY))
    assert page.model.rowCount() == 120 > 2 * PAGE_SIZE
    sort_by(qtbot, page, page.table, 0, UP)  # 姓名
    assert in_order(shown(page.table, 0), initials_index, False)
    sort_by(qtbot, page, page.table, 3, UP)  # 完成时限
    assert in_order(shown(page.table, 3), str, False)
    sort_by(qtbot, page, page.table, 3, DOWN)
    assert in_order(shown(page.table, 3), str, True)
    sort_by(qtbot, page, page.table, 4, DOWN)  # 进度: by how far, 100% first
    percent = [float(text.split()[-1].rstrip("%")) for text in shown(page.table, 4)]
    assert percent == sorted(percent, reverse=True) and percent[0] == 100 and percent[-1] == 0
    sort_by(qtbot, page, page.table, 5, UP)  # 状态: in the order the status filter lists them
    statuses = shown(page.table, 5)
    order = ["未开始", "进行中", "已完成", "逾期未完成"]
    assert in_order(statuses, order.index, False) and statuses[0] == "未开始"
    page.refresh()  # read again (a save elsewhere): the order stays
    ops.wait_idle()
    assert shown(page.table, 5) == statuses


@pytest.fixture
def grid_ids(db) -> list[int]:
    with db.session() as s:
        return [grids.save_grid(s, grids.GridData(number=n, name=f"{n}组片")).id for n in (1, 2, 3, 10)]


def test_the_household_list_sorts_by_size_name_and_last_visit(qtbot, db, ops, members, grid_ids):
    from fedclient.ui.grids.household_page import HouseholdPage

    with db.session() as s:
        ids = []
        for i, name in enumerate(NAMES):
            data = grids.HouseholdData(
                contact_name=name, address=f"{i % 9}组{i}号", size=1 + i % 6,
                grid_id=None if i % 10 == 0 else grid_ids[i % 4],
            )  # fmt: skip
            ids.append(grids.save_household(s, data).id)
        for i in range(0, len(ids), 3):
            service = grids.ServiceData(
                date=date(2026, 1, 1) + timedelta(days=i), grid_id=grid_ids[0], description="走访",
                member_ids=[next(iter(members.values()))], household_ids=[ids[i]],
            )  # fmt: skip
            grids.save_service(s, service, TODAY)
    page = page_up(qtbot, HouseholdPage(ops))
    assert page.model.rowCount() == len(NAMES) > 2 * PAGE_SIZE
    sort_by(qtbot, page, page.table, 2, DOWN)  # 人数
    sizes = shown(page.table, 2)
    assert in_order(sizes, int, True) and sizes[0] == "6"
    sort_by(qtbot, page, page.table, 0, UP)  # 户主: by pinyin
    assert in_order(shown(page.table, 0), initials_index, False)
    sort_by(qtbot, page, page.table, 6, DOWN)  # 最近走访: the latest first, never visited last
    visits = shown(page.table, 6)
    assert in_order(visits, str, True) and visits[-1] == "无记录" and visits[0] == "2026-04-16"
    sort_by(qtbot, page, page.table, 5, UP)  # 所属网格: by number (2 before 10), none first
    grid_labels = shown(page.table, 5)
    assert grid_labels[0] == "未划入网格" and grid_labels[-1].startswith("10号网格")
    assert grid_labels.index("2号网格 2组片") < grid_labels.index("10号网格 10组片")


def test_the_service_log_sorts_by_date_grid_and_people_served(qtbot, db, ops, members, grid_ids):
    from fedclient.ui.grids.service_page import ServicePage

    server = next(iter(members.values()))
    with db.session() as s:
        for i in range(110):
            service = grids.ServiceData(
                date=date(2026, 1, 1) + timedelta(days=(i * 17) % 150), grid_id=grid_ids[i % 4],
                description=f"服务{i}", people_served=i % 13, member_ids=[server],
            )  # fmt: skip
            grids.save_service(s, service, TODAY)
    page = page_up(qtbot, ServicePage(ops))
    assert page.model.rowCount() == 110 > 2 * PAGE_SIZE
    assert in_order(shown(page.table, 0), str, True), "its own order: newest first"
    sort_by(qtbot, page, page.table, 0, UP)  # 日期: the oldest first
    assert in_order(shown(page.table, 0), str, False)
    sort_by(qtbot, page, page.table, 5, DOWN)  # 服务人数
    assert in_order(shown(page.table, 5), int, True) and shown(page.table, 5)[0] == "12"
    sort_by(qtbot, page, page.table, 1, UP)  # 网格: by number, 2 before 10
    labels = shown(page.table, 1)
    assert labels[0] == "1号网格 1组片" and labels[-1] == "10号网格 10组片"
    assert labels.index("2号网格 2组片") < labels.index("10号网格 10组片")
    page.reload()
    ops.wait_idle()
    assert shown(page.table, 1) == labels


def test_the_council_list_sorts_by_date_and_participants(qtbot, db, ops):
    from fedclient.ui.grids.council_page import CouncilPage

    with db.session() as s:
        for i in range(60):
            meeting = grids.MeetingData(
                date=date(2025, 1, 1) + timedelta(days=(i * 11) % 500), topic=f"议题{i}",
                topic_category="其他", topic_source="群众提议", participants_count=5 + i % 17,
            )  # fmt: skip
            grids.save_meeting(s, meeting, TODAY)
    page = page_up(qtbot, CouncilPage(ops))
    assert page.model.rowCount() == 60 > PAGE_SIZE
    sort_by(qtbot, page, page.table, 4, UP)  # 参会人数
    assert in_order(shown(page.table, 4), int, False) and shown(page.table, 4)[0] == "5"
    sort_by(qtbot, page, page.table, 0, UP)  # 日期: the oldest first
    dates = shown(page.table, 0)
    assert in_order(dates, str, False) and dates[0] == "2025-01-01"
