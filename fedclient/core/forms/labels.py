"""Recogniser for label cells (``执委人数：`` with its value beside or below it, ``填报人：____`` inline, an
indicator table with 本月/本年累计 columns): which key a label names and which cells take its value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..synonyms import INDICATOR_UNITS, INDICATOR_WORDS, PROFILE_WORDS, UNITS, best_match, normalise, unit_of
from ..synonyms.labels import indicator_fits
from .grid import Grid
from .sources import INDICATOR, PROFILE

LABEL_VOCABULARY = {
    **{INDICATOR + k: (k, *v) for k, v in INDICATOR_WORDS.items()},
    **{PROFILE + k: (k, *v) for k, v in PROFILE_WORDS.items()},
}
# Column headers of an indicator table that say which period a value is for: prefixed to the row's label.
SCOPES = {
    "本月": "本月",
    "当月": "本月",
    "本月数": "本月",
    "本期": "本月",
    "本年": "本年累计",
    "本年累计": "本年累计",
    "累计": "本年累计",
    "年度累计": "本年累计",
    "本年度": "本年累计",
    "本年度累计": "本年累计",
    "今年累计": "本年累计",
    "全年": "本年累计",
    "年度": "本年累计",
}
# Column headers of a form's own tables, never labels of a value.
HEADER_WORDS = {
    "序号",
    "项目",
    "指标",
    "指标名称",
    "项目名称",
    "内容",
    "单位",
    "计量单位",
    "数量",
    "数值",
    "数据",
    "备注",
    "情况",
}
PART_OF = ("其中", "内含", "含")
TOTAL_WORDS = ("合计", "总计", "小计", "共计")
NOTE_STARTS = ("注", "说明", "备注", "填表说明", "附")
TITLE_WORDS = ("统计表", "情况表", "登记表", "一览表", "汇总表", "报表", "名册", "名单", "台账")
INLINE = re.compile(
    r"([^\s:：_＿]+?)\s*[:：]([\s_＿]*(?:年[\s_＿]*月[\s_＿]*日[\s_＿]*)?)(?:([人件次户个场起名%])(?=[\s_＿]|$)[\s_＿]*)?"
)
DATE_BLANKS = re.compile(r"年[\s_＿]*月[\s_＿]*日")


def match_label(text: str) -> tuple[str | None, str]:
    """(key, "") for a label that names one value, or (None, why not)."""
    key = best_match(text, LABEL_VOCABULARY)
    if key is None:
        return None, "无法识别"
    if key.startswith(INDICATOR):
        name = key[len(INDICATOR) :]
        if not indicator_fits(normalise(text), name):
            return None, "无法识别"
        unit = unit_of(text)
        if unit and unit not in INDICATOR_UNITS[name]:
            return None, f"单位“{unit}”与指标“{name}”不符"
    return key, ""


def is_unit_cell(text: str) -> bool:
    return bool(text) and (text.strip() in UNITS or (not normalise(text) and unit_of(text) is not None))


def scope_of(text: str) -> str | None:
    return SCOPES.get(normalise(text))


def is_title_or_note(grid: Grid, row: int, col: int, text: str) -> bool:
    if normalise(text).startswith(NOTE_STARTS) and not text.rstrip().endswith((":", "：")):
        return True
    if any(w in text for w in TITLE_WORDS) or text.rstrip().endswith("表"):
        return True
    others = [c for c in range(1, grid.max_col + 1) if c != col and not grid.is_empty(row, c)]
    lone = not [c for c in others if grid.top_left(row, c) != grid.top_left(row, col)]
    return lone and len(normalise(text)) >= 12


def _column_header(grid: Grid, row: int, col: int) -> str:
    """The header of a cell's column in the same table (本月/累计 columns): the nearest text above it, through
    empty cells of the table only (bordered ones)."""
    for r in range(row - 1, max(0, row - 12), -1):
        text = grid.text(r, col)
        if text:
            return text
        if not grid.bordered(r, col):
            return ""
    return ""


def with_context(grid: Grid, row: int, col: int, text: str) -> str:
    """'其中：调解成功' under '本月受理调解纠纷' reads '本月调解成功': the part takes the period of its whole."""
    words = normalise(text)
    part = next((p for p in PART_OF if words.startswith(p)), None)
    if part is None:
        return text
    rest = words[len(part) :]
    for r in range(row - 1, max(0, row - 6), -1):
        above = normalise(grid.text(r, col))
        if above and not above.startswith(PART_OF):
            scope = next((w for w in ("本月", "当月", "本年累计", "累计", "本年", "年度") if w in above), "")
            return scope + rest + (f"（{unit_of(text)}）" if unit_of(text) else "")
    return rest


def _in_label_row(grid: Grid, row: int, col: int) -> bool:
    """Labels side by side with their values below them (执委人数 | 志愿者人数 | 网格数)."""
    r0, c0, r1, c1 = grid.span(row, col)
    for c in (c0 - 1, c1 + 1):
        if 1 <= c <= grid.max_col and grid.text(row, c) and grid.fillable(r1 + 1, c):
            return True
    return False


def _usable(grid: Grid, row: int, col: int, label_bordered: bool) -> bool:
    if row > grid.max_row + 1 or col > grid.max_col:
        return False
    return grid.fillable(row, col) and (grid.bordered(row, col) or not label_bordered)


def targets(grid: Grid, row: int, col: int) -> list[tuple[tuple[int, int], str]]:
    """The cells that take a label's value, each with the scope (本月/本年累计) its column header names."""
    bordered = grid.bordered(row, col)
    below = grid.below(row, col)
    below_ok = _usable(grid, *below, bordered)
    if below_ok and _in_label_row(grid, row, col):
        return [(below, "")]
    run: list[tuple[int, int]] = []
    r, c = grid.right_of(row, col)
    while c <= grid.max_col:
        if is_unit_cell(grid.text(r, c)):
            r, c = grid.right_of(r, c)
            continue
        if not _usable(grid, r, c, bordered):
            break
        run.append(grid.top_left(r, c))
        r, c = grid.right_of(r, c)
    scoped = [(cell, scope_of(_column_header(grid, *cell)) or "") for cell in run]
    if any(scope for _, scope in scoped):
        return [(cell, scope) for cell, scope in scoped if scope]
    if run:
        return [(run[0], "")]
    return [(below, "")] if below_ok else []


