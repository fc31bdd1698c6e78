"""Fixed vocabularies of the domain (see shared/domain.md). Codes are stored; labels are shown."""

from __future__ import annotations

# Member roles: stored code -> label, in order of rank.
ROLES: dict[str, str] = {
    "chair": "主席",
    "vice_chair": "专职副主席",
    "part_time_vice_chair": "兼职副主席",
    "executive_member": "执委",
    "council_member": "妇女议事会成员",
    "volunteer": "巾帼志愿者",
}
ROLE_BY_LABEL = {label: code for code, label in ROLES.items()}
LEADER_ROLES = ("chair", "vice_chair", "part_time_vice_chair")
# Everyone on the executive committee (执委会): the chair, the vice chairs and the executive members.
EXECUTIVE_ROLES = ("chair", "vice_chair", "part_time_vice_chair", "executive_member")

MEMBER_STATUS = {"active": "在任", "left": "离任"}
# How a pledge's 量化标准 is measured (pledges.status.QUANTITY / MILESTONE).
STANDARD_KINDS = {"quantity": "数量", "milestone": "事项"}
GENDERS = ("女", "男")
EDUCATION_LEVELS = ("小学", "初中", "高中", "中专", "大专", "本科", "研究生")
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民主党派", "群众")

HELPED_CATEGORIES = ("困境妇女", "困境儿童", "留守儿童", "留守妇女", "留守老人", "独居老人", "其他")
HELPED_STATUSES = ("帮扶中", "已结束")
HELPERS_PER_PERSON = 3

PLEDGE_CATEGORIES = (
    "脱贫攻坚/乡村振兴",
    "留守人员关爱",
    "扶持妇女创业就业",
    "家庭教育/家风建设",
    "矛盾纠纷调解",
    "权益维护",
    "环境整治",
    "其他",
)
PLEDGE_STATUSES = ("未开始", "进行中", "已完成", "逾期未完成")
ASSESSMENT_RATINGS = ("优秀", "合格", "基本合格", "不合格")

CASE_SOURCES = ("当事人申请", "主动排查", "上级转交", "12338热线", "网格上报", "其他")
CASE_TYPES = ("婚姻纠纷", "家庭纠纷", "赡养纠纷", "抚养纠纷", "继承纠纷", "邻里纠纷", "家庭暴力", "其他")
RISK_LEVELS = ("红", "黄", "蓝")
MEDIATION_METHODS = ("美德倡导", "婚恋指导", "矛盾疏导", "心理辅导", "反家暴劝导")
CASE_STATUSES = ("已受理", "调解中", "调解成功", "调解不成(已转介)", "已回访", "已结案")
AGREEMENT_FORMS = ("口头", "书面")
REFERRAL_TARGETS = ("派出所", "法院", "司法所", "法律援助", "心理咨询", "其他")
PARTY_SIDES = {"applicant": "申请人", "respondent": "被申请人"}
SATISFACTION_LEVELS = ("满意", "基本满意", "不满意")
CASE_OUTCOMES = ("调解成功", "调解不成", "在办")  # how 首页 counts a month's cases

SERVICE_ROLES = ("政策宣传", "文化惠民", "应急管理", "就业帮扶", "矛盾调解")
SERVICE_RESULTS = ("已解决", "已上报")
HOUSEHOLD_TAGS = ("留守", "困境", "独居老人", "残疾", "其他")
# 议事会六步法 starts with collecting topics: where this one came from.
COUNCIL_TOPIC_SOURCES = ("群众提议", "入户走访", "网格收集", "村两委交办", "议事会成员提议", "其他")
DUTY_ROSTERS = {"mediation": "调解值班", "hotline": "12338热线值班"}
DUTY_PARTS = ("全天", "上午", "下午")
COUNCIL_TOPICS = ("疫情防控", "权益维护", "孝老爱亲", "科学教子", "健康生活", "环境保护", "其他")


def grid_label(number: int, name: str) -> str:
    """ "3号网格 卧园1-4栋": the number first, so lists sort and read the way the chair numbers them."""
    name = (name or "").strip()
    base = f"{number}号网格"
    return f"{base} {name}" if name and name != base else base
