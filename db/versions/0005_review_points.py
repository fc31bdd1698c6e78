"""述职评议 ballots, volunteer hours and the points exchanged (issue 17)

Hours on grid services and progress entries (0 for what was recorded before), the counted 民主测评 ballots
per member and year, and 积分超市 redemptions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 03:46:06.569225
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "point_redemptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_point_redemptions_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_redemptions")),
    )
    with op.batch_alter_table("point_redemptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_point_redemptions_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_point_redemptions_member_id"), ["member_id"], unique=False)

    op.create_table(
        "review_ballot_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("fairly_satisfied", sa.Integer(), nullable=False),
        sa.Column("dissatisfied", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_review_ballot_counts_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_ballot_counts")),
        sa.UniqueConstraint("year", "member_id", name=op.f("uq_review_ballot_counts_year")),
    )
    with op.batch_alter_table("review_ballot_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_ballot_counts_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_ballot_counts_year"), ["year"], unique=False)

    with op.batch_alter_table("grid_services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours", sa.Float(), server_default="0", nullable=False))

    with op.batch_alter_table("pledge_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours", sa.Float(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("pledge_progress", schema=None) as batch_op:
        batch_op.drop_column("hours")

    with op.batch_alter_table("grid_services", schema=None) as batch_op:
        batch_op.drop_column("hours")

    with op.batch_alter_table("review_ballot_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_ballot_counts_year"))
        batch_op.drop_index(batch_op.f("ix_review_ballot_counts_member_id"))

    op.drop_table("review_ballot_counts")
    with op.batch_alter_table("point_redemptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_point_redemptions_member_id"))
        batch_op.drop_index(batch_op.f("ix_point_redemptions_date"))

    op.drop_table("point_redemptions")
