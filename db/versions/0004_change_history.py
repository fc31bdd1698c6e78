"""change history

修改记录 (issue 15): one table of changes, written by the session events of ``fedclient/core/history``, and
two triggers that refuse to change or delete its rows. The only exception is the erase of one person's data
(PIPL), which opens the door for its own transaction with the ``history_erase`` row in ``app_meta``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REFUSE = """CREATE TRIGGER change_log_no_{what} BEFORE {WHAT} ON change_log
WHEN NOT EXISTS (SELECT 1 FROM app_meta WHERE key = 'history_erase')
BEGIN SELECT RAISE(ABORT, '修改记录不能更改或删除'); END"""


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=40), nullable=False),
        sa.Column("owner_kind", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(length=10), nullable=False),
        sa.Column("source_detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    op.create_index(op.f("ix_change_log_at"), "change_log", ["at"], unique=False)
    op.create_index("ix_change_log_owner", "change_log", ["owner_kind", "owner_id"], unique=False)
    op.create_index("ix_change_log_record", "change_log", ["record_kind", "record_id"], unique=False)
    op.execute(REFUSE.format(what="update", WHAT="UPDATE"))
    op.execute(REFUSE.format(what="delete", WHAT="DELETE"))


def downgrade() -> None:
    op.execute("DROP TRIGGER change_log_no_delete")
    op.execute("DROP TRIGGER change_log_no_update")
    op.drop_index("ix_change_log_record", table_name="change_log")
    op.drop_index("ix_change_log_owner", table_name="change_log")
    op.drop_index(op.f("ix_change_log_at"), table_name="change_log")
    op.drop_table("change_log")
