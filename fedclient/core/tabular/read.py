"""A spreadsheet as a ``Table``: which sheet holds the people, the header row, which column is which field,
and each row below the header as a ``Record`` - a data row, or a row skipped with the reason (see the
package's docstring for the API)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..synonyms import normalise
from .cells import (
    Cleaned as _Cleaned,
)
from .cells import (
    blank_line as _blank,
)
from .cells import (
    cell_text,
    cells_by_field,
    is_blank,
    is_total,
    row_label,
    set_aside_columns,
)
from .files import Sheet
from .groups import carry_headings, headings_note
from .merged import Filled, fill_merged
from .people import is_person_name, name_problem

if TYPE_CHECKING:
    from .sheets import SheetChoice

HEADER_SCAN_ROWS = 30
HIDDEN_ROW = "这一行在表格里被隐藏了，默认不导入"
HIDDEN_ROWS_UNKNOWN = (
    "未能查看这个表格里哪些行被隐藏了：若有隐藏的行（如作废、调走的人），会和其他行一样导入。"
    "请在 WPS 或 Excel 中取消隐藏核对，或另存为 .xlsx 再导入"
)


@dataclass(frozen=True)
class Field:
    name: str  # identifier used by the caller
    label: str  # Chinese label shown to the user
    synonyms: tuple[str, ...] = ()  # header words that mean this field (the label counts too)
    required: bool = False
    person: bool = False  # the column holding a person's name: a row is data only if this looks like one
    group: bool = False  # 所在组: also given by group heading rows (一组 above its people, ``groups``)

    def matches(self, header: str) -> int:
        """How well a normalised header names this field: 2 exactly, 1 by containing a synonym, 0 not
        (``core.synonyms.match_score``, with this field's words normalised once)."""
        if not header:
            return 0
        words = _field_words(self)
        if header in words:
            return 2
        return 1 if any(len(w) >= 2 and w in header for w in words) else 0


@lru_cache(maxsize=256)
def _field_words(f: Field) -> frozenset[str]:
    return frozenset(normalise(w) for w in (f.label, *f.synonyms))


class Record:
    """A row below the header: its cells in the order of the table's fields (``cells``: text cleaned, None for a
    field not mapped), and why it is not data (``skip``, "" for a data row). One tuple per row, the field names
    shared (a dict per row of a 50,000-row sheet costs seconds to build and megabytes to hold)."""

    __slots__ = ("row_number", "cells", "skip", "_at", "notes")

    def __init__(self, row_number: int, cells: tuple, skip: str, at: dict[str, int], notes: str = ""):
        self.row_number = row_number  # 1-based row in the sheet, as WPS/Excel shows it
        self.cells = cells
        self.skip = skip
        self._at = at  # field name -> its place in ``cells``
        self.notes = notes  # a warning the importer adds to the row's (a merged cell across two columns)

    @property
    def raw(self) -> dict[str, Any]:
        """Field name -> cell as read, text cleaned (None when the field is not mapped)."""
        return dict(zip(self._at, self.cells, strict=True))

    def text(self, name: str) -> str:
        value = self.cells[self._at[name]] if name in self._at else None
        return value if type(value) is str else cell_text(value)  # strings are cleaned when read


@dataclass
class Table:
    path: Path
    sheets: list[Sheet]
    fields: Sequence[Field]
    sheet_index: int
    header_row: int  # 0-based index into the sheet's rows
    mapping: dict[str, int | None] = field(default_factory=dict)
    include_hidden: bool = False  # rows hidden in the spreadsheet are skipped unless the chair says so
    confirmed: frozenset[int] = frozenset()  # row numbers the chair confirmed as data although skipped
    choices: list[SheetChoice] = field(default_factory=list)
    doubt: str = ""  # another sheet looks as much like the people's as the one read (``sheets.sheet_doubt``)

    @property
    def sheet(self) -> Sheet:
        return self.sheets[self.sheet_index]

    @property
    def headers(self) -> list[str]:
        rows = self.sheet.rows
        return [cell_text(c) for c in rows[self.header_row]] if self.header_row < len(rows) else []

    @property
    def person_field(self) -> Field | None:
        return next((f for f in self.fields if f.person), None)

    @property
    def group_field(self) -> Field | None:
        return next((f for f in self.fields if f.group), None)

    def with_header(self, sheet_index: int, header_row: int) -> Table:
        doubt = self.doubt if sheet_index == self.sheet_index else ""  # the chair chose the other sheet
        table = replace(
            self, sheet_index=sheet_index, header_row=header_row, confirmed=frozenset(), doubt=doubt
        )
        table.mapping = guess_mapping(table.headers, self.fields, table.sheet.hidden_columns)
        return table

    def with_mapping(self, mapping: dict[str, int | None]) -> Table:
        return replace(self, mapping=dict(mapping))

    def with_options(
        self, include_hidden: bool | None = None, confirmed: Sequence[int] | None = None
    ) -> Table:
        return replace(
            self,
            include_hidden=self.include_hidden if include_hidden is None else include_hidden,
            confirmed=self.confirmed if confirmed is None else frozenset(confirmed),
        )

    def hidden_count(self) -> int:
        return sum(
            1 for i in self.sheet.hidden_rows if i > self.header_row and not is_blank(self.sheet.rows[i])
        )

    def columns_note(self) -> str:
        """What the chair is told about the columns hidden in the spreadsheet or headed as old (联系电话（旧）):
        read or not."""
        read = {col: name for name, col in self.mapping.items() if col is not None}
        labels = {f.name: f.label for f in self.fields}
        headers, hidden = self.headers, self.sheet.hidden_columns
        said = []
        for col in sorted(hidden | set_aside_columns(headers)):
            header = headers[col] if col < len(headers) else ""
            if col not in read and not any(f.matches(normalise_header(header)) for f in self.fields):
                continue  # nothing the import reads (原籍, an empty column)
            column = f"{'隐藏的' if col in hidden else ''}第{col + 1}列“{header}”"
            said.append(f"{column}按“{labels[read[col]]}”导入" if col in read else f"{column}未导入")
        return "，".join(said)

    def hidden_rows_warning(self) -> str:
        """What the preview and the command line say when the sheet's hidden rows could not be checked
        (a workbook xlrd cannot read, an .xlsb, a damaged file): never silence."""
        return "" if self.sheet.hidden_rows_known else HIDDEN_ROWS_UNKNOWN

    def filled(self) -> Filled:
        """The rows with merged cells (``merged``) and group headings (``groups``) given to the rows below."""
        key = (self.sheet_index, self.header_row, tuple(self.mapping.items()))
        cached = self.__dict__.get("_filled")
        if cached is None or cached[0] != key:
            person = self.person_field
            found = fill_merged(
                self.sheet.rows,
                self.sheet.merged,
                self.header_row,
                self.mapping,
                {f.name: f.label for f in self.fields},
                self.mapping.get(person.name) if person is not None else None,
            )
            if (group := self.group_field) is not None:
                found.carried = carried = carry_headings(
                    found.rows, self.header_row, self.mapping.get(group.name), group.label, _blank
                )
                found.rows = carried.rows
                found.notes.update(
                    {i: "；".join(filter(None, (found.notes.get(i), t))) for i, t in carried.notes.items()}
                )
            self.__dict__["_filled"] = cached = (key, found)
        return cached[1]

    @property
    def read_mapping(self) -> dict[str, int | None]:
        """``mapping`` as read: the group field in the column added for group heading rows (``groups``)."""
        carried, group = self.filled().carried, self.group_field
        added = carried.column if carried is not None and group is not None else None
        return self.mapping if added is None else {**self.mapping, group.name: added}

    def groups_note(self) -> str:
        """How the group was found when the sheet has group heading rows ("" when it has none)."""
        carried, group = self.filled().carried, self.group_field
        return headings_note(carried, group.label) if carried is not None and group is not None else ""

    @property
    def rows(self) -> list[list[Any]]:
        """The rows as the import reads them (``filled``)."""
        return self.filled().rows

    def records(self) -> Iterator[Record]:
        """Every non-blank row below the header: data rows, and skipped rows with the reason."""
        filled = self.filled()
        rows, hidden, notes, continued = filled.rows, self.sheet.hidden_rows, filled.notes, filled.continued
        at = _places(tuple(f.name for f in self.fields))
        mapping = self.read_mapping
        places = [mapping.get(name) for name in at]  # each field's column, None when not mapped
        person = self.person_field
        person_name = person.name if person and self.mapping.get(person.name) is not None else None
        person_at = at[person_name] if person_name is not None else None
        header_words = _header_words(self.fields, self.headers)
        # Cells left of the name column: a 序号 column saying 示例/备注 marks an example or a note, not a person.
        before_name = self.mapping[person_name] if person_name is not None else 0
        clean = _Cleaned({None: None}).__getitem__  # each short text cleaned once, in C when seen again
        judged: dict[str, str] = {}  # each distinct name judged once
        kept = (i for i in range(self.header_row + 1, len(rows)) if not _blank(rows[i]))
        headings = filled.carried.headings if filled.carried is not None else {}
        while block := list(islice(kept, RECORDS_BLOCK)):  # a block's cells cleaned column by column
            for index, cells in zip(
                block, cells_by_field([rows[i] for i in block], places, clean), strict=True
            ):
                row = rows[index]
                number = index + 1
                skip = ""
                if number not in self.confirmed:
                    if headings and index in headings:
                        skip = (
                            f"分组标题行，不是人员：下面各行的{self.group_field.label}为“{headings[index]}”"
                        )
                    elif index in hidden and not self.include_hidden:
                        skip = HIDDEN_ROW
                    elif is_total(row):
                        skip = "合计行，不是人员"
                    elif label := row_label(row, before_name):
                        skip = f"这一行标着“{label}”，是示例或说明，不是人员"
                    elif index in continued:
                        skip = (
                            f"姓名与第 {continued[index] + 1} 行合并为一个单元格：是同一个人写在几行里，"
                            "不是另一个人（这一行的内容请核对后补到第 "
                            f"{continued[index] + 1} 行）"
                        )
                    elif person_at is not None:
                        name = cells[person_at]
                        name = name if type(name) is str else cell_text(name)
                        # A row full of data without a name is a person whose name is missing: the importer
                        # refuses it (and it is saved with the rows to correct); a lone note is skipped.
                        if name or sum(1 for v in cells if cell_text(v)) < 3:
                            skip = judged.get(name)
                            if skip is None:
                                skip = judged[name] = name_problem(name, header_words)
                yield Record(number, cells, skip, at, notes.get(index, "") if notes else "")

    def column_values(self, name: str) -> list[Any]:
        col = self.read_mapping.get(name)
        if col is None:
            return []
        return [row[col] for row in self.rows[self.header_row + 1 :] if col < len(row)]

    def data_row_count(self) -> int:
        return sum(1 for r in self.records() if not r.skip)

    def sheet_summary(self) -> str:
        """Which sheet was read and why, for the command line and the window."""
        text = f"工作表“{self.sheet.name}”，表头在第 {self.header_row + 1} 行"
        others = [c for c in self.choices if c.name != self.sheet.name]
        if others:
            described = [f"“{c.name}”（{c.note}）" for c in others[:5]]
            if len(others) > 5:
                described.append(f"等 {len(others)} 个")
            text += "；另有工作表 " + "、".join(described) + "，未读取"
        return text


RECORDS_BLOCK = 500  # rows whose cells are cleaned at once, column by column (``cells_by_field``)


@lru_cache(maxsize=64)
def _places(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


def _header_words(fields: Sequence[Field], headers: Sequence[str]) -> frozenset[str]:
    """The words a repeated header row shows in the name column (the vocabulary's own are always known)."""
    words = {w for f in fields for w in _field_words(f)}
    return frozenset(words | {normalise_header(h) for h in headers} - {""})


# --- header and columns --------------------------------------------------------------------------------
def normalise_header(text: Any) -> str:
    """'身份证号码\\n（必填）*' -> '身份证号码' (the shared vocabulary's ``normalise``)."""
    return normalise(cell_text(text))


def header_score(row: Sequence[Any], fields: Sequence[Field]) -> int:
    headers = [normalise_header(c) for c in row[:60]]
    return sum(max((f.matches(h) for h in headers), default=0) for f in fields)


def find_header(sheets: Sequence[Sheet], fields: Sequence[Field]) -> tuple[int, int]:
    """(sheet, row) of the row, among each sheet's first 30, whose cells best match the fields' headers."""
    best = (0, 0, 0)  # score, sheet, row
    for s, sheet in enumerate(sheets):
        for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            score = header_score(row, fields)
            if score > best[0]:
                best = (score, s, r)
    return best[1], best[2]


def two_row_header(sheet: Sheet, row: int, fields: Sequence[Field]) -> int:
    """A header written on two rows (基本情况 merged above 姓名 性别 出生年月; 联系方式 above 手机 座机): the
    lower row takes the upper row's words where it is empty, and is the header. Returns the header row."""
    rows = sheet.rows
    for upper, lower in ((row, row + 1), (row - 1, row)):
        if upper < 0 or lower >= len(rows) or is_blank(rows[upper]) or is_blank(rows[lower]):
            continue
        top, bottom = rows[upper], rows[lower]
        width = max(len(top), len(bottom))
        top, bottom = [*top, *[None] * (width - len(top))], [*bottom, *[None] * (width - len(bottom))]
        combined = [b if cell_text(b) else t for t, b in zip(top, bottom, strict=True)]
        other = lower if upper == row else upper
        if header_score(combined, fields) <= header_score(rows[row], fields):
            continue
        if header_score(rows[other], fields) < 2 or _holds_a_name(combined, sheet, other, fields):
            continue
        rows[lower] = combined
        return lower
    return row


def sheet_header(sheet: Sheet, fields: Sequence[Field]) -> int:
    """The header row of one sheet: the best-matching row, read with the row above or below when the header
    is written on two rows."""
    return two_row_header(sheet, find_header([sheet], fields)[1], fields)


HEADING_ENDS = ("情况", "信息", "资料", "概况")  # 基本情况 above 姓名 性别 出生年月: a heading, not a name


def _holds_a_name(headers: list[Any], sheet: Sheet, index: int, fields: Sequence[Field]) -> bool:
    """Whether row ``index`` holds a person's name in the name column (a data row, not the header's other
    half); a cell merged across columns there (基本情况 over 姓名 性别) is a heading."""
    person = next((f for f in fields if f.person), None)
    col = guess_mapping([cell_text(h) for h in headers], fields).get(person.name) if person else None
    row = sheet.rows[index]
    if col is None or col >= len(row):
        return False
    text = cell_text(row[col])
    if text.endswith(HEADING_ENDS) or any(
        top <= index <= bottom and left <= col <= right and right > left
        for top, left, bottom, right in sheet.merged
    ):
        return False
    return is_person_name(text)


def guess_mapping(
    headers: Sequence[str], fields: Sequence[Field], hidden: frozenset[int] = frozenset()
) -> dict[str, int | None]:
    """Each field gets the best-matching column; a column serves one field (exact matches win). A column
    hidden in the spreadsheet (``hidden``) comes after the visible ones, and only for a field it serves best
    that no visible column serves: 联系电话 hidden beside a visible 联系电话 is an old one, not a second phone; a
    hidden 身份证号码 (hidden to print the list) is still read. A column headed as old (联系电话（旧）,
    原联系电话) is not read unless the chair chooses it."""
    normalised = [normalise_header(h) for h in headers]
    old = set_aside_columns(headers)
    candidates = sorted(
        ((f.matches(h), -fi, ci, f.name) for fi, f in enumerate(fields) for ci, h in enumerate(normalised)),
        reverse=True,
    )
    mapping: dict[str, int | None] = {f.name: None for f in fields}
    used: set[int] = set(hidden | old)
    for score, _fi, column, name in candidates:
        if score and mapping[name] is None and column not in used:
            mapping[name] = column
            used.add(column)
    if hidden:
        best = {}  # a hidden column -> the field it matches best (the first such in ``candidates``)
        for score, _fi, column, name in candidates:
            if score and column in hidden and column not in old:
                best.setdefault(column, name)
        for column, name in sorted(best.items()):
            if mapping[name] is None:
                mapping[name] = column
    return mapping


def missing_required(mapping: dict[str, int | None], fields: Sequence[Field]) -> list[str]:
    return [f.label for f in fields if f.required and mapping.get(f.name) is None]
