"""The village profile: which federation this database belongs to.

Importing this module imports no SQLAlchemy: the window's title is read with ``sqlite3`` (``profile_in_file``)
as soon as the window has painted, without waiting for the engine 首页's read makes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .refusal import SaveRefused

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .database import Database

FIELD_LABELS = {
    "province": "省",
    "city": "市",
    "county": "县(区)",
    "township": "乡镇(街道)",
    "village": "村(社区)",
    "chair_name": "主席姓名",
    "chair_phone": "主席电话",
}


@dataclass
class Profile:
    province: str = ""
    city: str = ""
    county: str = ""
    township: str = ""
    village: str = ""
    chair_name: str = ""
    chair_phone: str = ""

    @property
    def title(self) -> str:
        """How the federation is named on reports: 县 + 乡镇 + 村."""
        return f"{self.county}{self.township}{self.village}"


def get_profile(session: Session) -> Profile | None:
    from .models import VillageProfile

    row = session.get(VillageProfile, 1)
    if row is None:
        return None
    return Profile(**{name: getattr(row, name) for name in FIELD_LABELS})


PROFILE_SQL = f"SELECT {', '.join(FIELD_LABELS)} FROM village_profile WHERE id = 1"


def profile_in_file(db: Database) -> Profile | None:
    """What ``get_profile`` gives, read with ``sqlite3`` in its own short transaction (no SQLAlchemy, no engine)."""
    row = db.read_row(PROFILE_SQL)
    return None if row is None else Profile(**dict(zip(FIELD_LABELS, row, strict=True)))


def validate_profile(profile: Profile) -> dict[str, str]:
    """Field name -> Chinese message, for every field that cannot be saved as typed."""
    from .validation import check_phone, check_required  # (the window reads the profile at every start)

    errors = {}
    for name, label in FIELD_LABELS.items():
        check = check_phone(profile.chair_phone) if name == "chair_phone" else None
        if name != "chair_phone" or not profile.chair_phone.strip():
            check = check_required(getattr(profile, name), label)
        if check and check.errors:
            errors[name] = check.errors[0]
    return errors


def save_profile(session: Session, profile: Profile) -> Profile:
    errors = validate_profile(profile)
    if errors:
        raise SaveRefused(errors)
    from .models import VillageProfile
    from .validation import check_phone

    clean = Profile(**{k: v.strip() for k, v in asdict(profile).items()})
    clean.chair_phone = check_phone(clean.chair_phone).value
    row = session.get(VillageProfile, 1) or VillageProfile(id=1)
    for name in FIELD_LABELS:
        setattr(row, name, getattr(clean, name))
    session.add(row)
    return clean
