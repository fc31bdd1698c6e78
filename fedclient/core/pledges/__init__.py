"""承诺: one-sentence pledges (一句话承诺), their progress entries (践诺记录) and status.

Modules as in every domain: ``query`` (the list), ``service`` (saving), ``report`` (``month_indicators``,
``ledger_rows``, ``status_counts`` for the monthly report and 首页), ``reminders``, ``demo``; plus ``status``
(one rule for a pledge's status, in Python and SQL), ``assessment`` (执委履职考核) and ``board`` (公示栏).
"""

from __future__ import annotations

from ..lazy_names import lazy_names

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, missing_pledges, reminders

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "query": (
            "EntryRow PledgeDetail PledgeFilters PledgeRow count_pledges get_pledge list_pledges "
            "standard_label"
        ),
        "report": "ledger_rows month_indicators status_counts",
        "service": (
            "BOARD_LINE_CHARS PledgeError PledgeInput add_entry check_pledge copy_from_last_year "
            "delete_entry delete_pledge executive_choices save_pledge update_entry"
        ),
        "status": "DONE IN_PROGRESS MILESTONE NOT_STARTED OVERDUE QUANTITY STATUSES pledge_status",
    },
)

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
