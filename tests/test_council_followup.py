"""议事会六步法 follow-through: decisions with a person responsible and a due date, overdue ones reminded on 首页,
the outcome and satisfaction recorded, the 议事纪要 printed."""

from __future__ import annotations

from datetime import date

import pytest

from fedclient.core import grids
from fedclient.core.dashboard import collect_reminders
from fedclient.core.grids.council_decisions import DecisionData
from fedclient.core.grids.printouts import minutes_html
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index

from .pdf_text import assert_text_layer_exact, flat, needs_poppler, page_texts

TODAY = date(2026, 11, 25)


@pytest.fixture
def people(db):
    def make(session):
        ids = {}
        for name, role in (("周敏", "council_member"), ("李红", "executive_member")):
            member = Member(name=name, name_initials=initials_index(name), role=role, phone="13912345678")
            session.add(member)
            session.flush()
            ids[name] = member.id
        return ids

    return db.run(make)


def meeting(people, **changes) -> grids.MeetingData:
    data = grids.MeetingData(
        date=date(2026, 10, 10), place="议事长廊", topic_category="孝老爱亲", topic="好媳妇好婆婆评选",
        topic_source="群众提议", topic_source_detail="3组村民在议事长廊提出", participants_count=14,
        participants="议事会成员、村民代表", decisions="讨论评选条件，议定由各网格推荐候选人",
        decision_items=[
            DecisionData(content="各网格推荐候选人", responsible_id=people["周敏"], due_date=date(2026, 10, 31)),
            DecisionData(content="评选结果张榜公示", responsible_name="村委会王主任", due_date=date(2026, 12, 15)),
        ],
    )  # fmt: skip
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_decisions_are_saved_with_who_and_when_and_read_back(db, people):
    saved = db.run(grids.save_meeting, meeting(people), TODAY)
    again = db.run(grids.get_meeting, saved.id)
    assert again.topic_source == "群众提议" and again.topic_source_detail == "3组村民在议事长廊提出"
    assert [(d.content, d.responsible_name, d.due_date) for d in again.decision_items] == [
        ("各网格推荐候选人", "周敏", date(2026, 10, 31)),
        ("评选结果张榜公示", "村委会王主任", date(2026, 12, 15)),
    ]
    # Editing keeps the rows: one carried out, one removed.
    first = again.decision_items[0]
    first.done_date, first.outcome, first.satisfaction = date(2026, 10, 30), "推荐8户", "满意"
    again.decision_items = [first]
    db.run(grids.save_meeting, again, TODAY)
    final = db.run(grids.get_meeting, saved.id).decision_items
    assert [(d.id, d.status, d.satisfaction) for d in final] == [(first.id, "已落实", "满意")]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"topic_source": ""}, "请选择议题来源"),
        ({"decision_items": [DecisionData(content="办一件事", due_date=date(2026, 11, 1))]}, "第1项决议：请指定责任人"),
        ({"decision_items": [DecisionData(content="办", responsible_name="王", due_date=None)]}, "请填写完成时限"),
        ({"decision_items": [DecisionData(content="办", responsible_name="王", due_date=date(2026, 9, 1))]},
         "完成时限不能早于会议日期"),
        ({"decision_items": [DecisionData(content="办", responsible_name="王", due_date=date(2026, 11, 1),
                                          satisfaction="满意")]}, "落实以后才能填写群众满意度"),
    ],
)  # fmt: skip
def test_a_decision_without_owner_or_date_is_refused(db, people, change, message):
    with pytest.raises(grids.MeetingError, match=message):
        db.run(grids.save_meeting, meeting(people, **change), TODAY)


def test_an_open_decision_past_due_is_a_reminder_until_carried_out(db, people):
    saved = db.run(grids.save_meeting, meeting(people), TODAY)
    groups = {g.title: g for g in db.run(collect_reminders, TODAY)}
    overdue = groups["议事会决议逾期未落实"].reminders
    assert len(overdue) == 1  # the second is due in December
    assert (
        "各网格推荐候选人" in overdue[0].text
        and "周敏" in overdue[0].text
        and "已逾期25天" in overdue[0].text
    )
    assert overdue[0].tab == "grids" and overdue[0].record_id == saved.id
    data = db.run(grids.get_meeting, saved.id)
    data.decision_items[0].done_date = date(2026, 11, 20)
    db.run(grids.save_meeting, data, TODAY)
    assert "议事会决议逾期未落实" not in {g.title for g in db.run(collect_reminders, TODAY)}


@needs_poppler
def test_minutes_print_decisions_with_owner_and_keep_the_signatures_together(qapp, db, people, tmp_path):
    from fedclient.ui.printing import save_pdf

    items = [
        DecisionData(
            content=f"第{i}项：各网格组织一次入户宣传",
            responsible_id=people["李红"],
            due_date=date(2026, 11, 30),
        )
        for i in range(1, 26)
    ]
    saved = db.run(grids.save_meeting, meeting(people, decision_items=items), TODAY)
    title, html = db.run(minutes_html, saved.id)
    assert title == "妇女议事会议事纪要（2026-10-10）"
    path = tmp_path / "纪要.pdf"
    save_pdf(html, path, landscape=False)
    assert_text_layer_exact(path, html)
    pages = page_texts(path)
    assert len(pages) >= 2
    whole = flat("".join(pages))
    for text in (
        "议题来源群众提议（3组村民在议事长廊提出）",
        "第25项：各网格组织一次入户宣传",
        "李红",
        "2026年11月30日",
    ):
        assert flat(text) in whole
    assert "13912345678" not in whole  # no member's phone
    signed = [n for n, text in enumerate(pages) if "主持人" in text or "记录人" in text]
    assert len(signed) == 1 and "记录人" in pages[signed[0]] and "主持人" in pages[signed[0]]


def test_the_history_numbers_a_meetings_decisions_from_one(db, people):
    from sqlalchemy import select

    from fedclient.core.history.query import record_history
    from fedclient.core.models import CouncilDecision

    db.run(grids.save_meeting, meeting(people), TODAY)
    with db.session() as s:
        ids = s.scalars(select(CouncilDecision.id).order_by(CouncilDecision.position)).all()
        first, second = (record_history(s, "council_decisions", i)[0].changes for i in ids)
    assert "序号：1" in first and "各网格推荐候选人" in first
    assert "序号：2" in second and "评选结果张榜公示" in second
    assert "序号：0" not in first
