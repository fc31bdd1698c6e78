"""Saving pledges and entries, reminders, copying last year's pledges, the monthly numbers."""

from __future__ import annotations

from datetime import date

import pytest

from fedclient.core import pledges as P
from fedclient.core.models import Member, Pledge
from fedclient.core.pinyin import initials_index


def add_member(db, name, role="executive_member", **kw) -> int:
    with db.session() as s:
        m = Member(name=name, name_initials=initials_index(name), role=role, **kw)
        s.add(m)
        s.flush()
        return m.id


def pledge(member_id, year=2026, content="走访留守儿童12次", target=12.0, **kw) -> P.PledgeInput:
    return P.PledgeInput(member_id=member_id, year=year, content=content, category="留守人员关爱",
                         target=target, unit="次", **kw)  # fmt: skip


def texts(db, today, kind):
    return [r.text for r in db.run(P.reminders, today) if r.kind == kind]


def test_save_validates_and_defaults_deadline(db):
    mid = add_member(db, "张秀兰")
    with pytest.raises(P.PledgeError) as err:
        db.run(P.save_pledge, P.PledgeInput(member_id=None, year=2026, content="", target=None))
    assert {"member_id", "content", "target"} <= set(err.value.errors)
    long = "为" * 41
    assert "content" in P.check_pledge(pledge(mid, content=long)).warnings
    pid = db.run(P.save_pledge, pledge(mid))
    detail = db.run(P.get_pledge, pid, date(2026, 5, 1))
    assert detail.pledge.deadline == date(2026, 12, 31)
    assert detail.pledge.status == "未开始"
    with pytest.raises(P.PledgeError):
        db.run(P.add_entry, pid, date(2026, 5, 1), -1)


def test_reminders_missing_due_overdue_idle(db):
    chair = add_member(db, "李淑华", role="chair", term_start=date(2023, 3, 1))
    quiet = add_member(db, "王芳")
    add_member(db, "刘莹", status="left", left_date=date(2026, 3, 1))  # left: no reminder
    add_member(db, "赵丽", role="volunteer")  # not on the executive committee
    today = date(2026, 12, 10)
    assert texts(db, today, "pledge_missing") == ["李淑华：2026年尚未填报承诺", "王芳：2026年尚未填报承诺"]

    due = db.run(P.save_pledge, pledge(chair))
    db.run(P.add_entry, due, date(2026, 11, 1), 3, "走访")
    late = db.run(P.save_pledge, pledge(quiet, content="办讲座2场", target=2, deadline=date(2026, 11, 30)))
    reminders = {r.kind: r for r in db.run(P.reminders, today)}
    assert set(reminders) == {"pledge_due", "pledge_overdue"}  # overdue is not also "idle"
    assert reminders["pledge_due"].record_id == due and "21 天后到期" in reminders["pledge_due"].text
    assert (
        reminders["pledge_overdue"].record_id == late and "已逾期 10 天" in reminders["pledge_overdue"].text
    )
    assert texts(db, date(2026, 12, 10), "pledge_missing") == []

    # Completing the pledge clears its reminders; an entry resets the 90-day clock.
    db.run(P.add_entry, due, date(2026, 12, 9), 9, "走访")
    db.run(P.add_entry, late, date(2026, 12, 10), 2, "讲座")
    assert [r for r in db.run(P.reminders, today) if r.record_id in (due, late)] == []


def test_idle_after_ninety_days(db):
    mid = add_member(db, "王芳")
    pid = db.run(P.save_pledge, pledge(mid))
    db.run(P.add_entry, pid, date(2026, 3, 1), 1, "走访")
    assert texts(db, date(2026, 5, 29), "pledge_idle") == []  # 89 days
    assert texts(db, date(2026, 5, 30), "pledge_idle") == ["王芳：“走访留守儿童12次”已 90 天没有践诺记录"]


