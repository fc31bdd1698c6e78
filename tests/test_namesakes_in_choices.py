"""Two members of one name are told apart in every choice list (承诺人, 帮扶人, 调解员, 回访人, 责任人, 值班, 网格长,
服务人, 联系指导的执委), the same way everywhere and only when the name is shared: 王秀英（三组）, else the birth
year, else the order they were entered (同名1, 同名2); never an ID number or a phone."""

from __future__ import annotations

from datetime import date

from fedclient.core import duty
from fedclient.core.grids import serving_choices
from fedclient.core.mediation import mediator_choices
from fedclient.core.members import MemberData, member_choices, save_member
from fedclient.core.members.helped import helper_choices
from fedclient.core.pledges import executive_choices

TODAY = date(2026, 11, 25)


def add(db, name: str, role: str = "executive_member", **fields) -> int:
    return db.run(save_member, MemberData(name=name, role=role, term_start=date(2024, 1, 1), **fields), TODAY)


def test_namesakes_are_told_apart_by_their_group_and_others_keep_their_bare_name(db):
    three = add(db, "王秀英", group_name="三组", id_number="430724199003021246", phone="13912345678")
    four = add(db, "王秀英", group_name="四组")
    alone = add(db, "李红", group_name="三组")
    labels = dict(db.run(member_choices))
    assert labels[three] == "王秀英（三组，执委）" and labels[four] == "王秀英（四组，执委）"
    assert labels[alone] == "李红（执委）"
    assert "1246" not in labels[three] and "1990" not in labels[three] and "1391234" not in labels[three]


def test_by_birth_year_when_the_groups_do_not_tell_and_by_order_when_nothing_does(db):
    old = add(db, "张秀兰", group_name="一组", birth_date=date(1968, 5, 2))
    young = add(db, "张秀兰", group_name="一组", birth_date=date(1990, 8, 9))
    first = add(db, "陈芳")
    second = add(db, "陈芳")
    labels = dict(db.run(member_choices))
    assert labels[old] == "张秀兰（1968年生，执委）" and labels[young] == "张秀兰（1990年生，执委）"
    assert labels[first] == "陈芳（同名1，执委）" and labels[second] == "陈芳（同名2，执委）"


def test_a_namesake_who_left_office_still_tells_the_one_in_office_apart(db):
    add(db, "刘梅", group_name="二组", status="left", left_date=date(2025, 12, 31))
    serving = add(db, "刘梅", group_name="五组")
    assert dict(db.run(member_choices))[serving] == "刘梅（五组，执委）"


def test_every_choice_list_names_namesakes_the_same_way(db):
    three = add(db, "王秀英", group_name="三组")
    four = add(db, "王秀英", group_name="四组")
    lists = {
        "承诺人": db.run(executive_choices),
        "帮扶人": db.run(helper_choices),
        "调解员": db.run(mediator_choices),
        "网格长": db.run(serving_choices)[0],
        "服务人": db.run(serving_choices)[1],
        "责任人": db.run(member_choices),
    }
    for what, choices in lists.items():
        labels = dict(choices)
        assert labels[three].startswith("王秀英（三组") and labels[four].startswith("王秀英（四组"), what
    on_duty = dict(db.run(duty.duty_choices, "hotline", TODAY))
    assert on_duty[three] == "王秀英（三组）" and on_duty[four] == "王秀英（四组）"


def test_the_first_year_in_office_tells_them_apart_and_every_label_of_a_name_differs(db):
    old = db.run(
        save_member, MemberData(name="赵静", role="executive_member", term_start=date(2016, 12, 1)), TODAY
    )
    new = db.run(
        save_member, MemberData(name="赵静", role="executive_member", term_start=date(2021, 12, 1)), TODAY
    )
    pairs = [add(db, "孙梅", group_name=group) for group in ("三组", "三组", "四组", "四组")]
    labels = dict(db.run(member_choices))
    assert labels[old] == "赵静（2016年起任，执委）" and labels[new] == "赵静（2021年起任，执委）"
    assert len({labels[member_id] for member_id in pairs}) == 4, [labels[m] for m in pairs]
