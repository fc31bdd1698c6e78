"""年度履职考核: the proposed score, the chair's weights, saving, and the printed table."""

from __future__ import annotations

from datetime import date

import pytest

from fedclient.core import pledges as P
from fedclient.core.models import Member
from fedclient.core.pledges import assessment as A
from fedclient.core.pledges.board import assessment_table


def add(db, name, role="executive_member", **kw) -> int:
    with db.session() as s:
        m = Member(name=name, role=role, **kw)
        s.add(m)
        s.flush()
        return m.id


def test_proposed_score_from_pledges_done(db):
    busy = add(db, "张秀兰", role="chair")
    add(db, "王芳")
    left_before = add(db, "刘莹", status="left", left_date=date(2025, 6, 1))
    add(db, "赵丽", role="volunteer")
    for content in ("走访12次", "讲座2场", "培训1期"):
        pid = db.run(P.save_pledge, P.PledgeInput(busy, 2026, content, "其他", target=1, unit="次"))
        db.run(P.add_entry, pid, date(2026, 5, 1), 1, "完成")
    rows = {r.name: r for r in db.run(A.assessment_rows, 2026)}
    assert set(rows) == {"张秀兰", "王芳"}  # volunteers and members gone before the year are not assessed
    assert left_before not in [r.member_id for r in rows.values()]
    # 3 done x 20 points, capped at 20 (mediation and grid counts come from their own modules; none here)
    assert rows["张秀兰"].pledges_done == 3 and rows["张秀兰"].proposed == 80
    assert rows["王芳"].proposed == 60 and A.suggested_rating(60) == "基本合格"


def test_weights_are_the_chairs(db):
    mid = add(db, "张秀兰")
    pid = db.run(P.save_pledge, P.PledgeInput(mid, 2026, "走访12次", "其他", target=1, unit="次"))
    db.run(P.add_entry, pid, date(2026, 5, 1), 1, "完成")
    db.run(A.set_weights, {"assessment_per_pledge": 15, "assessment_pledge_cap": 30})
    assert db.run(A.assessment_rows, 2026)[0].proposed == 75
    with pytest.raises(A.AssessmentError):
        db.run(A.set_weights, {"assessment_per_pledge": -1})


def test_save_and_print(qapp, db):
    mid = add(db, "张秀兰", phone="13912345678", id_number="430724198001011234")
    with pytest.raises(A.AssessmentError):
        db.run(A.save_assessment, mid, 2026, 120, "优秀")
    with pytest.raises(A.AssessmentError):
        db.run(A.save_assessment, mid, 2026, 90, "很好")
    db.run(A.save_assessment, mid, 2026, 92, "优秀", "满意", "带头走访")
    db.run(A.save_assessment, mid, 2026, 93, "优秀", "满意", "带头走访")  # updates, no duplicate
    [row] = db.run(A.assessment_rows, 2026)
    assert (row.score, row.rating, row.public_review, row.remarks) == (93, "优秀", "满意", "带头走访")
    board = db.run(assessment_table, 2026, "A4", date(2026, 12, 20))
    assert "张秀兰" in board.html and "带头走访" in board.html and "2026年度履职考核表" in board.html
    assert "13912345678" not in board.html and "430724198001011234" not in board.html


def test_demo_has_last_years_assessment_and_no_stale_reminders(demo_db):
    """By November the chair has assessed 2025; the unmet 2025 pledges are explained, not reminded again."""
    from fedclient.core.pledges import reminders

    rows = demo_db.run(A.assessment_rows, 2025)
    assessed = [r for r in rows if r.in_office]
    assert assessed and all(r.score is not None and r.rating for r in assessed)
    unmet = [r for r in assessed if r.pledges_done < r.pledges]
    assert unmet and all("未全部完成" in r.remarks for r in unmet)
    texts = [r.text for r in demo_db.run(reminders, date(2026, 11, 25))]
    assert not any("2025年" in t for t in texts)
    assert any(r.kind == "pledge_overdue" for r in demo_db.run(reminders, date(2026, 11, 25)))


def test_a_member_who_kept_her_pledge_is_proposed_at_least_qualified(db):
    kept, missed = add(db, "张秀兰"), add(db, "王芳")
    for member in (kept, missed):
        pid = db.run(P.save_pledge, P.PledgeInput(member, 2026, "走访12次", "其他", target=12, unit="次"))
        db.run(P.add_entry, pid, date(2026, 5, 1), 12 if member == kept else 5, "走访")
    rows = {r.name: r for r in db.run(A.assessment_rows, 2026)}
    assert rows["张秀兰"].proposed == 80 and A.suggested_rating(rows["张秀兰"].proposed) == "合格"
    assert rows["王芳"].proposed == 60 and A.suggested_rating(rows["王芳"].proposed) == "基本合格"
    assert A.suggested_rating(80 + 10) == "优秀"  # with cases mediated and grid services on top


@pytest.mark.parametrize("year", [2025, 2026])
def test_each_members_pledges_and_done_ones_are_what_the_pledge_list_shows_at_the_years_end(demo_db, year):
    """Counted in SQL (issue 18: not thousands of pledges read at county scale), with the list's own status."""
    shown: dict[int, list[str]] = {}
    for p in demo_db.run(P.list_pledges, P.PledgeFilters(year=year, as_of=date(year, 12, 31))):
        shown.setdefault(p.member_id, []).append(p.status)
    rows = demo_db.run(A.assessment_rows, year)
    assert any(r.pledges_done for r in rows) and any(r.pledges > r.pledges_done for r in rows)
    for r in rows:
        statuses = shown.get(r.member_id, [])
        assert (r.pledges, r.pledges_done) == (len(statuses), statuses.count(P.DONE)), r.name
