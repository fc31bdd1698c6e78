"""The 成员 tab as the chair uses it: add a member, find her by initials, see messages, import a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QMessageBox, QTableView, QToolButton

from fedclient.core.members import MemberData, MemberFilters, count_members, save_member
from fedclient.ui.members.helped_dialog import HelpedDialog
from fedclient.ui.members.helped_page import HelpedPage
from fedclient.ui.members.member_dialog import MemberDialog
from fedclient.ui.members.roster_page import RosterPage
from fedclient.ui.members.tab import MembersTab
from fedclient.ui.members.transfer import import_roster
from tests.user import choose, click, closed, leave, message_under, type_into

# A copy of ../shared/samples/执委花名册_示例.xlsx (see its README), kept here so a fresh clone tests it.
SAMPLE = Path(__file__).parent / "data" / "roster_sample.xlsx"


@pytest.fixture
def roster(qtbot, qapp, db, ops):
    view = RosterPage(ops)
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    ops.wait_idle()
    return view


def shown_names(view) -> list[str]:
    return [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]


def open_dialog(qtbot, view, button_text: str, kind):
    click(qtbot, view, button_text)
    view.ops.wait_idle()  # the lists it chooses from are read once it is up
    return [d for d in view.findChildren(kind) if d.isVisible()][-1]


def table_rows(view) -> list[list[str]]:
    model = view.model
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_add_a_member_through_the_dialog_then_find_her_by_pinyin_initials(qtbot, roster, db):
    dialog = open_dialog(qtbot, roster, "新增成员", MemberDialog)
    type_into(qtbot, dialog.w["name"], "张秀兰")
    type_into(qtbot, dialog.w["id_number"], "430724199003021246")
    assert dialog.w["birth_date"].text() == "1990-03-02"  # the ID fills the birth date and sex
    assert dialog.w["gender"].currentText() == "女"
    type_into(qtbot, dialog.w["phone"], "138 0013 8000")
    choose(qtbot, dialog.w["role"], "兼职副主席")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    qtbot.keyClicks(roster.search, "zxl")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人" and shown_names(roster) == ["张秀兰"])
    roster.search.setText("wm")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 0 人")
    roster.search.setText("8000")
    qtbot.waitUntil(lambda: shown_names(roster) == ["张秀兰"])
    [row] = table_rows(roster)
    assert "兼职副主席" in row and "13800138000" in row and "4307**********1246" in row


def test_a_two_digit_year_in_a_form_is_not_guessed_silently(qtbot, roster, db):
    # An import reads 82.03 as 1982 and lists the doubt; a form has no such list: she is asked to write it out.
    dialog = open_dialog(qtbot, roster, "新增成员", MemberDialog)
    type_into(qtbot, dialog.w["name"], "李芳")
    type_into(qtbot, dialog.w["birth_date"], "82.03")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "1982-03-01" in message_under(dialog.w["birth_date"]))
    assert "四位年份" in message_under(dialog.w["birth_date"])
    assert dialog.isVisible() and dialog.w["birth_date"].text() == "82.03"
    assert db.run(count_members) == 0
    type_into(qtbot, dialog.w["birth_date"], "1982.03")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    assert closed(dialog)


def test_dialog_shows_chinese_errors_beside_fields_and_keeps_the_typing(qtbot, roster, db):
    dialog = open_dialog(qtbot, roster, "新增成员", MemberDialog)
    type_into(qtbot, dialog.w["name"], "李芳")
    type_into(qtbot, dialog.w["id_number"], "430724199003021247")  # wrong check digit
    type_into(qtbot, dialog.w["phone"], "12345")
    type_into(qtbot, dialog.w["birth_date"], "1990年13月")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "校验位" in message_under(dialog.w["id_number"]))
    assert dialog.isVisible()
    assert "手机号码" in message_under(dialog.w["phone"])
    assert "日期" in message_under(dialog.w["birth_date"])
    assert dialog.w["name"].text() == "李芳" and dialog.w["id_number"].text() == "430724199003021247"
    assert dialog.w["phone"].text() == "12345" and dialog.w["birth_date"].text() == "1990年13月"
    assert db.run(count_members) == 0 and roster.count_label.text() == "共 0 人"
    # Correcting a field takes its message away; a warning (birth date disagreeing with the ID) is amber
    # and does not stop the save.
    type_into(qtbot, dialog.w["phone"], "13800138000")
    assert message_under(dialog.w["phone"]) == ""
    leave(qtbot, dialog.w["phone"])  # checked as she goes; the cursor is not pulled back to the ID number
    assert "校验位" in message_under(dialog.w["id_number"])
    assert QApplication.focusWidget() is not dialog.w["id_number"]
    type_into(qtbot, dialog.w["id_number"], "430724199003021246")
    type_into(qtbot, dialog.w["birth_date"], "1991-01-01")
    leave(qtbot, dialog.w["birth_date"])
    assert "不一致" in message_under(dialog.w["birth_date"])
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    assert closed(dialog) and shown_names(roster) == ["李芳"]


def test_the_same_id_number_twice_is_refused_beside_the_field(qtbot, roster, db):
    for name in ("王秀英", "王秀云"):
        dialog = open_dialog(qtbot, roster, "新增成员", MemberDialog)
        type_into(qtbot, dialog.w["name"], name)
        type_into(qtbot, dialog.w["id_number"], "430724199003021246")
        click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "王秀英" in message_under(dialog.w["id_number"]))
    assert "同一人不能登记两次" in message_under(dialog.w["id_number"]) and dialog.isVisible()
    assert dialog.w["name"].text() == "王秀云"
    qtbot.waitUntil(lambda: shown_names(roster) == ["王秀英"])
    click(qtbot, dialog, "取消")
    assert closed(dialog) and shown_names(roster) == ["王秀英"]


def test_a_helped_person_ended_without_an_end_date_is_refused(qtbot, qapp, db, ops):
    view = HelpedPage(ops)
    qtbot.addWidget(view)
    view.show()
    dialog = open_dialog(qtbot, view, "新增帮扶对象", HelpedDialog)
    type_into(qtbot, dialog.w["name"], "刘桂兰")
    type_into(qtbot, dialog.w["start_date"], "2025年3月1日")
    choose(qtbot, dialog.w["status"], "已结束")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "结束日期" in message_under(dialog.w["end_date"]))
    assert dialog.isVisible() and dialog.w["name"].text() == "刘桂兰"
    type_into(qtbot, dialog.w["end_date"], "2025.12.31")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    qtbot.waitUntil(lambda: view.count_label.text() == "共 1 人")
    assert "刘桂兰" in table_rows(view)[0]


def test_the_helpers_are_found_by_initials_and_a_new_form_shows_no_error_before_typing(qtbot, qapp, db, ops):
    for name in ("张秀兰", "王丽", "李红梅", "张小红"):
        db.run(save_member, MemberData(name=name, role="executive_member"), date(2026, 1, 5))
    view = HelpedPage(ops)
    qtbot.addWidget(view)
    view.show()
    dialog = open_dialog(qtbot, view, "新增帮扶对象", HelpedDialog)
    assert message_under(dialog.w["name"]) == "", "no red message before she has typed anything"
    assert "应有3名" in dialog.helpers_hint.text()
    type_into(qtbot, dialog.helpers.filter, "zxl")
    shown = [dialog.helpers.model.labels[row] for row in dialog.helpers.shown_rows()]
    assert shown == ["张秀兰（执委）"]
    row = dialog.helpers.model.labels.index("张秀兰（执委）")
    dialog.helpers.model.setData(
        dialog.helpers.model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    type_into(qtbot, dialog.w["name"], "刘桂兰")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    qtbot.waitUntil(lambda: view.count_label.text() == "共 1 人")
    assert "张秀兰" in table_rows(view)[0]
    again = HelpedDialog(ops, view, dialog.saved_id)
    ops.wait_idle()
    qtbot.addWidget(again)
    assert again.helpers.checked_ids() and again.helpers.model.labels[0] == "张秀兰（执委）", (
        "the ticked first"
    )


def test_ctrl_n_opens_a_new_member_and_double_click_edits(qtbot, roster, db):
    dialog = roster.add_member()
    roster.ops.wait_idle()
    dialog.w["name"].setText("王梅")
    dialog.save()
    qtbot.waitUntil(lambda: shown_names(roster) == ["王梅"] and closed(dialog))
    roster.activateWindow()
    qtbot.waitUntil(lambda: roster.isActiveWindow())
    roster.table.setFocus()
    qtbot.keyClick(roster.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_dialogs = [d for d in roster.findChildren(MemberDialog) if d.isVisible()]
    assert new_dialogs and new_dialogs[-1].windowTitle() == "新增成员"
    new_dialogs[-1].reject()
    roster._double_clicked(roster.model.index(0, 0))
    edit = [d for d in roster.findChildren(MemberDialog) if d.isVisible()][-1]
    assert edit.windowTitle() == "修改成员" and edit.w["name"].text() == "王梅"
    edit.reject()


def test_delete_asks_first_and_keeps_members_with_records_as_left(qtbot, monkeypatch, main_window):
    tab = main_window.tab(MembersTab)
    view = tab.roster
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    asked, told = [], []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    view.table.setCurrentIndex(view.model.index(0, 0))  # the chair: she has pledges, grids, cases
    total = view.model.rowCount()
    view.delete_selected()
    assert asked and view.model.rowCount() == total
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.table.setCurrentIndex(view.model.index(0, 0))
    name = view.selected_row().name
    view.delete_selected()
    qtbot.waitUntil(lambda: bool(told))
    assert "离任" in told[0] and name in told[0]
    assert main_window.ops.read_now(count_members, MemberFilters(name, status="left")) == 1


def test_tab_menus_and_show_record(qtbot, main_window):
    tab = main_window.tab(MembersTab)
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: tab.roster.model.rowCount() > 0)
    assert "导入花名册…" in [a.text() for a in main_window.import_menu.actions()]
    assert "导出花名册…" in [a.text() for a in main_window.export_menu.actions()]
    last = tab.roster.model.row(tab.roster.model.rowCount() - 1)
    main_window.open_record("members", "member", last.id)
    qtbot.waitUntil(lambda: tab.roster.selected_row() is not None and tab.roster.selected_row().id == last.id)
    tab.roster.search.setText("不存在的人")
    tab.roster.reload()
    qtbot.waitUntil(lambda: tab.roster.model.rowCount() == 0)
    tab.show_record("member", last.id)  # a search hiding her is cleared
    qtbot.waitUntil(lambda: tab.roster.selected_row() is not None and tab.roster.selected_row().id == last.id)
    tab.pages.setCurrentWidget(tab.helped)
    qtbot.waitUntil(lambda: tab.helped.model.rowCount() > 3)
    person = tab.helped.model.row(3)
    tab.pages.setCurrentWidget(tab.roster)
    tab.show_record("helped", person.id)
    assert tab.pages.currentWidget() is tab.helped
    qtbot.waitUntil(lambda: tab.helped.selected() is not None and tab.helped.selected().id == person.id)


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"the shared sample file is not beside the repo: {SAMPLE}")
def test_import_dialog_previews_every_row_then_imports(qtbot, monkeypatch, roster, db, ops):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = import_roster(roster, ops, str(SAMPLE))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=10000)
    assert dialog.model.rowCount() == 16
    kinds = [dialog.model.data(dialog.model.index(r, 1)) for r in range(16)]
    assert kinds.count("新增") == 12 and kinds.count("不能导入") == 2 and kinds.count("重复") == 1
    assert kinds.count("跳过") == 1  # the 合计 row, listed with its reason
    assert dialog.import_button.text() == "导入 12 人"
    assert db.run(count_members) == 0  # nothing written before the button
    # Unmapping the name column: the user is told, nothing can be imported.
    dialog.combos["name"].setCurrentIndex(0)
    qtbot.waitUntil(lambda: "姓名" in dialog.summary.text() and not dialog.import_button.isEnabled())
    dialog.combos["name"].setCurrentIndex(2)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)
    dialog.do_import()
    qtbot.waitUntil(lambda: db.run(count_members) == 12, timeout=10000)
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 12 人")


def test_export_action_writes_the_roster(qtbot, tmp_path, monkeypatch, main_window):
    from fedclient.ui.members.transfer import export_roster_to_file

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    out = tmp_path / "花名册.xlsx"
    export_roster_to_file(main_window, main_window.ops, str(out), mask=True)
    main_window.ops.wait_idle()
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 31 and all("*" in (c.value or "*") for c in ws["F"][1:])


def test_the_chosen_member_stays_chosen_when_the_list_is_sorted_or_changes(qtbot, main_window):
    roster = main_window.tab(MembersTab).roster
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: roster.model.rowCount() > 5)
    names = shown_names(roster)
    chosen = names[5]
    roster.table.selectRow(5)
    roster.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A: she moves, still chosen
    qtbot.waitUntil(lambda: shown_names(roster) != names)
    assert roster.selected_row().name == chosen
    main_window.ops.read_now(save_member, MemberData(name="新来的", role="volunteer"), date.today())
    roster.reload()  # a change elsewhere reads the list again
    main_window.ops.wait_idle()
    assert roster.selected_row().name == chosen and roster.count_label.text() == f"共 {len(names) + 1} 人"
    roster.search.setText(chosen[0])
    roster._search_timer.stop()
    roster.reload()  # a search that still finds her
    main_window.ops.wait_idle()
    assert roster.selected_row().name == chosen


def test_the_filters_narrow_the_roster(qtbot, main_window):
    roster = main_window.tab(MembersTab).roster
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: roster.model.rowCount() > 0)
    everyone = roster.model.rowCount()
    choose(qtbot, roster.role_filter, "主席")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    assert roster.model.row(0).role == "chair"
    roster.role_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: roster.count_label.text() == f"共 {everyone} 人")


def test_a_date_is_picked_from_the_calendar_beside_the_field(qtbot, roster):
    dialog = open_dialog(qtbot, roster, "新增成员", MemberDialog)
    field = dialog.w["term_start"]
    type_into(qtbot, field, "2023-03-01")
    [calendar_button] = [b for b in field.findChildren(QToolButton) if b.isVisible()]
    qtbot.mouseClick(calendar_button, Qt.MouseButton.LeftButton)
    calendar = field.findChild(QCalendarWidget)
    qtbot.waitUntil(lambda: calendar is not None and calendar.isVisible())
    assert calendar.selectedDate().toPython() == date(2023, 3, 1)  # it opens on the day typed
    days = calendar.findChild(QTableView)  # the grid of days takes the keys
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.text() == "2023-03-02")
    assert not [c for c in field.findChildren(QCalendarWidget) if c.isVisible()], "the calendar closes"


def test_import_preview_tells_the_sheet_asks_about_hidden_rows_and_takes_a_confirmed_row(
    qtbot, monkeypatch, roster, db, ops, tmp_path
):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    header = ["序号", "姓名", "性别", "出生年月", "联系电话"]
    wb = openpyxl.Workbook()
    wb.active.title = "填写示例"
    for row in (header, [1, "张三", "女", "1980.01", "13800000000"]):
        wb.active.append(row)
    ws = wb.create_sheet("花名册")
    for row in (header, [1, "王芳", "女", "1980.03", None], [2, "李红", "女", "1981.04", None],
                [3, "赵敏", "女", "1982.05", None], [4, "阿依2", "女", "1983.06", None], ["填表人：王芳"]):  # fmt: skip
        ws.append(row)
    ws.row_dimensions[4].hidden = True
    path = tmp_path / "花名册.xlsx"
    wb.save(path)
    dialog = import_roster(roster, ops, str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=10000)
    assert dialog.sheet_combo.currentText().startswith("花名册") and "填写示例" in dialog.sheet_note.text()
    assert dialog.include_hidden.isVisible() and not dialog.include_hidden.isChecked()
    assert dialog.import_button.text() == "导入 2 人"
    kinds = {dialog.model.rows[r].row_number: dialog.model.data(dialog.model.index(r, 1)) for r in range(5)}
    assert kinds == {2: "新增", 3: "新增", 4: "跳过", 5: "跳过", 6: "跳过"}
    dialog.view.selectRow(3)  # 阿依2: not a name as written, the chair knows her
    assert dialog.confirm_button.isEnabled()
    click(qtbot, dialog, "这一行是人员，导入")
    qtbot.waitUntil(lambda: dialog.import_button.text() == "导入 3 人", timeout=10000)
    dialog.include_hidden.setChecked(True)
    qtbot.waitUntil(lambda: dialog.import_button.text() == "导入 4 人", timeout=10000)
    dialog.sheet_combo.setCurrentIndex(0)  # the chair may read the example sheet instead
    qtbot.waitUntil(lambda: dialog.import_button.text() == "导入 1 人", timeout=10000)
    dialog.sheet_combo.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: dialog.import_button.text() == "导入 3 人", timeout=10000
    )  # hidden kept, confirmation not
    dialog.do_import()
    qtbot.waitUntil(lambda: db.run(count_members) == 3, timeout=10000)


def test_at_start_the_roster_lists_those_in_office_by_rank_then_pinyin(qtbot, main_window, demo_db):
    """What the chair sees when she opens 成员: no column sorted; in office first, 主席 before 副主席 before 执委
    before volunteers, each group in pinyin order (张 after 王), those who left at the end."""
    from sqlalchemy import select

    from fedclient.core.models import Member
    from fedclient.core.vocab import ROLES

    roster = main_window.tab(MembersTab).roster
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: roster.model.rowCount() > 0)
    main_window.ops.wait_idle()
    assert roster.table.horizontalHeader().sortIndicatorSection() == -1
    rows = [roster.model.row(r) for r in range(roster.model.rowCount())]
    with demo_db.session() as session:
        initials = dict(session.execute(select(Member.id, Member.name_initials)).all())
    rank = list(ROLES)
    shown = [(r.status != "active", rank.index(r.role), initials[r.id]) for r in rows]
    assert shown == sorted(shown)
    assert rows[0].role == "chair" and rows[-1].status == "left"
    assert len({role for _left, role, _i in shown}) >= 4  # several ranks, each group in pinyin order


def test_the_executive_members_she_guides_are_found_by_initials_and_kept_ticked(qtbot, roster, db):
    for name in ("张秀兰", "王丽", "李红梅"):
        db.run(save_member, MemberData(name=name, role="executive_member"), date(2026, 1, 5))
    dialog = roster.add_member()
    roster.ops.wait_idle()  # the executive members are read once the dialog is up
    type_into(qtbot, dialog.w["name"], "刘主席")
    choose(qtbot, dialog.w["role"], "主席")
    type_into(qtbot, dialog.guided.filter, "wl")
    assert [dialog.guided.model.labels[row] for row in dialog.guided.shown_rows()] == ["王丽（执委）"]
    model = dialog.guided.model
    model.setData(
        model.index(model.labels.index("王丽（执委）")), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))
    qtbot.waitUntil(lambda: "刘主席" in shown_names(roster))
    again = roster.edit_member(dialog.saved_id)
    roster.ops.wait_idle()
    assert (
        again.guided.model.labels[0] == "王丽（执委）"
        and again.guided.checked_ids() == again.guided.model.ids[:1]
    )
    again.reject()
