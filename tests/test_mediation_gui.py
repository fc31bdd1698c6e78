"""The 调解 tab as a chair uses it: register a case, record its outcome, visit, close; links and statistics."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from fedclient.core import mediation as med
from fedclient.core.models import Grid, GridService, Member
from tests.conftest import first_row, statements_run
from tests.user import choose, click, closed, message_under, type_into

TODAY = date.today()


@pytest.fixture
def tab(qtbot, qapp, db, ops):
    def make(session):
        session.add_all(
            [
                Member(name="张秀兰", name_initials="zxl", role="chair"),
                Member(name="李春梅", name_initials="lcm", role="executive_member"),
                Member(name="周小芳", name_initials="zxf", role="volunteer"),  # not a mediator
            ]
        )

    db.run(make)
    from fedclient.ui.mediation.tab import MediationTab

    widget = MediationTab(ops)
    qtbot.addWidget(widget)
    widget.show()
    widget.qtbot = qtbot
    ops.wait_idle()
    return widget


def settle(widget) -> None:
    """Wait until the reads and writes the widget started have been done and shown."""
    widget.ops.wait_idle()


def check_mediator(dialog, name: str) -> None:
    model = dialog.mediators.model
    for row, label in enumerate(model.labels):
        if label.startswith(name):
            model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
            return
    raise AssertionError(f"{name} is not offered as a mediator")


def register(tab, received: date) -> int:
    qtbot = tab.qtbot
    click(qtbot, tab, "登记新案件")
    settle(tab)  # the mediators to choose from are read once the dialog is up
    dialog = tab.dialog
    type_into(qtbot, dialog.received, f"{received:%Y-%m-%d}")
    choose(qtbot, dialog.dispute_type, "婚姻纠纷")
    choose(qtbot, dialog.risk, "黄色")
    type_into(qtbot, dialog.description, "夫妻因丈夫打牌晚归争吵")
    dialog.parties.set_text(0, 1, "王小红")
    dialog.parties.set_text(0, 3, "35")
    dialog.parties.set_text(1, 1, "赵大军")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    settle(tab)
    return dialog.saved_id


def test_register_a_case_then_find_it_in_the_list(tab):
    case_id = register(tab, TODAY - timedelta(days=3))
    number = tab.ops.read_now(med.get_case, case_id).draft.number
    assert number == f"{TODAY.year}-001"
    assert tab.model.rowCount() == 1 and tab.selected_id() == case_id
    assert "共 1 件" in tab.count_label.text() and "已受理 1" in tab.count_label.text()
    assert tab.model.index(0, 4).data() == "申请人：王小红；被申请人：赵大军"
    tab.search.setText("wxh")
    tab.refresh()
    settle(tab)
    assert tab.model.rowCount() == 1
    tab.search.setText("zxl")  # a mediator's initials find nothing: only parties are searched
    tab.refresh()
    settle(tab)
    assert tab.model.rowCount() == 0


def test_mediators_are_committee_members_not_volunteers(tab):
    tab.new_button.click()
    settle(tab)
    offered = tab.dialog.mediators.model.labels
    assert any(t.startswith("张秀兰") for t in offered) and not any(t.startswith("周小芳") for t in offered)


def test_mediators_are_found_by_initials_and_one_who_has_left_stays_ticked_on_her_case(tab, db):
    qtbot = tab.qtbot
    click(qtbot, tab, "登记新案件")
    settle(tab)  # the mediators are read once the dialog is up
    dialog = tab.dialog
    type_into(qtbot, dialog.mediators.filter, "lcm")
    assert [dialog.mediators.model.labels[row] for row in dialog.mediators.shown_rows()] == ["李春梅（执委）"]
    check_mediator(dialog, "李春梅")
    type_into(qtbot, dialog.description, "婆媳因带孩子争吵")
    dialog.parties.set_text(0, 1, "王小红")
    dialog.parties.set_text(1, 1, "赵大军")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    settle(tab)

    def leave(session):
        session.query(Member).filter_by(name="李春梅").one().status = "left"

    db.run(leave)
    again = tab.open_case(dialog.saved_id)
    settle(tab)
    assert again.mediators.model.labels[0] == "李春梅（已离任）", "still on her case, ticked, listed first"
    assert again.mediators.checked_ids() == again.mediators.model.ids[:1]
    assert "李春梅（执委）" not in again.mediators.model.labels
    again.reject()


def test_record_the_outcome_refusals_keep_the_typing(tab, qtbot):
    received = TODAY - timedelta(days=40)
    case_id = register(tab, received)
    tab.show_record("case", case_id)
    settle(tab)
    dialog = tab.dialog
    check_mediator(dialog, "张秀兰")
    qtbot.mouseClick(dialog.started.check, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.started.edit, f"{received + timedelta(days=1):%Y-%m-%d}")
    dialog.outcome_success.setChecked(True)
    type_into(qtbot, dialog.outcome_date, f"{received + timedelta(days=10):%Y.%m.%d}")
    type_into(qtbot, dialog.terms, "男方每周至少三晚在家辅导孩子")
    dialog.closed.check.setChecked(True)
    type_into(qtbot, dialog.closed.edit, f"{received + timedelta(days=11):%Y-%m-%d}")
    # No agreement form, and a successful case closed without a visit: refused, nothing lost; the page
    # with the messages comes forward and each message is under its field.
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "协议形式" in message_under(dialog.agreement_form))
    assert "须先回访" in message_under(dialog.closed)
    assert dialog.isVisible() and dialog.pages.currentIndex() == 3
    assert dialog.terms.toPlainText() == "男方每周至少三晚在家辅导孩子"
    assert tab.ops.read_now(med.get_case, case_id).draft.outcome is None
    choose(qtbot, dialog.agreement_form, "书面")
    assert message_under(dialog.agreement_form) == ""  # corrected: its message goes
    qtbot.mouseClick(dialog.closed.check, Qt.MouseButton.LeftButton)  # not closed yet
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: tab.model.index(0, 6).data() == "调解成功")
    record = tab.ops.read_now(med.get_case, case_id)
    assert (record.status, record.draft.agreement_form) == ("调解成功", "书面")

    # A visit before the agreement is refused in the visit dialog; a later one is recorded.
    click(qtbot, tab, "添加回访")
    settle(tab)
    visit = tab.dialog
    type_into(qtbot, visit.visit_date, f"{received + timedelta(days=5):%Y-%m-%d}")
    visit.visitor.setCurrentIndex(1)
    click(qtbot, visit, "保存")
    qtbot.waitUntil(lambda: "不能早于调解结果日期" in message_under(visit.visit_date))
    type_into(qtbot, visit.visit_date, f"{received + timedelta(days=30):%Y-%m-%d}")
    click(qtbot, visit, "保存")
    qtbot.waitUntil(lambda: tab.model.index(0, 6).data() == "已回访")

    tab.show_record("case", case_id)
    settle(tab)
    tab.dialog.closed.set_value(received + timedelta(days=31))
    click(qtbot, tab.dialog, "保存")
    qtbot.waitUntil(lambda: tab.model.index(0, 6).data() == "已结案")
    assert tab.model.index(0, 10).data() == "1"


def test_delete_asks_first_and_the_number_is_not_reused(tab, monkeypatch):
    first = register(tab, TODAY - timedelta(days=2))
    tab.select_case(first)
    settle(tab)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    tab.delete_button.click()
    settle(tab)
    assert tab.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.delete_button.click()
    settle(tab)
    assert tab.model.rowCount() == 0
    second = register(tab, TODAY - timedelta(days=1))
    assert tab.ops.read_now(med.get_case, second).draft.number == f"{TODAY.year}-002"


def test_a_grid_service_becomes_a_case_linked_both_ways(tab):
    def make_service(session):
        grid = Grid(number=1, name="第一网格")
        session.add(grid)
        session.flush()
        service = GridService(
            date=TODAY - timedelta(days=5), grid_id=grid.id, role="矛盾调解", description="两户争宅基地"
        )
        session.add(service)
        session.flush()
        return service.id

    service_id = tab.ops.read_now(make_service)
    dialog = tab.new_case_from_service(service_id)
    settle(tab)
    assert dialog.source.currentText() == "网格上报"
    assert dialog.description.toPlainText() == "两户争宅基地"
    assert dialog.origin.text() == f"来自网格服务：{TODAY - timedelta(days=5):%Y-%m-%d} 第一网格"
    dialog.parties.set_text(0, 1, "钱多多")
    click(tab.qtbot, dialog, "保存")
    tab.qtbot.waitUntil(lambda: closed(dialog))
    assert tab.ops.read_now(lambda s: s.get(GridService, service_id).case_id) == dialog.saved_id
    tab.show_record("case", dialog.saved_id)
    assert tab.dialog.origin.isVisible() and "第一网格" in tab.dialog.origin.text()


def test_statistics_view_shows_the_report_numbers(tab):
    register(tab, TODAY.replace(day=1))
    tab.inner.setCurrentIndex(1)
    settle(tab)
    tab.stats.year.setCurrentIndex(tab.stats.year.findData(TODAY.year))
    tab.stats.month.setCurrentIndex(TODAY.month)
    tab.stats.refresh()
    settle(tab)
    shown = tab.stats.values()
    expected = tab.ops.read_now(med.month_indicators, TODAY.year, TODAY.month)
    assert shown == {k: str(v) for k, v in expected.items()}
    assert shown["本月受理调解案件数"] == "1"


def test_main_window_opens_a_case_from_a_reminder(main_window, qtbot):
    from fedclient.ui.mediation.tab import MediationTab

    tab = main_window.tab(MediationTab)
    assert tab.model.rowCount() == 0  # nothing is read until the chair opens the tab
    main_window.select_tab("调解")
    settle(main_window)
    assert tab.model.rowCount() >= 25
    red = [r for r in main_window.ops.read_now(med.reminders, TODAY) if r.kind == "case_red_open"]
    assert red, "the demo has red cases still open"
    main_window.open_record("mediation", "case", red[0].record_id)
    settle(main_window)
    assert main_window.tabs.currentWidget() is tab
    assert tab.selected_id() == red[0].record_id
    assert tab.dialog.isVisible() and tab.dialog.risk.currentText() == "红色"
    # Red rows are tinted across the whole row; blue ones only in the risk column.
    row = tab.view.selectionModel().selectedRows()[0].row()
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f9d6d2"
    blue = first_row(tab.model, lambda r: r.risk_level == "蓝")
    assert tab.model.index(blue, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert tab.model.index(blue, 5).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_home_quick_action_starts_a_new_case(main_window):
    from fedclient.ui.mediation.tab import MediationTab

    tab = main_window.tab(MediationTab)
    dialog = tab.new_case()
    assert dialog.isVisible() and dialog.number.text().startswith("保存时自动编号")
    assert "导出调解案件台账（Excel）…" in [a.text() for a in main_window.export_menu.actions()]


def test_reminder_settings_change_what_is_reminded(tab, qtbot):
    from fedclient.core.settings import get_int

    received = TODAY - timedelta(days=45)
    register(tab, received)
    # Reminders are read in the background; the page title follows when they arrive.
    qtbot.waitUntil(lambda: "提醒（1）" in tab.inner.tabText(2))  # open 45 days, more than the default 30
    tab.inner.setCurrentIndex(2)
    assert "已受理45天，尚无调解结果" in tab.reminder_list.text(0)
    dialog = tab.open_settings()
    type_into(qtbot, dialog.spins["case_overdue_days"], "60")
    click(qtbot, dialog, "保存")
    settle(tab)
    qtbot.waitUntil(lambda: tab.inner.tabText(2) == "提醒")
    assert closed(dialog) and tab.ops.read_now(get_int, "case_overdue_days") == 60
    assert tab.reminder_list.text(0) == "目前没有需要提醒的调解案件。"


def double_click(qtbot, widget, pos) -> None:
    """As a mouse does it: the first click, then the second one as a double click."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_double_clicking_a_reminder_opens_its_case_and_the_message_line_opens_nothing(tab, qtbot):
    case_id = register(tab, TODAY - timedelta(days=45))
    qtbot.waitUntil(lambda: "提醒（1）" in tab.inner.tabText(2))
    tab.inner.setCurrentIndex(2)
    view = tab.reminder_list
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).height() > 0)
    rect = view.visualRect(view.model().index(0, 0))
    double_click(qtbot, view.viewport(), rect.center())
    assert tab.inner.currentIndex() == 0 and tab.selected_id() == case_id
    assert tab.dialog.isVisible() and tab.dialog.draft.id == case_id
    tab.dialog.close()
    view.set_lines([("目前没有需要提醒的调解案件。", None)])
    tab.inner.setCurrentIndex(2)
    double_click(qtbot, view.viewport(), rect.center())
    assert tab.inner.currentIndex() == 2 and closed(tab.dialog)


