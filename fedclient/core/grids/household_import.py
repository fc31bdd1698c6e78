"""Importing households from a spreadsheet with the shared machinery (fedclient.core.tabular): header
detection, column mapping, a preview of every row, then one transaction.

A row is the same household as one already stored when the contact name and the address are both equal; then
its other columns update that household. Unknown grids and tags are warnings, not refusals: the household is
imported in no grid / tagged 其他, and the chair can fix it in the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..bulk_load import gc_paused, indexes_set_aside
from ..history.source import set_source
from ..models import Household
from ..progress import Progress, no_progress
from ..synonyms import synonyms_of
from ..tabular import (
    Field,
    Preview,
    PreviewRow,
    Table,
    load_table,
    person_name,
    remark_warning,
    row_values,
    skipped_row,
)
from ..tabular.groups import address_in_group
from ..tabular.phones import OTHER_PHONE, given_in_file, noted_phone, pick_phone
from ..vocab import HOUSEHOLD_TAGS
from .assignments import list_grids
from .households import HouseholdData, add_households, get_household, save_household, validate_household

HOUSEHOLD_FIELDS = [
    Field(
        "contact_name",
        "户主/联系人",
        ("户主姓名", *synonyms_of("户主姓名"), "姓名", "联系人", "联系妇女", "户主或联系人"),
        required=True,
        person=True,
    ),
    Field("address", "住址", (*synonyms_of("住址"), "楼栋")),
    # 所在组 (a column, or group heading rows: 一组 above its households) goes into the address (一组12号)
    Field("group_name", "所在组", ("村民小组", "组别", "小组", "所在村组", "所在村民小组", "组"), group=True),
    Field("size", "人数", synonyms_of("人数")),
    Field("tags", "标签", ("类别", *synonyms_of("标签"))),
    Field("phone", "联系电话", synonyms_of("联系电话")),
    OTHER_PHONE,
    Field("grid", "所属网格", ("网格", *synonyms_of("网格"))),
    Field("notes", "备注", synonyms_of("备注")),
]
FIELD_LABELS = {f.name: f.label for f in HOUSEHOLD_FIELDS}
TAG_WORDS = {
    "留守": "留守",
    "困境": "困境",
    "困难": "困境",
    "低保": "困境",
    "独居": "独居老人",
    "残疾": "残疾",
}


def load_households(path: Path | str, progress: Progress = no_progress, sheet: str | None = None) -> Table:
    return load_table(path, HOUSEHOLD_FIELDS, sheet=sheet, progress=progress)


def parse_tags(text: str) -> tuple[list[str], list[str]]:
    tags, warnings = [], []
    for word in (w for w in re.split(r"[、,，;；/\s]+", text or "") if w):
        tag = word if word in HOUSEHOLD_TAGS else next((t for k, t in TAG_WORDS.items() if k in word), None)
        if tag is None:
            tag = "其他"
            warnings.append(f"标签“{word}”不在可选范围，记为“其他”")
        if tag not in tags:
            tags.append(tag)
    return tags, warnings


_CHINESE_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_size(text: str) -> int | None:
    """4, 4人, 4口人; 五口, 十二人, 两口 (a count written in Chinese)."""
    match = re.search(r"\d+", text or "")
    if match:
        return int(match.group())
    words = re.search(r"[一二两三四五六七八九十]+", text or "")
    match = (
        re.fullmatch(r"([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)", words.group())
        if words
        else None
    )
    if not match:
        return None
    tens, ten, ones = match.groups()
    if not ten:
        return _CHINESE_DIGITS[tens]
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)


def _grid_lookup(session: Session):
    grids = list_grids(session)

    def find(text: str) -> int | None:
        text = (text or "").strip()
        number = re.fullmatch(r"第?(\d+)号?(网格)?", text)
        for grid in grids:
            if number and grid.number == int(number.group(1)):
                return grid.id
            if text and text in (grid.name, grid.label):
                return grid.id
        return None

    return find


@dataclass
class ImportResult:
    added: int
    updated: int


def plan_household_import(session: Session, table: Table, progress: Progress = no_progress) -> Preview:
    """Check every row; nothing is written."""
    records = list(table.records())
    find_grid = _grid_lookup(session)
    existing = {
        (name, address): hid
        for hid, name, address in session.execute(
            select(Household.id, Household.contact_name, Household.address)
        )
    }
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for i, record in enumerate(records):
        if i % 100 == 0:
            progress(i, len(records), f"正在检查第 {i + 1} / {len(records)} 行……")
        if record.skip:
            rows.append(skipped_row(record, HOUSEHOLD_FIELDS))
            continue
        shown = row_values(record, HOUSEHOLD_FIELDS)
        typed_name, shown["contact_name"] = shown["contact_name"], person_name(shown["contact_name"])
        typed_address = shown["address"].strip()
        shown["address"], in_group = address_in_group(
            typed_address, shown["group_name"], FIELD_LABELS["group_name"]
        )
        row = PreviewRow(record.row_number, "new", shown)
        rows.append(row)
        tags, row.warnings = parse_tags(shown["tags"])
        if in_group:  # the address names another group than the row's
            row.warnings.append(in_group)
        if remark := remark_warning(typed_name):  # 王秀英（户主）: imported as 王秀英
            row.warnings.append(remark)
        if record.notes:  # a merged cell across two columns read (``tabular.merged``)
            row.warnings.append(record.notes)
        phone, notes, more = pick_phone(shown["phone"], shown["other_phone"], shown["notes"])
        row.warnings += more
        size = parse_size(shown["size"]) if shown["size"] else 1
        grid_id = find_grid(shown["grid"]) if shown["grid"] else None
        if shown["grid"] and grid_id is None:
            row.warnings.append(f"没有网格“{shown['grid']}”，导入为未划入网格")
        data = HouseholdData(
            contact_name=shown["contact_name"],
            address=shown["address"],
            size=size if size is not None else 0,
            tags=tags,
            phone=phone,
            notes=notes,
            grid_id=grid_id,
        )
        clean, errors, warnings = validate_household(data)
        row.warnings += warnings
        if "phone" not in errors:  # the numbers as they will be stored (138 0013 8000 -> 13800138000)
            shown["phone"], shown["other_phone"] = clean.phone, noted_phone(shown["other_phone"])
        if size is None:
            errors["size"] = f"人数“{shown['size']}”不是数字"
        if errors:
            row.kind = "refused"
            row.problems = [f"{FIELD_LABELS.get(k, k)}：{v}" for k, v in errors.items()]
            continue
        key = (clean.contact_name, clean.address)
        if key in seen:
            row.kind = "duplicate"
            row.problems.append(f"与第{seen[key]}行户主和住址相同，不重复导入")
            continue
        seen[key] = record.row_number
        stored = existing.get(key)
        if stored is None and clean.address != typed_address:
            # Imported before under its address alone (its group was not read then): that household, once.
            stored = existing.pop((clean.contact_name, typed_address), None)
        if stored is not None:
            old = get_household(session, stored)
            in_file = given_in_file(table.read_mapping, old, clean, shown["notes"], row.warnings)
            merged, row.changes = _merge(old, clean, in_file)
            row.kind = "update" if row.changes else "same"
            row.warnings = row.warnings if row.changes else []  # unchanged: said when it was imported
            row.existing_id = old.id
            row.payload = merged
        else:
            row.payload = clean
    progress(len(records), len(records), "检查完毕")
    notes = [note] if (note := table.groups_note()) else []
    return Preview(rows, table.path.name, notes, table.read_mapping)


def _merge(old: HouseholdData, new: HouseholdData, in_file: set[str]) -> tuple[HouseholdData, list[str]]:
    """Columns present in the file (``in_file``) replace the stored values; columns not mapped keep them, and
    so does an empty 联系电话 or 备注 cell (a landline kept out of her mobile leaves the phone empty)."""
    merged, changes = replace(old), []
    if new.address != old.address:  # its group added in front (``address_in_group``)
        merged.address = new.address
        changes.append(f"{FIELD_LABELS['address']}：{old.address or '（空）'} → {new.address}")
    for name, attr in (
        ("size", "size"),
        ("tags", "tags"),
        ("phone", "phone"),
        ("notes", "notes"),
        ("grid", "grid_id"),
    ):
        if name not in in_file:
            continue
        before, after = getattr(old, attr), getattr(new, attr)
        if name in ("notes", "phone") and not after:  # a cell left empty keeps what is stored
            continue
        if before != after:
            setattr(merged, attr, after)
            label = FIELD_LABELS[name]
            if name == "grid":
                changes.append(f"{label}：已改")
            else:
                shown = "、".join(after) if isinstance(after, list) else after
                was = "、".join(before) if isinstance(before, list) else before
                changes.append(f"{label}：{was or '（空）'} → {shown or '（空）'}")
    return merged, changes


WRITE_CHUNK = 1000  # households inserted (and their history written) between two progress reports


def apply_household_import(
    session: Session, preview: Preview, progress: Progress = no_progress
) -> ImportResult:
    """Write the new and changed households in the caller's one transaction (any error or 取消 rolls back)."""
    set_source(session, "import", preview.source)
    new = [r.payload for r in preview.rows if r.kind == "new"]
    updates = [r.payload for r in preview.rows if r.kind == "update"]
    total = len(new) + len(updates)
    with gc_paused(), indexes_set_aside(session, Household.__table__, len(new), progress, "住户名单"):
        for start in range(0, len(new), WRITE_CHUNK):
            progress(start, total, f"正在写入第 {start + 1} / {total} 户……")
            add_households(session, new[start : start + WRITE_CHUNK])
    for i, data in enumerate(updates):
        if i % 50 == 0:
            progress(len(new) + i, total, f"正在写入第 {len(new) + i + 1} / {total} 户……")
        save_household(session, data)
    progress(total, total, "写入完毕")
    return ImportResult(len(new), len(updates))
