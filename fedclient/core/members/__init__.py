"""成员: the federation roster and the people helped. What the monthly report reads is in ``report``, the
reminders in ``reminders``, who holds office and the order of roles in ``office``, the list query and member
pickers in ``query``, editing in ``service``; ``helped``, ``roster_import`` and ``roster_export`` beside them."""

from __future__ import annotations

from ..lazy_names import lazy_names

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, reminders

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "office": "in_office",
        "query": "MemberFilters MemberRow count_members list_members member_choices",
        "report": "month_indicators roster_rows",
        "service": (
            "MemberCheck MemberData MemberInvalid RemoveOutcome get_member member_references "
            "relation_warnings remove_member save_member validate_member"
        ),
    },
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
    "leading_reminders",
    "reminders",
    "roster_rows",
    "save_member",
    "validate_member",
]
