"""How a member is named in the choice lists (承诺人, 帮扶人, 调解员, 回访人, 责任人, 值班, 网格长, 服务人, 联系指导的执委):
her name, and only when other members bear the same name, what tells them apart, in the same words everywhere:
王秀英（三组）, 王秀英（1978年生）, 王秀英（2021年起任）, all of these when none alone does, and failing everything
王秀英（同名2）, numbered in the order they were entered. Never her ID number or phone (the lists are seen over her shoulder)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Member


def namesakes_apart(session: Session) -> dict[int, str]:
    """For every member whose name another member (in office or not) bears too: the words that tell her apart."""
    shared = select(Member.name).group_by(Member.name).having(func.count() > 1)
    rows = session.execute(
        select(Member.id, Member.name, Member.group_name, Member.birth_date, Member.term_start)
        .where(Member.name.in_(shared))
        .order_by(Member.id)
    )
    by_name: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for member_id, name, group, born, term in rows:
        by_name[name].append((member_id, ((group or "").strip(), _year(born, "年生"), _year(term, "年起任"))))
    apart: dict[int, str] = {}
    for namesakes in by_name.values():
        apart.update(_apart(namesakes))
    return apart


def choice_label(name: str, apart: str = "", *more: str) -> str:
    """姓名（what tells her apart，more…）, the brackets only when there is something in them."""
    inside = "，".join(part for part in (apart, *more) if part)
    return f"{name}（{inside}）" if inside else name


def _year(day: date | None, words: str) -> str:
    return f"{day.year}{words}" if day else ""


def _apart(namesakes: list[tuple[int, tuple[str, ...]]]) -> dict[int, str]:
    """(id, (group, birth year, first year in office)) of the members of one name, in the order entered → the
    words for each: the first of them no namesake shares, else all she has if together they are hers alone,
    else her place among them in the order entered."""
    combined = ["，".join(filter(None, values)) for _id, values in namesakes]
    words: dict[int, str] = {}
    for place, ((member_id, values), together) in enumerate(zip(namesakes, combined, strict=True), start=1):
        own = [
            v for i, v in enumerate(values) if v and sum(1 for _m, other in namesakes if other[i] == v) == 1
        ]
        if own:
            words[member_id] = own[0]
        elif together and combined.count(together) == 1:
            words[member_id] = together
        else:  # nothing recorded tells her from another: her place among the namesakes, in the order entered
            words[member_id] = f"同名{place}"
    return words
