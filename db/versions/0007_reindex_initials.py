"""Pinyin initials read character by character (issue 14 item 8)

The search index of names (``name_initials``) is recomputed for everyone already stored: names used to be read
with pypinyin's phrase matching, which hid the surname's other readings (查明霞 had only cmx, not zmx).
Data only: no table or column changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 05:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = (
    ("members", "name"),
    ("helped_people", "name"),
    ("households", "contact_name"),
    ("case_parties", "name"),
)


def upgrade() -> None:
    from fedclient.core.pinyin import initials_index

    conn = op.get_bind()
    for table, column in TABLES:
        rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table}")).fetchall()
        updates = [{"id": i, "initials": initials_index(name or "")} for i, name in rows]
        if updates:
            conn.execute(sa.text(f"UPDATE {table} SET name_initials = :initials WHERE id = :id"), updates)


def downgrade() -> None:
    pass  # the new initials are a superset of the old ones: nothing to undo
