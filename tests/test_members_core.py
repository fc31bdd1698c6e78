"""The roster's services: what the monthly report reads, the SQL search, removing members."""

from __future__ import annotations

from datetime import date

from fedclient.core.members import (
    MemberData,
    MemberFilters,
    count_members,
    list_members,
    member_choices,
    month_indicators,
    reminders,
    remove_member,
    roster_rows,
    save_member,
)
from fedclient.core.members import query as roster
from fedclient.core.models import Member, Pledge

TODAY = date(2026, 11, 25)


def add(db, **fields) -> int:
    return db.run(save_member, MemberData(**fields), TODAY)


def names(db, text="", **filters) -> list[str]:
    return [r.name for r in db.run(list_members, MemberFilters(text, **filters))]


def test_month_indicators_count_who_was_in_office_that_day(db):
    add(db, name="主席甲", role="chair")
    add(db, name="执委乙", role="executive_member", term_start=date(2026, 1, 1))
    add(db, name="执委丙", role="executive_member", term_start=date(2026, 12, 1))  # not yet
    add(db, name="执委丁", role="executive_member", status="left", left_date=date(2026, 11, 10))
    add(db, name="兼职戊", role="part_time_vice_chair")
    add(db, name="志愿己", role="volunteer")
    add(db, name="议事庚", role="council_member")
    october = db.run(month_indicators, date(2026, 10, 31))
    november = db.run(month_indicators, date(2026, 11, 30))
    assert october == {"执委人数": 4, "兼职副主席人数": 1, "巾帼志愿者人数": 1, "帮扶对象数": 0}
    assert november["执委人数"] == 3  # 执委丁 left on 10 November


def test_roster_rows_in_office_first_without_id_numbers(db):
    add(db, name="离任者", role="chair", status="left", left_date=date(2026, 3, 1))
    add(db, name="执委甲", role="executive_member", birth_date=date(1980, 5, 6), phone="138 0013 8000")
    add(db, name="主席乙", role="chair", id_number="430724199003021246")
    add(db, name="早已离任", role="volunteer", status="left", left_date=date(2024, 3, 1))
    rows = db.run(roster_rows, date(2026, 11, 30))
    assert [r["姓名"] for r in rows] == ["主席乙", "执委甲", "离任者"]
    assert [r["状态"] for r in rows] == ["在任", "在任", "离任"]
    assert (
        rows[1]["出生年月"] == "1980.05"
        and rows[1]["联系电话"] == "13800138000"
        and rows[1]["职务"] == "执委"
    )
    assert list(rows[0]) == [
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "民族",
        "文化程度",
        "政治面貌",
        "职务",
        "岗位",
        "专长",
        "所在组",
        "联系电话",
        "任职时间",
        "状态",
    ]
    assert not any("430724199003021246" in str(v) for r in rows for v in r.values())


def test_reminders_terms_ending_within_60_days(db):
    soon = add(db, name="将满", role="executive_member", term_end=date(2027, 1, 10))
    add(db, name="还早", role="executive_member", term_end=date(2027, 6, 1))
    found = [r for r in db.run(reminders, TODAY) if r.kind == "term_ending"]
    assert [(r.record_id, r.tab) for r in found] == [(soon, "members")]
    assert "将满" in found[0].text and found[0].due == date(2027, 1, 10)


def test_member_choices_label_and_filters(db):
    a = add(db, name="张秀兰", role="executive_member")
    add(db, name="李芳", role="volunteer")
    add(db, name="王梅", role="executive_member", status="left", left_date=date(2026, 1, 1))
    assert db.run(member_choices, ("executive_member",)) == [(a, "张秀兰（执委）")]
    assert len(db.run(member_choices, None, False)) == 3


def test_search_by_name_initials_heteronyms_phone_and_id_tail(db):
    add(db, name="张秀兰", phone="13800138000", id_number="430724199003021246")
    add(db, name="单丽", phone="0736-1234567")
    add(db, name="曾红")
    add(db, name="李晓红", role="volunteer")
    assert names(db, "zxl") == ["张秀兰"]
    assert names(db, "ZX") == ["张秀兰"]
    assert names(db, "sl") == ["单丽"] and names(db, "dl") == ["单丽"]  # 单: shan or dan
    assert names(db, "zh") == ["曾红"] and names(db, "ch") == ["曾红"]  # 曾: zeng or ceng
    assert names(db, "秀") == ["张秀兰"]
    assert names(db, "0013") == ["张秀兰"]  # part of the phone
    assert names(db, "07361234") == ["单丽"]  # landline typed without the dash
    assert names(db, "1246") == ["张秀兰"]  # last digits of the ID
    assert names(db, "红", role="volunteer") == ["李晓红"]
    assert db.run(count_members, MemberFilters("h")) == 0


def test_the_list_is_sorted_in_sql_and_its_rows_read_by_id(db):
    ids = [add(db, name=f"成员{i:02d}", birth_date=date(1970 + i, 1, 1)) for i in range(30)]
    newest_first = db.run(roster.list_ids, MemberFilters(), ("birth_date", True))
    assert newest_first == ids[::-1]
    page = db.run(roster.rows_by_ids, newest_first[10:15])
    assert [r.name for r in page] == [f"成员{i:02d}" for i in range(19, 14, -1)]
    assert db.run(roster.list_ids, MemberFilters("不存在")) == []


def test_a_member_with_records_is_set_left_not_deleted(db):
    kept = add(db, name="有承诺", role="executive_member")
    gone = add(db, name="无记录", role="executive_member")
    with db.session() as s:
        s.add(Pledge(member_id=kept, year=2026, content="走访留守儿童12次", deadline=date(2026, 12, 31)))
    outcome = db.run(remove_member, kept, TODAY)
    assert not outcome.deleted and outcome.references == ["承诺 1 条"]
    assert db.run(remove_member, gone, TODAY).deleted
    with db.session() as s:
        member = s.get(Member, kept)
        assert member.status == "left" and member.left_date == TODAY
        assert s.get(Member, gone) is None
