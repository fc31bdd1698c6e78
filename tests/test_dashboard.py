"""首页's figures on a hand-made village with a fixed today: every reminder appears exactly when it should, and
the chart series are the domains' own statistics."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from fedclient.core.dashboard import load_dashboard
from fedclient.core.models import (
    CaseParty,
    FollowUp,
    Grid,
    GridService,
    GridServiceHousehold,
    GridVolunteer,
    HelpedPerson,
    HelpedPersonHelper,
    Household,
    MediationCase,
    Member,
    MemberGuidance,
    Pledge,
    PledgeProgress,
)
from tests.conftest import statements_run

TODAY = date(2026, 11, 25)


def build_village(session) -> dict[str, int]:
    """A small village where each reminder rule is met once and missed once, with its reasons in comments."""

    def add(obj):
        session.add(obj)
        session.flush()
        return obj

    def member(name, role, term_end=None, status="active", left_date=None):
        return add(
            Member(name=name, role=role, term_start=date(2021, 12, 1), term_end=term_end, status=status,
                   left_date=left_date)
        )  # fmt: skip

    ids: dict[str, int] = {}
    chair = member("张秀兰", "chair", date(2026, 12, 20))  # 25 days left: term ending
    vice = member("李红梅", "vice_chair", date(2027, 1, 24))  # exactly 60 days: term ending
    wang = member("王芳", "executive_member", date(2027, 1, 25))  # 61 days: not yet
    zhao = member("赵丽", "executive_member", date(2026, 11, 24))  # ended yesterday: not "ending"
    sun = member("孙燕", "executive_member", date(2026, 12, 1), status="left", left_date=date(2026, 6, 30))
    council = member("周敏", "council_member")
    vol1, vol2 = member("吴霞", "volunteer"), member("郑静", "volunteer")
    ids.update(chair=chair.id, vice=vice.id, wang=wang.id, zhao=zhao.id, sun=sun.id)
    # The chair guides two executive members (2-4 is the norm); the vice chair guides nobody.
    session.add_all([MemberGuidance(leader_id=chair.id, member_id=m.id) for m in (wang, zhao)])
    helped_ok = add(HelpedPerson(name="钱桂英", category="留守老人"))
    helped_short = add(HelpedPerson(name="冯小雨", category="留守儿童"))
    helped_ended = add(HelpedPerson(name="陈婆婆", category="独居老人", status="已结束"))
    session.add_all(
        [HelpedPersonHelper(helped_person_id=helped_ok.id, member_id=m.id) for m in (chair, wang, zhao)]
    )
    session.add(HelpedPersonHelper(helped_person_id=helped_short.id, member_id=wang.id))
    ids.update(helped_short=helped_short.id, helped_ended=helped_ended.id)

    def pledge(key, who, deadline, target, entries, year=2026, posted=None):
        p = add(Pledge(member_id=who.id, year=year, content=f"承诺{key}", target=target, unit="次",
                       deadline=deadline, posted_date=posted))  # fmt: skip
        session.add_all([PledgeProgress(pledge_id=p.id, date=d, amount=a) for d, a in entries])
        ids[key] = p.id

    # 赵丽 (in office) has no pledge this year; 孙燕 left in June and is not asked for one.
    pledge("done", chair, date(2026, 10, 31), 5, [(date(2026, 10, 1), 5)])
    pledge("far", vice, date(2026, 12, 31), 10, [(date(2026, 11, 1), 2)])  # 36 days left, active lately
    pledge("not_started", vice, date(2026, 12, 31), 3, [], posted=date(2026, 10, 1))  # 55 days posted
    pledge("overdue", wang, date(2026, 10, 31), 10, [(date(2026, 9, 1), 3)])
    pledge("due", wang, date(2026, 12, 20), 4, [(date(2026, 11, 10), 1)])  # 25 days left
    pledge("idle", wang, date(2026, 12, 31), 12, [(date(2026, 8, 1), 2)], posted=date(2026, 3, 1))  # 116 days
    pledge("overdue_2025", wang, date(2025, 12, 31), 5, [(date(2025, 6, 1), 1)], year=2025)
    pledge("overdue_2024", wang, date(2024, 12, 31), 5, [], year=2024)  # too old to remind of

    def case(key, seq, received, risk="蓝", outcome=None, outcome_date=None, closed=None, year=2026):
        c = add(MediationCase(year=year, seq=seq, number=f"{year}-{seq:03d}", received_date=received,
                              risk_level=risk, outcome=outcome, outcome_date=outcome_date, closed_date=closed,
                              status=outcome or "已受理"))  # fmt: skip
        ids[key] = c.id
        return c

    overdue = case("case_overdue", 1, date(2026, 10, 1))  # 55 days without an outcome
    session.add(CaseParty(case_id=overdue.id, side="applicant", name="刘春花"))
    case("case_recent", 2, date(2026, 11, 10))
    case("case_red", 3, date(2026, 11, 20), risk="红")
    case("case_no_visit", 4, date(2026, 9, 1), outcome="调解成功", outcome_date=date(2026, 10, 1))
    visited = case("case_visited", 5, date(2026, 9, 5), outcome="调解成功", outcome_date=date(2026, 10, 2))
    session.add(FollowUp(case_id=visited.id, visit_date=date(2026, 10, 20)))
    case("case_failed", 6, date(2026, 8, 3), outcome="调解不成", outcome_date=date(2026, 8, 20))
    case("case_fresh_agreement", 7, date(2026, 10, 20), outcome="调解成功", outcome_date=date(2026, 11, 10))
    case("case_red_closed", 10, date(2025, 12, 1), risk="红", outcome="调解成功", outcome_date=date(2025, 12, 20),
         closed=date(2026, 1, 10), year=2025)  # fmt: skip

    g1 = add(Grid(number=1, name="东头", leader_id=council.id))
    g2 = add(Grid(number=2, name="西头", leader_id=None))  # no leader: off the 1+2 shape
    session.add_all([GridVolunteer(grid_id=g.id, member_id=v.id) for g in (g1, g2) for v in (vol1, vol2)])
    ids.update(grid1=g1.id, grid2=g2.id)
    h1, h2, h3 = (add(Household(contact_name=n, grid_id=g1.id)) for n in ("户一", "户二", "户三"))
    h4 = add(Household(contact_name="户四", grid_id=g2.id))

    def service(day, grid, role, households=()):
        s = add(GridService(date=day, grid_id=grid.id, role=role))
        session.add_all([GridServiceHousehold(service_id=s.id, household_id=h.id) for h in households])

    service(date(2026, 11, 15), g1, "政策宣传", [h1])
    service(date(2026, 7, 1), g1, "文化惠民", [h2])  # h2 last served 147 days ago; h3 never
    service(date(2026, 10, 1), g2, "矛盾调解", [h4])
    service(date(2026, 11, 2), g2, "应急管理")
    service(date(2025, 12, 15), g1, "就业帮扶")  # last year: not in this year's chart
    return ids


@pytest.fixture
def village(db):
    with db.session() as session:
        ids = build_village(session)
    return db, ids


def test_every_reminder_appears_exactly_when_it_should(village):
    db, ids = village
    board = db.run(load_dashboard, TODAY)
    got = Counter((r.kind, r.record_id) for g in board.groups for r in g.reminders)
    expected = Counter(
        [
            ("term_ending", ids["chair"]),
            ("term_ending", ids["vice"]),
            ("guidance_count", ids["vice"]),
            ("helpers_short", ids["helped_short"]),
            ("pledge_missing", ids["zhao"]),
            ("pledge_overdue", ids["overdue"]),
            ("pledge_overdue", ids["overdue_2025"]),
            ("pledge_due", ids["due"]),
            ("pledge_idle", ids["idle"]),
            ("case_overdue", ids["case_overdue"]),
            ("case_followup_due", ids["case_no_visit"]),
            ("case_red_open", ids["case_red"]),
            ("households_unvisited", ids["grid1"]),
            ("grid_shape", ids["grid2"]),
            ("report_not_exported", None),
        ]
    )
    assert got == expected


def test_groups_are_counted_and_the_most_pressing_come_first(village):
    db, _ids = village
    board = db.run(load_dashboard, TODAY)
    counts = {g.title: g.count for g in board.groups}
    assert counts == {
        "任期将满": 2,
        "联系指导执委": 1,
        "帮扶人不足": 1,
        "承诺未填报": 1,
        "承诺逾期未完成": 2,
        "承诺即将到期": 1,
        "承诺久未践诺": 1,
        "调解案件超期未办结": 1,
        "调解协议待回访": 1,
        "红色风险案件未结案": 1,
        "住户久未走访": 1,
        "网格配置": 1,
        "月报未导出": 1,
    }
    assert board.reminder_count == 15
    titles = [g.title for g in board.groups]
    assert titles[0] == "红色风险案件未结案", "most pressing first"
    assert set(titles[1:3]) == {"调解案件超期未办结", "承诺逾期未完成"}
    assert set(titles[-4:]) == {"承诺久未践诺", "联系指导执委", "帮扶人不足", "网格配置"}, "gentle hints last"
    overdue = next(g for g in board.groups if g.title == "承诺逾期未完成")
    assert [r.due for r in overdue.reminders] == [date(2025, 12, 31), date(2026, 10, 31)], "oldest first"
    texts = " ".join(r.text for g in board.groups for r in g.reminders)
    assert "刘春花" not in texts and "刘某某" in texts, "a party's name is masked even on 首页"
    assert "2户" in texts


def test_the_report_reminder_goes_once_last_month_is_exported(village):
    from fedclient.core.monthly_report.export import EXPORTED_KEY

    db, _ids = village
    db.set_meta(EXPORTED_KEY.format(period="2026-10"), "2026-11-03T09:00:00")
    kinds = {r.kind for g in db.run(load_dashboard, TODAY).groups for r in g.reminders}
    assert "report_not_exported" not in kinds
    # On 1 December the November report becomes due.
    kinds = {r.kind for g in db.run(load_dashboard, date(2026, 12, 1)).groups for r in g.reminders}
    assert "report_not_exported" in kinds


def test_year_overview_is_the_domains_own_statistics(village):
    from fedclient.core import grids, mediation, pledges

    db, _ids = village
    overview = db.run(load_dashboard, TODAY).overview
    assert (overview.year, overview.as_of) == (2026, TODAY)
    assert overview.pledge_status == {"未开始": 1, "进行中": 3, "已完成": 1, "逾期未完成": 1}
    assert overview.pledge_status == db.run(pledges.status_counts, 2026, TODAY)
    assert overview.pledge_total == 6
    assert overview.case_outcomes[8] == {"调解成功": 0, "调解不成": 1, "在办": 0}
    assert overview.case_outcomes[9] == {"调解成功": 2, "调解不成": 0, "在办": 0}
    assert overview.case_outcomes[10] == {"调解成功": 1, "调解不成": 0, "在办": 1}
    assert overview.case_outcomes[11] == {"调解成功": 0, "调解不成": 0, "在办": 2}
    assert overview.case_outcomes[12] == {"调解成功": 0, "调解不成": 0, "在办": 0}
    assert overview.case_outcomes == db.run(mediation.monthly_outcomes, 2026)
    assert overview.case_totals() == {"调解成功": 3, "调解不成": 1, "在办": 3}
    assert overview.services_by_role[7]["文化惠民"] == 1
    assert overview.services_by_role[11] == {
        "政策宣传": 1,
        "文化惠民": 0,
        "应急管理": 1,
        "就业帮扶": 0,
        "矛盾调解": 0,
    }
    assert overview.services_by_role == db.run(grids.monthly_services_by_role, 2026)
    assert sum(overview.service_totals().values()) == 4, "last December's service is not in this year"


def test_an_empty_database_has_nothing_to_do_and_a_year_of_zeros(db):
    board = db.run(load_dashboard, TODAY)
    assert board.groups == () and board.reminder_count == 0
    assert board.overview.pledge_total == 0
    assert set(board.overview.case_outcomes) == set(range(1, 13))
    assert sum(board.overview.service_totals().values()) == 0


def test_a_county_sized_group_counts_every_case_and_lists_the_earliest_like_the_tab(db):
    """首页 builds only each group's first reminders: the count and the first ones are still those of the
    mediation tab's full list, ties on the cut-off day included."""
    from fedclient.core import mediation
    from fedclient.core.dashboard import group_reminders
    from fedclient.core.reminders import SHOWN_PER_GROUP

    with db.session() as session:
        for seq in range(1, 81):  # 80 open cases, received on 20 days, four a day; every fifth one red
            received = date(2026, 1, 1 + (seq * 7) % 20)
            case = MediationCase(year=2026, seq=seq, number=f"2026-{seq:03d}", received_date=received,
                                 risk_level="红" if seq % 5 == 0 else "蓝", status="已受理")  # fmt: skip
            session.add(case)
            session.flush()
            session.add(CaseParty(case_id=case.id, side="applicant", name=f"当事人{seq}"))
    board = db.run(load_dashboard, TODAY)
    groups = {g.title: g for g in board.groups}
    overdue, red = groups["调解案件超期未办结"], groups["红色风险案件未结案"]
    assert (overdue.count, red.count) == (80, 16)
    assert len(overdue.reminders) == SHOWN_PER_GROUP and len(red.reminders) == 16
    every = {g.title: g for g in group_reminders(db.run(mediation.reminders, TODAY))}
    assert overdue == every["调解案件超期未办结"] and red == every["红色风险案件未结案"]
    dues = [r.due for r in overdue.reminders]
    assert dues == sorted(dues) and dues[-1] == dues[-2], "the cut-off falls inside a day of four cases"
    assert board.reminder_count == sum(g.count for g in board.groups)


