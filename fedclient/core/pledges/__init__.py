"""承诺: one-sentence pledges (一句话承诺), their progress entries (践诺记录) and status.

Modules as in every domain: ``query`` (the list), ``service`` (saving), ``report`` (``month_indicators``,
``ledger_rows``, ``status_counts`` for the monthly report and 首页), ``reminders``, ``demo``; plus ``status``
(one rule for a pledge's status, in Python and SQL), ``assessment`` (执委履职考核) and ``board`` (公示栏).
"""

from __future__ import annotations

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, missing_pledges, reminders

# The rest of the domain: each module imported when one of its names is first used (PEP 562), so that
# 首页's read, which needs only the reminders and a few counts, loads none of the others.
_FROM_QUERY = (
    "EntryRow",
    "PledgeDetail",
    "PledgeFilters",
    "PledgeRow",
    "count_pledges",
    "get_pledge",
    "list_pledges",
    "standard_label",
)
_FROM_REPORT = ("ledger_rows", "month_indicators", "status_counts")
_FROM_SERVICE = (
    "BOARD_LINE_CHARS",
    "PledgeError",
    "PledgeInput",
    "add_entry",
    "check_pledge",
    "copy_from_last_year",
    "delete_entry",
    "delete_pledge",
    "executive_choices",
    "save_pledge",
    "update_entry",
)
_FROM_STATUS = (
    "DONE",
    "IN_PROGRESS",
    "MILESTONE",
    "NOT_STARTED",
    "OVERDUE",
    "QUANTITY",
    "STATUSES",
    "pledge_status",
)


def __getattr__(name: str) -> object:
    if name in _FROM_QUERY:
        from . import query as module
    elif name in _FROM_REPORT:
        from . import report as module
    elif name in _FROM_SERVICE:
        from . import service as module
    elif name in _FROM_STATUS:
        from . import status as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)  # found directly from now on
    return value


__all__ = [
    "BOARD_LINE_CHARS",
    "DONE",
    "EntryRow",
    "IN_PROGRESS",
    "MILESTONE",
    "NOT_STARTED",
    "OVERDUE",
    "PledgeDetail",
    "PledgeError",
    "PledgeFilters",
    "PledgeInput",
    "PledgeRow",
    "QUANTITY",
    "STATUSES",
    "add_entry",
    "check_pledge",
    "copy_from_last_year",
    "count_pledges",
    "delete_entry",
    "delete_pledge",
    "executive_choices",
    "get_pledge",
    "ledger_rows",
    "list_pledges",
    "missing_pledges",
    "month_indicators",
    "pledge_status",
    "leading_reminders",
    "reminders",
    "save_pledge",
    "standard_label",
    "status_counts",
    "update_entry",
]
