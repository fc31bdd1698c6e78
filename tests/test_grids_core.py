"""Grids, households and the service log in core: the 1+2 warnings, one grid per household, bulk move,
and the coverage figures on a hand-made set whose answers are worked out in the comments."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fedclient.core import grids
from fedclient.core.models import (
    Grid,
    GridService,
    GridServiceHousehold,
    GridServiceMember,
    Household,
    Member,
)
from fedclient.core.pinyin import initials_index
from fedclient.core.settings import set_setting

TODAY = date(2026, 6, 20)
LONG_AGO = datetime(2025, 1, 1)


def add_member(session, name: str, role: str = "council_member", public_phone: bool = False) -> int:
    member = Member(name=name, name_initials=initials_index(name), role=role, phone="13912345678")
    member.public_phone = public_phone
    session.add(member)
    session.flush()
    return member.id


def test_grid_off_the_1_plus_2_shape_is_saved_with_warnings(db):
    with db.session() as s:
        leader = add_member(s, "张秀兰")
        v1, v2 = add_member(s, "李红", "volunteer"), add_member(s, "王芳", "volunteer")
        full = grids.save_grid(
            s, grids.GridData(number=1, name="一组片", leader_id=leader, volunteer_ids=[v1, v2])
        )
        assert full.warnings == []
        bare = grids.save_grid(s, grids.GridData(number=2, name="二组片", volunteer_ids=[v1]))
        assert any("没有网格长" in w for w in bare.warnings)
        assert any("只有1名志愿者" in w for w in bare.warnings)
        grids.save_grid(s, grids.GridData(number=3, name="三组片", leader_id=leader, volunteer_ids=[v1, v2]))
        by_number = {g.number: g for g in grids.list_grids(s)}
        assert any("张秀兰同时担任2个网格的网格长" in w for w in by_number[1].warnings)
        assert any("张秀兰同时担任2个网格的网格长" in w for w in by_number[3].warnings)
        texts = [r.text for r in grids.reminders(s, TODAY) if r.kind == "grid_shape"]
        assert "2号网格 二组片：没有网格长（“1+2”要求1名议事会成员牵头）" in texts


def test_grid_numbers_are_unique_and_leader_is_not_also_volunteer(db):
    with db.session() as s:
        leader = add_member(s, "张秀兰")
        grids.save_grid(s, grids.GridData(number=1, name="一组片"))
        with pytest.raises(grids.GridError, match="已有1号网格"):
            grids.save_grid(s, grids.GridData(number=1, name="重复"))
        with pytest.raises(grids.GridError, match="网格长不能同时是"):
            grids.save_grid(s, grids.GridData(number=2, leader_id=leader, volunteer_ids=[leader]))
        assert grids.next_grid_number(s) == 2


def test_a_household_is_in_one_grid_and_moves_in_bulk(db):
    with db.session() as s:
        a = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        b = grids.save_grid(s, grids.GridData(number=2, name="二组片")).id
        ids = [
            grids.save_household(s, grids.HouseholdData(contact_name=n, address=f"1组{i}号", grid_id=a)).id
            for i, n in enumerate(["王秀英", "刘桂兰", "陈小梅"], 1)
        ]
        loose = grids.save_household(s, grids.HouseholdData(contact_name="赵春花", address="9组1号")).id
    with db.session() as s:
        # Saving the household into grid B takes it out of grid A: there is one grid column, not a list.
        moved = grids.get_household(s, ids[0])
        moved.grid_id = b
        grids.save_household(s, moved)
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=a)) == 2
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=b)) == 1
        assert [
            h.contact_name for h in grids.list_households(s, grids.HouseholdFilter(grid_id=grids.NO_GRID))
        ] == ["赵春花"]
    with db.session() as s:
        assert grids.move_households(s, [ids[1], ids[2], loose], b) == 3
    with db.session() as s:
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=a)) == 0
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=b)) == 4
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=grids.NO_GRID)) == 0


def test_bulk_move_to_a_missing_grid_changes_nothing(db):
    with db.session() as s:
        a = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        h = grids.save_household(s, grids.HouseholdData(contact_name="王秀英", grid_id=a)).id
    with pytest.raises(grids.HouseholdError), db.session() as s:
        grids.move_households(s, [h], 999)
    assert db.run(grids.get_household, h).grid_id == a


def test_household_search_by_pinyin_initials_address_and_tag(db):
    with db.session() as s:
        grids.save_household(s, grids.HouseholdData(contact_name="张秀兰", address="3组12号", tags=["留守"]))
        grids.save_household(
            s, grids.HouseholdData(contact_name="李红", address="2栋1单元301", tags=["困境"])
        )
        with pytest.raises(grids.HouseholdError, match="户主或联系人"):
            grids.save_household(s, grids.HouseholdData(contact_name=" "))
        with pytest.raises(grids.HouseholdError, match="电话"):
            grids.save_household(s, grids.HouseholdData(contact_name="刘", phone="12345"))

        def names(**kw):
            return [h.contact_name for h in grids.list_households(s, grids.HouseholdFilter(**kw))]

        assert names(text="zxl") == ["张秀兰"]
        assert names(text="2栋") == ["李红"]
        assert names(tag="留守") == ["张秀兰"]


def make_coverage_set(db):
    """Grid A: households h1-h4; grid B: h5, h6; h7 in no grid. Members m1, m2. Visit setting 90 days, so on
    2026-06-20 a visit counts when dated after 2026-03-22."""
    with db.session() as s:
        set_setting(s, "household_visit_days", "90")
        m1, m2 = add_member(s, "张秀兰"), add_member(s, "李红", "volunteer")
        a = Grid(number=1, name="A", created_at=LONG_AGO)
        b = Grid(number=2, name="B", created_at=LONG_AGO)
        late = Grid(number=3, name="七月新建", created_at=datetime(2026, 7, 2))
        s.add_all([a, b, late])
        s.flush()
        h = {}
        for i, grid in [(1, a), (2, a), (3, a), (4, a), (5, b), (6, b), (7, None)]:
            row = Household(contact_name=f"户{i}", grid_id=grid.id if grid else None, created_at=LONG_AGO)
            s.add(row)
            s.flush()
            h[i] = row.id

        def service(day, grid, role, members, homes):
            row = GridService(
                date=day, grid_id=grid.id, role=role, description=role, people_served=len(homes)
            )
            s.add(row)
            s.flush()
            s.add_all(GridServiceMember(service_id=row.id, member_id=m) for m in members)
            s.add_all(GridServiceHousehold(service_id=row.id, household_id=h[n]) for n in homes)

        service(date(2026, 6, 5), a, "政策宣传", [m1, m2], [1, 2])  # s1
        service(date(2026, 6, 18), a, "矛盾调解", [m1], [])  # s2: no households, visits nobody
        service(date(2026, 3, 22), a, "就业帮扶", [m1], [3])  # s3: exactly 90 days ago, too old
        service(date(2026, 3, 23), b, "文化惠民", [m2], [5])  # s4: 89 days ago, counts
        service(date(2026, 1, 10), b, "政策宣传", [m1], [6])  # s5: old
        service(date(2025, 12, 30), a, "政策宣传", [m1], [4])  # s6: last year
        service(date(2026, 6, 25), a, "应急管理", [m2], [4])  # s7: after "today"
    return h


def test_coverage_figures_on_a_hand_made_set(db):
    make_coverage_set(db)
    with db.session() as s:
        rows = {c.label: c for c in grids.coverage(s, TODAY)}
    a, b = rows["1号网格 A"], rows["2号网格 B"]
    # A: h3's visit is exactly 90 days old, h4's only visits are last year and after today -> 2 unvisited.
    assert (a.households, a.unvisited) == (4, 2)
    # This month (June 1-20): s1 政策宣传, s2 矛盾调解. This year to today: s1, s2, s3.
    assert a.month == {"政策宣传": 1, "文化惠民": 0, "应急管理": 0, "就业帮扶": 0, "矛盾调解": 1}
    assert (a.month_total, a.year_total) == (2, 3)
    assert a.year["就业帮扶"] == 1 and a.year["政策宣传"] == 1
    # B: h5 visited on 3-23 (89 days), h6 only in January -> 1 unvisited; nothing in June; s4 and s5 this year.
    assert (b.households, b.unvisited, b.month_total, b.year_total) == (2, 1, 0, 2)
    assert rows["3号网格 七月新建"].households == 0
    # A shorter window: with 30 days, A keeps only h1, h2 visited (s1) -> h3, h4 unvisited; B: both.
    with db.session() as s:
        short = {c.label: c.unvisited for c in grids.coverage(s, TODAY, days=30)}
    assert short == {"1号网格 A": 2, "2号网格 B": 2, "3号网格 七月新建": 0}


def test_household_reminders_are_one_line_per_grid(db):
    make_coverage_set(db)
    with db.session() as s:
        lines = [r for r in grids.reminders(s, TODAY) if r.kind == "households_unvisited"]
    assert [(r.text, r.tab) for r in lines] == [
        ("1号网格 A：2户超过90天没有服务或走访记录", "grids"),
        ("2号网格 B：1户超过90天没有服务或走访记录", "grids"),
    ]
    assert lines[0].record_id != lines[1].record_id


def test_month_indicators_and_ledger_rows(db):
    make_coverage_set(db)
    with db.session() as s:
        june = grids.month_indicators(s, 2026, 6)
        # The grid made on July 2 is not counted at the end of June; h7 is in no grid.
        assert june == {
            "网格数": 2,
            "网格覆盖户数": 6,
            "本月网格服务次数": 3,
            "本月政策宣传次数": 1,
            "本月文化惠民次数": 0,
            "本月应急管理次数": 1,
            "本月就业帮扶次数": 0,
            "本月矛盾调解次数": 1,
            "本月议事会次数": 0,
        }
        assert grids.month_indicators(s, 2026, 7)["网格数"] == 3
        rows = grids.service_rows(s, 2026, 6)
        assert [r["日期"] for r in rows] == [date(2026, 6, 5), date(2026, 6, 18), date(2026, 6, 25)]
        assert rows[0]["服务人"] == "张秀兰、李红" and rows[0]["网格"] == "1号网格 A"
        assert list(rows[0]) == ["日期", "网格", "服务人", "服务类别", "服务内容", "服务人数", "是否解决"]
        by_role = grids.monthly_services_by_role(s, 2026)
        assert by_role[6] == {"政策宣传": 1, "文化惠民": 0, "应急管理": 1, "就业帮扶": 0, "矛盾调解": 1}
        assert by_role[3]["就业帮扶"] == 1 and by_role[3]["文化惠民"] == 1 and sum(by_role[12].values()) == 0
        ids = {m.name: m.id for m in s.query(Member)}
        # 张秀兰: s1, s2, s3, s5 (s6 is 2025); 李红: s1, s4, s7.
        assert grids.services_by_member(s, 2026) == {ids["张秀兰"]: 4, ids["李红"]: 3}


def test_meetings_are_saved_and_reported(db):
    with db.session() as s:
        meeting = grids.MeetingData(
            date=date(2026, 5, 8),
            place="议事长廊",
            topic_category="孝老爱亲",
            topic="好婆婆评选",
            topic_source="群众提议",
            participants_count=15,
            decisions="=每组推荐2人",
        )
        saved = grids.save_meeting(s, meeting, today=TODAY)
        with pytest.raises(grids.MeetingError, match="议题"):
            grids.save_meeting(s, grids.MeetingData(date=date(2026, 5, 9)), today=TODAY)
        assert grids.meeting_rows(s, 2026, 5) == [
            {
                "日期": date(2026, 5, 8),
                "地点": "议事长廊",
                "议题类别": "孝老爱亲",
                "议题": "好婆婆评选",
                "参会人数": 15,
                "议定事项": "=每组推荐2人",
            }
        ]
        assert grids.month_indicators(s, 2026, 5)["本月议事会次数"] == 1
        assert grids.count_meetings(s, year=2026) == 1 and grids.get_meeting(s, saved.id).place == "议事长廊"


def test_service_needs_who_served_and_keeps_linked_households(db):
    with db.session() as s:
        m = add_member(s, "张秀兰")
        g = grids.save_grid(s, grids.GridData(number=1, name="一组片")).id
        h = grids.save_household(s, grids.HouseholdData(contact_name="王秀英", grid_id=g)).id
        data = grids.ServiceData(
            date=date(2026, 6, 1), grid_id=g, role="矛盾调解", description="化解婆媳矛盾"
        )
        with pytest.raises(grids.ServiceError, match="服务人"):
            grids.save_service(s, data, today=TODAY)
        data.member_ids, data.household_ids, data.people_served = [m], [h], 2
        saved = grids.save_service(s, data, today=TODAY)
        assert saved.member_names == ["张秀兰"] and saved.household_ids == [h]
        future = grids.ServiceData(date=date(2026, 7, 1), grid_id=g, description="x", member_ids=[m])
        with pytest.raises(grids.ServiceError, match="晚于今天"):
            grids.save_service(s, future, today=TODAY)
        listed = grids.list_services(s, grids.ServiceFilter(role="矛盾调解"))
        assert [(x.description, x.households) for x in listed] == [("化解婆媳矛盾", 1)]
        with pytest.raises(grids.GridError, match="已有服务记录"):
            grids.delete_grid(s, g)


def test_demo_builds_grids_with_one_short_of_volunteers(demo_db):
    with demo_db.session() as s:
        all_grids = grids.list_grids(s)
        assert 6 <= len(all_grids) <= 10
        assert 300 <= grids.count_households(s, grids.HouseholdFilter()) <= 500
        assert grids.count_households(s, grids.HouseholdFilter(grid_id=grids.NO_GRID)) > 0
        assert sum(1 for g in all_grids if any("志愿者" in w for w in g.warnings)) == 1
        assert all(g.leader_id for g in all_grids)
        assert 15 <= grids.count_meetings(s) <= 25
        year = grids.monthly_services_by_role(s, 2026)
        assert all(sum(year[m].values()) > 0 for m in range(1, 12))