def test_terms_ending_across_a_county_are_counted_and_the_earliest_listed_like_the_roster(db):
    from fedclient.core import members
    from fedclient.core.dashboard import group_reminders

    names = "张王李赵刘陈杨黄"
    with db.session() as session:
        for i in range(90):  # 90 terms ending on 15 days, six a day
            session.add(Member(name=f"{names[i % 8]}{i}", role="executive_member", term_start=date(2021, 12, 1),
                               term_end=date(2026, 12, 1 + i % 15), status="active"))  # fmt: skip
    ending = next(g for g in db.run(load_dashboard, TODAY).groups if g.title == "任期将满")
    assert ending.count == 90 and len(ending.reminders) == 30
    every = next(g for g in group_reminders(db.run(members.reminders, TODAY)) if g.title == "任期将满")
    assert ending == every
    assert [r.due for r in ending.reminders][-1] == date(2026, 12, 5)  # the cut-off day's six all ranked


def test_mediation_reminders_read_only_the_open_cases_through_their_index(db):
    """首页 counts the three kinds of mediation reminders among the cases not closed, read from their index
    (db/versions/0009), not from the whole ledger: the same counts and first reminders as the tab's full list,
    a case closed long ago in none of them, one whose closing day is typed ahead still overdue."""

    from fedclient.core import mediation
    from fedclient.core.dashboard import group_reminders

    with db.session() as session:
        for seq in range(1, 121):  # 80 open cases (every fifth red), 40 mediated and closed in the spring
            closed = seq > 80
            case = MediationCase(year=2026, seq=seq, number=f"2026-{seq:03d}", received_date=date(2026, 1, 1 + seq % 25),
                                 risk_level="红" if seq % 5 == 0 else "蓝", status="调解成功" if closed else "已受理",
                                 outcome="调解成功" if closed else None, outcome_date=date(2026, 3, 1) if closed else None,
                                 closed_date=date(2026, 4, 1) if closed else None)  # fmt: skip
            session.add(case)
            session.flush()
            session.add(CaseParty(case_id=case.id, side="applicant", name=f"当事人{seq}"))
        ahead = session.get(MediationCase, 5)  # red, its closing day typed ahead: open today
        ahead.closed_date = date(2026, 12, 10)
    with statements_run(db.engine) as statements:
        leading = db.run(mediation.leading_reminders, TODAY)
    every = {g.title: g for g in group_reminders(db.run(mediation.reminders, TODAY))}
    assert leading.totals == {"调解案件超期未办结": 80, "红色风险案件未结案": 15}
    assert {g.title: g for g in group_reminders(leading.reminders, leading.totals)} == every
    count = next(sql for sql, _ in statements if "count(*) FILTER" in sql)
    params = next(p for sql, p in statements if sql == count)
    with db.engine.connect() as conn:
        plan = " ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + count, params))
    assert "ix_mediation_cases_open" in plan and "SCAN mediation_cases" not in plan, plan


