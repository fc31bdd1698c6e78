from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ChangeLog(Base):
    """修改记录: one create, update or delete of a record (or a reveal, an erase, a restore), written in the
    same transaction as the change. Triggers (db/versions/0004) refuse UPDATE and DELETE of these rows except
    inside the erase of one person's data (PIPL)."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_record", "record_kind", "record_id"),
        Index("ix_change_log_owner", "owner_kind", "owner_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete / reveal / erase / restore
    record_kind: Mapped[str] = mapped_column(String(40))  # the table's name
    record_id: Mapped[str] = mapped_column(String(40))  # "12", or "3:5" for a two-column key
    # The record whose 修改记录 shows this row too: a case for its parties, a pledge for its progress.
    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200), default="")
    # JSON {column: [old, new]}, sensitive values masked; written with the characters themselves (not \u escapes),
    # so that erasing a person can find her name in it.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    source_kind: Mapped[str] = mapped_column(String(10))
    source_detail: Mapped[str] = mapped_column(Text, default="")
