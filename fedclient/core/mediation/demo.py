"""Demo mediation: about a year of cases before ``today``, in every state, with follow-ups."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Member
from ..vocab import CASE_SOURCES, MEDIATION_METHODS, REFERRAL_TARGETS
from .service import FollowUpDraft, save_case, save_followup
from .workflow import CaseDraft, PartyDraft

# (type, description, facts, terms, relationship of applicant to respondent, respondent's sex)
STORIES = [
    ("婚姻纠纷", "夫妻因丈夫长期沉迷打牌、家务全推给妻子发生争吵，妻子提出离婚。",
     "男方近半年几乎每晚打牌至深夜，女方独自照顾两个孩子和老人，双方为此多次争吵。",
     "男方保证不再赌博性质打牌，每周至少三个晚上在家辅导孩子作业；家庭收入由双方共同管理。", "夫妻", "男"),
    ("婚姻纠纷", "丈夫外出务工两年很少寄钱回家，妻子要求分居。",
     "男方在外务工，收入去向不明，家中孩子学费拖欠。",
     "男方每月15日前向女方转账2000元作为家庭开支，春节回家共同商量今后安排。", "夫妻", "男"),
    ("家庭纠纷", "婆媳因带孩子方式不同长期不和，儿子夹在中间。",
     "婆婆坚持老办法喂养孙子，儿媳认为不科学，双方言语冲突升级。",
     "孩子日常照料以儿媳意见为主，婆婆白天帮忙接送；全家每月一起吃一次团圆饭。", "婆媳", "女"),
    ("赡养纠纷", "三兄妹对八旬母亲的赡养费分摊意见不一。",
     "母亲年老多病，长子一家照顾多年，其余子女认为已出钱不愿再承担。",
     "三兄妹每人每月给付母亲赡养费500元，母亲住长子家，医疗费凭票据三人平摊。", "母子", "男"),
    ("赡养纠纷", "老人反映儿子儿媳不让其住回老屋，生活无着。",
     "老人老屋年久失修，儿子要求老人搬去女儿家，老人不愿。",
     "儿子负责在三个月内修缮老屋，修缮期间老人暂住儿子家；每月给付生活费600元。", "母子", "男"),
    ("抚养纠纷", "离婚后父亲拖欠孩子抚养费半年。",
     "双方离婚协议约定男方每月给付抚养费1500元，男方以收入减少为由停付。",
     "男方于两个月内补足拖欠的抚养费9000元，今后每月5日前按时给付。", "前夫妻", "男"),
    ("继承纠纷", "父亲去世后姐弟就老宅继承发生争执。",
     "父亲生前未立遗嘱，弟弟一直居住老宅，姐姐要求分得份额。",
     "老宅由弟弟继续居住，弟弟一次性补偿姐姐3万元，于年底前付清。", "姐弟", "男"),
    ("邻里纠纷", "两家因宅基地边界和排水沟堵塞发生争吵。",
     "一方建围墙占用排水沟，雨天积水流入邻家院子。",
     "占用方在一个月内自费疏通排水沟并后移围墙30厘米，双方今后互谅互让。", "邻居", "女"),
    ("邻里纠纷", "邻居家养狗夜间吠叫，老人休息受影响。",
     "一方散养大型犬，多次吓到邻家孙子。",
     "养犬方为犬办理登记并拴养，夜间关入室内；如再扰邻，主动上门致歉。", "邻居", "男"),
    ("家庭暴力", "妻子反映丈夫酒后多次动手，身上有伤。",
     "男方酗酒后情绪失控，推搡女方致其手臂淤青，女方害怕报复不敢报警。",
     "男方书面保证戒酒、不再实施任何家庭暴力；如再发生，女方可直接申请人身安全保护令。", "夫妻", "男"),
    ("家庭暴力", "女儿反映父亲长期打骂，要求帮助。",
     "父亲教育方式粗暴，多次体罚已上初中的女儿。",
     "父亲参加家庭教育指导课程，不再打骂孩子；执委每月上门了解孩子情况。", "父女", "男"),
    ("其他", "兄弟合伙养鱼分红不均引发矛盾。",
     "两兄弟合伙承包鱼塘，账目不清，年底分红发生争执。",
     "请村会计协助核对三年账目，按出资比例分配，今后每季度公开一次账目。", "兄弟", "男"),
]  # fmt: skip
RED_TYPES = ("家庭暴力",)
# Faker's zh_CN given names are not sorted by sex; parties' sex must match their names.
GIVEN = {
    "女": [
        "秀英",
        "桂兰",
        "玉梅",
        "春燕",
        "小红",
        "丽娟",
        "海燕",
        "红霞",
        "冬梅",
        "淑芬",
        "金凤",
        "晓丽",
        "美玲",
        "翠花",
        "秋菊",
        "雪梅",
    ],
    "男": [
        "建国",
        "志强",
        "国华",
        "卫东",
        "海军",
        "立新",
        "永刚",
        "德明",
        "庆丰",
        "长林",
        "军",
        "伟",
        "勇",
        "建平",
        "文斌",
        "春生",
    ],
}


def _party(fake: Faker, rng: random.Random, side: str, gender: str, relationship: str) -> PartyDraft:
    name = fake.last_name() + rng.choice(GIVEN[gender])
    return PartyDraft(
        side, name, gender, rng.randint(26, 78), fake.phone_number(), f"{rng.randint(1, 9)}组", relationship
    )


def _methods(rng: random.Random, kind: str) -> list[str]:
    """Methods that fit the dispute: 婚恋指导 for couples, 反家暴劝导 always for domestic violence."""
    chosen = set(rng.sample(("美德倡导", "矛盾疏导", "心理辅导"), rng.randint(1, 2)))
    if kind in ("婚姻纠纷", "家庭暴力") and rng.random() < 0.7:
        chosen.add("婚恋指导")
    if kind == "家庭暴力":
        chosen.add("反家暴劝导")
    return sorted(chosen, key=MEDIATION_METHODS.index)


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    mediators = list(
        session.scalars(
            select(Member.id)
            .where(Member.role.in_(("chair", "vice_chair", "executive_member")))
            .order_by(Member.id)
        )
    )
    if not mediators:
        return {"cases": 0}
    n_cases = 32
    start = today - timedelta(days=360)
    # The last two arrive in the last days, so the ledger shows freshly received cases too.
    days = sorted(rng.sample(range(0, 355), n_cases - 2)) + [358, 359]
    for i, offset in enumerate(days):
        received = start + timedelta(days=offset)
        kind, description, facts, terms, relationship, other_sex = STORIES[i % len(STORIES)]
        age_days = (today - received).days
        draft = CaseDraft(
            received_date=received,
            source=rng.choices(CASE_SOURCES[:5], weights=(5, 3, 1, 2, 2))[0],
            dispute_type=kind,
            description=description,
            facts=facts,
            risk_level=("红" if i % 2 == 0 else "黄")
            if kind in RED_TYPES
            else rng.choices(("黄", "蓝"), (1, 3))[0],
            flag_self_harm_risk=i % 13 == 5,
            methods=_methods(rng, kind),
            mediator_ids=rng.sample(mediators, min(len(mediators), rng.randint(1, 2))),
            parties=[
                _party(fake, rng, "applicant", "女", relationship),
                _party(fake, rng, "respondent", other_sex, relationship),
            ],
        )
        if kind == "家庭暴力":
            draft.flag_criminal_risk = draft.risk_level == "红"
        if draft.flag_self_harm_risk:
            draft.risk_level = "红"
        if age_days > 2:
            draft.mediation_started = received + timedelta(days=rng.randint(0, 2))
        # Recent cases stay open; older ones reached an outcome (most of them successful).
        if age_days > 20 or (age_days > 8 and rng.random() < 0.4):
            if i % 9 == 4 and age_days > 45:
                pass  # an overdue case the chair still has to finish
            else:
                draft.outcome_date = min(today, draft.mediation_started + timedelta(days=rng.randint(3, 25)))
                if rng.random() < 0.82:
                    draft.outcome = "调解成功"
                    draft.agreement_form = "书面" if rng.random() < 0.7 else "口头"
                    draft.agreement_terms = terms
                    draft.performance_method = rng.choice(("双方自觉履行", "分期给付，执委监督", "当场履行"))
                    draft.performance_deadline = draft.outcome_date + timedelta(
                        days=rng.choice((15, 30, 60, 90))
                    )
                else:
                    draft.outcome = "调解不成"
                    draft.referred_to = rng.choice(REFERRAL_TARGETS[:5])
        case_id = save_case(session, draft, today)
        visits = []
        if draft.outcome and (today - draft.outcome_date).days > 25 and rng.random() < 0.8:
            visit = draft.outcome_date + timedelta(days=rng.randint(20, 35))
            if visit <= today:
                visits.append(visit)
                if (today - visit).days > 70:
                    visits.append(visit + timedelta(days=rng.randint(45, 70)))
        for j, visit in enumerate(visits):
            save_followup(
                session,
                case_id,
                FollowUpDraft(
                    visit_date=visit,
                    visitor_id=rng.choice(mediators),
                    performed=rng.random() < 0.9,
                    satisfaction=rng.choices(("满意", "基本满意", "不满意"), (6, 3, 1))[0],
                    relapse_signs="" if rng.random() < 0.85 else "双方偶有口角，未见激化",
                    notes="协议履行情况良好" if j == 0 else "再次回访，家庭关系稳定",
                ),
                today,
            )
        if visits and (today - visits[-1]).days > 10 and rng.random() < 0.75:
            draft.id = case_id
            draft.closed_date = visits[-1] + timedelta(days=rng.randint(0, 7))
            draft.closed_date = min(draft.closed_date, today)
            save_case(session, draft, today)
        elif not visits and draft.outcome == "调解不成" and rng.random() < 0.6:
            draft.id = case_id
            draft.closed_date = min(today, draft.outcome_date + timedelta(days=rng.randint(1, 10)))
            save_case(session, draft, today)
    return {"cases": n_cases}