def test_a_committee_whose_terms_end_on_one_day_and_missing_pledges_are_cut_in_sql_like_the_full_lists(db):
    """A whole committee's terms end on one day and most of it has no pledge yet: 首页 reads only each group's first
    30 (in its order: date, then text), counted in the same statement, and they are exactly the first 30 of the
    tabs' full lists, also for names one of which begins another (张三 / 张三丰: "（" and "：" sort after 丰),
    names written twice, and names holding the text's own punctuation."""
    from fedclient.core import members, pledges
    from fedclient.core.dashboard import group_reminders

    tricky = ["张三", "张三丰", "张三", "张三（副）", "张三：", "李四", "李", "Zoe", "zoe", "王五（"]
    names = tricky + [f"{'赵钱孙李周吴郑王'[i % 8]}{'秀兰红梅'[i % 4]}{i}" for i in range(70)]
    roles = ("chair", "vice_chair", "executive_member", "executive_member", "council_member")
    with db.session() as session:
        for i, name in enumerate(names):
            session.add(Member(name=name, role=roles[i % 5], term_start=date(2021, 12, 1), status="active",
                               term_end=date(2026, 12, 20) if i % 10 else date(2027, 1, 3)))  # fmt: skip
    with statements_run(db.engine) as statements:
        board = db.run(load_dashboard, TODAY)
    groups = {g.title: g for g in board.groups}
    every = {
        g.title: g
        for g in group_reminders(db.run(members.reminders, TODAY) + db.run(pledges.reminders, TODAY))
    }
    ending, missing = groups["任期将满"], groups["承诺未填报"]
    assert ending.count == 80 and missing.count == 64  # (the council members are not on the committee)
    assert ending == every["任期将满"] and missing == every["承诺未填报"]
    assert len(ending.reminders) == len(missing.reminders) == 30
    assert "张三丰（专职副主席）任期将于2026年12月20日届满，请准备换届或续任" in [
        r.text for r in ending.reminders
    ]
    assert missing.reminders[0].text == "Zoe：2026年尚未填报承诺"
    texts = [r.text for r in missing.reminders]
    assert texts.index("张三丰：2026年尚未填报承诺") < texts.index("张三：2026年尚未填报承诺")
    read = " ".join(sql for sql, _params in statements)
    assert "count(*) OVER ()" in read and "LIMIT" in read, "counted and cut in SQL"
