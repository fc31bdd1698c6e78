"""导入花名册: members from the chair's old spreadsheet, checked row by row before anything is written.

Reading, header finding and column guessing are generic (``tabular``); this module knows the roster:
which headers mean what, how each row is validated, duplicates in the file, and matching people already in
the database by ID number (or name and birth date) so that importing again updates instead of adding twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Member
from ..progress import Progress, no_progress
from ..tabular import DateError, Field, Preview, PreviewRow, Table, load_table, parse_date
from ..validation import check_id_number
from ..vocab import ROLES
from .service import MemberData, get_member, save_member, validate_member

ROSTER_FIELDS = [
    Field("seq", "序号", ("编号", "序")),
    Field("name", "姓名", ("名字", "成员姓名", "执委姓名"), required=True),
    Field("gender", "性别"),
    Field("birth_date", "出生年月", ("出生日期", "出生年月日", "生日", "出生时间")),
    Field("ethnicity", "民族"),
    Field("education", "文化程度", ("学历", "文化", "最高学历")),
    Field("political_status", "政治面貌", ("政治身份", "党派")),
    Field("role", "职务", ("职位", "妇联职务", "担任职务", "现任职务")),
    Field("post", "岗位", ("分工", "岗位职责", "联系岗位")),
    Field("specialty", "专长", ("特长", "技能")),
    Field("group_name", "所在组", ("村民小组", "组别", "小组", "楼栋", "所在组/楼栋", "所在村组", "住址")),
    Field("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证", "证件号码", "身份号码")),
    Field("phone", "联系电话", ("手机号码", "手机", "电话", "电话号码", "联系方式", "手机号")),
    Field("term_start", "任职时间", ("任职日期", "任职起始时间", "任职开始", "任职年月")),
    Field("in_village_committee", "是否进村两委", ("是否两委", "进村两委", "两委", "是否进两委")),
    Field("notes", "备注", ("说明",)),
]
FIELD_LABELS = {f.name: f.label for f in ROSTER_FIELDS}
# Words chairs write in the 职务 column, most specific first.
ROLE_WORDS = [
    ("兼职副主席", "part_time_vice_chair"),
    ("专职副主席", "vice_chair"),
    ("副主席", "vice_chair"),
    ("主席", "chair"),
    ("议事", "council_member"),
    ("志愿", "volunteer"),
    ("执委", "executive_member"),
    ("执行委员", "executive_member"),
    ("委员", "executive_member"),
]
YES_WORDS = ("是", "√", "✓", "Y", "YES", "1", "进")
COMPARED = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "id_number",
    "phone",
    "education",
    "political_status",
    "role",
    "post",
    "specialty",
    "group_name",
    "term_start",
    "in_village_committee",
    "notes",
)


def load_roster(path: Path | str, progress: Progress = no_progress) -> Table:
    progress(0, 0, "正在读取表格……")
    return load_table(path, ROSTER_FIELDS)


def parse_role(text: str) -> tuple[str, str]:
    """(role code, warning) from what a spreadsheet says."""
    compact = text.replace(" ", "")
    if not compact:
        return "executive_member", ""
    for word, code in ROLE_WORDS:
        if word in compact:
            return code, ""
    return "executive_member", f"职务“{text}”无法识别，按执委导入，请导入后核对"


def _data_from_record(record, table: Table) -> tuple[MemberData, list[str], list[str], bool]:
    """The member a row describes, the row's own errors and warnings, and whether the birth was month-only."""
    errors: list[str] = []
    warnings: list[str] = []
    data = MemberData(name=record.text("name"), ethnicity=record.text("ethnicity") or "汉族")
    for name in ("education", "political_status", "post", "specialty", "group_name", "notes"):
        setattr(data, name, record.text(name))
    raw_id = record.raw.get("id_number")
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        errors.append(
            f"身份证号被表格存成了数字（显示为{raw_id:.5E}），末几位已丢失，无法还原；"
            "请把该列设为“文本”格式后重新录入"
        )
    else:
        data.id_number = record.text("id_number")
    data.phone = record.text("phone")
    gender = record.text("gender")
    if gender and gender not in ("女", "男"):
        errors.append(f"性别“{gender}”应为女或男")
    data.gender = gender if gender in ("女", "男") else ""
    month_only = False
    for name in ("birth_date", "term_start"):
        try:
            parsed = parse_date(record.raw.get(name))
        except DateError as exc:
            errors.append(f"{FIELD_LABELS[name]}：{exc}")
            continue
        if parsed:
            setattr(data, name, parsed.value)
            if parsed.warning:
                warnings.append(f"{FIELD_LABELS[name]}：{parsed.warning}")
            if name == "birth_date":
                month_only = parsed.month_only
    data.role, role_warning = parse_role(record.text("role"))
    if role_warning:
        warnings.append(role_warning)
    data.in_village_committee = record.text("in_village_committee").upper() in YES_WORDS
    return data, errors, warnings, month_only


