"""调解: the marriage and family dispute mediation ledger.

Modules as in every domain: ``query`` (the ledger list), ``service`` (cases and follow-ups), ``report``
(``month_indicators``, ``ledger_rows``, ``monthly_outcomes``, ``cases_by_mediator``, ``period_stats``),
``reminders``, ``demo``; plus ``workflow`` (the checks of a case), ``documents`` (调解文书) and
``ledger_export`` (the yearly ledger workbook).
"""

from __future__ import annotations

from ..lazy_names import lazy_names

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import leading_reminders, reminders

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "common": "mask_name",
        "ledger_export": "export_ledger ledger_file_name",
        "query": "CaseFilters CaseRow case_years count_cases list_cases status_counts",
        "report": (
            "LEDGER_COLUMNS PeriodStats cases_by_mediator ledger_rows month_indicators "
            "monthly_outcomes period_stats year_ledger_rows"
        ),
        "service": (
            "CaseRecord CaseRefused FollowUpDraft case_id_by_number delete_case delete_followup "
            "draft_from_service get_case mediator_choices next_number save_case save_followup"
        ),
        "workflow": "CaseDraft PartyDraft Problem check_case check_followup derive_status",
    },
)

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
