"""帮扶对象: the register, its helpers (three each, by the seeds' rule) and the monthly count."""

from __future__ import annotations

from datetime import date

import pytest

from fedclient.core.members import MemberData, month_indicators, reminders, save_member
from fedclient.core.members.helped import (
    HelpedData,
    HelpedFilters,
    HelpedInvalid,
    count_helped,
    get_helped,
    helper_choices,
    list_helped,
    save_helped,
    validate_helped,
)

TODAY = date(2026, 11, 25)


@pytest.fixture
def helpers(db) -> list[int]:
    return [
        db.run(save_member, MemberData(name=n, role="executive_member"), TODAY) for n in ("甲", "乙", "丙")
    ]


def test_helpers_are_saved_listed_and_short_ones_found(db, helpers):
    full = db.run(save_helped, HelpedData(name="张小花", category="留守儿童", helper_ids=helpers), TODAY)
    short = db.run(save_helped, HelpedData(name="曾奶奶", category="独居老人", helper_ids=helpers[:1]), TODAY)
    assert db.run(get_helped, full).helper_ids == helpers
    rows = {r.name: r for r in db.run(list_helped)}
    assert rows["张小花"].helper_count == 3 and rows["张小花"].helpers == "甲、乙、丙"
    assert [r.name for r in db.run(list_helped, HelpedFilters(short_of_helpers=True))] == ["曾奶奶"]
    assert [r.name for r in db.run(list_helped, HelpedFilters("cnn"))] == ["曾奶奶"]  # 曾 read ceng
    assert db.run(count_helped, HelpedFilters(category="留守儿童")) == 1
    found = [r for r in db.run(reminders, TODAY) if r.kind == "helpers_short"]
    assert [(r.record_id, r.tab) for r in found] == [(short, "members")] and "只有1名" in found[0].text


def test_fewer_than_three_helpers_is_a_warning_not_an_error():
    result = validate_helped(HelpedData(name="李四", helper_ids=[1]), TODAY)
    assert result.ok and "应有3名" in result.warnings["helper_ids"][0]


@pytest.mark.parametrize(
    "data, field",
    [
        (HelpedData(name=""), "name"),
        (HelpedData(name="王五", status="已结束"), "end_date"),
        (HelpedData(name="王五", start_date=date(2027, 1, 1)), "start_date"),
        (
            HelpedData(name="王五", status="已结束", start_date=date(2026, 5, 1), end_date=date(2026, 1, 1)),
            "end_date",
        ),
    ],
)
def test_helped_validation(db, data, field):
    with pytest.raises(HelpedInvalid) as refused:
        db.run(save_helped, data, TODAY)
    assert field in refused.value.errors


def test_month_indicator_counts_people_in_the_register_that_day(db, helpers):
    db.run(save_helped, HelpedData(name="在册", start_date=date(2026, 1, 1)), TODAY)
    db.run(save_helped, HelpedData(name="下月才开始", start_date=date(2026, 11, 20)), TODAY)
    db.run(
        save_helped,
        HelpedData(name="已结束", status="已结束", start_date=date(2025, 1, 1), end_date=date(2026, 10, 15)),
        TODAY,
    )
    assert db.run(month_indicators, date(2026, 9, 30))["帮扶对象数"] == 2
    assert db.run(month_indicators, date(2026, 10, 31))["帮扶对象数"] == 1
    assert db.run(month_indicators, date(2026, 11, 30))["帮扶对象数"] == 2
    assert [label for _id, label in db.run(helper_choices)] == ["丙（执委）", "甲（执委）", "乙（执委）"]
