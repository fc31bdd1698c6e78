"""Group heading rows: many rosters have no 所在组 column but a row of its own, often merged across the table,
saying which group the people below it belong to ("一组", "第一组", "一组（12人）", "二组:"), until the next such
row. The heading is carried into the group field (``Field.group``) of every row under it; the heading row itself
is neither a person nor a row to report. When the sheet has a group column, what it says wins: a heading only
fills its empty cells, and a row whose group disagrees with the heading above it carries a warning.

A heading is a row holding one text (and at most a head count beside it) that reads as a village group: a
number and 组 (一组, 第3组, 十二村民小组), or a name and 组 (东风组, 张家湾组) that is not a team (领导小组,
执委组); never a 合计/小计 row, a note, or a row with a person's details in it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, not_
from typing import Any

from .cells import cell_text, is_total
from .people import is_person_name

_NUMBER = "[一二三四五六七八九十百零〇两]{1,4}|[0-9]{1,3}"
_GROUP = rf"第?(?:{_NUMBER})(?:村民)?小?组|[\u4e00-\u9fff]{{2,4}}?(?:村民小组|组)"
_COUNT = r"(?:共|计)?\s*[0-9]{1,4}\s*(?:人|户|名)"
_HEADING = re.compile(
    rf"(?P<group>{_GROUP})\s*(?:[（(][^（）()]{{0,20}}[）)]|[:：]?\s*(?:{_COUNT})?)\s*[:：]?\s*"
)
_COUNT_ONLY = re.compile(rf"{_COUNT}|[0-9]{{1,4}}")
# A team, a total or a note, not a village group: 领导小组, 执委组, 志愿者服务组, 合计, 以下为一组
NOT_A_GROUP = (
    "小组",
    "执委",
    "志愿",
    "主席",
    "委员",
    "领导",
    "工作",
    "服务",
    "宣传",
    "调解",
    "议事",
    "计",
    "以下",
    "本",
    "全",
    "每",
    "各",
)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def heading_group(row: Sequence[Any]) -> str:
    """The group a row names when it is a group heading ("一组（12人）" -> "一组"), else ""."""
    texts = [t for t in map(cell_text, row) if t]
    if not texts or len(texts) > 2:
        return ""
    found = _HEADING.fullmatch(texts[0])
    if found is None or (len(texts) == 2 and not _COUNT_ONLY.fullmatch(texts[1])):
        return ""
    group = found["group"]
    if not re.fullmatch(rf"第?(?:{_NUMBER})(?:村民)?小?组", group):  # a named group: 东风组, 张家湾村民小组
        named = group.removesuffix("村民小组").removesuffix("组")
        if len(named) < 2 or not group.endswith("村民小组") and any(w in group for w in NOT_A_GROUP):
            return ""
    return group


def group_key(text: str) -> str:
    """What two spellings of one group share: 一组, 第一组, 1组, 第1村民小组 -> "1"; 东风组 -> "东风"."""
    text = re.sub(r"\s+", "", text)
    found = re.fullmatch(rf"第?({_NUMBER})(?:村民)?小?组?", text)
    if found:
        number = found.group(1)
        return str(int(number)) if number.isdigit() else str(_chinese_number(number))
    return text.removeprefix("第").removesuffix("村民小组").removesuffix("组")


def _chinese_number(text: str) -> int:
    """一 .. 九十九 (and 一百): 十二 -> 12, 二十 -> 20, 二十三 -> 23."""
    if "百" in text:
        head, _hundred, rest = text.partition("百")
        return _DIGITS.get(head, 1) * 100 + (_chinese_number(rest.lstrip("零〇")) if rest else 0)
    if "十" in text:
        tens, _ten, ones = text.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return int("".join(str(_DIGITS[c]) for c in text))


def find_headings(rows: Sequence[Sequence[Any]], header_row: int) -> dict[int, str]:
    """Row index -> the group its heading names, for every group heading below the header; "" for a row of
    another heading (巾帼志愿者, 第二网格: a section of the table), which ends the group above it."""
    below = range(header_row + 1, len(rows))
    headed = [c for c, text in enumerate(rows[header_row]) if cell_text(text)][:3] if below else []
    try:  # in C: a row with three headed cells filled is no heading (most rows)
        if len(headed) < 3:
            raise IndexError
        full = map(all, map(itemgetter(*headed), rows[header_row + 1 :]))
        maybe = list(compress(below, map(not_, full)))
    except (IndexError, TypeError):  # rows of unequal length
        maybe = list(below)
    few = [i for i in maybe if sum(1 for c in rows[i] if c is not None and c != "") <= 2]
    found = {i: heading_group(rows[i]) for i in few}
    if not any(found.values()):
        return {}
    return {i: group for i, group in found.items() if group or _other_heading(rows[i])}


def _other_heading(row: Sequence[Any]) -> bool:
    """A row of one text that is neither a person's name nor a total: a heading of another kind."""
    texts = [t for t in map(cell_text, row) if t]
    return len(texts) == 1 and not is_total(row) and not is_person_name(texts[0])