def test_clicking_the_risk_header_puts_red_cases_first(main_window):
    from fedclient.ui.mediation.tab import MediationTab

    tab = main_window.tab(MediationTab)
    main_window.select_tab("调解")
    settle(main_window)
    tab.view.horizontalHeader().sectionClicked.emit(5)
    settle(main_window)
    risks = [tab.model.row(i).risk_level for i in range(tab.model.rowCount())]
    assert risks == sorted(risks, key="红黄蓝".index) and risks[0] == "红"
    tab.view.horizontalHeader().sectionClicked.emit(1)
    settle(main_window)
    received = [tab.model.row(i).received_date for i in range(tab.model.rowCount())]
    assert received == sorted(received, reverse=True)


def test_the_tab_reads_nothing_until_opened_then_reminders_arrive(demo_db, qtbot, qapp, ops):
    """Built with the window at start-up, the tab must not read the ledger; opening it shows everything."""

    from fedclient.ui.mediation.tab import MediationTab

    with statements_run(demo_db.engine) as statements:
        tab = MediationTab(ops)
        qtbot.addWidget(tab)
    assert statements == []
    tab.show()
    settle(tab)
    assert tab.model.rowCount() >= 25
    expected = demo_db.run(med.reminders, date.today())
    assert expected, "the demo has cases to remind of"
    qtbot.waitUntil(lambda: tab.inner.tabText(2) == f"提醒（{len(expected)}）")
    tab.inner.setCurrentIndex(2)
    shown = [tab.reminder_list.text(i) for i in range(tab.reminder_list.count())]
    assert shown == [f"【{r.group}】{r.text}" for r in expected]


