"""首页 as the chair sees it: the reminders grouped and counted, a click opens the record in its tab, the charts
show the core statistics, and nothing of it delays the window."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt

from fedclient.core import dashboard, grids, mediation, pledges
from fedclient.core.changes import Area
from fedclient.core.dashboard import load_dashboard
from fedclient.ui.home import quick_actions, reminder_tree
from fedclient.ui.home.charts import nice_step
from fedclient.ui.home.tab import REFRESH_DELAY_MS, HomeTab
from fedclient.ui.main_window import TABS
from tests.conftest import DEMO_TODAY

TAB_KEYS = [tab.key for tab in TABS]


def loaded_home(qtbot, window, today=DEMO_TODAY) -> HomeTab:
    home = window.tabs.widget(0)
    assert isinstance(home, HomeTab)
    home.today_override = today
    with qtbot.waitSignal(home.loaded, timeout=20_000):
        home.refresh()
    return home


@pytest.fixture
def counted_loads(monkeypatch):
    """Every background load, with the thread it ran in."""
    threads: list[threading.Thread] = []
    real = dashboard.load_dashboard

    def counting(session, today):
        threads.append(threading.current_thread())
        return real(session, today)

    monkeypatch.setattr(dashboard, "load_dashboard", counting)
    return threads


def test_reminders_are_grouped_and_counted(qtbot, main_window, demo_db):
    home = loaded_home(qtbot, main_window)
    board = demo_db.run(load_dashboard, DEMO_TODAY)
    assert board.reminder_count > 0
    tree = home.reminder_tree
    headings = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headings == [f"{g.title}（{g.count}）" for g in board.groups]
    assert [item.text(0) for item in tree.reminder_items()] == [
        r.text for g in board.groups for r in g.reminders[: reminder_tree.SHOWN_PER_GROUP]
    ]
    assert home.todo_label.text() == f"今日待办（共 {board.reminder_count} 项）"
    assert home.date_label.text() == "今天是 2026年11月25日 星期三"
    assert home.overview_label.text() == "2026年概况（截至11月25日）"


def _click(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def test_clicking_a_reminder_opens_its_record_in_its_tab(qtbot, main_window, monkeypatch):
    home = loaded_home(qtbot, main_window)
    opened = []
    for index, key in enumerate(TAB_KEYS):
        tab = main_window.tabs.widget(index)
        monkeypatch.setattr(
            tab, "show_record", lambda kind, rid, k=key: opened.append((k, kind, rid)), raising=False
        )
    seen_tabs = set()
    for item in home.reminder_tree.reminder_items():
        reminder = home.reminder_tree.reminder_for(item)
        if reminder.tab in seen_tabs or reminder.tab == "reports" or reminder.record_id is None:
            continue
        seen_tabs.add(reminder.tab)
        main_window.tabs.setCurrentIndex(0)
        opened.clear()
        _click(qtbot, home.reminder_tree, item)
        assert main_window.tabs.currentIndex() == TAB_KEYS.index(reminder.tab)
        assert opened == [(reminder.tab, reminder.kind, reminder.record_id)]
    assert seen_tabs == {"members", "pledges", "mediation", "grids"}, "the demo has reminders of every tab"


def test_the_real_tabs_accept_what_home_sends(qtbot, main_window):
    """Without spies: each tab's own show_record (where it has one) takes the reminder without an error."""
    home = loaded_home(qtbot, main_window)
    for item in home.reminder_tree.reminder_items():
        reminder = home.reminder_tree.reminder_for(item)
        if reminder.tab == "reports":
            continue
        main_window.tabs.setCurrentIndex(0)
        _click(qtbot, home.reminder_tree, item)
        assert main_window.tabs.currentIndex() == TAB_KEYS.index(reminder.tab)


def test_the_report_reminder_opens_the_export(qtbot, main_window, monkeypatch):
    home = loaded_home(qtbot, main_window)
    calls = []
    monkeypatch.setattr(quick_actions, "export_last_month", lambda window: calls.append(window))
    items = [
        i for i in home.reminder_tree.reminder_items() if home.reminder_tree.reminder_for(i).tab == "reports"
    ]
    assert len(items) == 1, "the demo's October report has not been exported"
    _click(qtbot, home.reminder_tree, items[0])
    assert calls == [main_window]


