"""Demo village profile, roster (with guidance links and contacts) and the people helped."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from sqlalchemy.orm import Session
from stdnum.cn import ric

from ..models import HelpedPerson, HelpedPersonHelper, Member, MemberContact, MemberGuidance, VillageProfile
from ..pinyin import initials_index
from ..validation import check_phone
from ..vocab import EDUCATION_LEVELS, HELPED_CATEGORIES, POLITICAL_STATUSES

AREA_CODE = "430724"  # 湖南省常德市临澧县, the county of seed 001

POSTS = {
    "chair": [("统筹全面工作", "组织协调")],
    "vice_chair": [("维权调解", "婚姻家庭调解")],
    "part_time_vice_chair": [("巾帼创业", "电商带货"), ("家庭教育", "幼儿教育")],
    "executive_member": [
        ("留守儿童关爱", "家庭教育"),
        ("矛盾纠纷调解", "调解"),
        ("巾帼创业就业", "种养殖"),
        ("环境整治", "宣传动员"),
        ("权益维护", "法律知识"),
        ("家风建设", "文艺"),
        ("关爱独居老人", "护理"),
    ],
    "council_member": [("议事协商", "政策宣传"), ("网格长", "群众工作")],
    "volunteer": [("网格服务", "文艺宣传"), ("应急志愿", "急救"), ("就业帮扶", "手工编织")],
}
# (role, how many in office, how many who have left)
ROSTER = [
    ("chair", 1, 0),
    ("vice_chair", 1, 0),
    ("part_time_vice_chair", 2, 0),
    ("executive_member", 10, 1),
    ("council_member", 6, 0),
    ("volunteer", 8, 1),
]
LEFT_REASONS = ("外出务工", "工作调动", "身体原因")
SITUATIONS = {
    "困境妇女": ("丈夫病故，独自抚养两个孩子", "就业技能培训、子女助学"),
    "困境儿童": ("父母一方残疾，家庭收入低", "学习辅导、心理关爱"),
    "留守儿童": ("父母在广东务工，随祖父母生活", "课业辅导、亲情陪伴"),
    "留守妇女": ("丈夫常年在外务工，照顾老人孩子", "就近就业、家庭支持"),
    "留守老人": ("子女均在外地，老人行动不便", "定期探访、代购药品"),
    "独居老人": ("老伴去世，一人独居", "每周探访、安全检查"),
    "其他": ("家中有重病患者", "协助申请救助"),
}


def valid_id(fake: Faker, min_age: int = 28, max_age: int = 60) -> str:
    """A woman's ID number that stdnum accepts, birthplace code included."""
    for _ in range(1000):
        number = fake.ssn(min_age=min_age, max_age=max_age, gender="F", area_code=AREA_CODE)
        if ric.is_valid(number):
            return number
    raise RuntimeError("Faker gave no valid ID number")


def mobile(fake: Faker) -> str:
    for _ in range(100):
        number = check_phone(fake.phone_number())
        if number.ok and number.value.startswith("1"):
            return number.value
    raise RuntimeError("Faker gave no valid mobile number")


def make_member(fake: Faker, rng: random.Random, today: date, role: str, left: bool) -> Member:
    name = fake.last_name_female() + fake.first_name_female()
    young = role == "volunteer"
    id_number = valid_id(fake, 22 if young else 28, 50 if young else 60) if rng.random() < 0.8 else None
    if id_number:
        birth = ric.get_birth_date(id_number)
    else:
        birth = date(today.year - rng.randint(28, 58), rng.randint(1, 12), rng.randint(1, 28))
    post, specialty = rng.choice(POSTS[role])
    term_start = date(today.year - 3, 3, 1)
    member = Member(
        name=name,
        name_initials=initials_index(name),
        gender="女",
        birth_date=birth,
        ethnicity="汉族" if rng.random() < 0.9 else "土家族",
        id_number=id_number,
        phone=mobile(fake),
        education=rng.choice(EDUCATION_LEVELS[1:6]),
        political_status=rng.choice(POLITICAL_STATUSES),
        role=role,
        post=post,
        specialty=specialty,
        group_name=f"{rng.randint(1, 9)}组",
        term_label="第十二届",
        term_start=term_start,
        term_end=date(term_start.year + 5, 2, 28),
        in_village_committee=role == "chair" or rng.random() < 0.15,
        status="active",
    )
    if left:
        member.status = "left"
        member.left_date = today - timedelta(days=rng.randint(30, 400))
        member.left_reason = rng.choice(LEFT_REASONS)
    return member


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    session.add(
        VillageProfile(
            id=1,
            province="湖南省",
            city="常德市",
            county="临澧县",
            township="合口镇",
            village="杉板村",
            chair_name="",
            chair_phone="",
        )
    )
    members: list[Member] = []
    for role, active, left in ROSTER:
        members += [make_member(fake, rng, today, role, i >= active) for i in range(active + left)]
    members[0].public_phone = members[1].public_phone = True
    # A part-time vice chair's appointment letter (聘书) runs out soon: shows the term reminder.
    members[3].term_end = today + timedelta(days=40)
    session.add_all(members)
    session.flush()
    profile = session.get(VillageProfile, 1)
    profile.chair_name, profile.chair_phone = members[0].name, members[0].phone

    active = [m for m in members if m.status == "active"]
    leaders = [m for m in active if m.role in ("chair", "vice_chair", "part_time_vice_chair")]
    executives = [m for m in active if m.role == "executive_member"]
    # Leaders guide 2-4 executive members each; the last guides only one (a gentle reminder to show).
    for i, leader in enumerate(leaders):
        n = 1 if i == len(leaders) - 1 else rng.randint(2, 4)
        for guided in rng.sample(executives, n):
            session.add(MemberGuidance(leader_id=leader.id, member_id=guided.id))
    for member in executives:
        for _ in range(rng.choice((3, 5, 5, 6, 7))):
            session.add(MemberContact(member_id=member.id, name=fake.name_female(), phone=mobile(fake)))

    helpers_pool = leaders + executives
    categories = list(HELPED_CATEGORIES)
    for i in range(10):
        category = categories[i % len(categories)]
        situation, needs = SITUATIONS[category]
        name = fake.name_female() if category != "困境儿童" or rng.random() < 0.5 else fake.name_male()
        person = HelpedPerson(
            name=name,
            name_initials=initials_index(name),
            category=category,
            group_name=f"{rng.randint(1, 9)}组",
            situation=situation,
            needs=needs,
            start_date=today - timedelta(days=rng.randint(60, 700)),
            status="帮扶中",
        )
        session.add(person)
        session.flush()
        n_helpers = 2 if i in (4, 8) else 3  # two people still short of the seed's three helpers
        for helper in rng.sample(helpers_pool, n_helpers):
            session.add(HelpedPersonHelper(helped_person_id=person.id, member_id=helper.id))
    session.flush()
    return {"members": len(members), "helped": 10}
