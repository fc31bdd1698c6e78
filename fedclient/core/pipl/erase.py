"""删除此人信息: her personal data removed everywhere, her records kept as anonymous rows.

A member's pledges, services and cases stay (with "（已删除）" for her name) so that every monthly figure
already reported stays the same; only what identifies her goes: the identifying columns of her own record,
her name, ID number and phone wherever they were written in a text, and the values of her history. The
writes go through the connection, not the ORM, so the history does not record her old values again; one
"erase" row says that it happened. Backups made before keep her until they age out (the dialog says so).
"""

from __future__ import annotations

import json

from sqlalchemy import String, Text, func, select, text, update
from sqlalchemy.orm import Session

from ..history.events import record_event
from ..history.tables import all_tables, table_info
from ..models import ChangeLog, Household, VillageProfile
from . import ERASED_NAME, PERSON_KINDS

# What identifies her in her own record: column -> the value it gets (the others, like a member's role,
# term and status, or a party's gender, are what the monthly figures count and stay).
CLEARED = {
    "members": {
        "name": ERASED_NAME, "name_initials": "", "birth_date": None, "ethnicity": "", "id_number": None,
        "phone": "", "education": "", "political_status": "", "specialty": "", "group_name": "",
        "left_reason": "", "public_phone": False, "notes": "",
    },
    "helped_people": {"name": ERASED_NAME, "name_initials": "", "group_name": "", "situation": "", "needs": "",
                      "notes": "", "household_id": None},
    "case_parties": {"name": ERASED_NAME, "name_initials": "", "age": None, "phone": "", "address": "",
                     "relationship": "", "household_id": None},
}  # fmt: skip
IN_TEXT = "某某"  # her name where it was written in a text (a case's facts, a meeting's participants)


def erase_person(session: Session, kind: str, person_id: int) -> dict[str, int]:
    """Returns how many texts and history rows were changed."""
    if kind not in PERSON_KINDS:
        raise ValueError(kind)
    info = table_info(kind)
    conn = session.connection()
    own = conn.execute(select(info.table).where(info.table.c.id == person_id)).mappings().first()
    if own is None:
        raise LookupError("找不到此人，可能已被删除")
    traces = [v for v in (own.get("name"), own.get("id_number"), own.get("phone")) if v and len(v) >= 2]
    texts = _erase_from_household(session, own)
    conn.execute(update(info.table).where(info.table.c.id == person_id).values(**CLEARED[kind]))
    if kind == "members":  # the chair named on the village's reports
        profile = VillageProfile.__table__
        for column, value, blank in (
            ("chair_name", own["name"], ERASED_NAME),
            ("chair_phone", own["phone"], ""),
        ):
            if value:
                where = profile.c[column] == value
                texts += conn.execute(update(profile).where(where).values({column: blank})).rowcount
    for other in all_tables():
        for column in other.table.columns:
            if _free_text(column):
                for trace in traces:
                    texts += conn.execute(
                        update(other.table)
                        .where(column.contains(trace, autoescape=True))
                        .values({column.name: func.replace(column, trace, IN_TEXT)})
                    ).rowcount
    rows = _erase_history(session, kind, person_id, traces)
    record_event(session, "erase", kind, person_id, ERASED_NAME)
    return {"texts": texts, "history": rows}


def _erase_from_household(session: Session, own) -> int:
    """The household she was linked to (一户一档) keeps its record, but not her as its contact: her name and
    phone go from it, and her link to it goes with her own record."""
    if not own.get("household_id"):
        return 0
    households = Household.__table__
    this = households.c.id == own["household_id"]
    cleared = (
        ("contact_name", own.get("name"), {"contact_name": ERASED_NAME, "name_initials": ""}),
        ("phone", own.get("phone"), {"phone": ""}),
    )
    changed = 0
    for column, value, blank in cleared:
        if value:
            where = (this, households.c[column] == value)
            changed += session.connection().execute(update(households).where(*where).values(blank)).rowcount
    return changed


def _free_text(column) -> bool:
    """Texts where a name may be written (facts, notes, participants), not other people's names or keys: her
    name replaced in another member's name "王芳芳" would damage it."""
    if column.foreign_keys or column.primary_key:
        return False
    return isinstance(column.type, Text) or (
        isinstance(column.type, String) and (column.type.length or 0) >= 100
    )


def _erase_history(session: Session, kind: str, person_id: int, traces: list[str]) -> int:
    conn = session.connection()
    log = ChangeLog.__table__
    conn.execute(text("INSERT INTO app_meta(key, value) VALUES('history_erase', '1')"))  # opens the triggers
    try:
        mine = (log.c.record_kind == kind) & (log.c.record_id == str(person_id))
        changed = 0
        for row_id, changes in conn.execute(select(log.c.id, log.c.changes).where(mine)).all():
            blank = {c: [_blank(old), _blank(new)] for c, (old, new) in json.loads(changes or "{}").items()}
            conn.execute(
                update(log)
                .where(log.c.id == row_id)
                .values(label=ERASED_NAME, changes=json.dumps(blank, ensure_ascii=False))
            )
            changed += 1
        for trace in traces:
            for column in (log.c.label, log.c.changes, log.c.source_detail):
                changed += conn.execute(
                    update(log)
                    .where(column.contains(trace, autoescape=True))
                    .values({column.name: func.replace(column, trace, IN_TEXT)})
                ).rowcount
        return changed
    finally:
        conn.execute(text("DELETE FROM app_meta WHERE key = 'history_erase'"))


def _blank(value):
    return None if value is None else "（已删除）"
