"""The common roster row checked in one pass: every cell typed plainly, so that no check has anything to say.

A 50,000-row roster is mostly such rows; checking each through ``check_member`` builds a dozen small objects
per row. ``plain_members`` proves, for a block of rows, column by column, that the full check
(``roster_import``'s ``_data_from_record`` + ``check_member`` + ``_id_trusted``) would find no error and no
warning in a row, and gives the member that check would return; for any other row it gives None and the row
takes the full check. ``tests/test_roster_plain_row.py`` compares both paths on awkward rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache, partial
from itertools import repeat
from typing import Any

from ..pinyin import initials_index
from ..tabular import DateError, ParsedDate, cell_text, parse_date, person_name, remark_warning
from ..tabular.phones import noted_phone
from ..validation import check_name, plain_id_numbers, plain_mobiles, was_region_code
from ..vocab import ROLES
from .service import MemberData

# The roster's fields in the order of ``roster_import.ROSTER_FIELDS`` (``texts`` below are in this order).
FIELD_ORDER = (
    "seq",
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "education",
    "political_status",
    "role",
    "post",
    "specialty",
    "group_name",
    "id_number",
    "phone",
    "other_phone",  # a second phone column: a row with a number in it takes the full check
    "term_start",
    "in_village_committee",
    "notes",
)
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
_AT = {name: i for i, name in enumerate(FIELD_ORDER)}
YES_WORDS = ("是", "√", "✓", "Y", "YES", "1", "进")


@lru_cache(maxsize=1024)
def parse_role(text: str) -> tuple[str, str]:
    """(role code, warning) from what a spreadsheet says."""
    compact = text.replace(" ", "")
    if not compact:
        return "executive_member", ""
    for word, code in ROLE_WORDS:
        if word in compact:
            return code, ""
    return "executive_member", f"职务“{text}”无法识别，按执委导入，请导入后核对"


@contextmanager
def tables_loaded_beside() -> Iterator[None]:
    """The tables the check and the write load on first use (the county codes of ID numbers, stdnum's ~0.17 s;
    pypinyin's readings ~0.25 s), loaded once on a helper thread while a roster is read: calamine parses the
    sheet in Rust without Python's lock, so on a second core this is done before the rows need it instead of
    after (on one core it costs what it would have cost later). The helper ends with the block (a cancel
    waits for it too): no thread outlives the operation that started it."""
    helper = None
    if not _LOADING.is_set():
        _LOADING.set()
        helper = threading.Thread(target=_load_tables, name="fedclient-load-tables", daemon=True)
        helper.start()
    try:
        yield
    finally:
        if helper is not None:
            helper.join()


_LOADING = threading.Event()


def _load_tables() -> None:
    was_region_code("110101")
    initials_index("王")


class _Texts(dict):
    """A cell's text as the preview shows it (``cell_text``; a record's texts are already clean): a C lookup
    for an empty cell and a short text seen before. Only str keys (and None) are stored, so no number, date or
    yes/no can match one; at most ``_TEXTS_KEPT`` of them."""

    __slots__ = ()

    def __missing__(self, value: Any) -> str:
        if type(value) is not str:
            return cell_text(value)
        if len(value) <= 12 and len(self) < _TEXTS_KEPT:
            self[value] = value
        return value


_TEXTS_KEPT = 8192
preview_text = _Texts({None: ""}).__getitem__


@lru_cache(maxsize=16384)  # a roster's names repeat (and each row's name is asked for twice)
def stored_name(text: str) -> str:
    """``person_name(text)``: the name as it is stored and shown."""
    return person_name(text)


@lru_cache(maxsize=16384)
def _plain_name(text: str) -> str | None:
    """The checked name when ``check_name`` has nothing to say about it, else None (and for a name written
    with a remark, 王芳（主任）: the full check warns)."""
    if remark_warning(text):
        return None
    check = check_name(stored_name(text))
    return None if check.errors or check.warnings else check.value


class ColumnDates:
    """The date columns' cells read with their column's style, each distinct cell once (a roster repeats its
    任职时间 and many birth months)."""

    def __init__(self, styles: dict[str, str | None]):
        self.seen = _ParsedDates(styles)  # (field, type, cell) -> ParsedDate | None | the error's text

    def parse(self, name: str, value) -> ParsedDate | None:
        found = self.seen[(name, type(value), value)]
        if type(found) is str:
            raise DateError(found)
        return found

    def column(self, name: str, values: Iterable) -> list[ParsedDate | str | None]:
        """``parse(name, value)`` of each value, its error as text instead of raised (a dict lookup per cell)."""
        values = list(values)
        return list(map(self.seen.__getitem__, zip(repeat(name), map(type, values), values)))


class _ParsedDates(dict):
    def __init__(self, styles: dict[str, str | None]):
        super().__init__()
        self.styles = styles

    def __missing__(self, key: tuple) -> ParsedDate | str | None:
        name, _kind, value = key  # the type too: 1, 1.0 and True are equal keys
        try:
            found = parse_date(value, self.styles.get(name))
        except DateError as exc:
            found = str(exc)
        self[key] = found
        return found


def plain_members(
    rows: Sequence[tuple], dates: ColumnDates, today: date, fast: bool = True
) -> tuple[list[list[str]], list[MemberData | None]]:
    """Each row's texts (in ``FIELD_ORDER``) and its checked member, or None when the row needs the full check
    (an error, a warning, or anything not typed plainly; every row with ``fast`` False). ``rows``: the records'
    cells, in ``FIELD_ORDER``. Column by column: each column's texts in one pass, the checks that depend on a
    cell alone made once per distinct value (names, 职务 words, dates), then each row's own checks (its ID
    number against its typed birth date and sex, its age)."""
    if not rows:
        return [], []
    cells = list(zip(*rows, strict=True))
    columns = list(map(_texts, cells))
    texts = list(map(list, zip(*columns, strict=True)))
    other_phones = columns[_AT["other_phone"]]
    # A row with a number in the second phone column: shown as it is noted (0736-1234567), and the full check.
    second_phone = any(other_phones)
    if second_phone:
        for row, other in zip(texts, other_phones, strict=True):
            row[_AT["other_phone"]] = noted_phone(other)
    if not fast:
        return texts, [None] * len(texts)
    (_seq, names, genders, _birth, ethnicities, educations, political, role_texts, posts, specialties, groups,
     id_numbers, phones, _other_phones, _term, committees, notes) = columns  # fmt: skip
    members = list(
        map(
            partial(_plain_member, today),
            map(_plain_name, names),
            genders,
            map(_plain_role, role_texts),
            id_numbers,
            map(type, cells[_AT["id_number"]]),
            plain_id_numbers(id_numbers, today),
            phones,
            plain_mobiles(phones),
            dates.column("birth_date", cells[_AT["birth_date"]]),
            dates.column("term_start", cells[_AT["term_start"]]),
            ethnicities,
            educations,
            political,
            posts,
            specialties,
            groups,
            map(_is_yes, committees),
            notes,
        )
    )
    if second_phone:
        members = [None if other else member for member, other in zip(members, other_phones, strict=True)]
    return texts, members


def _texts(cells: Sequence[Any]) -> list[str]:
    """A column's texts as the preview shows them: a column of texts is its own (a record's texts are clean), a
    column of whole numbers (序号, as spreadsheets give them: floats) without its '.0', in C."""
    kinds = set(map(type, cells))
    if kinds == {str}:
        return list(cells)
    if (
        kinds == {float} and all(map(float.is_integer, cells)) and max(map(abs, cells)) < 1e15
    ):  # ``cell_text``
        return list(map(str, map(int, cells)))
    return list(map(preview_text, cells))


@lru_cache(maxsize=1024)
def _plain_role(text: str) -> str | None:
    role, warning = parse_role(text)
    return None if warning or role not in ROLES else role


@lru_cache(maxsize=1024)
def _is_yes(text: str) -> bool:
    return text.upper() in YES_WORDS


def _plain_member(
    today: date,
    name: str | None,
    gender: str,
    role: str | None,
    id_number: str,
    id_type: type,
    id_plain: tuple[date, str] | None,  # ``plain_id_numbers``: (birth date, sex) of a plainly typed number
    phone: str,
    mobile: bool,  # ``plain_mobile(phone)``
    birth,  # ParsedDate | None | str (the date's error)
    term,
    ethnicity: str,
    education: str,
    political_status: str,
    post: str,
    specialty: str,
    group_name: str,
    in_committee: bool,
    notes: str,
) -> MemberData | None:
    if name is None or role is None or gender not in ("女", "男", ""):
        return None
    if phone and not mobile:
        return None
    if type(birth) is str or type(term) is str:  # the date's error
        return None
    if (birth is not None and birth.warning) or (term is not None and term.warning):
        return None
    born = birth.value if birth is not None else None
    if id_number:
        if id_type is not str:
            return None
        if id_plain is None:
            return None
        id_birth, id_sex = id_plain
        # What the ID number says must agree with what was typed (else the full check warns), and then it wins.
        if born is not None and (
            (born.year, born.month) != (id_birth.year, id_birth.month)
            if birth.month_only
            else born != id_birth
        ):
            return None
        if gender and gender != id_sex:
            return None
        born, gender = id_birth, gender or id_sex
    if born is not None and (born > today or born.year < today.year - 110 or today.year - born.year < 16):
        return None
    return MemberData(
        name=name,
        gender=gender or "女",
        birth_date=born,
        ethnicity=(ethnicity or "汉族").strip(),
        id_number=id_number,
        phone=phone,
        education=education,
        political_status=political_status,
        role=role,
        post=post.strip(),
        specialty=specialty.strip(),
        group_name=group_name,
        term_start=term.value if term is not None else None,
        in_village_committee=in_committee,
        notes=notes,
    )
