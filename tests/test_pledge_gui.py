"""The 承诺 tab: add a pledge and progress entries through the widgets and watch the status change."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDoubleSpinBox, QMessageBox

from fedclient.core import pledges as P
from fedclient.core.changes import Area
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from fedclient.core.pledges.assessment import assessment_rows
from fedclient.ui.pledges.assessment_model import RATING, REMARKS, REVIEW, SCORE
from fedclient.ui.pledges.tab import PledgesTab
from fedclient.ui.pledges.table_model import PROGRESS_COLUMN, STATUS_COLUMN
from tests.user import click, closed, message_under, type_into


@pytest.fixture
def tab(qtbot, qapp, db, ops):
    with db.session() as s:
        for name, role in (("张秀兰", "chair"), ("王芳", "executive_member"), ("赵丽", "volunteer")):
            s.add(Member(name=name, name_initials=initials_index(name), role=role))
    widget = PledgesTab(ops)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    ops.wait_idle()
    return widget


def open_dialog(qtbot, page, button_text: str):
    click(qtbot, page, button_text)
    page.ops.wait_idle()  # the members to choose from are read once the dialog is up
    return page.dialog


def row_text(page, row=0) -> list[str]:
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def settle(widget) -> None:
    """Wait until the reads and writes the widget started have been done and shown."""
    widget.ops.wait_idle()


def status_of(page, row=0):
    return page.model.index(row, STATUS_COLUMN).data()


def test_enter_on_a_missing_pledge_reminder_opens_a_new_pledge_for_her(tab, qtbot):
    page = tab.list_page
    view = page.reminder_list
    qtbot.waitUntil(lambda: view.count() > 0)
    row = next(i for i in range(view.count()) if "王芳" in view.text(i) and "尚未填报" in view.text(i))
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    settle(tab)
    assert page.dialog is not None and page.dialog.isVisible()
    assert "王芳" in page.dialog.member.combo.currentText()


def test_add_pledge_then_entries_change_status(tab, qtbot, db):
    page = tab.list_page
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: page.reminder_list.count() > 0)  # read in the background
    reminders = [page.reminder_list.text(i) for i in range(page.reminder_list.count())]
    assert any("张秀兰" in r and "尚未填报" in r for r in reminders)
    assert not any("赵丽" in r for r in reminders)  # volunteers make no pledge

    dialog = open_dialog(qtbot, page, "新增承诺")
    type_into(qtbot, dialog.member.search, "wf")  # pinyin initials pick 王芳
    assert "王芳" in dialog.member.combo.currentText()
    type_into(qtbot, dialog.content, "走访留守儿童3次")
    type_into(qtbot, dialog.target, "3")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert closed(dialog)
    assert row_text(page)[:3] == ["王芳", "执委", "走访留守儿童3次"] and status_of(page) == "未开始"
    assert page.model.index(0, PROGRESS_COLUMN).data().endswith("0%")

    detail = page.detail
    detail.focus_entry()
    qtbot.keyClicks(detail.amount, "2")  # amount is selected: typing replaces it
    type_into(qtbot, detail.description, "走访李家、王家")
    qtbot.keyClick(detail.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.entries.rowCount() == 1)
    assert detail.entries.item(0, 1).text() == "2" and detail.entries.item(0, 2).text() == "走访李家、王家"
    qtbot.waitUntil(lambda: status_of(page) == "进行中")
    assert detail.description.text() == ""  # ready for the next one

    type_into(qtbot, detail.amount, "1")
    type_into(qtbot, detail.description, "走访赵家")
    click(qtbot, detail, "添加记录")
    qtbot.waitUntil(lambda: status_of(page) == "已完成")
    assert detail.status.text() == "已完成" and detail.bar.value() == 100
    rows = db.run(P.list_pledges, P.PledgeFilters(year=date.today().year, as_of=date.today()))
    assert [(r.member_name, r.done, r.status) for r in rows] == [("王芳", 3.0, "已完成")]


def test_form_keeps_typing_on_errors_and_warns_long(tab, qtbot):
    page = tab.list_page
    dialog = open_dialog(qtbot, page, "新增承诺")
    long = "每月走访留守儿童并为他们建立成长档案，定期和家长老师沟通学习生活情况，组织暑期兴趣活动"
    type_into(qtbot, dialog.member.search, "zxl")
    type_into(qtbot, dialog.content, long)
    type_into(qtbot, dialog.target, "0")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "目标数" in message_under(dialog.target))
    assert dialog.isVisible() and page.model.rowCount() == 0
    assert dialog.counter.property("role") == "warning" and "放不下" in dialog.counter.text()
    assert dialog.content.text() == long
    type_into(qtbot, dialog.target, "10")
    click(qtbot, dialog, "保存")  # a long pledge is a warning, not an error
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert closed(dialog) and row_text(page)[2] == long


def test_milestone_entry_and_filters(tab, qtbot, db):
    year = date.today().year
    members = dict((label.split("（")[0], mid) for mid, label in db.run(P.executive_choices))
    pid = db.run(P.save_pledge, P.PledgeInput(members["张秀兰"], year, "组建巾帼志愿服务队", "其他",
                                              standard_kind="milestone"))  # fmt: skip
    db.run(
        P.save_pledge, P.PledgeInput(members["王芳"], year, "走访10次", "留守人员关爱", target=10, unit="次")
    )
    page = tab.list_page
    page.refresh()
    tab.show_record("pledge", pid)
    settle(tab)
    assert page.current_id() == pid
    assert page.detail.done_tick.isVisibleTo(page.detail) and not page.detail.amount.isVisibleTo(page.detail)
    page.detail.description.setText("召开筹备会")
    page.detail.add()
    settle(tab)
    assert page.detail.status.text() == "进行中"
    page.detail.done_tick.setChecked(True)
    page.detail.description.setText("服务队成立")
    page.detail.add()
    settle(tab)
    assert page.detail.status.text() == "已完成"
    page.status.setCurrentText("已完成")
    settle(tab)
    assert page.model.rowCount() == 1 and page.model.row(0).id == pid
    page.status.setCurrentText("全部")
    settle(tab)
    assert page.model.rowCount() == 2
    page.search.setText("wf")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row(0).member_name == "王芳"


def test_typing_a_search_reads_the_list_not_the_reminders(tab, qtbot, monkeypatch):
    page = tab.list_page
    qtbot.waitUntil(lambda: page.reminder_list.count() > 0)
    settle(tab)
    reminders = [page.reminder_list.text(i) for i in range(page.reminder_list.count())]
    read = []
    real_read = page.ops.read
    monkeypatch.setattr(
        page.ops, "read", lambda fn, *a, **k: (read.append(fn.__name__), real_read(fn, *a, **k))[1]
    )
    qtbot.keyClicks(page.search, "wf")
    qtbot.waitUntil(lambda: "_read_list" in read)  # the list is read as she types
    settle(tab)
    qtbot.wait(50)
    assert "reminders" not in read
    assert [page.reminder_list.text(i) for i in range(page.reminder_list.count())] == reminders


def test_copy_last_year_and_delete(tab, qtbot, db, monkeypatch):
    year = date.today().year
    members = dict((label.split("（")[0], mid) for mid, label in db.run(P.executive_choices))
    db.run(P.save_pledge, P.PledgeInput(members["王芳"], year - 1, "走访10次", "其他", target=10, unit="次"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    page = tab.list_page
    page.copy_last_year()
    settle(tab)
    assert page.model.rowCount() == 1 and "已生成 1 条" in shown[0]
    page.table.selectRow(0)
    page.delete()
    settle(tab)
    assert page.model.rowCount() == 0


def test_board_dialog_saves_pdf_and_menu(main_window, tmp_path):
    tab = main_window.tab(PledgesTab)
    actions = [a.text() for a in main_window.export_menu.actions()]
    assert "打印承诺公示栏…" in actions and "打印践诺情况公示（季度）…" in actions
    dialog = tab.open_board(4)
    dialog.paper.setCurrentIndex(1)
    path = dialog.save_pdf(tmp_path / "board")
    assert path == tmp_path / "board.pdf" and path.stat().st_size > 1000
    assert "已保存" in dialog.message.text()


def cell(page, row, column):
    return page.model.index(row, column)


def test_assessment_page_saves_scores(tab, db):
    page = tab.assessment_page
    assert page.model.rowCount() == 0  # nothing read until the page is shown
    tab.pages.setCurrentWidget(page)
    settle(tab)
    assert page.model.rowCount() == 2  # the chair and the executive member, not the volunteer
    assert cell(page, 0, SCORE).data() == "未打分"
    page.fill_proposed()
    assert cell(page, 0, SCORE).data() == "60" and cell(page, 0, RATING).data() == "基本合格"
    page.model.setData(cell(page, 0, REVIEW), "满意")
    assert page.save() == 2
    settle(tab)

    saved = db.run(assessment_rows, date.today().year)
    assert [(r.score, r.rating) for r in saved] == [(60, "基本合格"), (60, "基本合格")]
    assert saved[0].public_review == "满意"


def test_assessment_edited_in_the_table_like_a_user(tab, qtbot, db, monkeypatch):
    """Click the score, type it; pick the rating from its list; type remarks; save; the database has them."""
    page = tab.assessment_page
    tab.pages.setCurrentWidget(page)
    settle(tab)
    view = page.table

    def open_editor(row, column):
        view.setFocus()
        view.setCurrentIndex(cell(page, row, column))  # a click on the cell opens its editor
        editor = view.indexWidget(cell(page, row, column))
        assert editor is not None
        return editor

    score = open_editor(1, SCORE)
    assert isinstance(score, QDoubleSpinBox) and score.specialValueText() == "未打分"
    score.lineEdit().selectAll()
    qtbot.keyClicks(score.lineEdit(), "88.5")
    qtbot.keyClick(score, Qt.Key.Key_Return)  # the view commits and closes the editor (queued)
    qtbot.waitUntil(lambda: cell(page, 1, SCORE).data() == "88.5")

    rating = open_editor(1, RATING)
    assert isinstance(rating, QComboBox)
    assert [rating.itemText(i) for i in range(rating.count())] == ["", "优秀", "合格", "基本合格", "不合格"]
    rating.setCurrentText("合格")
    rating.activated.emit(rating.currentIndex())  # a choice from the list is kept at once
    assert cell(page, 1, RATING).data() == "合格"

    remarks = open_editor(1, REMARKS)
    qtbot.keyClicks(remarks, "dai tou zou fang")
    page.save_button.click()  # the open editor's text is kept, not lost
    settle(tab)
    year = date.today().year
    saved = {r.name: r for r in db.run(assessment_rows, year)}
    assert (saved["王芳"].score, saved["王芳"].rating, saved["王芳"].remarks) == (
        88.5,
        "合格",
        "dai tou zou fang",
    )
    assert saved["张秀兰"].score is None  # not scored, not saved
    assert cell(page, 1, SCORE).data() == "88.5" and cell(page, 0, SCORE).data() == "未打分"

    # A rating without a score is refused, naming the member; typing is kept.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    page.model.setData(cell(page, 0, RATING), "优秀")
    assert page.save() == 0 and "张秀兰" in warnings[0] and "考核得分" in warnings[0]
    assert cell(page, 0, RATING).data() == "优秀"
    # Unsaved typing survives a refresh caused by another tab saving; a new year starts clean.
    tab.ops.changed.emit(Area.GRIDS)
    settle(tab)
    assert cell(page, 0, RATING).data() == "优秀"
    page.year.setValue(year - 1)
    settle(tab)
    page.year.setValue(year)
    settle(tab)
    assert cell(page, 0, RATING).data() == ""
    assert db.run(assessment_rows, year)[0].rating == ""


def test_reminders_open_their_record(main_window):
    """首页 opens a reminder through window.open_record; the pledge is selected whatever the filters."""
    tab = main_window.tab(PledgesTab)
    db = main_window.db
    with db.session() as s:
        newcomer = Member(name="韦新兰", name_initials=initials_index("韦新兰"), role="executive_member")
        s.add(newcomer)
    rows = db.run(P.list_pledges, P.PledgeFilters(year=2025, as_of=date(2025, 12, 31)))
    target = rows[-1]
    tab.list_page.search.setText("没有这个人")
    main_window.open_record("pledges", "pledge_overdue", target.id)
    settle(main_window)
    assert main_window.tabs.currentWidget() is tab
    assert tab.list_page.year.value() == 2025 and tab.list_page.search.text() == ""
    assert tab.list_page.current_id() == target.id
    assert tab.list_page.detail.title.text().startswith(target.member_name)
    reminders = db.run(P.reminders, date.today())
    missing = [r for r in reminders if r.kind == "pledge_missing" and r.record_id == newcomer.id]
    assert missing and "韦新兰" in missing[0].text
    main_window.open_record("pledges", "pledge_missing", newcomer.id)
    main_window.ops.wait_idle()
    assert tab.list_page.dialog.isVisible() and tab.list_page.dialog.member.member_id() == newcomer.id
    tab.list_page.dialog.reject()


def test_correct_an_entry_by_double_click(tab, db):
    year = date.today().year
    members = dict((label.split("（")[0], mid) for mid, label in db.run(P.executive_choices))
    pid = db.run(P.save_pledge, P.PledgeInput(members["王芳"], year, "走访4次", "其他", target=4, unit="次"))
    db.run(P.add_entry, pid, date(year, 1, 2), 4, "走访四户")
    page = tab.list_page
    page.show_pledge(pid)
    settle(tab)
    assert page.detail.status.text() == "已完成"
    page.detail.edit_entry(0)
    assert page.detail.add_button.text() == "保存修改" and page.detail.description.text() == "走访四户"
    page.detail.amount.setValue(2)
    page.detail.description.setText("走访两户")
    page.detail.add()
    settle(tab)
    assert page.detail.entries.rowCount() == 1  # corrected, not added
    assert page.detail.entries.item(0, 2).text() == "走访两户"
    assert page.detail.status.text() == "进行中" and page.detail.add_button.text() == "添加记录"
    with pytest.raises(P.PledgeError):
        db.run(P.update_entry, page.detail.detail.entries[0].id, date(year, 1, 2), -3, "")


def test_home_quick_action_puts_the_cursor_in_the_entry_row(qtbot, main_window):
    from fedclient.ui.pledges.tab import PledgesTab

    tab = main_window.tab(PledgesTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.add_progress()
    settle(main_window)
    page = tab.list_page
    assert main_window.tabs.currentWidget() is tab
    assert page.current_id() is not None, "a pledge is selected so the entry has somewhere to go"
    assert page.detail.add_button.isEnabled()


def test_an_entry_dated_after_today_is_refused_and_the_typing_kept(tab, db, qtbot):
    year = date.today().year
    members = dict((label.split("（")[0], mid) for mid, label in db.run(P.executive_choices))
    pid = db.run(
        P.save_pledge, P.PledgeInput(members["王芳"], year, "走访10次", "其他", target=10, unit="次")
    )
    page = tab.list_page
    page.refresh()
    tab.show_record("pledge", pid)
    settle(tab)
    detail = page.detail
    tomorrow = f"{date.today() + timedelta(days=1):%Y-%m-%d}"
    type_into(qtbot, detail.day, tomorrow)
    type_into(qtbot, detail.amount, "2")
    type_into(qtbot, detail.description, "走访李家")
    click(qtbot, detail, "添加记录")
    qtbot.waitUntil(lambda: "不能晚于今天" in message_under(detail.day))
    assert (
        detail.description.text() == "走访李家"
        and detail.amount.value() == 2
        and detail.day.text() == tomorrow
    )
    assert detail.entries.rowCount() == 0 and detail.status.text() == "未开始"
    type_into(qtbot, detail.day, "明天")
    click(qtbot, detail, "添加记录")
    qtbot.waitUntil(lambda: "不是能识别的日期" in message_under(detail.day))
    assert detail.entries.rowCount() == 0


def test_a_deadline_before_the_pledge_year_is_shown_next_to_the_field(tab, qtbot):
    dialog = open_dialog(qtbot, tab.list_page, "新增承诺")
    type_into(qtbot, dialog.member.search, "wf")
    type_into(qtbot, dialog.content, "走访留守儿童3次")
    type_into(qtbot, dialog.target, "3")
    type_into(qtbot, dialog.deadline, f"{date.today().year - 1}年12月31日")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "1 月 1 日" in message_under(dialog.deadline))
    assert dialog.isVisible() and dialog.content.text() == "走访留守儿童3次"
    assert dialog.deadline.text() == f"{date.today().year - 1}年12月31日"
    type_into(qtbot, dialog.deadline, "")
    assert message_under(dialog.deadline) == ""  # corrected: the message goes
    click(qtbot, dialog, "保存")  # an empty deadline is the end of the year
    qtbot.waitUntil(lambda: tab.list_page.model.rowCount() == 1)


def test_a_window_left_open_past_the_deadline_shows_the_pledge_overdue(tab, qtbot, db):
    from datetime import timedelta

    page = tab.list_page
    dialog = page.new()
    settle(tab)
    dialog.member.search.setText("wf")
    dialog.content.setText("走访留守儿童3次")
    dialog.target.setValue(3)
    dialog.save()
    settle(tab)
    assert status_of(page) == "未开始"
    deadline = date(tab.today.year, 12, 31)
    tab.day_changed(deadline + timedelta(days=1))  # the chair never closed the program over New Year
    settle(tab)
    assert status_of(page) == "逾期未完成"
    assert page.detail.today == deadline + timedelta(days=1)


def test_the_chair_changes_the_points_per_pledge_and_the_proposed_scores_follow(tab, db, qtbot):
    year = date.today().year
    members = dict((label.split("（")[0], mid) for mid, label in db.run(P.executive_choices))
    pid = db.run(P.save_pledge, P.PledgeInput(members["王芳"], year, "走访2次", "其他", target=2, unit="次"))
    db.run(P.add_entry, pid, date(year, 1, 2), 2, "走访两户")
    page = tab.assessment_page
    tab.pages.setCurrentWidget(page)
    settle(tab)
    row = next(r for r in range(page.model.rowCount()) if cell(page, r, 0).data() == "王芳")
    assert cell(page, row, 6).data() == "80"  # 60 in office + 20 for the pledge kept
    click(qtbot, page, "加分标准…")
    dialog = page.findChild(QDialog)
    first = dialog.spins["assessment_per_pledge"]
    type_into(qtbot, first, "10")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: cell(page, row, 6).data() == "70")
    assert closed(dialog)


def test_a_new_pledge_names_nobody_until_she_chooses(tab, qtbot, db):
    page = tab.list_page
    dialog = open_dialog(qtbot, page, "新增承诺")
    assert dialog.member.member_id() is None and dialog.member.combo.currentText() == ""
    type_into(qtbot, dialog.content, "走访留守儿童3次")
    type_into(qtbot, dialog.target, "3")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: "请选择承诺人" in message_under(dialog.member))
    assert dialog.isVisible() and dialog.content.text() == "走访留守儿童3次"  # her typing stays
    settle(tab)
    assert page.model.rowCount() == 0
    type_into(qtbot, dialog.member.search, "wf")
    assert "王芳" in dialog.member.combo.currentText()
    dialog.member.search.clear()  # clearing the filter keeps her choice
    assert "王芳" in dialog.member.combo.currentText()