def inline_labels(text: str) -> list[tuple[str, str, str]] | None:
    """'填报人：____  联系电话：' -> [('填报人', '____  ', ''), ('联系电话', '', '')], '执委人数：    人' ->
    [('执委人数', '    ', '人')] when the cell is nothing but labels each followed by blanks (and a unit);
    None otherwise (already filled in, or not that kind of cell)."""
    parts = list(INLINE.finditer(text))
    if not parts or "".join(m.group(0) for m in parts).strip() != text.strip():
        return None
    blank = parts[0].group(2)
    if (
        len(parts) == 1
        and not re.search(r"[_＿]{2,}", blank)
        and not DATE_BLANKS.search(blank)
        and not (parts[0].group(3) and len(blank) >= 2)
    ):
        return None
    return [(m.group(1), m.group(2), m.group(3) or "") for m in parts]


def label_cells(grid: Grid, skip: set[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    for row in range(1, grid.max_row + 1):
        for col in range(1, grid.max_col + 1):
            if (row, col) in skip or grid.top_left(row, col) != (row, col):
                continue
            text = grid.text(row, col)
            words = normalise(text)
            if (
                not text
                or (words in HEADER_WORDS and not text.rstrip().endswith((":", "：")))  # 单位： asks a value
                or words.startswith(TOTAL_WORDS)
                or is_unit_cell(text)
                or scope_of(text)
            ):
                continue
            if inline_labels(text) or not is_title_or_note(grid, row, col, text):
                yield row, col, text
