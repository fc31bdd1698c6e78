"""成员: the federation roster. The cross-domain contract (month_indicators, roster_rows, reminders,
member_choices) lives in ``contract``; the list query in ``query``; editing in ``service``."""

from .query import MemberFilters, MemberRow, count_members, list_members, row_number_of
from .report import in_office, member_choices, month_indicators, reminders, roster_rows
from .service import (
    MemberCheck,
    MemberData,
    MemberInvalid,
    RemoveOutcome,
    get_member,
    member_references,
    relation_warnings,
    remove_member,
    save_member,
    validate_member,
)

__all__ = [
    "MemberCheck",
    "MemberData",
    "MemberFilters",
    "MemberInvalid",
    "MemberRow",
    "RemoveOutcome",
    "count_members",
    "get_member",
    "in_office",
    "list_members",
    "member_choices",
    "member_references",
    "month_indicators",
    "relation_warnings",
    "remove_member",
    "reminders",
    "roster_rows",
    "row_number_of",
    "save_member",
    "validate_member",
]
