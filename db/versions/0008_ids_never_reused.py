"""ids never reused

修改记录 names records by their id. Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so after
the newest member is deleted the next one added got her id: the old member's history showed under the new
one, and an export of one person's history could include another's. Every table whose rows the history
records by one integer id is rebuilt with AUTOINCREMENT (SQLite's own procedure for changing a table: foreign
keys are off for the whole upgrade (``migrate.upgrade_to_head``), the new table made from the old one's own
definition with only its key changed, the rows copied as they are, the old table dropped and the new one
renamed, its indexes and triggers made again), and each table's ``sqlite_sequence`` starts at the highest id
ever used: the larger of the largest id stored and the largest the history has recorded for that kind, so an
id deleted before this upgrade is not handed out again either. Checked at the end (``integrity_check`` of the
tables rebuilt; the caller runs ``foreign_key_check``); all in the upgrade's one transaction.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 13:50:00
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Every table with one integer id the history records (change_log's own ids only order the history).
TABLES = (
    "village_profile",
    "members",
    "member_contacts",
    "helped_people",
    "pledges",
    "pledge_progress",
    "assessments",
    "mediation_cases",
    "case_parties",
    "case_followups",
    "grids",
    "households",
    "grid_services",
    "council_meetings",
    "council_decisions",
    "point_redemptions",
    "review_ballot_counts",
    "duty_shifts",
)
_HEAD = re.compile(r'^CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?\s*\(')
_ID = re.compile(r"(\(\s*)id INTEGER NOT NULL,")
_PK = re.compile(r",\s*CONSTRAINT (pk_\w+) PRIMARY KEY \(id\)")
_ID_AUTO = re.compile(r"(\(\s*)id INTEGER NOT NULL CONSTRAINT (pk_\w+) PRIMARY KEY AUTOINCREMENT,")


def with_autoincrement(sql: str) -> str:
    """``id INTEGER NOT NULL, …, CONSTRAINT pk_x PRIMARY KEY (id)`` → the key declared on the column, with
    AUTOINCREMENT (SQLite accepts it only there), under the same constraint name."""
    pk = _PK.search(sql)
    if pk is None or _ID.search(sql) is None:
        raise RuntimeError(f"unexpected table definition: {sql[:80]}")
    sql = sql[: pk.start()] + sql[pk.end() :]
    return _ID.sub(
        rf"\1id INTEGER NOT NULL CONSTRAINT {pk.group(1)} PRIMARY KEY AUTOINCREMENT,", sql, count=1
    )


def without_autoincrement(sql: str) -> str:
    found = _ID_AUTO.search(sql)
    if found is None:
        raise RuntimeError(f"unexpected table definition: {sql[:80]}")
    name = found.group(2)
    sql = _ID_AUTO.sub(r"\1id INTEGER NOT NULL,", sql, count=1)
    end = sql.rstrip().rstrip(")").rstrip()
    return f"{end}, \n\tCONSTRAINT {name} PRIMARY KEY (id)\n)"


def rebuild(conn, table: str, change) -> None:
    """SQLite's procedure for changing a table the ALTER TABLE statement cannot change (foreign keys off)."""
    sql = conn.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    ).scalar_one()
    others = (
        conn.execute(
            sa.text(
                "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = :t "
                "AND sql IS NOT NULL ORDER BY type, name"
            ),
            {"t": table},
        )
        .scalars()
        .all()
    )
    new = f"_new_{table}"
    head = _HEAD.match(sql)
    if head is None or head.group(1) != table:
        raise RuntimeError(f"unexpected table definition: {sql[:80]}")
    conn.exec_driver_sql(f'CREATE TABLE "{new}" (' + change(sql)[head.end() :])
    conn.exec_driver_sql(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for statement in others:
        conn.exec_driver_sql(statement)


def highest_ever(conn, table: str) -> int:
    """The largest id stored or recorded in the history (created, changed, deleted, or owning a part)."""
    return conn.execute(
        sa.text(
            f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), '  # noqa: S608 - our own table names
            "coalesce((SELECT max(CAST(record_id AS INTEGER)) FROM change_log WHERE record_kind = :t), 0), "
            "coalesce((SELECT max(CAST(owner_id AS INTEGER)) FROM change_log WHERE owner_kind = :t), 0))"
        ),
        {"t": table},
    ).scalar_one()


def check(conn) -> None:
    for table in TABLES:
        found = conn.exec_driver_sql(f'PRAGMA integrity_check("{table}")').scalars().all()
        if found != ["ok"]:
            raise RuntimeError(f"{table}: " + "; ".join(found[:3]))


def upgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        rebuild(conn, table, with_autoincrement)
        seq = highest_ever(conn, table)
        conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table})
        if seq:
            conn.execute(
                sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :s)"), {"t": table, "s": seq}
            )
    check(conn)


def downgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        rebuild(conn, table, without_autoincrement)
    conn.exec_driver_sql("DELETE FROM sqlite_sequence")
    check(conn)