def test_copy_from_last_year(db):
    stays = add_member(db, "张秀兰")
    leaves = add_member(db, "刘莹", status="left", left_date=date(2026, 1, 20))
    db.run(
        P.save_pledge,
        pledge(stays, year=2027, content="帮扶困境妇女2人", target=2, deadline=date(2027, 6, 30)),
    )
    leap = db.run(P.save_pledge, pledge(stays, year=2028, content="组织培训1期", target=1,
                                        deadline=date(2028, 2, 29)))  # fmt: skip
    db.run(P.add_entry, leap, date(2028, 2, 1), 1, "培训")
    db.run(P.save_pledge, pledge(leaves, year=2028))
    made = db.run(P.copy_from_last_year, 2029, date(2029, 1, 5), date(2029, 2, 1))
    assert made == 1  # the member who left gets no draft
    rows = db.run(P.list_pledges, P.PledgeFilters(year=2029, as_of=date(2029, 1, 5)))
    assert [(r.member_name, r.content, r.deadline, r.status, r.done) for r in rows] == [
        ("张秀兰", "组织培训1期", date(2029, 2, 28), "未开始", 0.0)
    ]
    assert rows[0].posted_date == date(2029, 2, 1)
    assert db.run(P.copy_from_last_year, 2029, date(2029, 1, 5)) == 0  # not twice


def test_month_indicators_and_ledger(db):
    a = add_member(db, "张秀兰", role="chair")
    b = add_member(db, "王芳")
    p1 = db.run(P.save_pledge, pledge(a, target=2))
    p2 = db.run(P.save_pledge, pledge(b, content="成立志愿队", standard_kind="milestone", target=None,
                                      deadline=date(2026, 6, 30)))  # fmt: skip
    db.run(P.save_pledge, pledge(b, year=2025))
    db.run(P.add_entry, p1, date(2026, 5, 3), 1, "走访李家")
    db.run(P.add_entry, p1, date(2026, 5, 20), 1, "走访王家")
    db.run(P.add_entry, p2, date(2026, 4, 2), 0, "筹备")
    may = db.run(P.month_indicators, 2026, 5)
    assert may == {"本年承诺数": 2, "本年已完成承诺数": 1, "承诺完成率(%)": 50.0, "逾期未完成承诺数": 0,
                   "本月践诺记录数": 2}  # fmt: skip
    assert db.run(P.month_indicators, 2026, 7)["逾期未完成承诺数"] == 1
    assert db.run(P.month_indicators, 2024, 7)["承诺完成率(%)"] == 0
    rows = db.run(P.ledger_rows, 2026, 5)
    assert list(rows[0]) == [
        "序号",
        "姓名",
        "职务",
        "承诺内容",
        "类别",
        "完成标准",
        "目标数",
        "单位",
        "完成时限",
        "累计完成",
        "完成进度(%)",
        "状态",
        "本月践诺情况",
    ]
    assert rows[0]["姓名"] == "张秀兰" and rows[0]["状态"] == "已完成" and rows[0]["完成进度(%)"] == 100
    assert rows[0]["本月践诺情况"] == "05-03 走访李家（1次）；05-20 走访王家（1次）"
    assert rows[1]["状态"] == "进行中" and rows[1]["本月践诺情况"] == ""


def test_search_by_initials_and_filters(db):
    a = add_member(db, "张秀兰")
    b = add_member(db, "单雄英")
    db.run(P.save_pledge, pledge(a))
    db.run(P.save_pledge, pledge(b, content="调解纠纷3起", target=3))
    as_of = date(2026, 6, 1)
    for query, expected in (
        ("zxl", ["张秀兰"]),
        ("sxy", ["单雄英"]),
        ("dxy", ["单雄英"]),
        ("纠纷", ["单雄英"]),
    ):
        rows = db.run(P.list_pledges, P.PledgeFilters(year=2026, as_of=as_of, search=query))
        assert [r.member_name for r in rows] == expected, query
    assert db.run(P.count_pledges, P.PledgeFilters(year=2026, as_of=as_of, category="权益维护")) == 0


