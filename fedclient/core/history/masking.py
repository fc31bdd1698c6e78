"""The one list of values the history keeps masked, and how each is masked.

By column name everywhere (``id_number``, any phone), so tables added later are covered when they use the
same names; by table and column for the rest. The history keeps enough to tell that something changed and
roughly what (张某某, 138****8000, a text's length), never the value itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

# Compound surnames: 欧阳秀兰 is masked 欧阳某某, not 欧某某.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "独孤", "南宫", "西门", "轩辕", "澹台", "呼延", "万俟", "闻人", "申屠",
)  # fmt: skip


def mask_name(name: str) -> str:
    """张三 → 张某某 (the surname stays, the given name is hidden), for reports sent upward."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return f"{surname}某某"


def mask_id(id_number: str | None) -> str:
    """4307**********1234: enough to tell people apart, not enough to misuse."""
    if not id_number:
        return ""
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str | None) -> str:
    """13800138000 → 138****8000."""
    phone = (phone or "").strip()
    if len(phone) <= 4:
        return "*" * len(phone)
    return phone[:3] + "*" * max(len(phone) - 7, 1) + phone[-4:]


def hide_text(text: str | None) -> str:
    """Details of a family conflict: only that there was text, and how long."""
    text = (text or "").strip()
    return f"（{len(text)}字，内容不记入修改记录）" if text else ""


def hide_address(address: str | None) -> str:
    return "（地址，不记入修改记录）" if (address or "").strip() else ""


# Columns masked in every table.
BY_COLUMN: dict[str, Callable[[Any], str]] = {
    "id_number": mask_id,
    "phone": mask_phone,
}
# Columns masked in one table: party names, the people members keep in touch with, DV details.
BY_TABLE: dict[tuple[str, str], Callable[[Any], str]] = {
    ("case_parties", "name"): mask_name,
    ("case_parties", "address"): hide_address,
    ("member_contacts", "name"): mask_name,
    ("member_contacts", "notes"): hide_text,
    ("mediation_cases", "description"): hide_text,
    ("mediation_cases", "facts"): hide_text,
    ("mediation_cases", "agreement_terms"): hide_text,
    ("mediation_cases", "performance_method"): hide_text,
    ("mediation_cases", "notes"): hide_text,
    ("case_followups", "relapse_signs"): hide_text,
    ("case_followups", "notes"): hide_text,
    ("helped_people", "situation"): hide_text,
    ("helped_people", "needs"): hide_text,
    ("helped_people", "notes"): hide_text,
}


# The names of the records a column points at, masked where they would tell what the column's own values may
# not: a party's household is named by its head, often the party herself.
REFERENCES_MASKED: dict[tuple[str, str], Callable[[Any], str]] = {
    ("case_parties", "household_id"): mask_name,
}


def masked_reference(table: str, column: str, name: str | None) -> str | None:
    """The name of the record ``table.column`` points at, as the history keeps and shows it."""
    fn = REFERENCES_MASKED.get((table, column))
    return fn(name) if fn is not None and name else name


@cache  # asked for every value of every recorded row: a 50,000-row import asks a million times
def masker(table: str, column: str) -> Callable[[Any], str] | None:
    found = BY_TABLE.get((table, column)) or BY_COLUMN.get(column)
    if found is None and column.endswith("_phone"):
        return mask_phone
    return found


def is_masked(table: str, column: str) -> bool:
    return masker(table, column) is not None


def masked(table: str, column: str, value: Any) -> Any:
    """The value as the history stores it."""
    fn = masker(table, column)
    if fn is None or not isinstance(value, str):  # public_phone is a yes/no, not a phone
        return value
    return fn(value)


_ID_LENGTH, _MOBILE_LENGTH = 18, 11


def masked_column(mask: Callable[[str], str], texts: Sequence[str]) -> list[str]:
    """``[mask(t) for t in texts]`` for a column of texts; a column of 18-character ID numbers or of 11-digit
    phones masked in C (slices and one format per value, no Python call per value: an import masks 50,000)."""
    lengths = set(map(len, texts))
    if mask is mask_id and lengths == {_ID_LENGTH}:
        stars = "*" * (_ID_LENGTH - 8)
        return list(map(f"%s{stars}%s".__mod__, zip(map(_FIRST_4, texts), map(_LAST_4, texts), strict=True)))
    if mask is mask_phone and lengths == {_MOBILE_LENGTH} and "".join(texts).isdigit():  # nothing to strip
        stars = "*" * (_MOBILE_LENGTH - 7)
        return list(map(f"%s{stars}%s".__mod__, zip(map(_FIRST_3, texts), map(_LAST_4, texts), strict=True)))
    return list(map(mask, texts))


_FIRST_3, _FIRST_4, _LAST_4 = itemgetter(slice(3)), itemgetter(slice(4)), itemgetter(slice(-4, None))
