"""调解: the marriage and family dispute mediation ledger.

Modules as in every domain: ``query`` (the ledger list), ``service`` (cases and follow-ups), ``report``
(``month_indicators``, ``ledger_rows``, ``monthly_outcomes``, ``cases_by_mediator``, ``period_stats``),
``reminders``, ``demo``; plus ``workflow`` (the checks of a case), ``documents`` (调解文书) and
``ledger_export`` (the yearly ledger workbook).
"""

from __future__ import annotations

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, reminders

# The rest of the domain: each module imported when one of its names is first used (PEP 562), so that
# 首页's read, which needs only the reminders and a few counts, loads none of the others.
_FROM_COMMON = ("mask_name",)
_FROM_LEDGER_EXPORT = ("export_ledger", "ledger_file_name")
_FROM_QUERY = ("CaseFilters", "CaseRow", "case_years", "count_cases", "list_cases", "status_counts")
_FROM_REPORT = (
    "LEDGER_COLUMNS",
    "PeriodStats",
    "cases_by_mediator",
    "ledger_rows",
    "month_indicators",
    "monthly_outcomes",
    "period_stats",
    "year_ledger_rows",
)
_FROM_SERVICE = (
    "CaseRecord",
    "CaseRefused",
    "FollowUpDraft",
    "case_id_by_number",
    "delete_case",
    "delete_followup",
    "draft_from_service",
    "get_case",
    "mediator_choices",
    "next_number",
    "save_case",
    "save_followup",
)
_FROM_WORKFLOW = ("CaseDraft", "PartyDraft", "Problem", "check_case", "check_followup", "derive_status")


def __getattr__(name: str) -> object:
    if name in _FROM_COMMON:
        from . import common as module
    elif name in _FROM_LEDGER_EXPORT:
        from . import ledger_export as module
    elif name in _FROM_QUERY:
        from . import query as module
    elif name in _FROM_REPORT:
        from . import report as module
    elif name in _FROM_SERVICE:
        from . import service as module
    elif name in _FROM_WORKFLOW:
        from . import workflow as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)  # found directly from now on
    return value


__all__ = [
    "LEDGER_COLUMNS",
    "export_ledger",
    "ledger_file_name",
    "year_ledger_rows",
    "CaseDraft",
    "CaseFilters",
    "CaseRecord",
    "CaseRefused",
    "CaseRow",
    "FollowUpDraft",
    "PartyDraft",
    "PeriodStats",
    "Problem",
    "case_id_by_number",
    "case_years",
    "cases_by_mediator",
    "check_case",
    "check_followup",
    "count_cases",
    "delete_case",
    "delete_followup",
    "derive_status",
    "draft_from_service",
    "get_case",
    "ledger_rows",
    "list_cases",
    "mask_name",
    "mediator_choices",
    "month_indicators",
    "monthly_outcomes",
    "next_number",
    "period_stats",
    "leading_reminders",
    "reminders",
    "save_case",
    "save_followup",
    "status_counts",
]
