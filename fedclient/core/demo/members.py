"""Demo village profile and roster."""

from __future__ import annotations

import random
from datetime import date

from faker import Faker
from sqlalchemy.orm import Session
from stdnum.cn import ric

from ..models import Member, VillageProfile
from ..pinyin import initials_index
from ..vocab import EDUCATION_LEVELS, POLITICAL_STATUSES

AREA_CODE = "430724"  # 湖南省常德市临澧县, the county of seed 001

POSTS = {
    "chair": ("统筹全面工作", "组织协调"),
    "vice_chair": ("维权调解", "婚姻家庭调解"),
    "part_time_vice_chair": ("巾帼创业", "电商带货"),
    "executive_member": ("留守儿童关爱", "家庭教育"),
    "council_member": ("议事协商", "政策宣传"),
    "volunteer": ("网格服务", "文艺宣传"),
}
ROSTER = ["chair", "vice_chair", "part_time_vice_chair", "part_time_vice_chair"] + ["executive_member"] * 8


def valid_id(fake: Faker, min_age: int = 28, max_age: int = 60) -> str:
    """A woman's ID number that stdnum accepts, birthplace code included."""
    for _ in range(1000):
        number = fake.ssn(min_age=min_age, max_age=max_age, gender="F", area_code=AREA_CODE)
        if ric.is_valid(number):
            return number
    raise RuntimeError("Faker gave no valid ID number")


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
    members = []
    for i, role in enumerate(ROSTER):
        name = fake.last_name_female() + fake.first_name_female()
        id_number = valid_id(fake) if rng.random() < 0.8 else None
        if id_number:
            birth = ric.get_birth_date(id_number)
        else:
            birth = date(rng.randint(1966, 1996), rng.randint(1, 12), rng.randint(1, 28))
        post, specialty = POSTS[role]
        member = Member(
            name=name,
            name_initials=initials_index(name),
            gender="女",
            birth_date=birth,
            ethnicity="汉族" if rng.random() < 0.9 else "土家族",
            id_number=id_number,
            phone=fake.phone_number(),
            education=rng.choice(EDUCATION_LEVELS[1:6]),
            political_status=rng.choice(POLITICAL_STATUSES),
            role=role,
            post=post,
            specialty=specialty,
            group_name=f"{rng.randint(1, 9)}组",
            term_label="第十二届",
            term_start=date(2023, 3, 1),
            term_end=date(2028, 2, 29),
            in_village_committee=role == "chair" or rng.random() < 0.15,
            status="active",
            public_phone=i < 3,
        )
        members.append(member)
    session.add_all(members)
    profile = session.get(VillageProfile, 1)
    profile.chair_name = members[0].name
    profile.chair_phone = members[0].phone
    session.flush()
    return {"members": len(members)}
