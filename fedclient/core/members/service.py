"""Adding, changing and removing members: validation with Chinese messages per field, one transaction each."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import (
    Assessment,
    CaseMediator,
    FollowUp,
    Grid,
    GridServiceMember,
    GridVolunteer,
    HelpedPersonHelper,
    Member,
    MemberContact,
    MemberGuidance,
    Pledge,
)
from ..pinyin import initials_index
from ..refusal import SaveRefused
from ..validation import (
    check_birth_date,
    check_id_number,
    check_name,
    check_phone,
    id_birth_date,
    id_facts_disagree,
    id_gender,
)
from ..vocab import LEADER_ROLES, MEMBER_STATUS, ROLES

CONTACTS_MIN = 5


@dataclass(slots=True)  # slots: an import of 50,000 rows holds one per row
class MemberData:
    """One member as the dialog and the importer see her (plain values, no session)."""

    id: int | None = None
    name: str = ""
    gender: str = "女"
    birth_date: date | None = None
    ethnicity: str = "汉族"
    id_number: str = ""
    phone: str = ""
    education: str = ""
    political_status: str = ""
    role: str = "executive_member"
    post: str = ""
    specialty: str = ""
    group_name: str = ""
    term_label: str = ""
    term_start: date | None = None
    term_end: date | None = None
    in_village_committee: bool = False
    status: str = "active"
    left_date: date | None = None
    left_reason: str = ""
    public_phone: bool = False
    notes: str = ""
    # None leaves the stored relations untouched (the importer); a list replaces them (the dialog).
    guided_ids: list[int] | None = None
    contacts: list[tuple[str, str, str]] | None = None  # (name, phone, notes)


COLUMNS = [f.name for f in fields(MemberData) if f.name not in ("id", "guided_ids", "contacts")]
_FIELDS = tuple(f.name for f in fields(MemberData))


_ALL_VALUES = attrgetter(*_FIELDS)


def _copy(data: MemberData) -> MemberData:
    """``dataclasses.replace(data)`` without its checks: an import copies one per row."""
    return MemberData(*_ALL_VALUES(data))


@dataclass
class MemberCheck:
    clean: MemberData
    errors: dict[str, str] = field(default_factory=dict)  # field name -> Chinese message
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def warn(self, name: str, text: str) -> None:
        self.warnings.setdefault(name, []).append(text)


class MemberInvalid(SaveRefused):
    """A member who cannot be saved as typed (field names as in ``MemberData``)."""


def validate_member(
    session: Session, data: MemberData, today: date | None = None, birth_month_only: bool = False
) -> MemberCheck:
    """Normalise and check; ``birth_month_only`` when the source gave only year and month (1975.03)."""
    result = check_member(data, today, birth_month_only)
    clean = result.clean
    if clean.id_number and "id_number" not in result.errors:
        other = session.scalar(
            select(Member.name).where(Member.id_number == clean.id_number, Member.id != (data.id or 0))
        )
        if other:
            result.errors["id_number"] = f"身份证号与已有成员「{other}」相同，同一人不能登记两次"
    if clean.name and clean.birth_date and "name" not in result.errors:
        same = session.scalar(
            select(func.count(Member.id)).where(
                Member.name == clean.name, Member.birth_date == clean.birth_date, Member.id != (data.id or 0)
            )
        )
        if same:
            result.warn("name", SAME_PERSON_WARNING)
    return result


SAME_PERSON_WARNING = "已有同名且出生日期相同的成员，请确认不是同一人"


def check_member(data: MemberData, today: date | None = None, birth_month_only: bool = False) -> MemberCheck:
    """The checks that need no database (the importer runs them for thousands of rows)."""
    today = today or date.today()
    clean = _copy(data)
    clean.ethnicity, clean.post, clean.specialty = (
        (data.ethnicity or "").strip(),
        (data.post or "").strip(),
        (data.specialty or "").strip(),
    )
    result = MemberCheck(clean)
    for name, check in (("name", check_name(data.name)), ("phone", check_phone(data.phone))):
        setattr(clean, name, check.value)
        if check.errors:
            result.errors[name] = check.errors[0]
        for text in check.warnings:
            result.warn(name, text)

    id_check = check_id_number(data.id_number or "", today)
    clean.id_number = id_check.value
    if id_check.errors:
        result.errors["id_number"] = id_check.errors[0]
    for text in id_check.warnings:
        result.warn("id_number", text)
    if clean.id_number and id_check.ok:
        for text in id_facts_disagree(clean.id_number, clean.birth_date, clean.gender, birth_month_only):
            result.warn("birth_date" if "出生" in text else "gender", text)
        if clean.birth_date is None or birth_month_only:
            clean.birth_date = id_birth_date(clean.id_number)
        if not clean.gender:
            clean.gender = id_gender(clean.id_number)

    clean.gender = clean.gender or "女"
    birth = check_birth_date(clean.birth_date, today)
    if birth.errors:
        result.errors.setdefault("birth_date", birth.errors[0])
    for text in birth.warnings:
        result.warn("birth_date", text)
    if clean.gender not in ("女", "男"):
        result.errors["gender"] = "请选择性别"
    if clean.role not in ROLES:
        result.errors["role"] = "请选择职务"
    if clean.term_start and clean.term_end and clean.term_end < clean.term_start:
        result.errors["term_end"] = "任期结束不能早于开始"
    if clean.status not in MEMBER_STATUS:
        result.errors["status"] = "请选择状态"
    elif clean.status == "left":
        if clean.left_date is None:
            result.errors["left_date"] = "离任的成员请填写离任日期"
        elif clean.left_date > today:
            result.errors["left_date"] = "离任日期不能晚于今天"
    else:
        clean.left_date, clean.left_reason = None, ""
    return result


def save_member(session: Session, data: MemberData, today: date | None = None) -> int:
    """Insert or update one member (with her guidance links and contacts); returns her id."""
    check = validate_member(session, data, today)
    if not check.ok:
        raise MemberInvalid(check.errors, [t for texts in check.warnings.values() for t in texts])
    clean = check.clean
    member = session.get(Member, clean.id) if clean.id else None
    if member is None:
        member = Member()
        session.add(member)
    for name in COLUMNS:
        setattr(member, name, getattr(clean, name))
    member.id_number = clean.id_number or None
    member.name_initials = initials_index(clean.name)
    session.flush()
    if clean.guided_ids is not None:
        session.execute(delete(MemberGuidance).where(MemberGuidance.leader_id == member.id))
        if clean.role in LEADER_ROLES:
            for other in dict.fromkeys(clean.guided_ids):
                if other != member.id:
                    session.add(MemberGuidance(leader_id=member.id, member_id=other))
    if clean.contacts is not None:
        session.execute(delete(MemberContact).where(MemberContact.member_id == member.id))
        for name, phone, notes in clean.contacts:
            if name.strip():
                phone_value = check_phone(phone).value
                session.add(
                    MemberContact(member_id=member.id, name=name.strip(), phone=phone_value, notes=notes)
                )
    session.flush()
    return member.id


def get_member(session: Session, member_id: int) -> MemberData | None:
    member = session.get(Member, member_id)
    if member is None:
        return None
    data = MemberData(id=member.id, **{name: getattr(member, name) for name in COLUMNS})
    data.id_number = member.id_number or ""
    data.guided_ids = list(
        session.scalars(select(MemberGuidance.member_id).where(MemberGuidance.leader_id == member_id))
    )
    contacts = session.scalars(
        select(MemberContact).where(MemberContact.member_id == member_id).order_by(MemberContact.id)
    )
    data.contacts = [(c.name, c.phone, c.notes) for c in contacts]
    return data


# Where a member may be referred to elsewhere: (what it is in Chinese, measure word, model, column).
REFERENCES = [
    ("承诺", "条", Pledge, Pledge.member_id),
    ("履职考核", "条", Assessment, Assessment.member_id),
    ("调解案件", "件", CaseMediator, CaseMediator.member_id),
    ("回访记录", "条", FollowUp, FollowUp.visitor_id),
    ("负责网格", "个", Grid, Grid.leader_id),
    ("协助网格", "个", GridVolunteer, GridVolunteer.member_id),
    ("网格服务", "次", GridServiceMember, GridServiceMember.member_id),
    ("帮扶对象", "人", HelpedPersonHelper, HelpedPersonHelper.member_id),
]


def member_references(session: Session, member_id: int) -> list[str]:
    """What else refers to this member, in Chinese ("承诺 2 条"); empty when she can be deleted."""
    found = []
    for label, unit, _model, column in REFERENCES:
        n = session.scalar(select(func.count()).where(column == member_id)) or 0
        if n:
            found.append(f"{label} {n} {unit}")
    return found


@dataclass
class RemoveOutcome:
    deleted: bool  # False: she has records elsewhere and was set 离任 instead
    references: list[str]


def remove_member(session: Session, member_id: int, today: date | None = None) -> RemoveOutcome:
    """Delete a member, or — when pledges, cases, grids, services or helped people refer to her — keep
    her records and set her 离任 (today) instead."""
    member = session.get(Member, member_id)
    if member is None:
        return RemoveOutcome(True, [])
    refs = member_references(session, member_id)
    if refs:
        if member.status != "left":
            member.status = "left"
            member.left_date = today or date.today()
            member.left_reason = member.left_reason or "从名册移除（有其他记录，保留为离任）"
        return RemoveOutcome(False, refs)
    session.delete(member)
    session.flush()
    return RemoveOutcome(True, [])


def relation_warnings(session: Session, member_id: int) -> list[str]:
    """Gentle reminders from the seeds about whom she guides or keeps in touch with (never blocking)."""
    member = session.get(Member, member_id)
    if member is None or member.status != "active":
        return []
    warnings = []
    if member.role in LEADER_ROLES:
        n = session.scalar(select(func.count()).where(MemberGuidance.leader_id == member_id)) or 0
        if not 2 <= n <= 4:
            warnings.append(f"联系指导执委{n}名，一般为2-4名")
    if member.role == "executive_member":
        n = session.scalar(select(func.count()).where(MemberContact.member_id == member_id)) or 0
        if n < CONTACTS_MIN:
            warnings.append(f"联系妇女儿童{n}名，一般至少{CONTACTS_MIN}名")
    return warnings
