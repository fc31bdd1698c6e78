"""网格: the "1+2+N" grids, households, the service log and the women's council.

One module per record (``assignments`` for grids and their 1+2 team, ``households``, ``services``,
``council``), then as in every domain ``report`` (``month_indicators``, ``service_rows``, ``meeting_rows``,
``monthly_services_by_role``, ``services_by_member``, ``coverage``), ``reminders``, ``demo``; plus ``board``
(网格公示牌) and ``household_import``.
"""

from __future__ import annotations

# Eager: the module ``reminders`` would otherwise stand where its function of the same name should.
from .reminders import reminders

# The rest of the domain: each module imported when one of its names is first used (PEP 562), so that
# 首页's read, which needs only the reminders and a few counts, loads none of the others.
_FROM_ASSIGNMENTS = (
    "GridData",
    "GridError",
    "delete_grid",
    "get_grid",
    "grid_choices",
    "list_grids",
    "next_grid_number",
    "save_grid",
    "serving_choices",
    "shape_warnings",
)
_FROM_COUNCIL = (
    "MeetingData",
    "MeetingError",
    "count_meetings",
    "delete_meeting",
    "get_meeting",
    "list_meetings",
    "save_meeting",
)
_FROM_HOUSEHOLDS = (
    "NO_GRID",
    "HouseholdData",
    "HouseholdError",
    "HouseholdFilter",
    "add_households",
    "count_households",
    "delete_households",
    "find_household_choices",
    "get_household",
    "household_choice",
    "household_choices",
    "list_households",
    "move_households",
    "save_household",
    "validate_household",
)
_FROM_LABELS = ("grid_label",)
_FROM_REPORT = (
    "GridCoverage",
    "coverage",
    "meeting_rows",
    "month_indicators",
    "monthly_services_by_role",
    "service_rows",
    "services_by_member",
)
_FROM_SERVICES = (
    "MEDIATION_ROLE",
    "ServiceData",
    "ServiceError",
    "ServiceFilter",
    "count_services",
    "delete_service",
    "get_service",
    "link_case",
    "list_services",
    "save_service",
    "services_for_case",
)


def __getattr__(name: str) -> object:
    if name in _FROM_ASSIGNMENTS:
        from . import assignments as module
    elif name in _FROM_COUNCIL:
        from . import council as module
    elif name in _FROM_HOUSEHOLDS:
        from . import households as module
    elif name in _FROM_LABELS:
        from . import labels as module
    elif name in _FROM_REPORT:
        from . import report as module
    elif name in _FROM_SERVICES:
        from . import services as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)  # found directly from now on
    return value


__all__ = [
    "serving_choices",
    "GridCoverage",
    "GridData",
    "GridError",
    "HouseholdData",
    "HouseholdError",
    "HouseholdFilter",
    "MEDIATION_ROLE",
    "MeetingData",
    "MeetingError",
    "NO_GRID",
    "ServiceData",
    "ServiceError",
    "ServiceFilter",
    "count_households",
    "count_meetings",
    "count_services",
    "coverage",
    "delete_grid",
    "delete_households",
    "delete_meeting",
    "delete_service",
    "get_grid",
    "get_household",
    "get_meeting",
    "get_service",
    "grid_choices",
    "grid_label",
    "find_household_choices",
    "household_choice",
    "household_choices",
    "link_case",
    "list_grids",
    "list_households",
    "list_meetings",
    "list_services",
    "meeting_rows",
    "month_indicators",
    "monthly_services_by_role",
    "move_households",
    "next_grid_number",
    "reminders",
    "save_grid",
    "save_household",
    "add_households",
    "save_meeting",
    "save_service",
    "service_rows",
    "services_by_member",
    "services_for_case",
    "shape_warnings",
    "validate_household",
]