def test_typing_a_search_and_sorting_during_the_pause_shows_the_search_sorted(tab, qtbot):
    def make(session):
        mediator = session.query(Member).filter_by(name="张秀兰").one().id
        for day, names in ((2, ("王小红", "赵大军")), (1, ("王晓华", "李四")), (3, ("刘芳", "陈刚"))):
            parties = [med.PartyDraft("applicant", names[0]), med.PartyDraft("respondent", names[1])]
            draft = med.CaseDraft(
                received_date=date(2026, 6, day),
                description="家庭琐事",
                parties=parties,
                mediator_ids=[mediator],
            )
            med.save_case(session, draft, TODAY)

    tab.ops.read_now(make)
    tab.refresh()
    settle(tab)
    assert [tab.model.row(r).number for r in range(3)] == ["2026-003", "2026-002", "2026-001"]
    qtbot.keyClicks(tab.search, "wx")  # 王小红 (2026-001, received 6-2) and 王晓华 (2026-002, received 6-1)
    header = tab.view.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(1) + 5, 5)
    )
    assert tab.model.rowCount() == 3, (
        "sorted by 受理日期 during the typing pause: nothing shown before it ends"
    )
    settle(tab)
    assert tab.sort == "received"
    assert [tab.model.row(r).number for r in range(tab.model.rowCount())] == ["2026-001", "2026-002"]
    assert tab.count_label.text().startswith("共 2 件")
