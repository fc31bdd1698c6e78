"""Screen privacy: ID numbers masked until one click (recorded), 隐私模式 masks mediation parties' names."""

from __future__ import annotations

from sqlalchemy import select

from fedclient.core.history.query import record_history
from fedclient.core.models import Member
from fedclient.ui import privacy
from fedclient.ui.members.member_dialog import MemberDialog


def test_full_id_number_shown_on_one_click_and_the_look_is_recorded(qtbot, demo_db, ops):
    member_id, full = demo_db.run(
        lambda s: s.execute(
            select(Member.id, Member.id_number).where(Member.id_number.is_not(None)).order_by(Member.id)
        ).first()
    )
    dialog = MemberDialog(ops, member_id=member_id)
    qtbot.addWidget(dialog)
    field = dialog.w["id_number"]
    assert field.text() == full[:4] + "*" * 10 + full[-4:] and field.isReadOnly()
    assert dialog.collect().id_number == full  # saving without looking keeps the number
    reveal = next(a for a in field.actions() if a.text() == "显示")
    reveal.trigger()
    qtbot.waitUntil(lambda: field.text() == full, timeout=5000)
    assert not field.isReadOnly()
    history = demo_db.run(record_history, "members", member_id)
    assert history[0].action == "查看完整身份证号" and history[0].source == "窗口"
    assert full not in history[0].changes


def test_privacy_mode_masks_party_names_in_the_case_list_and_is_remembered(qtbot, main_window):
    from fedclient.ui.mediation.case_model import CaseTableModel

    main_window.select_tab("调解")
    model = next(m for m in main_window.findChildren(CaseTableModel))
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    column = [h for h, _f in model.columns].index("当事人")
    try:
        main_window.privacy_action.setChecked(False)
        plain = model.index(0, column).data()
        main_window.privacy_action.setChecked(True)
        masked = model.index(0, column).data()
        assert privacy.is_on()
        assert "某某" in masked and "某某" not in plain and masked.split("：")[0] == plain.split("：")[0]
    finally:
        main_window.privacy_action.setChecked(False)