def _find_existing(session: Session, data: MemberData) -> Member | None:
    if data.id_number:
        found = session.scalar(select(Member).where(Member.id_number == data.id_number))
        if found:
            return found
    if data.name and data.birth_date:
        same = list(
            session.scalars(
                select(Member).where(Member.name == data.name, Member.birth_date == data.birth_date).limit(2)
            )
        )
        # Only one candidate, and no ID number that says she is someone else.
        if len(same) == 1 and (not same[0].id_number or not data.id_number):
            return same[0]
    return None


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return ROLES.get(value, str(value))


def _merge(old: MemberData, new: MemberData, mapping: dict) -> tuple[MemberData, list[str]]:
    """An update keeps what the file leaves empty; returns the merged member and what would change."""
    merged = replace(old, guided_ids=None, contacts=None)
    changes = []
    for name in COMPARED:
        value = getattr(new, name)
        if mapping.get(name) is None or value in ("", None) or (name == "in_village_committee" and not value):
            continue
        if value != getattr(old, name):
            changes.append(
                f"{FIELD_LABELS.get(name, name)}：{_show(getattr(old, name)) or '空'} → {_show(value)}"
            )
            setattr(merged, name, value)
    return merged, changes


def plan_roster_import(
    session: Session, table: Table, today: date | None = None, progress: Progress = no_progress
) -> Preview:
    """Check every row; nothing is written. Each row becomes new / update / same / refused / duplicate."""
    today = today or date.today()
    records = list(table.records())
    rows: list[PreviewRow] = []
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple[str, date], int] = {}
    for i, record in enumerate(records):
        if i % 50 == 0:
            progress(i, len(records), f"正在检查第 {i + 1} / {len(records)} 行……")
        data, errors, warnings, month_only = _data_from_record(record, table)
        shown = {f.name: record.text(f.name) for f in ROSTER_FIELDS}
        row = PreviewRow(record.row_number, "new", shown, errors, warnings)
        rows.append(row)
        existing = _find_existing(
            session, replace(data, id_number=check_id_number(data.id_number, today).value)
        )
        if existing is not None:
            data.id = existing.id
        check = validate_member(session, data, today, birth_month_only=month_only)
        for name, message in check.errors.items():
            label = FIELD_LABELS.get(name, name)
            row.problems.append(message if message.startswith(label[:2]) else f"{label}：{message}")
        row.warnings += [w for texts in check.warnings.values() for w in texts]
        clean = check.clean
        if row.problems:
            row.kind = "refused"
            continue
        shown["id_number"], shown["phone"] = clean.id_number, clean.phone
        shown["birth_date"] = clean.birth_date.isoformat() if clean.birth_date else ""
        key_person = (clean.name, clean.birth_date) if clean.birth_date else None
        earlier = seen_ids.get(clean.id_number) if clean.id_number else None
        reason = "身份证号相同"
        if earlier is None and not clean.id_number and key_person:
            earlier, reason = seen_people.get(key_person), "姓名和出生日期相同"
        if earlier is not None:
            row.kind = "duplicate"
            row.problems.append(f"与第{earlier}行{reason}，是同一人，不重复导入")
            continue
        if clean.id_number:
            seen_ids[clean.id_number] = record.row_number
        if key_person:
            seen_people.setdefault(key_person, record.row_number)
        if existing is not None:
            old = get_member(session, existing.id)
            merged, row.changes = _merge(old, clean, table.mapping)
            row.kind = "update" if row.changes else "same"
            row.existing_id = existing.id
            row.payload = merged
        else:
            clean.id = None
            row.payload = clean
    progress(len(records), len(records), "检查完毕")
    return Preview(rows)


@dataclass
class ImportResult:
    added: int
    updated: int


def apply_roster_import(
    session: Session, preview: Preview, today: date | None = None, progress: Progress = no_progress
) -> ImportResult:
    """Write the new and changed people. The caller's session is one transaction: any error, or 取消,
    leaves the database as it was."""
    todo = [r for r in preview.rows if r.writes]
    added = updated = 0
    for i, row in enumerate(todo):
        if i % 20 == 0:
            progress(i, len(todo), f"正在写入第 {i + 1} / {len(todo)} 人……")
        save_member(session, row.payload, today)
        if row.kind == "new":
            added += 1
        else:
            updated += 1
    progress(len(todo), len(todo), "写入完毕")
    return ImportResult(added, updated)
