"""承诺's reminders (on the tab and on 首页) read only the open pledges' columns, row by row (issue 18: a county's
two years of pledges read at once stayed in the window's memory). They say exactly what the whole list says,
worked out here from the list as the tab shows it (``list_pledges``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fedclient.core.dashboard import group_reminders
from fedclient.core.models import Assessment, Pledge, PledgeProgress
from fedclient.core.pledges import PledgeFilters, leading_reminders, list_pledges, reminders
from fedclient.core.pledges.reminders import DUE_SOON_DAYS, IDLE_DAYS, short
from fedclient.core.pledges.status import DONE, OVERDUE
from fedclient.core.reminders import SHOWN_PER_GROUP, Reminder, leading

from .conftest import DEMO_TODAY


def from_the_list(session, today: date) -> list[tuple]:
    """What a chair reads off the list: overdue, due within 30 days, or 90 days without progress."""
    assessed = {a.member_id for a in session.query(Assessment).filter_by(year=today.year - 1)}
    out = []
    for year in (today.year - 1, today.year):
        for p in list_pledges(session, PledgeFilters(year=year, as_of=today)):
            if p.status == DONE or (p.year != today.year and p.member_id in assessed):
                continue
            label = f"{p.member_name}：{'' if p.year == today.year else f'{p.year}年'}“{short(p.content)}”"
            if p.status == OVERDUE:
                out.append(("pledge_overdue", p.id, f"{label}已逾期 {(today - p.deadline).days} 天"))
                continue
            if p.deadline - today <= timedelta(days=DUE_SOON_DAYS):
                days = (p.deadline - today).days
                when = "今天到期" if days == 0 else f"{days} 天后到期"
                out.append(("pledge_due", p.id, f"{label}{when}，完成 {p.percent:g}%"))
            since = p.last_entry or p.posted_date or date(p.year, 1, 1)
            if (today - since).days >= IDLE_DAYS:
                what = "没有践诺记录" if p.last_entry else "尚无践诺记录"
                out.append(("pledge_idle", p.id, f"{label}已 {(today - since).days} 天{what}"))
    return out


@pytest.mark.parametrize("days_later", [0, 40, 120, 300])
def test_the_reminders_say_what_the_list_says(demo_db, days_later):
    today = DEMO_TODAY + timedelta(days=days_later)
    with demo_db.session() as session:
        expected = from_the_list(session, today)
        got = [(r.kind, r.record_id, r.text) for r in reminders(session, today) if r.kind != "pledge_missing"]
    assert got == expected
    assert got  # the demo village has pledges to remind of on each of these days


def test_a_done_pledge_and_an_assessed_members_last_year_give_no_reminder(demo_db):
    today = DEMO_TODAY
    with demo_db.session() as session:
        shown = {r.record_id for r in reminders(session, today) if r.kind != "pledge_missing"}
        pledge = session.get(Pledge, next(iter(shown)))
        amount = pledge.target or 1
        session.add(PledgeProgress(pledge_id=pledge.id, date=today, amount=amount, description="完成"))
        session.flush()
        assert pledge.id not in {r.record_id for r in reminders(session, today)}


@pytest.mark.parametrize("days_later", [0, 120])
def test_home_shows_the_first_of_each_group_and_its_count_as_the_full_list_would(demo_db, days_later):
    today = DEMO_TODAY + timedelta(days=days_later)
    with demo_db.session() as session:
        found = leading_reminders(session, today)
        full = reminders(session, today)
    assert group_reminders(found.reminders, found.totals) == group_reminders(full)


def test_leading_keeps_each_groups_first_ones_in_due_order_from_thousands():
    """A county's 2,000 missing pledges (undated: ordered by text) and overdue ones with equal due dates."""
    stream = [
        Reminder("pledge_missing", "承诺未填报", f"成员{(i * 7919) % 2000:04d}：尚未填报", "pledges", i)
        for i in range(2000)
    ] + [
        Reminder("pledge_overdue", "承诺逾期未完成", f"第{i % 5}条", "pledges", i, date(2026, 1, 1 + i % 3))
        for i in range(500)
    ]
    found = leading(iter(stream))
    assert found.totals == {"承诺未填报": 2000, "承诺逾期未完成": 500}
    assert group_reminders(found.reminders, found.totals) == group_reminders(stream)
    assert len(found.reminders) == 2 * SHOWN_PER_GROUP
