"""Writing pledges and 践诺记录, and copying last year's pledges. Each call is one transaction (the caller's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..members.office import in_office
from ..members.query import member_choices
from ..models import Member, Pledge, PledgeProgress
from ..refusal import SaveRefused
from ..vocab import EXECUTIVE_ROLES, PLEDGE_CATEGORIES
from ..volunteer_points.rules import hours_error
from .status import MILESTONE, QUANTITY

BOARD_LINE_CHARS = 40  # a pledge longer than this no longer fits one line of a notice board


class PledgeError(SaveRefused):
    """A pledge or entry that cannot be saved; ``errors`` maps field name → Chinese message."""


@dataclass
class PledgeInput:
    member_id: int | None
    year: int
    content: str
    category: str = "其他"
    standard_kind: str = QUANTITY
    target: float | None = None
    unit: str = "次"
    standard_text: str = ""
    deadline: date | None = None  # default 31 December of the year
    posted_date: date | None = None
    notes: str = ""


@dataclass
class Checked:
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def check_pledge(data: PledgeInput) -> Checked:
    c = Checked()
    content = data.content.strip()
    if data.member_id is None:
        c.errors["member_id"] = "请选择承诺人。"
    if not content:
        c.errors["content"] = "请填写承诺内容（一句话）。"
    elif len(content) > 200:
        c.errors["content"] = "承诺内容不能超过 200 字。"
    elif len(content) > BOARD_LINE_CHARS:
        c.warnings["content"] = (
            f"承诺有 {len(content)} 字，超过 {BOARD_LINE_CHARS} 字，公示栏上一行放不下，建议精简。"
        )
    if data.category not in PLEDGE_CATEGORIES:
        c.errors["category"] = "请选择承诺类别。"
    if data.standard_kind == QUANTITY:
        if data.target is None or data.target <= 0:
            c.errors["target"] = "请填写大于 0 的目标数（如 走访 12 次）。"
        if not data.unit.strip():
            c.errors["unit"] = "请填写单位（如 次、户、人）。"
    elif data.standard_kind != MILESTONE:
        c.errors["standard_kind"] = "完成标准只能是“数量”或“事项”。"
    if not 2000 <= data.year <= 2100:
        c.errors["year"] = "年度不正确。"
    deadline = data.deadline or date(data.year, 12, 31)
    if "year" not in c.errors and deadline.year > data.year:
        c.warnings["deadline"] = f"完成时限不在 {data.year} 年内。"
    elif "year" not in c.errors and deadline < date(data.year, 1, 1):
        c.errors["deadline"] = f"完成时限不能早于 {data.year} 年 1 月 1 日。"
    if data.posted_date and data.posted_date > deadline:
        c.errors["posted_date"] = "公示日期不能晚于完成时限。"
    return c


def save_pledge(session: Session, data: PledgeInput, pledge_id: int | None = None) -> int:
    """Insert or update; raises PledgeError (nothing written) when the input is not valid."""
    checked = check_pledge(data)
    if checked.errors:
        raise PledgeError(checked.errors)
    if session.get(Member, data.member_id) is None:
        raise PledgeError({"member_id": "承诺人不存在。"})
    pledge = session.get(Pledge, pledge_id) if pledge_id else Pledge()
    if pledge is None:
        raise PledgeError.whole("该承诺已被删除。")
    pledge.member_id = data.member_id
    pledge.year = data.year
    pledge.content = data.content.strip()
    pledge.category = data.category
    pledge.standard_kind = data.standard_kind
    pledge.target = data.target if data.standard_kind == QUANTITY else None
    pledge.unit = data.unit.strip() if data.standard_kind == QUANTITY else ""
    pledge.standard_text = data.standard_text.strip()
    pledge.deadline = data.deadline or date(data.year, 12, 31)
    pledge.posted_date = data.posted_date
    pledge.notes = data.notes.strip()
    session.add(pledge)
    session.flush()
    return pledge.id


def delete_pledge(session: Session, pledge_id: int) -> None:
    session.execute(delete(PledgeProgress).where(PledgeProgress.pledge_id == pledge_id))
    session.execute(delete(Pledge).where(Pledge.id == pledge_id))


def _check_entry(
    pledge: Pledge | None,
    day: date,
    amount: float,
    description: str,
    people: int,
    today: date | None,
    hours: float | None = None,
) -> None:
    errors = {"hours": hours_error(hours)} if hours_error(hours) else {}
    if pledge is None:
        raise PledgeError.whole("该承诺已被删除。")
    if amount is None:
        errors["amount"] = "请填写完成数量。"
    elif amount < 0:
        errors["amount"] = "完成数量不能为负数。"
    elif not amount and not description.strip():
        what = (
            "请勾选“本次完成该事项”或填写所做的事。"
            if pledge.standard_kind == MILESTONE
            else "请填写完成数量或所做的事。"
        )
        errors["amount"] = what
    if people < 0:
        errors["people_reached"] = "服务人数不能为负数。"
    if day.year < pledge.year - 1 or day.year > pledge.year + 1:
        errors["date"] = f"日期应在 {pledge.year} 年前后。"
    elif today is not None and day > today:
        # An entry dated ahead would not count until that day: the chair would see nothing change.
        errors["date"] = f"践诺日期不能晚于今天（{today:%Y-%m-%d}）。"
    if errors:
        raise PledgeError(errors)


def add_entry(
    session: Session,
    pledge_id: int,
    day: date,
    amount: float,
    description: str = "",
    people_reached: int = 0,
    today: date | None = None,
    hours: float = 0.0,
) -> int:
    """Add a 践诺记录; with ``today`` given (the tab gives it), a date after today is refused. ``hours``: the
    volunteer hours it took her (巾帼志愿积分)."""
    _check_entry(session.get(Pledge, pledge_id), day, amount, description, people_reached, today, hours)
    entry = PledgeProgress(pledge_id=pledge_id, date=day)
    _fill_entry(entry, day, amount, description, people_reached, hours)
    session.add(entry)
    session.flush()
    return entry.id


def update_entry(
    session: Session,
    entry_id: int,
    day: date,
    amount: float,
    description: str = "",
    people_reached: int = 0,
    today: date | None = None,
    hours: float | None = None,
) -> None:
    """``hours`` None keeps the hours recorded."""
    entry = session.get(PledgeProgress, entry_id)
    if entry is None:
        raise PledgeError.whole("该践诺记录已被删除。")
    _check_entry(session.get(Pledge, entry.pledge_id), day, amount, description, people_reached, today, hours)
    _fill_entry(entry, day, amount, description, people_reached, hours)


def _fill_entry(
    entry: PledgeProgress, day: date, amount: float, description: str, people: int, hours: float | None
) -> None:
    if hours is not None:
        entry.hours = round(float(hours), 2)
    entry.date = day
    entry.amount = float(amount or 0)
    entry.description = description.strip()
    entry.people_reached = int(people or 0)


def delete_entry(session: Session, entry_id: int) -> None:
    session.execute(delete(PledgeProgress).where(PledgeProgress.id == entry_id))


def executive_choices(session: Session, include_left: bool = False) -> list[tuple[int, str]]:
    """(id, "姓名（职务）") of the executive committee for the pledge form; with ``include_left`` also those
    who have left office (editing an old pledge)."""
    return member_choices(session, EXECUTIVE_ROLES, active_only=not include_left)


def copy_from_last_year(session: Session, year: int, on: date, posted_date: date | None = None) -> int:
    """Drafts for ``year`` from ``year - 1``'s pledges of members still in office on ``on``.

    Skips a pledge already copied (same member and sentence). Progress is not copied; the deadline moves
    to the same day of ``year`` (29 February becomes 28 February). Returns the number created.
    """
    still_in = select(Member.id).where(in_office(on))
    previous = session.scalars(
        select(Pledge).where(Pledge.year == year - 1, Pledge.member_id.in_(still_in)).order_by(Pledge.id)
    ).all()
    existing = set(session.execute(select(Pledge.member_id, Pledge.content).where(Pledge.year == year)).all())
    made = 0
    for old in previous:
        if (old.member_id, old.content) in existing:
            continue
        deadline = _shift_year(old.deadline, year - old.year)
        session.add(
            Pledge(
                member_id=old.member_id, year=year, content=old.content, category=old.category,
                standard_kind=old.standard_kind, standard_text=old.standard_text, target=old.target,
                unit=old.unit, deadline=deadline, posted_date=posted_date, notes="由上一年承诺复制，请核对修改。",
            )
        )  # fmt: skip
        made += 1
    session.flush()
    return made


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return date(day.year + years, 2, 28)
