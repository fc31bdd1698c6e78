"""Lists and choice lists are read off the GUI thread: the page is drawn and answers the chair while its read
runs, shows the result when it is in (a newer read superseding an older one), and keeps what she chose or typed.
``ops.read_now`` (on the GUI thread) is left to a page of a long list's rows and one record."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import council
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from tests.user import choose, type_into

# What the pages may still read on the GUI thread: a page of a long list's rows (50 at most, ``PAGE_SIZE``), and
# one record or one number.
ONE_PAGE_OR_ONE_RECORD = {"rows_by_ids", "next_grid_number", "get_meeting", "get_service"}


class Gate:
    """Holds a core function on its worker thread until ``open()``: a read that takes as long as the test says."""

    def __init__(self, monkeypatch, module, name: str, when=lambda *a: True):
        self.event = threading.Event()
        self.started = threading.Event()
        real = getattr(module, name)

        def held(*args, **kwargs):
            if when(*args):
                self.started.set()
                assert self.event.wait(10), "the test never let the read finish"
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, held)

    def open(self) -> None:
        self.event.set()


def gui_thread_reads(ops, monkeypatch) -> list[str]:
    """The functions read with ``ops.read_now`` from now on."""
    called: list[str] = []
    real = ops.read_now
    monkeypatch.setattr(ops, "read_now", lambda fn, *a: called.append(fn.__name__) or real(fn, *a))
    return called


@pytest.fixture
def people(db):
    with db.session() as s:
        for name, role in [("张秀兰", "council_member"), ("李红", "volunteer"), ("王芳", "volunteer")]:
            s.add(Member(name=name, name_initials=initials_index(name), role=role))


@pytest.fixture
def meetings(db, people):
    with db.session() as s:
        for day, topic in ((1, "好婆婆评选"), (2, "垃圾分类"), (3, "好媳妇评选")):
            grids.save_meeting(
                s, grids.MeetingData(date=date(2026, 3, day), topic=topic, topic_source="群众提议")
            )


def topics(page) -> list[str]:
    return [page.model.row(r).topic for r in range(page.model.rowCount())]


def test_the_council_page_is_drawn_before_its_list_is_read_and_shows_it_when_in(
    qtbot, ops, meetings, monkeypatch
):
    from fedclient.ui.grids.council_page import CouncilPage

    gate = Gate(monkeypatch, council, "list_ids")
    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    page = CouncilPage(ops)
    qtbot.addWidget(page)
    page.show()  # returns while the list's read waits on its worker
    assert gate.started.wait(5)
    assert page.model.rowCount() == 0
    type_into(qtbot, page.f_topic, "议题草稿")  # the chair works on the form meanwhile
    gate.open()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    ops.wait_idle()
    assert topics(page) == ["好媳妇评选", "垃圾分类", "好婆婆评选"] and page.count_label.text() == "共 3 次"
    assert page.f_topic.text() == "议题草稿", "the list's arrival does not touch what she typed"
    assert set(on_gui_thread) <= ONE_PAGE_OR_ONE_RECORD, on_gui_thread


def test_a_newer_search_supersedes_the_read_still_running(qtbot, ops, meetings, monkeypatch):
    from fedclient.ui.grids.council_page import CouncilPage

    page = CouncilPage(ops)
    qtbot.addWidget(page)
    page.show()
    ops.wait_idle()
    gate = Gate(monkeypatch, council, "list_ids", when=lambda _s, text, *a: text == "好")
    shown: list[list[int]] = []
    real_set_ids = page.model.set_ids
    monkeypatch.setattr(
        page.model, "set_ids", lambda ids, *a: shown.append(list(ids)) or real_set_ids(ids, *a)
    )
    page.search.setText("好")
    qtbot.waitUntil(gate.started.is_set)  # the read for "好" runs (held)
    page.search.setText("好婆婆")  # she types on
    qtbot.waitUntil(lambda: topics(page) == ["好婆婆评选"])
    gate.open()
    ops.wait_idle()
    assert topics(page) == ["好婆婆评选"] and len(shown) == 1, "the older read's result is never shown"


def test_a_reminder_selects_its_meeting_once_the_list_is_read_even_behind_a_search(qtbot, ops, db, meetings):
    from fedclient.ui.grids.council_page import CouncilPage

    page = CouncilPage(ops)
    qtbot.addWidget(page)
    page.show()
    ops.wait_idle()
    page.search.setText("垃圾")
    qtbot.waitUntil(lambda: topics(page) == ["垃圾分类"])
    wanted = next(m.id for m in db.run(council.list_meetings) if m.topic == "好婆婆评选")
    page.select_meeting(wanted)
    qtbot.waitUntil(lambda: page.current_id == wanted)
    assert page.search.text() == "" and page.f_topic.text() == "好婆婆评选"


@pytest.fixture
def grid_ids(db, people) -> dict[str, int]:
    with db.session() as s:
        return {
            name: grids.save_grid(s, grids.GridData(number=n, name=name)).id
            for n, name in ((1, "一组片"), (2, "二组片"))
        }


def test_the_household_page_keeps_the_grids_chosen_while_its_choices_are_read_again(
    qtbot, ops, db, grid_ids, monkeypatch
):
    from fedclient.ui.grids.household_page import HouseholdPage

    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    page = HouseholdPage(ops)
    qtbot.addWidget(page)
    page.show()
    ops.wait_idle()
    choose(qtbot, page.grid_filter, "2号网格 二组片")
    ops.wait_idle()
    gate = Gate(monkeypatch, grids, "grid_choices")
    with db.session() as s:
        grids.save_grid(s, grids.GridData(number=3, name="三组片"))
    ops.changed.emit(Area.GRIDS)  # another page saved a grid: the choices are read again
    assert gate.started.wait(5)
    choose(qtbot, page.f_grid, "1号网格 一组片")  # she picks the new household's grid meanwhile
    gate.open()
    ops.wait_idle()
    assert (
        page.grid_filter.currentText() == "2号网格 二组片" and page.f_grid.currentData() == grid_ids["一组片"]
    )
    assert page.f_grid.findText("3号网格 三组片") >= 0, "the new grid can be chosen"
    page.unvisited.setChecked(True)  # 只看久未走访: its number of days is read with the list
    ops.wait_idle()
    assert page.unvisited.text() == "只看90天未走访"
    assert set(on_gui_thread) <= ONE_PAGE_OR_ONE_RECORD, on_gui_thread


def test_a_household_page_asked_for_a_grid_before_its_grids_are_read_shows_that_grid(
    qtbot, ops, db, grid_ids, monkeypatch
):
    from fedclient.ui.grids.household_page import HouseholdPage

    with db.session() as s:
        grids.save_household(s, grids.HouseholdData(contact_name="赵春花", grid_id=grid_ids["二组片"]))
        grids.save_household(s, grids.HouseholdData(contact_name="钱秀英", grid_id=grid_ids["一组片"]))
    gate = Gate(monkeypatch, grids, "grid_choices")
    page = HouseholdPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.show_grid(grid_ids["二组片"])  # 网格与人员's 查看本网格住户, while the grids are being read
    assert not page.grid_filter.isEnabled()
    gate.open()
    ops.wait_idle()
    assert page.grid_filter.currentData() == grid_ids["二组片"]
    assert [page.model.row(r).contact_name for r in range(page.model.rowCount())] == ["赵春花"]


def test_the_grid_form_waits_for_its_choices_and_keeps_its_grid_selected(
    qtbot, ops, db, grid_ids, monkeypatch
):
    from fedclient.ui.grids.grid_page import GridPage

    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    gate = Gate(monkeypatch, grids, "serving_choices")
    page = GridPage(ops)
    qtbot.addWidget(page)
    page.show()
    assert gate.started.wait(5)
    assert not page.form_box.isEnabled() and not page.new_button.isEnabled(), "nothing to choose from yet"
    page.select_grid(grid_ids["二组片"])  # 首页's reminder, before the read is in
    gate.open()
    ops.wait_idle()
    assert page.form_box.isEnabled() and page.table.rowCount() == 2
    assert page.name.text() == "二组片"
    assert page.leader.findText("张秀兰（妇女议事会成员）") >= 0
    assert set(on_gui_thread) <= ONE_PAGE_OR_ONE_RECORD, on_gui_thread


def test_the_grids_tab_reads_no_list_on_the_gui_thread(qtbot, ops, demo_db, monkeypatch):
    """Every page of 网格 shown in turn on the demo village: only a page of rows or one record is read on the
    GUI thread (this fails if a list or a choice list goes back to ``read_now``)."""
    from fedclient.ui.grids.tab import GridsTab

    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    tab = GridsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    for index in range(tab.pages.count()):
        tab.pages.setCurrentIndex(index)
        ops.wait_idle()
    assert tab.grid_page.table.rowCount() > 0 and tab.household_page.model.rowCount() > 0
    assert tab.service_page.model.rowCount() > 0 and tab.council_page.model.rowCount() > 0
    assert set(on_gui_thread) <= ONE_PAGE_OR_ONE_RECORD, on_gui_thread


def test_the_coverage_page_reads_its_days_with_its_figures_and_saves_a_change(
    qtbot, ops, db, grid_ids, monkeypatch
):
    from fedclient.core.settings import get_int
    from fedclient.ui.grids.coverage_page import CoveragePage

    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    page = CoveragePage(ops)
    qtbot.addWidget(page)
    page.show()
    assert not page.days.isEnabled(), "nothing to change before the setting is read"
    ops.wait_idle()
    assert page.days.isEnabled() and page.days.value() == 90 and page.table.rowCount() == 3
    type_into(qtbot, page.days, "30")
    qtbot.keyClick(page.days, "\r")
    ops.wait_idle()
    assert db.run(get_int, "household_visit_days") == 30 and page.days.value() == 30
    assert on_gui_thread == []


def test_the_pledge_form_is_up_before_its_members_are_read_and_keeps_her_choice(qtbot, ops, db, monkeypatch):
    from fedclient.ui.pledges import pledge_dialog
    from fedclient.ui.pledges.pledge_dialog import PledgeDialog

    with db.session() as s:
        members = [
            Member(name=n, name_initials=initials_index(n), role="executive_member") for n in ("王芳", "李红")
        ]
        s.add_all(members)
        s.flush()
        wanted = members[1].id
    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    gate = Gate(monkeypatch, pledge_dialog, "executive_choices")
    dialog = PledgeDialog(ops, 2026, member_id=wanted)  # 首页's "李红尚未填报承诺"
    qtbot.addWidget(dialog)
    dialog.show()
    assert gate.started.wait(5)
    assert not dialog.member.isEnabled() and not dialog.buttons.save.isEnabled(), "nothing to choose yet"
    type_into(qtbot, dialog.content, "每月走访留守儿童")  # she types meanwhile
    gate.open()
    ops.wait_idle()
    assert dialog.member.isEnabled() and dialog.buttons.save.isEnabled()
    assert dialog.member.member_id() == wanted and dialog.content.text() == "每月走访留守儿童"
    type_into(qtbot, dialog.member.search, "wf")  # the initials were worked out with the read
    assert "王芳" in dialog.member.combo.currentText()
    assert on_gui_thread == []


def test_the_service_form_reads_its_grids_people_and_households_off_the_gui_thread(
    qtbot, ops, db, grid_ids, monkeypatch
):
    from fedclient.ui.grids.service_dialog import ServiceDialog

    with db.session() as s:
        grids.save_household(s, grids.HouseholdData(contact_name="赵春花", grid_id=grid_ids["二组片"]))
        grids.save_household(s, grids.HouseholdData(contact_name="钱秀英", grid_id=grid_ids["一组片"]))
    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    gate = Gate(monkeypatch, grids, "list_grids")
    dialog = ServiceDialog(ops, grid_id=grid_ids["二组片"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert gate.started.wait(5)
    assert not dialog.grid.isEnabled() and not dialog.buttons.save.isEnabled()
    dialog.description.setPlainText("入户宣传")  # typed meanwhile
    gate.open()
    ops.wait_idle()
    assert dialog.grid.currentData() == grid_ids["二组片"] and dialog.buttons.save.isEnabled()
    assert (
        dialog.households.model.labels[0].startswith("赵春花")
        and dialog.description.toPlainText() == "入户宣传"
    )
    choose(qtbot, dialog.grid, "1号网格 一组片")  # another grid: its households, read in the background
    ops.wait_idle()
    assert [label.split("（")[0].split(" ")[0] for label in dialog.households.model.labels] == ["钱秀英"]
    assert on_gui_thread == []


# One record, one setting or one number: what a dialog may read on the GUI thread before it is built (~1-2 ms).
ONE_RECORD = {
    "get_pledge", "get_case", "get_member", "get_helped", "get_meeting", "get_service", "get_profile",
    "get_weights", "get_rule", "next_grid_number", "household_choice", "relation_warnings",
}  # fmt: skip


def test_the_window_reads_no_list_on_the_gui_thread_as_every_page_and_form_is_opened(
    qtbot, main_window, monkeypatch
):
    """Every tab and page of the demo village shown, then the forms a chair opens most: a list, a choice list
    or a count read with ``read_now`` fails this."""
    from PySide6.QtWidgets import QTabWidget

    from fedclient.ui.mediation.followup_dialog import FollowUpDialog

    ops = main_window.ops
    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        ops.wait_idle()
        for inner in main_window.tabs.widget(index).findChildren(QTabWidget):
            for page in range(inner.count()):
                inner.setCurrentIndex(page)
                ops.wait_idle()
    members, grids_tab = main_window.tab_by_key("members"), main_window.tab_by_key("grids")
    mediation, pledges = main_window.tab_by_key("mediation"), main_window.tab_by_key("pledges")
    forms = [
        members.roster.add_member(),
        members.roster.edit_member(members.roster.model.id_at(0)),
        members.helped.add_person(),
        pledges.list_page.new(),
        mediation.new_case(),
        grids_tab.new_service(),
        mediation.duty_page.edit_day(date.today()),
        mediation.duty_page.fill_dialog(),
        FollowUpDialog(ops, mediation.model.id_at(0), "", None, main_window),
    ]
    ops.wait_idle()
    for form in forms:
        assert form.isEnabled()
        form.close()
    assert set(on_gui_thread) <= ONE_PAGE_OR_ONE_RECORD | ONE_RECORD, sorted(set(on_gui_thread))


def test_a_case_and_a_helped_persons_form_tick_their_people_once_the_lists_are_read(
    qtbot, ops, demo_db, monkeypatch
):
    from sqlalchemy import select

    from fedclient.core.mediation import CaseDraft, get_case
    from fedclient.core.members.helped import get_helped
    from fedclient.core.models import HelpedPerson
    from fedclient.ui.mediation import case_dialog
    from fedclient.ui.members import helped_dialog

    case = next(r for i in range(1, 60) if (r := demo_db.run(get_case, i)) and len(r.draft.mediator_ids) > 1)
    gate = Gate(monkeypatch, case_dialog, "mediator_choices")
    dialog = case_dialog.CaseDialog(ops, CaseDraft(id=case.draft.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert gate.started.wait(5)
    assert not dialog.mediators.isEnabled() and not dialog.buttons.save.isEnabled()
    assert dialog.current()[0].mediator_ids == case.draft.mediator_ids, (
        "the case's mediators wait for the list"
    )
    gate.open()
    ops.wait_idle()
    assert dialog.mediators.isEnabled() and dialog.buttons.save.isEnabled()
    assert sorted(dialog.current()[0].mediator_ids) == sorted(case.draft.mediator_ids)
    assert len(dialog.mediators.model.labels) > len(case.draft.mediator_ids)

    person_id = demo_db.run(lambda s: s.scalar(select(HelpedPerson.id).order_by(HelpedPerson.id)))
    helpers = demo_db.run(get_helped, person_id).helper_ids
    assert helpers
    gate = Gate(monkeypatch, helped_dialog, "helper_choices")
    form = helped_dialog.HelpedDialog(ops, person_id=person_id)
    qtbot.addWidget(form)
    form.show()
    assert gate.started.wait(5)
    assert not form.helpers.isEnabled() and form.collect().helper_ids == helpers
    gate.open()
    ops.wait_idle()
    assert form.helpers.isEnabled() and sorted(form.helpers.checked_ids()) == sorted(helpers)


def test_the_decision_dialog_is_up_before_its_people_are_read_and_finds_them_by_initials(
    qtbot, ops, people, monkeypatch
):
    """议事决议's 责任人: every member in office (thousands at county scale) read once the dialog is up; typing zxl
    finds 张秀兰; a decision's own 责任人 is chosen when the list is in, a name not on the roster stays typed."""
    from fedclient.core.grids.council_decisions import DecisionData
    from fedclient.ui.grids import decision_dialog
    from fedclient.ui.grids.decision_dialog import DecisionDialog

    on_gui_thread = gui_thread_reads(ops, monkeypatch)
    gate = Gate(monkeypatch, decision_dialog, "member_choices")
    dialog = DecisionDialog(ops, DecisionData(), date(2026, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert gate.started.wait(5)
    assert not dialog.responsible.isEnabled() and not dialog.buttons.save.isEnabled(), "nothing to choose yet"
    dialog.content.setPlainText("评选好婆婆")  # she types meanwhile
    gate.open()
    ops.wait_idle()
    assert dialog.responsible.isEnabled() and dialog.buttons.save.isEnabled()
    assert dialog.responsible.combo.currentText() == "", "nobody chosen for her"
    type_into(qtbot, dialog.responsible.search, "zxl")
    assert dialog.responsible.combo.currentText() == "张秀兰（妇女议事会成员）"
    assert dialog.responsible.combo.count() == 1
    chosen = dialog.value()
    assert (chosen.responsible_name, chosen.content) == ("张秀兰", "评选好婆婆") and chosen.responsible_id
    assert on_gui_thread == []

    again = DecisionDialog(ops, chosen, date(2026, 3, 1))  # 修改: her 责任人 chosen once the list is in
    qtbot.addWidget(again)
    outsider = DecisionDialog(ops, DecisionData(responsible_name="卫生院李医生"), date(2026, 3, 1))
    qtbot.addWidget(outsider)
    ops.wait_idle()
    assert again.responsible.combo.currentText() == "张秀兰（妇女议事会成员）"
    assert again.value().responsible_id == chosen.responsible_id
    assert outsider.responsible.combo.currentText() == "卫生院李医生"
    assert (outsider.value().responsible_id, outsider.value().responsible_name) == (None, "卫生院李医生")
