"""How the history names things: kinds of record, fields, one record, and the values shown."""

from __future__ import annotations

from typing import Any

from ..vocab import DUTY_ROSTERS, MEMBER_STATUS, PARTY_SIDES, ROLES, STANDARD_KINDS
from .masking import masked

KINDS = {
    "members": "成员",
    "member_guidance": "联系指导",
    "member_contacts": "联系对象",
    "helped_people": "帮扶对象",
    "helped_person_helpers": "帮扶人",
    "pledges": "承诺",
    "pledge_progress": "践诺记录",
    "assessments": "履职考核",
    "mediation_cases": "调解案件",
    "case_parties": "当事人",
    "case_mediators": "调解员",
    "case_followups": "回访",
    "grids": "网格",
    "grid_volunteers": "网格志愿者",
    "households": "户",
    "grid_services": "网格服务",
    "grid_service_members": "服务成员",
    "grid_service_households": "服务户",
    "council_meetings": "议事会",
    "council_decisions": "议事会决议",
    "duty_shifts": "值班",
    "point_redemptions": "积分兑换",
    "review_ballot_counts": "民主测评",
    "village_profile": "村基本情况",
    "database": "数据文件",
}
# Short names for the command line (--record member:12).
ALIASES = {
    "member": "members",
    "helped": "helped_people",
    "pledge": "pledges",
    "progress": "pledge_progress",
    "case": "mediation_cases",
    "party": "case_parties",
    "followup": "case_followups",
    "grid": "grids",
    "household": "households",
    "service": "grid_services",
    "meeting": "council_meetings",
    "decision": "council_decisions",
    "duty": "duty_shifts",
}
ACTIONS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "reveal": "查看完整身份证号",
    "erase": "按本人要求删除个人信息",
    "restore": "从备份恢复",
}

FIELDS = {
    "name": "姓名", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族", "id_number": "身份证号",
    "phone": "电话", "education": "文化程度", "political_status": "政治面貌", "role": "职务", "post": "岗位",
    "specialty": "专长", "group_name": "所在组", "term_label": "届次", "term_start": "任职时间",
    "term_end": "任期结束", "in_village_committee": "进村两委", "status": "状态", "left_date": "离任日期",
    "left_reason": "离任原因", "public_phone": "公开电话", "notes": "备注", "category": "类别",
    "situation": "基本情况", "needs": "需求", "start_date": "开始日期", "end_date": "结束日期",
    "member_id": "成员", "leader_id": "负责人", "year": "年度", "seq": "序号", "content": "承诺内容",
    "standard_kind": "标准类型", "standard_text": "量化标准", "target": "目标", "unit": "单位",
    "deadline": "完成时限", "posted_date": "公示日期", "pledge_id": "承诺", "date": "日期", "amount": "数量",
    "description": "内容", "people_reached": "受益人数", "score": "得分", "rating": "等次",
    "public_review": "群众评议", "remarks": "评语", "number": "编号", "received_date": "受理日期",
    "source": "来源", "dispute_type": "纠纷类型", "risk_level": "风险等级", "flag_criminal_risk": "民转刑倾向",
    "flag_petition_risk": "群体上访倾向", "flag_self_harm_risk": "自伤自杀倾向", "methods": "调解方法",
    "mediation_started": "开始调解", "outcome": "调解结果", "outcome_date": "结果日期",
    "agreement_form": "协议形式", "agreement_terms": "协议内容", "facts": "事实和争议",
    "performance_method": "履行方式", "performance_deadline": "履行期限", "referred_to": "移交",
    "closed_date": "结案日期", "turned_criminal": "民转刑", "case_id": "调解案件", "side": "身份",
    "age": "年龄", "address": "地址", "relationship": "关系", "visit_date": "回访日期",
    "visitor_id": "回访人", "performed": "协议履行", "satisfaction": "满意度", "relapse_signs": "反复迹象",
    "area": "范围", "grid_id": "网格", "contact_name": "户主", "size": "人口", "tags": "标签",
    "people_served": "服务人数", "result": "结果", "place": "地点", "topic_category": "议题类别",
    "topic": "议题", "participants_count": "参加人数", "participants": "参加人员", "decisions": "议定事项",
    "follow_up": "后续落实", "household_id": "户", "topic_source": "议题来源", "topic_source_detail": "来源说明",
    "meeting_id": "议事会", "position": "序号", "responsible_id": "责任人", "responsible_name": "责任人",
    "due_date": "完成时限", "done_date": "落实日期", "roster": "值班类别", "day": "值班日期", "part": "班次",
    "note": "说明", "service_id": "网格服务",
    "helped_person_id": "帮扶对象", "province": "省", "city": "市", "county": "县", "township": "乡镇",
    "village": "村", "chair_name": "主席姓名", "chair_phone": "主席电话", "hours": "时长(小时)",
    "item": "兑换物品", "points": "积分", "satisfied": "满意", "fairly_satisfied": "基本满意",
    "dissatisfied": "不满意",
}  # fmt: skip
FIELDS_BY_TABLE = {
    ("grid_services", "role"): "服务类型",
    ("grids", "leader_id"): "网格长",
    ("grids", "name"): "名称",
    ("council_decisions", "content"): "决议内容",
}
# Columns that store a code: the chair reads its label (执委, not executive_member).
CODED_COLUMNS = {
    ("members", "role"): ROLES,
    ("members", "status"): MEMBER_STATUS,
    ("pledges", "standard_kind"): STANDARD_KINDS,
    ("case_parties", "side"): PARTY_SIDES,
    ("duty_shifts", "roster"): DUTY_ROSTERS,
}