def test_delete_pledge_removes_entries(db):
    mid = add_member(db, "张秀兰")
    pid = db.run(P.save_pledge, pledge(mid))
    db.run(P.add_entry, pid, date(2026, 5, 3), 1, "走访")
    db.run(P.delete_pledge, pid)
    with db.session() as s:
        assert s.get(Pledge, pid) is None
    assert db.run(P.month_indicators, 2026, 5)["本月践诺记录数"] == 0


def test_demo_spread(demo_db):
    today = date(2026, 11, 25)
    this_year = demo_db.run(P.status_counts, 2026, today)
    assert this_year["已完成"] >= 2 and this_year["进行中"] >= 3 and this_year["未开始"] >= 1
    last_year = demo_db.run(P.status_counts, 2025, today)
    assert last_year["逾期未完成"] >= 1 and last_year["已完成"] >= 5


def test_entries_that_would_silently_not_count_are_refused(db):
    mid = add_member(db, "王芳")
    pid = db.run(P.save_pledge, pledge(mid))
    today = date(2026, 11, 25)
    # Dated after today: it would not count until then, so the chair would see nothing change.
    with pytest.raises(P.PledgeError) as err:
        db.run(P.add_entry, pid, date(2026, 12, 20), 3, "走访", 0, today)
    assert "不能晚于今天" in err.value.errors["date"]
    entry = db.run(P.add_entry, pid, today, 3, "走访", 0, today)
    with pytest.raises(P.PledgeError):
        db.run(P.update_entry, entry, date(2026, 11, 26), 3, "走访", 0, today)
    assert db.run(P.get_pledge, pid, today).pledge.done == 3
    # A milestone entry with neither the tick nor a word of what was done is an empty record.
    ms = db.run(
        P.save_pledge, pledge(mid, content="组建巾帼志愿服务队", target=None, standard_kind="milestone")
    )
    with pytest.raises(P.PledgeError) as err:
        db.run(P.add_entry, ms, today, 0, "  ", 0, today)
    assert "本次完成该事项" in err.value.errors["amount"]
    db.run(P.add_entry, ms, today, 0, "召开筹备会", 0, today)  # a note without the tick is fine
    with pytest.raises(P.PledgeError) as err:
        db.run(P.add_entry, pid, today, None, "走访")
    assert err.value.errors["amount"] == "请填写完成数量。"


def test_deadline_before_the_pledge_year_is_an_error(db):
    mid = add_member(db, "王芳")
    before = P.check_pledge(pledge(mid, deadline=date(2025, 12, 31)))
    assert "2026 年 1 月 1 日" in before.errors["deadline"]
    later = P.check_pledge(pledge(mid, deadline=date(2027, 3, 31)))  # spilling into next year: a warning
    assert not later.errors and "不在 2026 年内" in later.warnings["deadline"]
    assert not P.check_pledge(pledge(mid, deadline=date(2026, 12, 31))).warnings


def test_last_years_unmet_pledge_is_reminded_until_the_member_is_assessed(db):
    from fedclient.core.pledges.assessment import save_assessment

    mid = add_member(db, "王芳")
    other = add_member(db, "李梅")
    for member in (mid, other):
        db.run(P.save_pledge, pledge(member, year=2025, content="办讲座2场", target=2))
    today = date(2026, 3, 10)
    assert sorted(texts(db, today, "pledge_overdue")) == [
        "李梅：2025年“办讲座2场”已逾期 69 天",
        "王芳：2025年“办讲座2场”已逾期 69 天",
    ]
    db.run(save_assessment, mid, 2025, 70, "基本合格", "", "承诺未完成：场地未落实")
    assert texts(db, today, "pledge_overdue") == ["李梅：2025年“办讲座2场”已逾期 69 天"]
