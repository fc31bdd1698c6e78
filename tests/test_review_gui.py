"""The year-end screens: 述职评议 (counts typed → 满意率 in the assessment), 志愿积分 (search, ledger, exchange,
refused beyond the balance), the 自查表, and the hours fields of a grid service and a progress entry."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from fedclient.core.review.ballots import ballot_rows
from fedclient.core.volunteer_points.ledger import member_points
from fedclient.core.volunteer_points.rules import fmt
from fedclient.ui.pledges.assessment_model import SATISFACTION
from fedclient.ui.review import actions

from .pdf_text import pdf_text


def type_into(qtbot, widget, text: str) -> None:
    """Typed into the real widget: keys for ASCII, an input method's commit (insert) for Chinese."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def year_menu(window) -> list[str]:
    menu = window.year_menu
    assert menu.title() == "年度工作(&Y)" and menu.menuAction() in window.menuBar().actions()
    return [a.text() for a in menu.actions() if a.text()]


def test_counted_ballots_typed_show_as_rate_in_the_assessment(qtbot, main_window, demo_db):
    assert year_menu(main_window)[0].startswith("执委述职评议")
    actions.open_review(main_window)
    tab = main_window.tabs.currentWidget()
    page = tab.review_page
    assert tab.pages.currentWidget() is page
    with qtbot.waitSignal(page.rows_shown, timeout=10000):
        page.year.setValue(2026)
    first = page.rows[0]
    for col, text in zip((2, 3, 4), ("28", "5", "2"), strict=True):
        index = page.model.index(0, col)
        qtbot.mouseClick(
            page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center()
        )
        editor = page.table.indexWidget(index)  # the spin box opened by her click
        assert editor is not None and editor.suffix() == " 票"
        qtbot.keyClicks(editor.lineEdit(), text)
        if col < 4:
            assert page.model.index(0, col).data() == f"{text} 票"  # kept while she types
    assert page.model.index(0, 6).data() == "94.3%"  # (28 + 5) / 35, shown as she types
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # the last cell still being edited
    qtbot.waitUntil(lambda: "已保存" in page.message.text(), timeout=10000)
    saved = demo_db.run(ballot_rows, 2026, date(2026, 11, 25))[0]
    assert (saved.member_id, saved.satisfied, saved.fairly_satisfied, saved.dissatisfied) == (
        first.member_id,
        28,
        5,
        2,
    )
    assessment = tab.assessment_page
    tab.pages.setCurrentWidget(assessment)
    qtbot.waitUntil(lambda: assessment.model.rowCount() > 0, timeout=10000)
    row = next(i for i, r in enumerate(assessment.model.rows) if r.member_id == first.member_id)
    qtbot.waitUntil(
        lambda: assessment.model.index(row, SATISFACTION).data() == "94.3%（35票）", timeout=10000
    )


def test_ballot_table_holds_no_widget_per_row(qtbot, main_window):
    """A county reviews thousands of members: the counts are edited in one spin box at a time."""
    from PySide6.QtWidgets import QSpinBox

    from fedclient.core.review.ballots import BallotRow

    actions.open_review(main_window)
    page = main_window.tabs.currentWidget().review_page
    qtbot.waitUntil(lambda: not page.stale and page.model.rowCount() > 0, timeout=10000)
    with qtbot.waitSignal(page.rows_shown, timeout=10000):
        page._show([BallotRow(i, f"成员{i}", "执委", i % 7, 1, 1) for i in range(1, 3001)])
    page.table.scrollToBottom()
    assert page.model.index(2999, 6).data() == "83.3%" and page.model.index(2999, 2).data() == "4 票"
    spins = [s for s in page.table.findChildren(QSpinBox)]
    assert len(spins) <= 1


def test_points_page_search_ledger_and_exchange(qtbot, main_window, demo_db):
    actions.open_points(main_window)
    page = main_window.tabs.currentWidget().points
    qtbot.waitUntil(lambda: len(page.rows) > 5, timeout=10000)
    top = page.rows[0]
    shown = [page.table.model().index(0, c).data() for c in range(page.table.model().columnCount())]
    assert shown[0] == top.name and shown[5] == fmt(top.balance) and shown[6] == top.star
    right = page.table.model().index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    initials = demo_db.run(lambda s: s.get(__import__("fedclient.core.models", fromlist=["Member"]).Member,
                                             top.member_id).name_initials.split()[0])  # fmt: skip
    with qtbot.waitSignal(page.rows_shown, timeout=10000):
        type_into(qtbot, page.search, initials)
    assert top.member_id in [r.member_id for r in page.rows]
    with qtbot.waitSignal(page.ledger_shown, timeout=10000):
        page.select_member(top.member_id)
    assert page.ledger_table.rowCount() > 0 and top.name in page.title.text()
    before = demo_db.run(member_points, top.member_id)
    type_into(qtbot, page.item, "毛巾两条")
    type_into(qtbot, page.points.lineEdit(), "3")
    with qtbot.waitSignal(page.ledger_shown, timeout=10000):
        qtbot.mouseClick(page.redeem_button, Qt.MouseButton.LeftButton)
    after = demo_db.run(member_points, top.member_id)
    assert after.balance == before.balance - 3
    assert page.ledger_table.item(0, 2).text() == "毛巾两条" and page.ledger_table.item(0, 4).text() == "-3"
    type_into(qtbot, page.item, "电饭锅")
    type_into(qtbot, page.points.lineEdit(), "9999")
    qtbot.mouseClick(page.redeem_button, Qt.MouseButton.LeftButton)
    box = page.form.box("points")
    qtbot.waitUntil(lambda: box.has_error, timeout=10000)
    assert "积分不足" in box.message.text() and page.item.text() == "电饭锅"  # typing kept
    assert demo_db.run(member_points, top.member_id).balance == after.balance