# The column that names a record, first found wins; else a date, else its keys.
NAMING_COLUMNS = ("name", "number", "contact_name", "topic", "content", "village")
DATE_COLUMNS = ("date", "visit_date", "received_date")


def kind_name(kind: str) -> str:
    return KINDS.get(kind, kind)


def field_name(table: str, column: str) -> str:
    return FIELDS_BY_TABLE.get((table, column)) or FIELDS.get(column, column)


# Orders kept from 0 in the data file, counted from 1 where a chair reads them (a meeting's first decision is 序号 1).
COUNTED_FROM_ZERO = {("council_decisions", "position")}


def value_shown(table: str, column: str, value: Any) -> str:
    """A stored value as the chair reads it: a code by its label, the rest by ``shown``."""
    labels = CODED_COLUMNS.get((table, column))
    if labels is not None and isinstance(value, str):
        return labels.get(value, value)
    if (table, column) in COUNTED_FROM_ZERO and isinstance(value, int) and not isinstance(value, bool):
        return str(value + 1)
    return shown(value)


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_label(
    table: str,
    values: dict[str, Any],
    foreign: dict[str, str],
    names: dict[tuple[str, str], str] | None = None,
) -> str:
    """张秀兰, 2026-007, 2026-05-03 入户走访…: masked like the values. ``foreign``: column → referred table; a
    record with neither name nor date by the records it points at: their ``names`` (table, key) where known, else
    "成员#5" (named when read: ``references``)."""
    for column in NAMING_COLUMNS:
        value = values.get(column)
        if value:
            text = shown(masked(table, column, value))
            if "year" in values and column == "content":
                text = f"{values['year']}年 {text}"
            return _short(text)
    for column in DATE_COLUMNS:
        if values.get(column):
            extra = values.get("description") or values.get("role") or ""
            return _short(f"{shown(values[column])} {shown(masked(table, 'description', extra))}".strip())
    names = names or {}
    parts = [
        names.get((foreign[c], str(values[c]))) or f"{kind_name(foreign[c])}#{values[c]}"
        for c in foreign
        if values.get(c) is not None
    ]
    return " · ".join(parts)


def record_labels(
    table: str,
    columns: list[str],
    values: list[list[Any]],
    foreign: dict[str, str],
    names: dict[tuple[str, str], str] | None = None,
) -> list[str]:
    """``record_label`` of many records (``values[i]``: column ``columns[i]`` of every record): by the first
    naming column the table has, each distinct value once, ``record_label`` itself for a record without it."""
    first = next((c for c in NAMING_COLUMNS if c in columns), None)
    if first is None or (first == "content" and "year" in columns):
        return [
            record_label(table, dict(zip(columns, v, strict=True)), foreign, names)
            for v in zip(*values, strict=True)
        ]
    done: dict[Any, str] = {}
    labels = []
    for i, value in enumerate(values[columns.index(first)]):
        if not value:
            record = dict(zip(columns, (column[i] for column in values), strict=True))
            labels.append(record_label(table, record, foreign, names))
            continue
        label = done.get(value) if type(value) is str else None
        if label is None:
            label = _short(shown(masked(table, first, value)))
            if type(value) is str:
                done[value] = label
        labels.append(label)
    return labels


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
