"""修改记录 on screen: the button in an edit dialog, and the whole database's list with its filters."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from fedclient.core.models import Member
from fedclient.ui.history.history_window import HistoryWindow
from fedclient.ui.history.record_dialog import RecordHistoryDialog
from fedclient.ui.members.member_dialog import MemberDialog


def test_member_dialog_saves_then_its_history_button_lists_the_change(qtbot, demo_db, ops):
    member_id = demo_db.run(lambda s: s.scalar(select(Member.id).order_by(Member.id)))
    assert MemberDialog(ops).buttons.history.isHidden()  # a new member has no history yet
    dialog = MemberDialog(ops, member_id=member_id)
    qtbot.addWidget(dialog)
    ops.wait_idle()  # the list it chooses from is read once it is up
    dialog.w["specialty"].setText("剪纸")
    dialog.buttons.save.click()
    qtbot.waitUntil(lambda: dialog.saved_id == member_id, timeout=5000)

    again = MemberDialog(ops, member_id=member_id)
    qtbot.addWidget(again)
    assert not again.buttons.history.isHidden()
    again.buttons.history.click()
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordHistoryDialog) and w.isVisible()
    ]
    assert len(shown) == 1
    model = shown[0].model
    qtbot.waitUntil(lambda: model.rowCount() >= 2)  # created by the demo, changed in the window
    newest = [model.index(0, c).data() for c in range(model.columnCount())]
    assert newest[1] == "修改" and newest[3].endswith("→ 剪纸") and newest[4] == "窗口"
    assert model.index(model.rowCount() - 1, 1).data() == "新增"
    shown[0].close()


def test_history_window_filters_by_source_and_text(qtbot, demo_db, ops):
    window = HistoryWindow(ops)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() > 1000)  # the demo village, every record
    everything = window.model.rowCount()
    window.source.setCurrentIndex(window.source.findData("import"))
    qtbot.waitUntil(lambda: window.count.text() == "共 0 条，最新的在上")
    window.source.setCurrentIndex(0)
    window.text.setText("议事会")  # as typed through an input method
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < everything, timeout=5000)
    shown = [[window.model.index(r, c).data() for c in (2, 3)] for r in range(window.model.rowCount())]
    assert all("议事会" in record or "议事会" in changes for record, changes in shown)
    assert any("议事会" in record for record, _changes in shown)
    window.text.clear()
    window.kind.setCurrentIndex(window.kind.findData("mediation_cases"))
    qtbot.waitUntil(lambda: "议事会" not in (window.model.index(0, 2).data() or "议事会"), timeout=5000)
    kinds = {window.model.index(r, 2).data().split()[0] for r in range(window.model.rowCount())}
    assert kinds <= {"调解案件", "当事人", "调解员", "回访"} and "当事人" in kinds
    assert window.view.editTriggers() == window.view.EditTrigger.NoEditTriggers
