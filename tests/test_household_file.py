"""一户一档: a household's services, disputes and people helped in one place, and the repeat-dispute watch."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fedclient.core import grids
from fedclient.core import mediation as med
from fedclient.core.dashboard import collect_reminders
from fedclient.core.grids.household_file import dispute_watch, household_file, suggest_household
from fedclient.core.grids.printouts import household_file_html
from fedclient.core.mediation import CaseDraft, PartyDraft
from fedclient.core.members.helped import HelpedData, save_helped
from fedclient.core.models import CaseParty, Member

from .pdf_text import assert_text_layer_exact, flat, needs_poppler, pdf_text

TODAY = date(2026, 11, 25)


@pytest.fixture
def village(db):
    def make(session):
        member = Member(name="张秀兰", name_initials="zxl", role="chair")
        session.add(member)
        session.flush()
        home = grids.save_household(
            session, grids.HouseholdData(contact_name="王秀英", address="3组12号", size=4)
        )
        other = grids.save_household(session, grids.HouseholdData(contact_name="李春花", address="3组14号"))
        return member.id, home.id, other.id

    return db.run(make)


def case(db, mediator, household, day, risk="蓝", other="刘建国"):
    parties = [
        PartyDraft("applicant", "王秀英", "女", 52, "13800001111", "3组12号", "婆媳", household),
        PartyDraft("respondent", other, "男", 30, "13800002222", "7组", "邻居"),
    ]
    draft = CaseDraft(received_date=day, dispute_type="家庭纠纷", description="家中因赡养问题争吵，丈夫动手",
                      parties=parties, mediator_ids=[mediator], risk_level=risk)  # fmt: skip
    return db.run(med.save_case, draft, TODAY)


def test_the_party_keeps_the_household_chosen_for_her(db, village):
    mediator, home, _other = village
    case_id = case(db, mediator, home, date(2026, 5, 1))
    record = db.run(med.get_case, case_id)
    assert [p.household_id for p in record.draft.parties] == [home, None]
    assert db.run(suggest_household, " 3组12号 ") == home
    assert db.run(suggest_household, "3组13号") is None


def test_the_file_gathers_services_disputes_and_people_helped(db, village):
    mediator, home, other = village
    case_id = case(db, mediator, home, date(2026, 5, 1))
    grid = db.run(grids.save_grid, grids.GridData(number=1, name="一组片", leader_id=mediator))
    db.run(grids.save_service, grids.ServiceData(date=date(2026, 6, 2), grid_id=grid.id, role="矛盾调解",
                                                 description="回访婆媳关系", member_ids=[mediator],
                                                 household_ids=[home]), TODAY)  # fmt: skip
    db.run(
        save_helped,
        HelpedData(name="王小丫", category="留守儿童", start_date=date(2026, 3, 1), household_id=home),
        TODAY,
    )
    db.run(
        save_helped,
        HelpedData(name="别家人", category="独居老人", start_date=date(2026, 3, 1), household_id=other),
        TODAY,
    )
    f = db.run(household_file, home, TODAY)
    assert [(s.day, s.description, s.served_by) for s in f.services] == [
        (date(2026, 6, 2), "回访婆媳关系", "张秀兰")
    ]
    assert [(d.case_id, d.residents) for d in f.disputes] == [(case_id, "申请人 王秀英")]
    assert [p.name for p in f.helped] == ["王小丫"]
    _title, html = db.run(household_file_html, home, TODAY)
    for text in ("王秀英", "3组12号", "回访婆媳关系", "王小丫", "家庭纠纷", "内部资料"):
        assert text in html
    # Not in this household's file: the other side, their phones, what happened, other households' people.
    for text in ("刘建国", "13800001111", "13800002222", "动手", "别家人"):
        assert text not in html


def test_repeat_disputes_within_twelve_months_and_the_escalation_to_red(db, village):
    mediator, home, _other = village
    case(db, mediator, home, date(2025, 10, 1), risk="红")  # more than 12 months ago: not counted
    case(db, mediator, home, date(2026, 3, 1))
    assert db.run(dispute_watch, TODAY) == []
    second = case(db, mediator, home, date(2026, 9, 1))
    [alert] = db.run(dispute_watch, TODAY)
    assert (alert.household_id, alert.red, len(alert.numbers)) == (home, False, 2)
    groups = {g.title: g for g in db.run(collect_reminders, TODAY)}
    assert "王秀英 3组12号：12个月内发生2起纠纷" in groups["同一户反复发生纠纷"].reminders[0].text
    # The earlier one was rated yellow: the household is flagged red.
    record = db.run(med.get_case, db.run(lambda s: s.scalar(select(CaseParty.case_id).order_by(CaseParty.case_id)
                                                               .where(CaseParty.household_id == home).offset(1))))  # fmt: skip
    record.draft.risk_level = "黄"
    db.run(med.save_case, record.draft, TODAY)
    [alert] = db.run(dispute_watch, TODAY)
    assert alert.red and second
    groups = {g.title: g for g in db.run(collect_reminders, TODAY)}
    [red] = groups["同一户纠纷升级（红色预警）"].reminders
    assert "升级为红色预警" in red.text and red.kind == "household_dispute_red" and red.record_id == home
    assert "同一户反复发生纠纷" not in groups


def test_the_demo_shows_an_escalation_a_repeat_and_linked_people(demo_db):
    from tests.conftest import DEMO_TODAY

    alerts = demo_db.run(dispute_watch, DEMO_TODAY)
    assert [a.red for a in alerts] == [True, False]
    f = demo_db.run(household_file, alerts[0].household_id, DEMO_TODAY)
    assert len(f.disputes) == 2 and f.alert == alerts[0].text


@needs_poppler
def test_the_printed_file_gives_back_its_text(qapp, demo_db, tmp_path):
    from fedclient.ui.printing import save_pdf
    from tests.conftest import DEMO_TODAY

    household_id = demo_db.run(dispute_watch, DEMO_TODAY)[0].household_id
    title, html = demo_db.run(household_file_html, household_id, DEMO_TODAY)
    path = tmp_path / "一户一档.pdf"
    save_pdf(html, path, landscape=False, title=title)
    assert_text_layer_exact(path, html)
    assert flat("一户一档") in flat(pdf_text(path))
