"""Demo grids: 8 grids drawn by village group and by building, ~400 households, a year of services, and
about 20 women's council meetings with their decisions (``demo_followup``). One grid has a single volunteer, so
the 1+2 warning shows."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    CouncilMeeting,
    Grid,
    GridService,
    GridServiceHousehold,
    GridServiceMember,
    GridVolunteer,
    Household,
    MediationCase,
    Member,
)
from ..pinyin import initials_index
from ..vocab import COUNCIL_TOPICS, HOUSEHOLD_TAGS
from .households import address_sort_key

# (name, area, how addresses look): groups are rural "3组12号", the resettlement estate is "2栋1单元301".
GRIDS = [
    ("一组片", "1组、2组（村部周边）", ("组", 1, 2)),
    ("二组片", "3组、4组（沿河片）", ("组", 3, 4)),
    ("三组片", "5组、6组（山脚片）", ("组", 5, 6)),
    ("四组片", "7组、8组", ("组", 7, 8)),
    ("五组片", "9组、10组（茶园片）", ("组", 9, 10)),
    ("安置小区东", "杉板安置小区1-3栋", ("栋", 1, 3)),
    ("安置小区西", "杉板安置小区4-6栋", ("栋", 4, 6)),
    ("集镇片", "合口集镇沿街商户", ("街", 1, 1)),
]
SERVICES = {
    "政策宣传": ["宣传医保缴费政策", "讲解反家暴法", "入户宣传防范电信诈骗", "宣传《民法典》婚姻家庭编"],
    "文化惠民": ["组织广场舞排练", "“最美家庭”评选宣传", "开展亲子阅读活动", "组织妇女手工编织培训"],
    "应急管理": ["汛期转移独居老人", "排查老旧房屋安全隐患", "冬季用火用电安全提醒", "协助组织疫苗接种"],
    "就业帮扶": ["推荐妇女到茶厂务工", "介绍家政服务培训", "帮助留守妇女申请创业贷款", "对接电商带货培训"],
    "矛盾调解": ["化解婆媳口角", "调解邻里宅基地争执", "劝和夫妻矛盾", "调解赡养费分担分歧"],
}
ROLE_WEIGHTS = (30, 20, 12, 18, 20)
PEOPLE = {
    "政策宣传": (5, 40),
    "文化惠民": (8, 60),
    "应急管理": (2, 20),
    "就业帮扶": (1, 6),
    "矛盾调解": (2, 6),
}
PLACES = ("议事长廊", "村委会会议室", "妇女之家", "安置小区活动室")
TOPICS = {
    "疫情防控": "冬春季传染病防控与老人接种",
    "权益维护": "外嫁女土地承包权益",
    "孝老爱亲": "“好媳妇好婆婆”评选办法",
    "科学教子": "留守儿童暑期看护",
    "健康生活": "妇女“两癌”免费筛查动员",
    "环境保护": "“美丽庭院”创建与垃圾分类",
    "其他": "村规民约中婚俗新风条款",
}


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0)


def _address(rng: random.Random, kind: tuple[str, int, int]) -> str:
    unit, low, high = kind
    if unit == "组":
        return f"{rng.randint(low, high)}组{rng.randint(1, 60)}号"
    if unit == "栋":
        return f"{rng.randint(low, high)}栋{rng.randint(1, 3)}单元{rng.randint(1, 6)}0{rng.randint(1, 4)}"
    return f"合口街{rng.randint(1, 200)}号"


def _members(session: Session, *roles: str) -> list[Member]:
    return list(
        session.scalars(
            select(Member).where(Member.role.in_(roles), Member.status == "active").order_by(Member.id)
        )
    )


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    # Council members lead; volunteers and executive members assist. Executive members not needed as
    # volunteers lead the grids left over when there are fewer council members than grids.
    council = _members(session, "council_member")
    helpers = _members(session, "volunteer") + _members(session, "executive_member")
    needed = 2 * len(GRIDS) - 1
    leaders = (council + helpers[needed:])[: len(GRIDS)] or helpers[: len(GRIDS)]
    helpers = [m for m in helpers if m not in leaders]
    start = today - timedelta(days=365)
    created = _at(start - timedelta(days=30))

    grids: list[Grid] = []
    serving: dict[int, list[int]] = {}
    for i, (name, area, _kind) in enumerate(GRIDS):
        leader = leaders[i] if i < len(leaders) else None
        if leader is not None and i % 3 == 0:
            leader.public_phone = True  # some leaders agreed to put their phone on the grid board
        grid = Grid(
            number=i + 1, name=name, area=area, leader_id=leader.id if leader else None, created_at=created
        )
        session.add(grid)
        session.flush()
        wanted = 1 if i == 3 else 2  # grid 4 keeps one volunteer: the 1+2 warning in the demo
        volunteers = [helpers[(2 * i + k) % len(helpers)] for k in range(wanted)] if helpers else []
        for member in dict.fromkeys(volunteers):
            session.add(GridVolunteer(grid_id=grid.id, member_id=member.id))
        serving[grid.id] = ([leader.id] if leader else []) + [m.id for m in volunteers]
        grids.append(grid)

    households: dict[int | None, list[int]] = {g.id: [] for g in grids}
    households[None] = []
    total = rng.randint(360, 440)
    used: set[str] = set()
    for n in range(total):
        index = rng.randrange(len(GRIDS))
        grid = grids[index] if n >= 12 else None  # a dozen newly moved-in households not yet in a grid
        name = fake.last_name() + fake.first_name_female()
        tags = sorted(rng.sample(HOUSEHOLD_TAGS[:4], rng.choice((1, 1, 2)))) if rng.random() < 0.25 else []
        address = _address(rng, GRIDS[index][2])
        while address in used:
            address = _address(rng, GRIDS[index][2])
        used.add(address)
        household = Household(
            contact_name=name,
            name_initials=initials_index(name),
            address=address,
            address_key=address_sort_key(address),
            size=rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6)),
            tags="、".join(t for t in HOUSEHOLD_TAGS if t in tags),
            phone=fake.phone_number() if rng.random() < 0.8 else "",
            grid_id=grid.id if grid else None,
            created_at=created if grid else _at(today - timedelta(days=rng.randint(3, 40))),
        )
        session.add(household)
        session.flush()
        households[grid.id if grid else None].append(household.id)

    services = 0
    cases = list(session.scalars(select(MediationCase).where(MediationCase.source == "网格上报")))
    roles = list(SERVICES)
    for grid_no, grid in enumerate(grids):
        # Grid 5 has gone quiet lately, so its households show up as not visited.
        quiet_since = today - timedelta(days=120) if grid_no == 4 else None
        day = start + timedelta(days=rng.randint(0, 6))
        while day <= today:
            if quiet_since is None or day < quiet_since:
                role = rng.choices(roles, ROLE_WEIGHTS)[0]
                _add_service(session, rng, grid, day, role, serving[grid.id], households[grid.id])
                services += 1
            day += timedelta(days=rng.randint(5, 12))
    for case in cases:
        grid = rng.choice(grids)
        service = _add_service(session, rng, grid, case.received_date, "矛盾调解", serving[grid.id], [])
        service.case_id, service.result = case.id, "已上报"
        services += 1

    meetings = 0
    day = start + timedelta(days=10)
    while day <= today:
        category = rng.choice(COUNCIL_TOPICS)
        session.add(
            CouncilMeeting(
                date=day,
                place=rng.choice(PLACES),
                topic_category=category,
                topic=TOPICS[category],
                participants_count=rng.randint(8, 25),
                participants="议事会成员、村民代表",
                decisions=f"议定{TOPICS[category]}的做法，由各网格长分片落实",
                follow_up="下次议事会通报落实情况" if rng.random() < 0.6 else "",
                created_at=_at(day),
            )
        )
        meetings += 1
        day += timedelta(days=rng.randint(14, 22))
    session.flush()
    from .demo_followup import populate_followup

    counts = populate_followup(session, rng, today)
    return {"grids": len(grids), "households": total, "services": services, "meetings": meetings, **counts}


def _add_service(
    session: Session,
    rng: random.Random,
    grid: Grid,
    day: date,
    role: str,
    members: list[int],
    homes: list[int],
) -> GridService:
    low, high = PEOPLE[role]
    service = GridService(
        date=day,
        grid_id=grid.id,
        role=role,
        description=rng.choice(SERVICES[role]),
        people_served=rng.randint(low, high),
        result="已解决" if rng.random() < 0.9 else "已上报",
        created_at=_at(day),
    )
    session.add(service)
    session.flush()
    served = rng.sample(members, k=min(len(members), rng.randint(1, 2)))
    for member_id in served:
        session.add(GridServiceMember(service_id=service.id, member_id=member_id))
    if homes and rng.random() < 0.75:
        for household_id in rng.sample(homes, k=min(len(homes), rng.randint(2, 8))):
            session.add(GridServiceHousehold(service_id=service.id, household_id=household_id))
    return service
