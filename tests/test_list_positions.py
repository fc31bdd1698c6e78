"""Selecting a record (from a reminder or a link) asks SQL where it stands; the answer must be its row in the list."""

from __future__ import annotations

from fedclient.core import grids
from fedclient.core import mediation as med

BIG = 100_000


def test_case_positions_match_the_list_in_every_sort_and_filter(demo_db):
    for filters in (med.CaseFilters(), med.CaseFilters(risk_level="黄"), med.CaseFilters(status="已结案")):
        for sort in ("number", "received", "risk"):
            rows = demo_db.run(med.list_cases, filters, sort, 0, BIG)
            assert rows
            for index, row in enumerate(rows):
                assert demo_db.run(med.case_position, filters, row.id, sort) == index
    red = demo_db.run(med.list_cases, med.CaseFilters(risk_level="红"), "number", 0, BIG)[0]
    assert demo_db.run(med.case_position, med.CaseFilters(risk_level="蓝"), red.id) == -1


def test_household_positions_match_the_list(demo_db):
    filters = grids.HouseholdFilter()
    rows = demo_db.run(grids.list_households, filters, "grid", 0, BIG)
    for index in (0, 1, len(rows) // 2, len(rows) - 1):  # the last ones are the households in no grid
        assert demo_db.run(grids.household_position, filters, rows[index].id, "grid") == index
    in_grid = grids.HouseholdFilter(grid_id=rows[0].grid_id)
    assert demo_db.run(grids.household_position, in_grid, rows[-1].id, "grid") == -1


def test_service_positions_match_the_list(demo_db):
    filters = grids.ServiceFilter(role="矛盾调解")
    rows = demo_db.run(grids.list_services, filters, 0, BIG)
    for index, row in enumerate(rows):
        assert demo_db.run(grids.service_position, filters, row.id) == index