def test_charts_show_the_core_statistics(qtbot, main_window, demo_db):
    home = loaded_home(qtbot, main_window)
    status = demo_db.run(pledges.status_counts, 2026, DEMO_TODAY)
    assert home.pledge_chart.counts == status
    assert home.pledge_chart.summary == f"共 {sum(status.values())} 条承诺"
    total = sum(status.values())
    done = status["已完成"]
    assert f"已完成 {done} 条（{round(100 * done / total)}%）" in home.pledge_chart.legend_texts()

    outcomes = demo_db.run(mediation.monthly_outcomes, 2026)
    assert home.case_chart.data == outcomes
    success = sum(m["调解成功"] for m in outcomes.values())
    assert f"调解成功 {success}" in home.case_chart.legend_texts()
    assert home.case_chart.summary == f"全年合计 {sum(sum(m.values()) for m in outcomes.values())} 件"
    assert home.case_chart.month_text(11).endswith(f"合计 {sum(outcomes[11].values())} 件")

    services = demo_db.run(grids.monthly_services_by_role, 2026)
    assert home.service_chart.data == services
    assert home.service_chart.summary == f"全年合计 {sum(sum(m.values()) for m in services.values())} 次"
    for chart in (home.pledge_chart, home.case_chart, home.service_chart):
        assert chart.message is None
        image = chart.grab().toImage()
        assert image.width() > 300 and image.height() >= chart.minimumHeight()


def test_start_up_does_not_wait_for_the_figures(qtbot, qapp, demo_db, counted_loads):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    home = window.tabs.widget(0)
    assert counted_loads == [] and home.dashboard is None, "nothing is read before the window is up"
    assert home.reminder_tree.topLevelItem(0).text(0) == "正在查看今日待办……"
    assert home.pledge_chart.message == "正在统计……"
    qtbot.waitUntil(lambda: home.dashboard is not None, timeout=20_000)
    assert len(counted_loads) == 1
    assert counted_loads[0] is not threading.main_thread(), "the queries run off the GUI thread"


def test_changes_elsewhere_refresh_once_and_only_when_seen(qtbot, main_window, demo_db, counted_loads):
    from fedclient.core.models import Member

    home = loaded_home(qtbot, main_window)
    before = home.dashboard.reminder_count
    loads = len(counted_loads)
    with demo_db.session() as session:
        session.add(Member(name="测试新执委", role="executive_member", term_end=DEMO_TODAY.replace(day=30)))
    with qtbot.waitSignal(home.loaded, timeout=20_000):
        for areas in (Area.MEMBERS, Area.MEMBERS, Area.PLEDGES):  # a burst of saves: one refresh
            main_window.ops.changed.emit(areas)
    qtbot.wait(REFRESH_DELAY_MS * 2)
    assert len(counted_loads) == loads + 1
    assert home.dashboard.reminder_count > before
    assert any("测试新执委" in item.text(0) for item in home.reminder_tree.reminder_items())

    main_window.tabs.setCurrentIndex(TAB_KEYS.index("members"))
    main_window.ops.changed.emit(Area.MEMBERS)
    qtbot.wait(REFRESH_DELAY_MS * 2)
    assert len(counted_loads) == loads + 1, "a hidden 首页 does not read"
    with qtbot.waitSignal(home.loaded, timeout=20_000):
        main_window.tabs.setCurrentIndex(0)
    assert len(counted_loads) == loads + 2


def test_quick_actions_open_their_tab(qtbot, main_window, monkeypatch):
    home = loaded_home(qtbot, main_window)
    starts = {"新增践诺记录": "add_progress", "登记调解案件": "new_case", "记录网格服务": "new_service"}
    for text, key, _start in quick_actions.TAB_ACTIONS:
        tab = main_window.tabs.widget(TAB_KEYS.index(key))
        started = []
        monkeypatch.setattr(tab, starts[text], lambda s=started: s.append(True))
        main_window.tabs.setCurrentIndex(0)
        qtbot.mouseClick(home.action_buttons[text], Qt.MouseButton.LeftButton)
        assert main_window.tabs.currentIndex() == TAB_KEYS.index(key)
        assert started == [True], text
    exported = []
    monkeypatch.setattr(quick_actions.report_actions, "open_export_dialog", exported.append)
    main_window.tabs.setCurrentIndex(0)
    qtbot.mouseClick(home.action_buttons["导出上月月报"], Qt.MouseButton.LeftButton)
    assert exported == [main_window]


def test_a_failed_load_says_so_in_chinese(qtbot, main_window, monkeypatch):
    home = main_window.tabs.widget(0)

    def broken(session, today):
        time.sleep(0.01)
        raise RuntimeError("磁盘读取错误")

    monkeypatch.setattr(dashboard, "load_dashboard", broken)
    with qtbot.waitSignal(home.failed, timeout=20_000):
        home.refresh()
    assert home.reminder_tree.topLevelItem(0).text(0) == "统计时出错：磁盘读取错误"
    assert "出错" in home.case_chart.message


def test_an_empty_village_has_a_calm_home(qtbot, qapp, db):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    home = loaded_home(qtbot, window)
    assert home.reminder_tree.topLevelItem(0).text(0) == "今天没有待办事项。"
    assert home.pledge_chart.total == 0
    assert home.case_chart.year_total == 0
    home.case_chart.grab()  # draws the "nothing yet" state without error


