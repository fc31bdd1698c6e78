from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class VillageProfile(Timestamps, Base):
    """The one village federation this database belongs to (a single row, id 1)."""

    __tablename__ = "village_profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    county: Mapped[str] = mapped_column(String(40), default="")
    township: Mapped[str] = mapped_column(String(40), default="")
    village: Mapped[str] = mapped_column(String(40), default="")
    chair_name: Mapped[str] = mapped_column(String(40), default="")
    chair_phone: Mapped[str] = mapped_column(String(20), default="")