def test_self_check_dialog_shows_and_saves(qtbot, main_window, tmp_path):
    dialog = actions.open_self_check(main_window)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 8, timeout=10000)
    assert dialog.total.text().startswith("总分") and dialog.table.item(6, 0).text() == "网格“1+2”配备"
    assert "四组片" in dialog.table.item(6, 5).text()
    out = tmp_path / "自查表.pdf"
    assert dialog.save_pdf(out).startswith("已保存")
    assert "规范化建设自查表" in pdf_text(out)


def test_hours_typed_in_a_grid_service(qtbot, main_window, demo_db):
    from fedclient.core import grids
    from fedclient.ui.grids.service_dialog import ServiceDialog

    grid = demo_db.run(grids.list_grids)[0]
    dialog = ServiceDialog(main_window.ops, grid_id=grid.id, parent=main_window)
    qtbot.addWidget(dialog)
    main_window.ops.wait_idle()  # what it chooses from is read once it is up
    dialog.description.setPlainText("入户宣传")
    type_into(qtbot, dialog.hours.lineEdit(), "2.5")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert dialog.saved.hours == 2.5
    assert demo_db.run(grids.get_service, dialog.saved.id).hours == 2.5


def test_hours_typed_in_a_progress_entry_count_as_points(qtbot, main_window, demo_db):
    main_window.select_tab("承诺")
    page = main_window.tabs.currentWidget().list_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    page.table.selectRow(0)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10000)
    member_id = detail.detail.pledge.member_id
    before = demo_db.run(member_points, member_id)
    rows = detail.entries.rowCount()
    type_into(qtbot, detail.amount.lineEdit(), "1")
    type_into(qtbot, detail.hours.lineEdit(), "3.5")
    type_into(qtbot, detail.description, "走访两户")
    qtbot.mouseClick(detail.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.entries.rowCount() == rows + 1, timeout=10000)
    assert [detail.entries.item(r, 4).text() for r in range(rows + 1)].count("3.5") >= 1
    assert demo_db.run(member_points, member_id).hours == before.hours + 3.5


def test_an_exchange_typed_wrong_is_undone_and_its_points_come_back(qtbot, main_window, demo_db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    actions.open_points(main_window)
    page = main_window.tabs.currentWidget().points
    qtbot.waitUntil(lambda: len(page.rows) > 5, timeout=10000)
    top = page.rows[0]
    with qtbot.waitSignal(page.ledger_shown, timeout=10000):
        page.select_member(top.member_id)
    before = demo_db.run(member_points, top.member_id)
    type_into(qtbot, page.item, "洗衣液一瓶")
    type_into(qtbot, page.points.lineEdit(), "30")  # meant 3
    with qtbot.waitSignal(page.ledger_shown, timeout=10000):
        qtbot.mouseClick(page.redeem_button, Qt.MouseButton.LeftButton)
    assert not page.undo_button.isEnabled(), "nothing chosen in the ledger yet"
    page.ledger_table.selectRow(1 if page.ledger_table.item(0, 1).text() != "兑换" else 0)
    if page.ledger_table.item(page.ledger_table.currentRow(), 1).text() != "兑换":
        assert not page.undo_button.isEnabled(), "a service's points are not an exchange"
    page.ledger_table.selectRow(0)
    assert page.ledger_table.item(0, 2).text() == "洗衣液一瓶" and page.undo_button.isEnabled()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(page.ledger_shown, timeout=10000):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert "洗衣液一瓶" in asked[0] and "30 分将退回" in asked[0]
    assert demo_db.run(member_points, top.member_id).balance == before.balance
    shown = [page.ledger_table.item(r, 2).text() for r in range(page.ledger_table.rowCount())]
    assert "洗衣液一瓶" not in shown and "已撤销兑换" in page.message.text()


def test_the_review_page_saves_its_sheets_and_ballots_as_pdf(qtbot, main_window, tmp_path):
    """述职评议's 保存为 PDF… (the printout is loaded only when the chair prints: issue 18)."""
    actions.open_review(main_window)
    page = main_window.tabs.currentWidget().review_page
    with qtbot.waitSignal(page.rows_shown, timeout=10000):
        page.year.setValue(2026)
    page.copies.setValue(2)
    out = tmp_path / "述职评议.pdf"
    page.save_pdf(str(out))  # read, built and drawn in the background
    main_window.ops.wait_idle()
    assert page.message.text().startswith(f"已保存：{out}")
    text = pdf_text(out)
    assert "2026年度述职表" in text and text.count("年度述职评议民主测评票") == 2
