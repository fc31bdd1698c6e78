"""Telling people apart when a roster row does not say who she is by ID number.

``SeenInFile``: the same person twice in one file (the same ID number; else the same name and birth date; else,
for a row without ID number, the same name and phone) is imported once, the later row listed as 重复.

``Namesakes``: a row with only a name (no ID number, no birth date) while several stored members bear it. The
first import of such a row cannot tell who she is: it is added and warned about. Importing the same file again
must find her again, not add her a second time and warn again: a stored namesake whose values agree with
everything the row gives (or, failing that, the only one with the row's phone) is her, each stored member
claimed by one row at most (two rows 李红 are two people).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from operator import attrgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Member
from ..tabular import PreviewRow
from .service import COLUMNS, MemberData

# What a row gives that a stored namesake must agree with (the name is equal already; empty cells say nothing).
AGREES_ON = (
    "gender",
    "ethnicity",
    "phone",
    "education",
    "political_status",
    "role",
    "post",
    "specialty",
    "group_name",
    "term_start",
    "notes",
)


class SeenInFile:
    """The rows already checked in this file (``rows``: the preview's, growing), by what makes two rows one
    person. The phones are indexed only from the first row without ID number that has one: most big rosters
    have every ID, and an index of 50,000 phones costs megabytes."""

    def __init__(self, rows: list[PreviewRow]) -> None:
        self._rows = rows
        self._by_id: dict[str, int] = {}
        self._by_person: dict[tuple[str, date], int] = {}
        self._by_phone: dict[str, PreviewRow] | None = (
            None  # the first row with that phone (payload: her data)
        )

    def earlier(self, data: MemberData, row: PreviewRow) -> str:
        """Why ``row`` (``data``: its member, to be its payload) is a row seen before ("" when it is not); a
        new row is remembered."""
        found, reason = None, "身份证号相同"
        if data.id_number:
            found = self._by_id.get(data.id_number)
        else:
            if data.birth_date:
                found, reason = self._by_person.get((data.name, data.birth_date)), "姓名和出生日期相同"
            if found is None and data.phone:
                found, reason = self._same_phone(data), "姓名和联系电话相同"
        if found is not None:
            other = self._name_at(found) if data.id_number else data.name
            if other != data.name:  # one ID number, two names: a mistyped number as likely as one person
                return f"与第{found}行（{other}）身份证号相同，但姓名不同，不重复导入，请核对两行的身份证号"
            return f"与第{found}行{reason}，是同一人，不重复导入"
        if data.id_number:
            self._by_id[data.id_number] = row.row_number
        if data.birth_date:
            self._by_person.setdefault((data.name, data.birth_date), row.row_number)
        if data.phone and self._by_phone is not None:
            self._by_phone.setdefault(data.phone, row)
        return ""

    def _name_at(self, row_number: int) -> str:
        """The name of the row ``row_number`` (the preview's rows are in the file's order)."""
        at = bisect_left(self._rows, row_number, key=attrgetter("row_number"))
        row = self._rows[at] if at < len(self._rows) else None
        return row.payload.name if row is not None and row.payload is not None else ""

    def _same_phone(self, data: MemberData) -> int | None:
        """The row with her name and phone and no other birth date (a mother and daughter may share a phone)."""
        if self._by_phone is None:
            self._by_phone = {}
            for earlier in self._rows:
                if earlier.payload is not None and earlier.payload.phone:
                    self._by_phone.setdefault(earlier.payload.phone, earlier)
        row = self._by_phone.get(data.phone)
        other = row.payload if row is not None else None
        if other is None or other.name != data.name:
            return None
        if data.birth_date and other.birth_date and data.birth_date != other.birth_date:
            return None
        return row.row_number


class Namesakes:
    """Stored members of a name, read once per name and only for rows that need them."""

    def __init__(self, session: Session):
        self.session = session
        self._stored: dict[str, list[MemberData]] = {}
        self._claimed: set[int] = set()

    def find(self, data: MemberData) -> int | None:
        """The stored namesake this row (only a name, no ID number or birth date) is, or None."""
        if data.name not in self._stored:
            self._stored[data.name] = self._read(data.name)
        free = [m for m in self._stored[data.name] if m.id not in self._claimed]
        same = [m for m in free if _agrees(data, m)]
        if not same and data.phone:
            by_phone = [m for m in free if m.phone == data.phone]
            same = by_phone if len(by_phone) == 1 else []
        if not same:
            return None
        self._claimed.add(same[0].id)
        return same[0].id

    def _read(self, name: str) -> list[MemberData]:
        columns = [getattr(Member, column) for column in COLUMNS]
        rows = self.session.execute(
            select(Member.id, *columns).where(Member.name == name).order_by(Member.id)
        )
        return [MemberData(id=row[0], **dict(zip(COLUMNS, row[1:], strict=True))) for row in rows]


def _agrees(data: MemberData, stored: MemberData) -> bool:
    return all(
        getattr(data, name) in ("", None) or getattr(data, name) == getattr(stored, name)
        for name in AGREES_ON
    )
