"""巾帼志愿积分: hours on services and progress entries → points under the chair's rule, stars, redemptions, the
积分证 and the monthly workbook's volunteer hours."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from fedclient.core import pledges as P
from fedclient.core.grids.assignments import GridData, save_grid
from fedclient.core.grids.services import ServiceData, ServiceError, save_service
from fedclient.core.models import Member
from fedclient.core.monthly_report.export import export_month
from fedclient.core.monthly_report.layout import VOLUNTEER_HOURS
from fedclient.core.pinyin import initials_index
from fedclient.core.volunteer_points import ledger as L
from fedclient.core.volunteer_points import rules as R
from fedclient.core.volunteer_points.card import points_cards

from .pdf_text import pdf_text
from .test_review import shows

TODAY = date(2026, 6, 30)


def add(db, name, role="volunteer") -> int:
    with db.session() as s:
        m = Member(name=name, role=role, name_initials=initials_index(name))
        s.add(m)
        s.flush()
        return m.id


@pytest.fixture
def village(db):
    """Two volunteers and a leader; 2 services in June (3 h and 1.5 h each server), one progress entry."""
    leader, a, b = add(db, "张秀兰", "executive_member"), add(db, "李秀英"), add(db, "王小红")
    grid = db.run(save_grid, GridData(number=1, name="一组片", leader_id=leader, volunteer_ids=[a, b])).id
    for day, hours, who in ((date(2026, 6, 3), 3, [a, b]), (date(2026, 6, 20), 1.5, [a])):
        data = ServiceData(date=day, grid_id=grid, description="入户走访", member_ids=who, hours=hours)
        db.run(save_service, data, TODAY)
    pid = db.run(P.save_pledge, P.PledgeInput(leader, 2026, "走访留守儿童12次", "其他", target=12, unit="次"))
    db.run(P.add_entry, pid, date(2026, 6, 10), 2, "走访", 3, TODAY, hours=2.5)
    return {"leader": leader, "a": a, "b": b}


def test_points_are_her_hours_under_the_rule(db, village):
    rows = {r.name: r for r in db.run(L.volunteer_points, TODAY)}
    assert (rows["李秀英"].hours, rows["李秀英"].points) == (4.5, 4.5)
    assert (rows["王小红"].hours, rows["张秀兰"].hours) == (3, 2.5)  # progress entries count for their member
    db.run(R.save_rule, 2, (5, 8, 20))
    rows = {r.name: r for r in db.run(L.volunteer_points, TODAY)}
    assert rows["李秀英"].points == 9 and rows["李秀英"].star == "二星"
    assert [r.name for r in db.run(L.volunteer_points, TODAY)][0] == "李秀英"  # most points first
    assert [r.name for r in db.run(L.volunteer_points, TODAY, "lxy")] == ["李秀英"]  # pinyin initials
    with pytest.raises(R.RuleError) as refused:
        db.run(R.save_rule, 1, (80, 40))
    assert "star_levels" in refused.value.errors
    assert db.run(R.get_rule).points_per_hour == 2  # the refused rule changed nothing


def test_redemptions_cannot_spend_more_than_she_has(db, village):
    a = village["a"]
    db.run(L.redeem, a, date(2026, 6, 25), "洗衣液一瓶", 4, TODAY)
    with pytest.raises(L.RedemptionError) as refused:
        db.run(L.redeem, a, date(2026, 6, 26), "大米五斤", 1, TODAY)
    assert refused.value.errors == {"points": "积分不足：李秀英现有可用积分 0.5 分。"}
    row = db.run(L.member_points, a)
    assert (row.points, row.spent, row.balance) == (4.5, 4, 0.5)
    ledger = db.run(L.member_ledger, a)
    assert [(e.kind, e.points) for e in ledger] == [("网格服务", 3), ("网格服务", 1.5), ("兑换", -4)]
    assert sum(e.points for e in ledger) == row.balance


def test_hours_are_checked(db, village):
    with pytest.raises(ServiceError) as refused:
        db.run(
            save_service, ServiceData(date=TODAY, grid_id=1, description="x", member_ids=[1], hours=30), TODAY
        )
    assert refused.value.errors == {"hours": "服务时长应在 0 到 24 小时之间。"}


def test_card_and_workbook_agree_with_the_ledger(db, village, qapp, tmp_path):
    from fedclient.core.village import Profile, save_profile
    from fedclient.ui.printing import save_pdf

    profile = Profile("湖南省", "邵阳市", "武冈市", "司马冲镇", "杉板村", "张秀兰", "13900000000")
    db.run(save_profile, profile)
    db.run(R.save_rule, 10, (40, 80))
    doc = db.run(points_cards, TODAY, [village["a"]])
    pdf = tmp_path / "积分证.pdf"
    save_pdf(doc.html, pdf, "A4", False, doc.footer, doc.title, doc.base_pt)
    text = pdf_text(pdf)
    assert shows(text, "姓名李秀英") and shows(text, "累计服务时长4.5小时") and shows(text, "累计积分45分")
    assert shows(text, "星级★☆一星")
    out = tmp_path / "月报.xlsx"
    export_month(db, 2026, 6, out)
    ws = openpyxl.load_workbook(out)["汇总"]
    found = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    # 3 h x 2 servers + 1.5 h + 2.5 h of the progress entry: the hours every member's points are earned by
    assert found[VOLUNTEER_HOURS] == 10 == sum(r.hours for r in db.run(L.volunteer_points, TODAY))


def test_demo_has_hours_redemptions_and_ballots(demo_db):
    from fedclient.core.review.ballots import rates_by_member

    rows = demo_db.run(L.volunteer_points, date(2026, 11, 25))
    assert sum(1 for r in rows if r.hours > 0) >= 10 and any(r.spent for r in rows)
    assert all(r.balance >= 0 for r in rows)
    assert len(demo_db.run(rates_by_member, 2025)) >= 10
