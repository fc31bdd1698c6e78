"""网格: the "1+2+N" grids, households, the service log and the women's council.

One module per record (``assignments`` for grids and their 1+2 team, ``households``, ``services``,
``council``), then as in every domain ``report`` (``month_indicators``, ``service_rows``, ``meeting_rows``,
``monthly_services_by_role``, ``services_by_member``, ``coverage``), ``reminders``, ``demo``; plus ``board``
(网格公示牌) and ``household_import``.
"""

from __future__ import annotations

from .assignments import (
    GridData,
    GridError,
    delete_grid,
    get_grid,
    grid_choices,
    list_grids,
    next_grid_number,
    save_grid,
    shape_warnings,
)
from .council import (
    MeetingData,
    MeetingError,
    count_meetings,
    delete_meeting,
    get_meeting,
    list_meetings,
    save_meeting,
)
from .households import (
    NO_GRID,
    HouseholdData,
    HouseholdError,
    HouseholdFilter,
    count_households,
    delete_households,
    get_household,
    household_choices,
    list_households,
    move_households,
    save_household,
    validate_household,
)
from .labels import grid_label
from .reminders import reminders
from .report import (
    GridCoverage,
    coverage,
    meeting_rows,
    month_indicators,
    monthly_services_by_role,
    service_rows,
    services_by_member,
)
from .services import (
    MEDIATION_ROLE,
    ServiceData,
    ServiceError,
    ServiceFilter,
    count_services,
    delete_service,
    get_service,
    link_case,
    list_services,
    save_service,
    services_for_case,
)

__all__ = [
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
    "save_meeting",
    "save_service",
    "service_rows",
    "services_by_member",
    "services_for_case",
    "shape_warnings",
    "validate_household",
]
