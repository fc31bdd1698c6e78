"""The chair's screens for council follow-through, 一户一档 and the duty roster, clicked as she would."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QDialog

from fedclient.core import duty, grids
from fedclient.core.grids.council_decisions import DecisionData, overdue_decisions
from fedclient.core.grids.household_file import dispute_watch
from fedclient.ui.grids.widgets import CheckList
from tests.user import choose, click, type_into


def test_home_shows_the_overdue_decision_the_repeat_dispute_and_tomorrows_duty(main_window, qtbot):
    from fedclient.ui.home.tab import HomeTab

    home = main_window.tab(HomeTab)
    qtbot.waitUntil(lambda: home.dashboard is not None, timeout=20_000)  # read once the window has painted
    tree = home.reminder_tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    for title in ("议事会决议逾期未落实", "同一户纠纷升级（红色预警）", "同一户反复发生纠纷", "明日值班"):
        assert any(t.startswith(title) for t in titles), (title, titles)


def test_a_decision_is_added_with_its_owner_and_saved_with_the_meeting(main_window, qtbot, monkeypatch):
    from fedclient.ui.grids.decision_dialog import DecisionDialog
    from fedclient.ui.grids.tab import GridsTab

    db = main_window.db
    meeting_id = db.run(overdue_decisions, date.today())[0].meeting_id
    main_window.open_record("grids", "meeting", meeting_id)
    page = main_window.tab(GridsTab).council_page
    main_window.ops.wait_idle()
    qtbot.waitUntil(lambda: page.current_id == meeting_id)
    before = len(page.decisions)

    def fill(dialog: DecisionDialog) -> int:
        main_window.ops.wait_idle()  # the people are read once the dialog is up
        dialog.content.setPlainText("请卫生院上门接种")
        dialog.responsible.combo.setEditText("卫生院李医生")
        dialog.accept_if_valid()
        return dialog.result()

    monkeypatch.setattr(DecisionDialog, "exec", fill)
    page.sections.setCurrentIndex(1)
    click(qtbot, page, "添加决议")
    assert page.decision_table.rowCount() == before + 1
    click(qtbot, page, "保存会议")
    main_window.ops.wait_idle()
    saved = db.run(grids.get_meeting, meeting_id).decision_items
    assert saved[-1].content == "请卫生院上门接种" and saved[-1].responsible_name == "卫生院李医生"


def test_the_decision_dialog_refuses_a_decision_without_a_due_date(qtbot, ops, db):
    from fedclient.core.models import Member
    from fedclient.ui.grids.decision_dialog import DecisionDialog

    with db.session() as s:
        s.add(Member(name="周敏", role="council_member"))
    dialog = DecisionDialog(ops, DecisionData(), date(2026, 10, 1))
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.content, "评选结果公示")
    ops.wait_idle()
    choose(qtbot, dialog.responsible.combo, "周敏（妇女议事会成员）")
    dialog.accept_if_valid()
    assert dialog.result() != QDialog.DialogCode.Accepted and "请填写完成时限" in dialog.message.text()
    assert dialog.value().responsible_name == "周敏" and dialog.value().responsible_id is not None


def test_a_reminder_opens_the_household_file(main_window, qtbot, tmp_path):
    from fedclient.ui.grids.tab import GridsTab

    household_id = main_window.db.run(dispute_watch, date.today())[0].household_id
    page = main_window.tab(GridsTab).household_page
    main_window.open_record("grids", "household_dispute_red", household_id)
    main_window.ops.wait_idle()
    dialog = page.findChild(QDialog)
    assert dialog is not None and "升级为红色预警" in dialog.view.toPlainText()
    path = dialog.save_pdf(str(tmp_path / "档案.pdf"))
    assert path is not None and path.stat().st_size > 1000


def test_a_day_of_duty_is_set_by_ticking_names(main_window, qtbot):
    from fedclient.ui.mediation.tab import MediationTab

    tomorrow = date.today() + timedelta(days=1)
    main_window.open_record("mediation", "duty_tomorrow", tomorrow.toordinal())
    page = main_window.tab(MediationTab).duty_page
    main_window.ops.wait_idle()
    assert page.month == tomorrow.replace(day=1)
    dialog = page.edit_day(tomorrow)
    main_window.ops.wait_idle()  # who may be on duty is read once the dialog is up
    checklists = dialog.findChildren(CheckList)
    full_day, morning = checklists[2], checklists[0]
    for checklist in checklists:
        checklist.set_checked([])
    first = page.ops.read_now(duty.duty_choices, "mediation", tomorrow)[0]
    morning.set_checked([first[0]])
    click(qtbot, dialog, "保存")
    main_window.ops.wait_idle()
    shifts = main_window.db.run(duty.month_shifts, "mediation", tomorrow.year, tomorrow.month)[tomorrow]
    assert [(s.part, s.member_id) for s in shifts] == [("上午", first[0])]
    assert full_day is not None


def test_the_case_form_keeps_a_partys_household_and_suggests_one_from_the_address(main_window, qtbot):
    from sqlalchemy import select

    from fedclient.core.mediation import CaseDraft, PartyDraft
    from fedclient.core.models import CaseParty, Household
    from fedclient.ui.mediation.case_dialog import CaseDialog

    def linked(session):
        party = session.scalars(select(CaseParty).where(CaseParty.household_id.is_not(None))).first()
        return party.case_id, party.household_id, session.get(Household, party.household_id).address

    case_id, household_id, address = main_window.db.run(linked)
    dialog = CaseDialog(main_window.ops, CaseDraft(id=case_id))
    qtbot.addWidget(dialog)
    parties, _problems = dialog.parties.parties()
    assert household_id in [p.household_id for p in parties]  # saving the form keeps the link
    row = dialog.parties.add_row(PartyDraft("respondent"))
    assert dialog.parties.household_of(row) is None
    dialog.parties.set_text(row, 5, address)
    assert dialog.parties.household_of(row) == household_id  # suggested from the address typed


def test_the_helped_form_keeps_her_household(main_window, qtbot):
    from sqlalchemy import select

    from fedclient.core.models import HelpedPerson
    from fedclient.ui.members.helped_dialog import HelpedDialog

    person_id, household_id = main_window.db.run(
        lambda s: s.execute(
            select(HelpedPerson.id, HelpedPerson.household_id).where(HelpedPerson.household_id.is_not(None))
        ).first()
    )
    dialog = HelpedDialog(main_window.ops, main_window, person_id)
    qtbot.addWidget(dialog)
    assert dialog.collect().household_id == household_id