@dataclass
class Carried:
    rows: list[list[Any]]
    headings: dict[int, str] = field(default_factory=dict)  # row index -> the group its heading names
    notes: dict[int, str] = field(default_factory=dict)  # row index -> its group disagrees with the heading's
    column: int | None = None  # the column added for the group when the sheet has none
    filled: int = 0  # rows given the group of the heading above them
    own: int = 0  # rows under a heading with a group of their own


def carry_headings(
    rows: list[list[Any]],
    header_row: int,
    column: int | None,
    label: str,
    blank: Callable[[Sequence[Any]], bool],
) -> Carried:
    """``rows`` with each heading's group in ``column`` (the group field's; None: a column added after the
    widest row) of the rows under it that are not ``blank``; ``rows`` itself when there is no heading."""
    headings = find_headings(rows, header_row)
    if not headings:
        return Carried(rows)
    carried = Carried(list(rows), {i: group for i, group in headings.items() if group})
    if column is None:
        column = carried.column = max(map(len, rows))
    rows = carried.rows
    heading: tuple[int, str] | None = None
    for index in range(header_row + 1, len(rows)):
        if index in headings:
            heading = (index, headings[index]) if headings[index] else None
            continue
        row = rows[index]
        if heading is None or blank(row) or is_total(row):  # a 合计 row belongs to no group
            continue
        own = cell_text(row[column]) if column < len(row) else ""
        if own:
            carried.own += 1
            if group_key(own) != group_key(heading[1]):
                carried.notes[index] = (
                    f"{label}“{own}”与上方第 {heading[0] + 1} 行的分组标题“{heading[1]}”不一致，"
                    f"按“{own}”导入，请核对"
                )
            continue
        rows[index] = row = [*row, *[None] * (column + 1 - len(row))] if column >= len(row) else list(row)
        row[column] = heading[1]
        carried.filled += 1
    return carried


def headings_note(carried: Carried, label: str) -> str:
    """How the group was found, for the chair: "" when the sheet has no group heading."""
    if not carried.headings:
        return ""
    listed = [f"第 {i + 1} 行“{group}”" for i, group in sorted(carried.headings.items())[:5]]
    if len(carried.headings) > 5:
        listed.append(f"等 {len(carried.headings)} 行")
    where = "、".join(listed)
    if not carried.own:
        return f"{label}取自表中的分组标题行（{where}）"
    if not carried.filled:
        return f"{label}按“{label}”列导入；表中的分组标题行（{where}）只用来核对，不一致的行已提醒"
    return f"{label}按“{label}”列导入，该列空着的 {carried.filled} 行取自上方的分组标题行（{where}）"


_GROUP_IN_TEXT = re.compile(rf"第?(?:{_NUMBER})(?:村民)?小?组")


def address_in_group(address: str, group: str, label: str) -> tuple[str, str]:
    """A household's address with its group in front when it does not name it already ("12号" under 一组 ->
    "一组12号": two 12号 in two groups are two households), and a warning when it names another group."""
    if not group or group in address:
        return address, ""
    named = _GROUP_IN_TEXT.findall(address)
    if any(group_key(text) == group_key(group) for text in named):
        return address, ""
    if named:
        return address, f"住址“{address}”写的是{named[0]}，与{label}“{group}”不一致，按住址导入，请核对"
    return group + address, ""
