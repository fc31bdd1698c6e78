"""成员: the federation roster and the people helped. What the monthly report reads is in ``report``, the
reminders in ``reminders``, who holds office and the order of roles in ``office``, the list query and member
pickers in ``query``, editing in ``service``; ``helped``, ``roster_import`` and ``roster_export`` beside them."""

from __future__ import annotations

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, reminders

# The rest of the domain: each module imported when one of its names is first used (PEP 562), so that
# 首页's read, which needs only the reminders and a few counts, loads none of the others.
_FROM_OFFICE = ("in_office",)
_FROM_QUERY = ("MemberFilters", "MemberRow", "count_members", "list_members", "member_choices")
_FROM_REPORT = ("month_indicators", "roster_rows")
_FROM_SERVICE = (
    "MemberCheck",
    "MemberData",
    "MemberInvalid",
    "RemoveOutcome",
    "get_member",
    "member_references",
    "relation_warnings",
    "remove_member",
    "save_member",
    "validate_member",
)


def __getattr__(name: str) -> object:
    if name in _FROM_OFFICE:
        from . import office as module
    elif name in _FROM_QUERY:
        from . import query as module
    elif name in _FROM_REPORT:
        from . import report as module
    elif name in _FROM_SERVICE:
        from . import service as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)  # found directly from now on
    return value


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
