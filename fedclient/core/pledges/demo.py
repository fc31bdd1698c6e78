"""Demo pledges: this year's and last year's, for the executive committee, with a realistic spread of
progress relative to ``today`` (some done, some under way, some not started, a few of last year's unmet)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Member, Pledge, PledgeProgress
from ..vocab import EXECUTIVE_ROLES

# (sentence, category, kind, target, unit, what one entry does)
PLEDGES = [
    (
        "每月走访留守儿童，全年不少于12次",
        "留守人员关爱",
        "quantity",
        12,
        "次",
        "走访留守儿童，了解学习生活情况",
    ),
    (
        "帮助10名妇女通过电商销售农产品",
        "扶持妇女创业就业",
        "quantity",
        10,
        "人",
        "指导妇女开网店、拍视频带货",
    ),
    ("组织家庭教育讲座6场", "家庭教育/家风建设", "quantity", 6, "场", "在村妇女之家举办家庭教育讲座"),
    ("参与调解婚姻家庭纠纷8起", "矛盾纠纷调解", "quantity", 8, "起", "参与调解婚姻家庭纠纷"),
    ("开展“美丽庭院”评比，带动30户整治庭院", "环境整治", "quantity", 30, "户", "入户指导庭院整治"),
    ("组建一支巾帼志愿服务队", "其他", "milestone", None, "", "巾帼志愿服务队成立并开展首次活动"),
    ("为困境妇女争取救助帮扶5人次", "权益维护", "quantity", 5, "人次", "协助困境妇女申请救助"),
    ("开展反家暴法宣传进村组4次", "权益维护", "quantity", 4, "次", "在村民小组开展反家暴法宣传"),
    ("带领15户发展庭院经济", "脱贫攻坚/乡村振兴", "quantity", 15, "户", "指导农户种植养殖"),
    ("结对关爱独居老人3名，每季度上门不少于2次", "留守人员关爱", "quantity", 24, "次", "上门看望独居老人"),
    ("评选“最美家庭”并组织事迹宣讲", "家庭教育/家风建设", "milestone", None, "", "完成“最美家庭”评选和宣讲"),
    ("组织妇女技能培训3期，培训不少于60人", "扶持妇女创业就业", "quantity", 3, "期", "举办妇女技能培训班"),
]


def _entries(rng: random.Random, target: float | None, kind: str, start: date, end: date, share: float):
    """Entries between start and end adding up to ``share`` of the target (milestone: done if share>=1)."""
    days = max(1, (end - start).days)
    if kind == "milestone":
        if share >= 1:
            return [(start + timedelta(days=rng.randint(days // 3, days)), 1.0)]
        return [(start + timedelta(days=rng.randint(0, days)), 0.0)] if share > 0 else []
    total = round(target * share)
    out, done = [], 0
    while done < total:
        step = min(total - done, rng.choice((1, 1, 1, 2, 3)) if target >= 6 else 1)
        out.append((start + timedelta(days=rng.randint(0, days)), float(step)))
        done += step
    return sorted(out)


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    members = session.scalars(
        select(Member).where(Member.role.in_(EXECUTIVE_ROLES)).order_by(Member.id)
    ).all()
    pledges = progress = 0
    for year in (today.year - 1, today.year):
        end_of_year = date(year, 12, 31)
        posted = date(year, 2, rng.randint(10, 28))
        # Leave the newest executive member without a pledge this year: a reminder to show.
        for i, member in enumerate(members[:-1] if year == today.year else members):
            text, category, kind, target, unit, work = PLEDGES[(i + (year % 5)) % len(PLEDGES)]
            deadline = end_of_year if rng.random() < 0.75 else date(year, rng.choice((6, 9, 10, 11)), 30)
            pledge = Pledge(
                member_id=member.id, year=year, content=text, category=category, standard_kind=kind,
                target=target, unit=unit, standard_text="", deadline=deadline, posted_date=posted,
            )  # fmt: skip
            session.add(pledge)
            session.flush()
            pledges += 1
            last_day = min(today, deadline if year < today.year else today)
            if year < today.year:
                share = 1.0 if rng.random() < 0.8 else rng.choice((0.4, 0.6))  # a couple unmet
            else:
                share = rng.choice((0.0, 0.3, 0.5, 0.7, 0.9, 1.0, 1.0))
            start = posted + timedelta(days=5)
            if last_day <= start:
                continue
            for day, amount in _entries(rng, target, kind, start, last_day, share):
                people = rng.randint(1, 40) if amount else 0
                session.add(
                    PledgeProgress(pledge_id=pledge.id, date=day, amount=amount, description=work,
                                   people_reached=people)
                )  # fmt: skip
                progress += 1
    session.flush()
    if today.month >= 3:
        _assess_last_year(session, today.year - 1)
    return {"pledges": pledges, "progress": progress}


def _assess_last_year(session: Session, year: int) -> None:
    """By March the chair has done last year's 年度履职考核, explaining any unmet pledge in the remarks.

    Uses no randomness, so the parts of the demo made after this one stay the same for a seed.
    """
    from .assessment import assessment_rows, save_assessment, suggested_rating

    for i, row in enumerate(assessment_rows(session, year)):
        if not row.in_office:
            continue
        unmet = row.pledges - row.pledges_done
        remarks = "承诺未全部完成，已在执委会上说明原因" if unmet else "按时完成承诺"
        score = row.proposed
        save_assessment(
            session, row.member_id, year, score, suggested_rating(score), "基本满意" if i % 4 == 3 else "满意",
            remarks,
        )  # fmt: skip
    session.flush()
