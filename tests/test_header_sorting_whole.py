"""Header sorting of the lists read whole and worked out in Python (网格与人员, 志愿积分 and her ledger, 年度履职
考核, 述职评议): the same clicks and the same order as the lists sorted in SQL (``test_header_sorting``); what she
typed and has not saved travels with its row, and a form beside the list keeps what is being typed."""

from __future__ import annotations

from datetime import date

from fedclient.core import grids
from fedclient.core.members import MemberData, save_member
from fedclient.core.pinyin import initials_index

from .conftest import DEMO_TODAY
from .test_header_sorting import DOWN, NAMES, UP, in_order, page_up, shown, sort_by


def test_the_grids_sort_by_households_and_leader_without_touching_the_form(qtbot, db, ops):
    from fedclient.ui.grids.grid_page import GridPage

    with db.session() as s:
        leaders = [
            save_member(s, MemberData(name=n, role="council_member"), date(2026, 1, 5)) for n in NAMES[:3]
        ]
        grid_ids = []
        for number, leader in zip((3, 1, 10, 2), (leaders[0], None, leaders[1], leaders[2]), strict=True):
            grid_ids.append(grids.save_grid(s, grids.GridData(number=number, name="片", leader_id=leader)).id)
        for i in range(12):
            household = grids.HouseholdData(contact_name=NAMES[i], grid_id=grid_ids[min(i % 5, 3)])
            grids.save_household(s, household)
    page = page_up(qtbot, GridPage(ops))
    assert shown(page.table, 0) == ["1号网格 片", "2号网格 片", "3号网格 片", "10号网格 片"]
    page.table.selectRow(1)
    page.name.setText("正在改的名字")
    sort_by(qtbot, page, page.table, 4, DOWN)  # 户数
    assert shown(page.table, 4) == ["4", "3", "3", "2"]
    assert shown(page.table, 0) == ["2号网格 片", "1号网格 片", "3号网格 片", "10号网格 片"], (
        "equal: by number"
    )
    assert page.name.text() == "正在改的名字", "the form keeps what she is typing"
    assert page.current.number == 2 and page.table.currentRow() == shown(page.table, 0).index("2号网格 片")
    sort_by(qtbot, page, page.table, 2, UP)  # 网格长: by pinyin, the grid without one first
    leaders_shown = shown(page.table, 2)
    assert leaders_shown[0] == "—" and in_order(leaders_shown, initials_index, False)
    sort_by(qtbot, page, page.table, 0, DOWN)  # 网格: 10 before 3
    assert shown(page.table, 0) == ["10号网格 片", "3号网格 片", "2号网格 片", "1号网格 片"]


def test_the_points_and_her_ledger_sort_by_a_clicked_header(qtbot, demo_db, ops):
    from fedclient.ui.volunteer_points.points_page import PointsPage

    page = page_up(qtbot, PointsPage(ops))
    qtbot.waitUntil(lambda: page.model.rowCount() > 3)
    assert in_order(shown(page.table, 3), float, True), "its own order: most points first"
    page.table.selectRow(2)
    chosen = page.current_id()
    ops.wait_idle()
    sort_by(qtbot, page, page.table, 0, UP)  # 姓名: by pinyin
    assert in_order(shown(page.table, 0), initials_index, False)
    assert page.current_id() == chosen, "the chosen volunteer stays chosen"
    sort_by(qtbot, page, page.table, 5, UP)  # 可用积分
    assert in_order(shown(page.table, 5), float, False)
    page.load()  # read again (after an exchange): the order stays
    ops.wait_idle()
    assert in_order(shown(page.table, 5), float, False) and page.current_id() == chosen

    page.table.selectRow(page.model.rowCount() - 1)  # the most points: the longest ledger
    qtbot.waitUntil(lambda: page.ledger_table.rowCount() > 2)
    assert in_order(shown(page.ledger_table, 0), str, True), "her ledger: newest first"
    sort_by(qtbot, page, page.ledger_table, 4, DOWN)  # 积分
    assert in_order(shown(page.ledger_table, 4), float, True)
    sort_by(qtbot, page, page.ledger_table, 0, UP)  # 日期: oldest first
    assert in_order(shown(page.ledger_table, 0), str, False)


def test_the_assessment_sorts_with_the_scores_she_typed(qtbot, demo_db, ops):
    from fedclient.ui.pledges.assessment_model import SCORE
    from fedclient.ui.pledges.assessment_page import AssessmentPage

    page = page_up(qtbot, AssessmentPage(ops, today=DEMO_TODAY))
    qtbot.waitUntil(lambda: page.model.rowCount() > 3)
    sort_by(qtbot, page, page.table, 0, UP)  # 姓名
    assert in_order(shown(page.table, 0), initials_index, False)
    last = shown(page.table, 0)[-1]
    page.model.setData(page.model.index(page.model.rowCount() - 1, SCORE), 99.5)  # typed, not saved
    sort_by(qtbot, page, page.table, SCORE, DOWN)  # 考核得分: hers first, those not scored last
    assert shown(page.table, 0)[0] == last and shown(page.table, SCORE)[0] == "99.5"
    assert shown(page.table, SCORE)[-1] == "未打分"
    assert page.model.has_edits(), "what she typed is still there to save"
    sort_by(qtbot, page, page.table, 6, UP)  # 建议得分
    assert in_order(shown(page.table, 6), float, False)


def test_the_review_sorts_by_the_rate_of_the_counts_typed(qtbot, demo_db, ops):
    from fedclient.ui.review.review_page import ReviewPage

    page = page_up(qtbot, ReviewPage(ops, today=DEMO_TODAY))
    qtbot.waitUntil(lambda: page.model.rowCount() > 3)
    page.year.setValue(2026)
    page.load()
    ops.wait_idle()
    sort_by(qtbot, page, page.table, 0, DOWN)  # 姓名
    names = shown(page.table, 0)
    assert in_order(names, initials_index, True)
    for col, count in ((2, 10), (4, 10)):  # typed for the last of the list: 50%
        page.model.setData(page.model.index(len(names) - 1, col), count)
    page.model.setData(page.model.index(0, 2), 8)  # the first: 100%
    sort_by(qtbot, page, page.table, 6, DOWN)  # 满意率: 100% first, no ballots last
    rates = shown(page.table, 6)
    assert rates[0] == "100%" and shown(page.table, 0)[0] == names[0]
    assert shown(page.table, 0)[1] == names[-1] and rates[1] == "50%" and rates[-1] == ""
    assert page.counts(1) == (10, 0, 10), "the counts typed moved with her"
