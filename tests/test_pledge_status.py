"""Status rules of a pledge, with a fixed 'today'; the SQL version must agree with the pure one."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from fedclient.core import pledges as P
from fedclient.core.models import Member, Pledge, PledgeProgress
from fedclient.core.pledges.status import completed_on, percent, pledge_status

DEC31 = date(2026, 12, 31)


def test_quantity_rules_through_the_year():
    entries = [(date(2026, 3, 1), 4), (date(2026, 6, 1), 4)]
    assert pledge_status("quantity", 12, DEC31, [], date(2026, 2, 1)) == "未开始"
    assert pledge_status("quantity", 12, DEC31, entries, date(2026, 2, 28)) == "未开始"  # entry not yet made
    assert pledge_status("quantity", 12, DEC31, entries, date(2026, 3, 1)) == "进行中"
    # 31 December is still within the deadline; 1 January is not.
    assert pledge_status("quantity", 12, DEC31, entries, DEC31) == "进行中"
    assert pledge_status("quantity", 12, DEC31, entries, date(2027, 1, 1)) == "逾期未完成"
    done = entries + [(DEC31, 4)]
    assert pledge_status("quantity", 12, DEC31, done, DEC31) == "已完成"
    assert pledge_status("quantity", 12, DEC31, done, date(2027, 6, 1)) == "已完成"
    assert percent("quantity", 12, 8) == pytest.approx(66.7)
    assert percent("quantity", 12, 20) == 100.0
    assert completed_on("quantity", 12, done) == DEC31


def test_done_late_counts_as_done_but_not_before_it_happens():
    entries = [(date(2026, 1, 10), 5), (date(2027, 1, 5), 5)]
    assert pledge_status("quantity", 10, DEC31, entries, date(2027, 1, 4)) == "逾期未完成"
    assert pledge_status("quantity", 10, DEC31, entries, date(2027, 1, 5)) == "已完成"


def test_milestone_is_zero_or_hundred():
    notes_only = [(date(2026, 4, 1), 0)]
    assert pledge_status("milestone", None, DEC31, notes_only, date(2026, 5, 1)) == "进行中"
    assert percent("milestone", None, 0) == 0
    ticked = notes_only + [(date(2026, 9, 9), 1)]
    assert pledge_status("milestone", None, DEC31, ticked, date(2026, 9, 8)) == "进行中"
    assert pledge_status("milestone", None, DEC31, ticked, date(2026, 9, 9)) == "已完成"
    assert percent("milestone", None, 1) == 100


def test_leap_day_deadline():
    deadline = date(2028, 2, 29)
    entries = [(date(2028, 1, 15), 1)]
    assert pledge_status("quantity", 3, deadline, entries, date(2028, 2, 28)) == "进行中"
    assert pledge_status("quantity", 3, deadline, entries, deadline) == "进行中"
    assert pledge_status("quantity", 3, deadline, entries, date(2028, 3, 1)) == "逾期未完成"
    assert pledge_status("quantity", 3, deadline, [], date(2028, 3, 1)) == "逾期未完成"


def test_sql_status_agrees_with_the_rules(db):
    rng = random.Random(7)
    cases = []
    with db.session() as s:
        member = Member(name="王芳", role="executive_member")
        s.add(member)
        s.flush()
        for i in range(60):
            kind = "milestone" if i % 4 == 0 else "quantity"
            target = None if kind == "milestone" else float(rng.randint(1, 10))
            deadline = rng.choice([date(2028, 2, 29), date(2028, 12, 31), date(2028, 6, 30)])
            p = Pledge(member_id=member.id, year=2028, content=f"承诺{i}", standard_kind=kind, target=target,
                       unit="次", deadline=deadline)  # fmt: skip
            s.add(p)
            s.flush()
            entries = []
            for _ in range(rng.randint(0, 4)):
                day = date(2028, 1, 1) + timedelta(days=rng.randint(0, 420))
                amount = float(rng.choice([0, 1, 2, 3]))
                s.add(PledgeProgress(pledge_id=p.id, date=day, amount=amount))
                entries.append((day, amount))
            cases.append((p.id, kind, target, deadline, entries))
    for as_of in (date(2028, 2, 29), date(2028, 3, 1), date(2028, 12, 31), date(2029, 1, 1)):
        rows = {r.id: r for r in db.run(P.list_pledges, P.PledgeFilters(year=2028, as_of=as_of))}
        for pid, kind, target, deadline, entries in cases:
            assert rows[pid].status == pledge_status(kind, target, deadline, entries, as_of), (pid, as_of)
        counts = db.run(P.status_counts, 2028, as_of)
        expected = {s: 0 for s in P.STATUSES}
        for _pid, kind, target, deadline, entries in cases:
            expected[pledge_status(kind, target, deadline, entries, as_of)] += 1
        assert counts == expected
        for status in P.STATUSES:
            filters = P.PledgeFilters(year=2028, as_of=as_of, status=status)
            assert db.run(P.count_pledges, filters) == expected[status]
