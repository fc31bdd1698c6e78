"""The 网格 tab as a chair uses it: create a grid and assign its leader, log a service, enter households
with the keyboard, move several households at once, open records from 首页, print the board."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QStyle, QStyleOptionViewItem

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import households
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from tests.conftest import first_row, statements_run
from tests.user import choose, click, closed, message_under, type_into


@pytest.fixture
def people(db):
    ids = {}
    with db.session() as s:
        for name, role in [("张秀兰", "council_member"), ("李红", "volunteer"), ("王芳", "volunteer")]:
            m = Member(name=name, name_initials=initials_index(name), role=role)
            s.add(m)
            s.flush()
            ids[name] = m.id
    return ids


@pytest.fixture
def tab(qtbot, qapp, db, people, ops):
    from fedclient.ui.grids.tab import GridsTab

    widget = GridsTab(ops)
    qtbot.addWidget(widget)
    widget.show()
    widget.qtbot = qtbot
    ops.wait_idle()
    return widget


def tick(qtbot, view, row: int) -> None:
    """Click the tick box of a row, where the style draws it."""
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(view.model().index(row, 0))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def settle(widget) -> None:
    """Wait until the reads and writes the widget started have been done and shown."""
    widget.ops.wait_idle()


def test_create_a_grid_and_assign_its_leader(tab, db, people):
    page = tab.grid_page
    qtbot = tab.qtbot
    click(qtbot, page, "新建网格")
    assert page.number.value() == 1
    type_into(qtbot, page.name, "一组片")
    type_into(qtbot, page.area, "1组、2组")
    choose(qtbot, page.leader, "张秀兰（妇女议事会成员）")
    page.volunteers.set_checked([people["李红"]])
    assert "只有1名志愿者" in page.warnings.text(), "the 1+2 shape is checked while typing"
    click(qtbot, page, "保存网格")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert [page.table.item(0, c).text() for c in range(4)] == [
        "1号网格 一组片",
        "1组、2组",
        "张秀兰",
        "李红",
    ]
    saved = db.run(grids.list_grids)
    assert [(g.label, g.leader_name, g.volunteer_names) for g in saved] == [
        ("1号网格 一组片", "张秀兰", ["李红"])
    ]
    assert "只有1名志愿者" in page.table.item(0, 5).text()
    # A second grid with the same leader is allowed, with a warning on both.
    click(qtbot, page, "新建网格")
    type_into(qtbot, page.name, "二组片")
    choose(qtbot, page.leader, "张秀兰（妇女议事会成员）")
    assert "已是其他网格的网格长" in page.warnings.text()
    click(qtbot, page, "保存网格")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert all("同时担任2个网格" in page.table.item(r, 5).text() for r in range(2))


def test_duplicate_number_keeps_the_form(tab, db):
    page, qtbot = tab.grid_page, tab.qtbot
    click(qtbot, page, "新建网格")
    type_into(qtbot, page.name, "一组片")
    click(qtbot, page, "保存网格")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    click(qtbot, page, "新建网格")
    type_into(qtbot, page.number, "1")
    type_into(qtbot, page.name, "重复的")
    click(qtbot, page, "保存网格")
    qtbot.waitUntil(lambda: "已有1号网格" in message_under(page.number))
    assert page.name.text() == "重复的" and page.table.rowCount() == 1
    type_into(qtbot, page.number, "2")
    assert message_under(page.number) == ""  # corrected: the message goes
    click(qtbot, page, "保存网格")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert page.table.item(1, 0).text() == "2号网格 重复的"


def test_a_grid_with_services_is_not_deleted_and_says_why(tab, db, people, monkeypatch):
    with db.session() as s:
        grid = grids.save_grid(s, grids.GridData(number=1, name="一组片", leader_id=people["张秀兰"]))
        grids.save_service(
            s,
            grids.ServiceData(
                date=date.today(), grid_id=grid.id, description="走访", member_ids=[people["李红"]]
            ),
        )
    page, qtbot = tab.grid_page, tab.qtbot
    page.refresh()
    page.select_grid(grid.id)
    settle(tab)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    click(qtbot, page, "删除网格")
    qtbot.waitUntil(lambda: "已有服务记录，不能删除" in page.form.top.text())
    assert asked == ["确定删除1号网格 一组片吗？本网格的住户将变为“未划入网格”。"]
    assert page.form.top.isVisible() and page.table.rowCount() == 1


def test_log_a_service_for_a_household(tab, db, people, qtbot):
    with db.session() as s:
        grid = grids.save_grid(
            s,
            grids.GridData(
                number=1, name="一组片", leader_id=people["张秀兰"], volunteer_ids=[people["李红"]]
            ),
        )
        grids.save_household(s, grids.HouseholdData(contact_name="赵春花", address="1组3号", grid_id=grid.id))
    tab.ops.changed.emit(Area.GRIDS)
    page = tab.service_page
    dialog = page.new_service()
    settle(tab)  # what it chooses from is read once it is up
    # A new entry starts with the grid's leader and volunteer ticked.
    assert sorted(dialog.members.checked_ids()) == sorted([people["张秀兰"], people["李红"]])
    choose(qtbot, dialog.role, "矛盾调解")
    type_into(qtbot, dialog.description, "化解婆媳口角")
    type_into(qtbot, dialog.households.filter, "zch")  # the household by her initials
    households = dialog.households
    [shown] = households.shown_rows()
    assert households.model.labels[shown].startswith("赵春花")
    tick(qtbot, households.list, shown)
    assert "已选 1 户" in dialog.households_hint.text()
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    settle(tab)
    assert closed(dialog) and page.model.index(0, 3).data() == "化解婆媳口角"
    rows = db.run(grids.list_services, grids.ServiceFilter())
    assert [(r.role, r.description, r.households, r.people_served) for r in rows] == [
        ("矛盾调解", "化解婆媳口角", 1, 1)
    ]
    assert page.model.rowCount() == 1 and page.selected().id == rows[0].id
    assert page.case_button.isEnabled(), "a dispute entry can become a mediation case"
    coverage = db.run(grids.coverage, date.today())
    assert coverage[0].unvisited == 0 and coverage[0].month["矛盾调解"] == 1


def test_service_without_description_shows_a_message(tab, db, people):
    with db.session() as s:
        grids.save_grid(s, grids.GridData(number=1, name="一组片", leader_id=people["张秀兰"]))
    tab.ops.changed.emit(Area.GRIDS)
    qtbot = tab.qtbot
    dialog = tab.service_page.new_service()
    settle(tab)
    type_into(qtbot, dialog.date, "2020年13月1日")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(
        lambda: "不是存在的日期" in message_under(dialog.date) or "日期" in message_under(dialog.date)
    )
    type_into(qtbot, dialog.date, f"{date.today():%Y-%m-%d}")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: message_under(dialog.description) == "请填写服务内容")
    assert dialog.isVisible() and message_under(dialog.date) == ""
    assert db.run(grids.count_services, grids.ServiceFilter()) == 0
    type_into(qtbot, dialog.description, "入户宣传医保缴费政策")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: tab.service_page.model.rowCount() == 1)
    assert closed(dialog)


def test_households_are_entered_with_the_keyboard(tab, db, qtbot, monkeypatch):
    with db.session() as s:
        grid_id = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
    tab.ops.changed.emit(Area.GRIDS)
    page = tab.household_page
    tab.pages.setCurrentWidget(page)  # a page reads its data when shown
    settle(tab)
    page.grid_filter.setCurrentIndex(page.grid_filter.findData(grid_id))
    assert page.f_grid.currentData() == grid_id, "typing while looking at a grid puts households in it"
    page.f_name.setText("王秀英")  # keyClicks cannot type Han
    page.f_address.setText("3组12号")  # keyClicks cannot type Han
    page.f_tags["留守"].setChecked(True)
    qtbot.keyClick(page.f_notes, Qt.Key.Key_Return)
    settle(tab)
    assert page.f_name.text() == "" and page.f_address.text() == "3组", "ready for the next door"
    page.f_name.setText("刘桂兰")  # keyClicks cannot type Han
    page.f_address.end(False)
    page.f_address.insert("2号")  # typed after the kept "3组"
    qtbot.keyClick(page.f_notes, Qt.Key.Key_Return)
    settle(tab)
    shown = [page.model.row(r) for r in range(page.model.rowCount())]
    assert [(h.contact_name, h.address, h.tags, h.grid_id) for h in shown] == [
        ("刘桂兰", "3组2号", [], grid_id),
        ("王秀英", "3组12号", ["留守"], grid_id),
    ], "2号 sorts before 12号"
    queries = []
    real = households.list_ids
    monkeypatch.setattr(households, "list_ids", lambda s, f, *a: queries.append(f.text) or real(s, f, *a))
    qtbot.keyClicks(page.search, "lgl")  # three keys at once: the list is read once
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.row(0).contact_name == "刘桂兰" and queries == ["lgl"]


def test_a_refresh_keeps_the_chosen_household_and_what_is_being_typed(tab, db):
    with db.session() as s:
        for name, address in (("王秀英", "3组12号"), ("刘桂兰", "3组2号")):
            grids.save_household(s, grids.HouseholdData(contact_name=name, address=address))
    page = tab.household_page
    tab.pages.setCurrentWidget(page)
    settle(tab)
    page.table.selectRow(1)
    assert page.f_name.text() == "王秀英", "the form shows the chosen household"
    page.f_name.setText("王秀英（改了一半）")
    with db.session() as s:  # someone else adds a household that sorts first
        grids.save_household(s, grids.HouseholdData(contact_name="新搬来", address="1组1号"))
    page.reload()
    settle(tab)
    chosen = [page.model.row(i.row()).contact_name for i in page.table.selectionModel().selectedRows()]
    assert chosen == ["王秀英"] and page.model.rowCount() == 3
    assert page.f_name.text() == "王秀英（改了一半）", "a refresh does not refill the form"


def test_bad_phone_keeps_the_typing(tab, db, qtbot):
    page = tab.household_page
    tab.pages.setCurrentWidget(page)
    type_into(qtbot, page.f_name, "王秀英")
    type_into(qtbot, page.f_phone, "12345")
    click(qtbot, page, "保存住户")
    qtbot.waitUntil(lambda: "电话" in message_under(page.f_phone) or "手机" in message_under(page.f_phone))
    assert (
        page.f_name.text() == "王秀英" and page.f_phone.text() == "12345" and message_under(page.f_name) == ""
    )
    assert db.run(grids.count_households, grids.HouseholdFilter()) == 0 and page.model.rowCount() == 0
    type_into(qtbot, page.f_phone, "13800138000")
    assert message_under(page.f_phone) == ""
    click(qtbot, page, "保存住户")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row(0).contact_name == "王秀英" and page.f_name.text() == ""


def test_bulk_move_selected_households(tab, db, monkeypatch):
    with db.session() as s:
        a = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        b = grids.save_grid(s, grids.GridData(number=2, name="二组片")).id
        for i in range(5):
            grids.save_household(
                s, grids.HouseholdData(contact_name=f"住户{i}", address=f"1组{i + 1}号", grid_id=a)
            )
        grids.save_household(s, grids.HouseholdData(contact_name="新搬来", address="9组1号"))
    tab.ops.changed.emit(Area.GRIDS)
    page = tab.household_page
    tab.pages.setCurrentWidget(page)
    settle(tab)  # the grids to choose from are read in the background
    page.grid_filter.setCurrentIndex(page.grid_filter.findData(grids.NO_GRID))
    settle(tab)
    assert page.model.rowCount() == 1 and page.model.row(0).contact_name == "新搬来"
    page.grid_filter.setCurrentIndex(0)
    settle(tab)
    selection = page.table.selectionModel()
    for row in (0, 2, 5):
        selection.select(
            page.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        )
    assert len(page.selected_ids()) == 3
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("2号网格 二组片", True))
    page.move_selected()
    settle(tab)
    assert db.run(grids.count_households, grids.HouseholdFilter(grid_id=b)) == 3
    assert db.run(grids.count_households, grids.HouseholdFilter(grid_id=grids.NO_GRID)) == 0


def test_show_record_and_board_pdf(tab, db, tmp_path, people):
    with db.session() as s:
        g = grids.save_grid(s, grids.GridData(number=1, name="一组片", leader_id=people["张秀兰"]))
        h = grids.save_household(s, grids.HouseholdData(contact_name="赵春花", grid_id=g.id))
        m = grids.save_meeting(
            s, grids.MeetingData(date=date.today(), topic="好婆婆评选", topic_source="群众提议")
        )
    tab.ops.changed.emit(Area.GRIDS)
    tab.show_record("household", h.id)
    settle(tab)
    assert tab.pages.currentWidget() is tab.household_page
    assert tab.household_page.selected_ids() == [h.id]
    tab.show_record("meeting", m.id)
    settle(tab)
    assert tab.council_page.f_topic.text() == "好婆婆评选"
    tab.show_record("grid", g.id)
    settle(tab)
    assert tab.grid_page.name.text() == "一组片"
    # 首页's reminder "1号网格 一组片：1户超过90天…" opens that grid's unvisited households.
    reminder = next(r for r in db.run(grids.reminders, date.today()) if r.kind == "households_unvisited")
    tab.show_record(reminder.kind, reminder.record_id)
    settle(tab)
    page = tab.household_page
    assert tab.pages.currentWidget() is page and page.unvisited.isChecked()
    assert [page.model.row(r).contact_name for r in range(page.model.rowCount())] == ["赵春花"]
    pdf = tab.export_board_pdf(str(tmp_path / "board.pdf"))
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")


def test_main_window_menu_and_mediation_link(main_window, qtbot):
    from fedclient.ui.grids.tab import GridsTab

    actions = [a.text() for a in main_window.export_menu.actions()]
    assert "打印网格公示牌…" in actions
    tab = main_window.tab(GridsTab)
    main_window.open_record("grids", "service", 1)
    settle(main_window)
    assert main_window.tabs.currentWidget() is tab and tab.service_page.selected().id == 1
    page = tab.service_page
    page.role_filter.setCurrentIndex(page.role_filter.findData("矛盾调解"))
    settle(main_window)
    row = first_row(page.model, lambda s: not s.case_id)
    page.table.selectRow(row)
    assert page.case_button.isEnabled() and page.case_button.text() == "转为调解案件"
    from fedclient.ui.mediation.tab import MediationTab

    mediation = main_window.tab(MediationTab)
    page.case_button.click()
    assert main_window.tabs.currentWidget() is mediation and mediation.dialog.isVisible()
    assert mediation.dialog.source.currentText() == "网格上报"
    mediation.dialog.reject()
    main_window.select_tab("网格")
    linked = first_row(page.model, lambda s: bool(s.case_id))
    assert linked >= 0, "the demo has grid services that became cases"
    page.table.selectRow(linked)
    assert page.case_button.text().startswith("查看调解案件 ")


def test_home_quick_action_opens_a_new_service(qtbot, main_window, monkeypatch):
    from fedclient.ui.grids.tab import GridsTab

    tab = main_window.tab(GridsTab)
    dialog = tab.new_service()
    assert tab.pages.currentWidget() is tab.service_page
    assert dialog.isVisible()
    dialog.reject()


def test_pages_read_nothing_until_shown(qtbot, qapp, demo_db, ops):

    from fedclient.ui.grids.tab import GridsTab

    with statements_run(demo_db.engine) as statements:
        tab = GridsTab(ops)
        qtbot.addWidget(tab)
    assert statements == []
    tab.show()
    ops.wait_idle()
    assert tab.grid_page.table.rowCount() == len(demo_db.run(grids.list_grids)) > 0
    tab.pages.setCurrentWidget(tab.coverage_page)
    ops.wait_idle()
    coverage = demo_db.run(grids.coverage, date.today(), tab.coverage_page.days.value())
    assert tab.coverage_page.table.rowCount() == len(coverage) + 1  # and the 合计 row
    total = tab.coverage_page.table.item(len(coverage), 1).text()
    assert total == str(sum(c.households for c in coverage))


def test_coverage_shows_this_month_and_this_year_for_each_role(qtbot, demo_db, ops):
    from fedclient.core.vocab import SERVICE_ROLES
    from fedclient.ui.grids.tab import GridsTab

    tab = GridsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.coverage_page)
    ops.wait_idle()
    page = tab.coverage_page
    coverage = demo_db.run(grids.coverage, date.today(), page.days.value())
    first = coverage[0]
    for column, role in enumerate(SERVICE_ROLES, start=2):
        assert page.table.item(0, column).text() == f"{first.month[role]} / {first.year[role]}"
    total_row = len(coverage)
    year_total = sum(sum(c.year.values()) for c in coverage)
    assert page.table.item(total_row, len(SERVICE_ROLES) + 2).text().endswith(f"/ {year_total}")


def test_a_checklist_puts_the_ticked_first_filters_by_initials_and_ticks_by_clicking(qtbot):
    from fedclient.ui.grids.widgets import CheckList

    people = CheckList()
    qtbot.addWidget(people)
    people.show()
    people.set_items([(1, "张秀兰（执委）"), (2, "李红（志愿者）"), (3, "王芳（执委）")], checked=[3])
    assert people.model.labels[0] == "王芳（执委）" and people.checked_ids() == [3]
    type_into(qtbot, people.filter, "zxl")
    assert [people.model.labels[row] for row in people.shown_rows()] == ["张秀兰（执委）"]
    with qtbot.waitSignal(people.changed):
        tick(qtbot, people.list, people.shown_rows()[0])
    assert people.checked_ids() == [3, 1]
    people.filter.clear()
    assert len(people.shown_rows()) == 3
    people.set_checked([2])
    assert people.checked_ids() == [2]


def test_a_long_combo_is_filled_searched_and_read_like_any_combo_box(qtbot):
    from fedclient.ui.forms import fill_combo, select_value
    from fedclient.ui.long_combo import long_combo

    box = long_combo()
    qtbot.addWidget(box)
    fill_combo(box, [("（暂无网格长）", None), ("张秀兰（执委）", 7), ("王芳（执委）", 9)], value=9)
    assert box.count() == 3 and box.currentText() == "王芳（执委）" and box.currentData() == 9
    assert select_value(box, None) and box.currentIndex() == 0 and box.currentData() is None
    assert box.findText("张秀兰（执委）") == 1 and box.findText("张秀兰") == -1 and box.findData(8) == -1
    assert box.findText("张秀", Qt.MatchFlag.MatchStartsWith) == 1  # (any other search: Qt's own)
    fill_combo(box, [("（暂无网格长）", None), ("张秀兰（执委）", 7)])  # refilled: the choice stays
    assert box.count() == 2 and box.currentIndex() == 0
    select_value(box, 7)
    fill_combo(box, [("（暂无网格长）", None), ("李红（执委）", 8), ("张秀兰（执委）", 7)])
    assert box.currentData() == 7 and box.currentText() == "张秀兰（执委）"