def test_axis_steps_are_round_numbers():
    assert [nice_step(n) for n in (1, 4, 5, 9, 17, 40, 41, 180, 3000)] == [1, 1, 2, 5, 5, 10, 20, 50, 1000]


def test_a_long_group_lists_its_first_reminders_and_a_way_to_all(qtbot, main_window, monkeypatch):
    monkeypatch.setattr(reminder_tree, "SHOWN_PER_GROUP", 2)
    home = loaded_home(qtbot, main_window)
    tree = home.reminder_tree
    long_groups = [g for g in home.dashboard.groups if g.count > 2]
    assert long_groups, "the demo has a group of more than two reminders"
    group = long_groups[0]
    heading = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith(group.title)
    )
    assert heading.text(0) == f"{group.title}（{group.count}）", "the heading still counts them all"
    assert heading.childCount() == 3
    more = heading.child(2)
    assert more.text(0).startswith(f"……还有 {group.count - 2} 项")
    _click(qtbot, tree, more)
    assert main_window.tabs.currentIndex() == TAB_KEYS.index(group.tab)


def test_export_quick_action_opens_the_monthly_report_dialog(qtbot, main_window):
    from fedclient.ui.monthly_report.export_dialog import ReportDialog

    home = loaded_home(qtbot, main_window)
    qtbot.mouseClick(home.action_buttons["导出上月月报"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.findChild(ReportDialog) is not None)
    dialog = main_window.findChild(ReportDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()


def test_a_new_day_brings_its_own_reminders(qtbot, main_window):
    from datetime import timedelta

    home = loaded_home(qtbot, main_window)
    home.today_override = DEMO_TODAY + timedelta(days=6)  # 1 December: the November report is now due
    with qtbot.waitSignal(home.loaded, timeout=20_000):
        main_window.clock.day_changed.emit(DEMO_TODAY + timedelta(days=6))  # what the clock does at midnight
    assert home.dashboard.today == DEMO_TODAY + timedelta(days=6)
    assert home.date_label.text() == "今天是 2026年12月1日 星期二"
    report = [r.text for g in home.dashboard.groups for r in g.reminders if r.kind == "report_not_exported"]
    assert len(report) == 1 and "11月" in report[0]


def test_a_pledge_reminder_selects_that_pledge_in_the_pledges_tab(qtbot, main_window):
    """End to end, with the real 承诺 tab: the pledge the reminder names is the one selected there."""
    home = loaded_home(qtbot, main_window)
    item = next(
        i
        for i in home.reminder_tree.reminder_items()
        if home.reminder_tree.reminder_for(i).kind == "pledge_overdue"
    )
    reminder = home.reminder_tree.reminder_for(item)
    _click(qtbot, home.reminder_tree, item)
    tab = main_window.tabs.currentWidget()
    assert main_window.tabs.currentIndex() == TAB_KEYS.index("pledges")
    qtbot.waitUntil(lambda: tab.list_page.current_id() == reminder.record_id, timeout=5_000)


def test_quick_actions_start_the_entry_in_the_real_tabs(qtbot, main_window):
    """Without spies: 新增践诺记录 selects a pledge for the entry row, the other two open their entry dialog."""
    from PySide6.QtWidgets import QApplication, QDialog

    def open_dialogs():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    home = loaded_home(qtbot, main_window)
    qtbot.mouseClick(home.action_buttons["新增践诺记录"], Qt.MouseButton.LeftButton)
    pledges_tab = main_window.tabs.currentWidget()
    assert main_window.tabs.currentIndex() == TAB_KEYS.index("pledges")
    qtbot.waitUntil(lambda: pledges_tab.list_page.current_id() is not None, timeout=5_000)
    for text, key in (("登记调解案件", "mediation"), ("记录网格服务", "grids")):
        main_window.tabs.setCurrentIndex(0)
        qtbot.mouseClick(home.action_buttons[text], Qt.MouseButton.LeftButton)
        assert main_window.tabs.currentIndex() == TAB_KEYS.index(key)
        qtbot.waitUntil(lambda: len(open_dialogs()) == 1, timeout=5_000)
        for dialog in open_dialogs():
            dialog.reject()


def test_a_case_reminder_selects_and_opens_that_case_in_the_mediation_tab(qtbot, main_window):
    from PySide6.QtWidgets import QApplication, QDialog

    home = loaded_home(qtbot, main_window)
    item = next(
        i
        for i in home.reminder_tree.reminder_items()
        if home.reminder_tree.reminder_for(i).kind == "case_red_open"
    )
    reminder = home.reminder_tree.reminder_for(item)
    _click(qtbot, home.reminder_tree, item)
    tab = main_window.tabs.currentWidget()
    assert main_window.tabs.currentIndex() == TAB_KEYS.index("mediation")
    qtbot.waitUntil(lambda: tab.selected_id() == reminder.record_id, timeout=5_000)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()
