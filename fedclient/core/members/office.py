"""Who holds office on a day, and the order of roles (主席, 副主席, ... 巾帼志愿者): one definition for every
domain's lists, reports and reminders."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, literal_column, or_

from ..models import HelpedPerson, Member
from ..vocab import ROLES

# Written out in the SQL (not bound parameters) so that SQLite can read the roster's default order from the
# index ix_members_roster_order (db/versions/0003), which repeats this CASE word for word.
ROLE_RANK = case(
    {literal_column(f"'{code}'"): literal_column(str(rank)) for rank, code in enumerate(ROLES)},
    value=Member.role,
    else_=literal_column(str(len(ROLES))),
)

_RANK_OF_LABEL = {label: rank for rank, label in enumerate(ROLES.values())}


def role_rank(label: str) -> int:
    """``ROLE_RANK`` of a role as shown (主席, 执委…), for rows worked out in Python that carry the label."""
    return _RANK_OF_LABEL.get(label, len(ROLES))


def in_office(day: date):
    """SQL condition: the member held her post on ``day``."""
    return and_(
        or_(Member.term_start.is_(None), Member.term_start <= day),
        or_(Member.status == "active", and_(Member.left_date.is_not(None), Member.left_date > day)),
    )


def in_office_between(first: date, last: date):
    """SQL condition: the member held her post on some day from ``first`` to ``last`` (one who left on
    ``first`` counts: she served that period)."""
    return and_(
        or_(Member.term_start.is_(None), Member.term_start <= last),
        or_(Member.status == "active", and_(Member.left_date.is_not(None), Member.left_date >= first)),
    )


def helped_in_register(day: date):
    """SQL condition: a person helped was in the register (being helped) on ``day``."""
    return and_(
        or_(HelpedPerson.start_date.is_(None), HelpedPerson.start_date <= day),
        or_(
            HelpedPerson.status == "帮扶中",
            and_(HelpedPerson.end_date.is_not(None), HelpedPerson.end_date > day),
        ),
    )
