"""Every list reads its filtered, sorted ids once and its rows by id: the order is the one the chair chose,
the filters leave out what they should, and a row is found by looking its id up in the list."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select

from fedclient.core import grids
from fedclient.core import mediation as med
from fedclient.core import pledges as P
from fedclient.core.grids import households, services
from fedclient.core.mediation import query as cases
from fedclient.core.members import MemberFilters
from fedclient.core.members import query as roster
from fedclient.core.models import MediationCase
from fedclient.core.pledges import query as pledge_list
from tests.conftest import statements_run

TODAY = date(2026, 11, 25)


def test_case_list_orders_filters_and_reads_rows_by_id(demo_db):
    by_number = list(demo_db.run(cases.list_ids, med.CaseFilters(), "number"))
    rows = demo_db.run(cases.rows_by_ids, by_number, TODAY)
    assert [r.id for r in rows] == by_number and len(rows) >= 25
    numbers = [tuple(map(int, r.number.split("-"))) for r in rows]
    assert numbers == sorted(numbers, reverse=True)  # newest number first
    received = [r.received_date for r in demo_db.run(med.list_cases, med.CaseFilters(), "received")]
    assert received == sorted(received, reverse=True)
    risks = [r.risk_level for r in demo_db.run(med.list_cases, med.CaseFilters(), "risk")]
    assert risks == sorted(risks, key="红黄蓝".index) and risks[0] == "红"
    yellow = list(demo_db.run(cases.list_ids, med.CaseFilters(risk_level="黄")))
    assert yellow and set(yellow) < set(by_number)
    assert {r.risk_level for r in demo_db.run(cases.rows_by_ids, yellow)} == {"黄"}
    # Rows come back in the order asked for, whatever order the ids are in.
    backwards = by_number[::-1][:7]
    assert [r.id for r in demo_db.run(cases.rows_by_ids, backwards)] == backwards


def test_the_count_line_by_status_matches_the_list_read_with_it(demo_db):
    """The tab reads the list and its 共 N 件（调解中 a，已结案 b）line together; the numbers must agree."""
    for filters in (med.CaseFilters(), med.CaseFilters(risk_level="黄"), med.CaseFilters(text="张")):
        ids, counts = demo_db.run(cases.ids_and_status_counts, filters, "received")
        assert ids == list(demo_db.run(cases.list_ids, filters, "received"))
        assert counts == demo_db.run(med.status_counts, filters) and sum(counts.values()) == len(ids)
    closed = med.CaseFilters(status="已结案")
    ids, counts = demo_db.run(cases.ids_and_status_counts, closed)
    assert ids == list(demo_db.run(cases.list_ids, closed)) and counts["已结案"] == len(ids) < sum(
        counts.values()
    )


def test_a_record_deleted_after_the_ids_were_read_is_left_out(demo_db):
    ids = list(demo_db.run(cases.list_ids, med.CaseFilters()))
    demo_db.run(lambda s: s.delete(s.get(MediationCase, ids[1])))
    assert [r.id for r in demo_db.run(cases.rows_by_ids, ids[:3])] == [ids[0], ids[2]]


def test_households_by_grid_then_address_and_those_in_no_grid_last(demo_db):
    ids = list(demo_db.run(households.list_ids, grids.HouseholdFilter()))
    rows = demo_db.run(households.rows_by_ids, ids)
    assert [r.id for r in rows] == ids
    in_grid = [r for r in rows if r.grid_id is not None]
    assert rows[: len(in_grid)] == in_grid, "households in no grid come last"
    first_grid = list(demo_db.run(households.list_ids, grids.HouseholdFilter(grid_id=rows[0].grid_id)))
    assert first_grid == [r.id for r in rows if r.grid_id == rows[0].grid_id]
    assert rows[-1].id not in first_grid


def test_services_newest_first_and_filtered_by_role(demo_db):
    ids = list(demo_db.run(services.list_ids, grids.ServiceFilter(role="矛盾调解")))
    rows = demo_db.run(services.rows_by_ids, ids)
    assert rows and {r.role for r in rows} == {"矛盾调解"}
    assert [r.date for r in rows] == sorted((r.date for r in rows), reverse=True)


def test_pledge_list_filters_by_status_and_year(demo_db):
    everything = P.PledgeFilters(year=2026, as_of=TODAY)
    ids = list(demo_db.run(pledge_list.list_ids, everything))
    rows = demo_db.run(pledge_list.rows_by_ids, ids, TODAY)
    assert len(rows) > 3 and [r.id for r in rows] == ids
    assert [r.id for r in demo_db.run(P.list_pledges, everything)] == ids
    done = list(demo_db.run(pledge_list.list_ids, P.PledgeFilters(year=2026, as_of=TODAY, status=P.DONE)))
    assert done == [r.id for r in rows if r.status == P.DONE]
    last_year = list(demo_db.run(pledge_list.list_ids, P.PledgeFilters(year=2025, as_of=TODAY)))
    assert last_year and not set(last_year) & set(ids)


def test_the_roster_default_order_is_read_from_its_index_not_sorted(db):
    """50,000 members open as fast as 50: the default order (in office, rank, pinyin) comes from
    ix_members_roster_order. If ROLE_RANK changes, this fails until a migration renews the index."""
    with statements_run(db.engine) as seen:
        db.run(roster.list_ids, MemberFilters())
    statement, parameters = seen[-1]
    with db.engine.connect() as conn:
        plan = " / ".join(
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert "ix_members_roster_order" in plan and "TEMP B-TREE" not in plan, plan


def test_a_long_list_keeps_its_ids_as_machine_integers_read_in_pieces(demo_db):
    """A county's 50,000 services: the ids come as one array of 8-byte integers, read a few thousand rows at a
    time (never 50,000 row tuples at once), in the list's order (issue 18)."""
    from array import array

    from fedclient.core.listing import IDS_PER_FETCH
    from fedclient.core.models import Grid, GridService

    with demo_db.session() as session:
        grid_id = session.scalars(select(Grid.id)).first()
        session.execute(
            insert(GridService),
            [{"date": date(2026, 1, 1) + timedelta(days=i % 300), "grid_id": grid_id, "role": "政策宣传",
              "description": f"第{i}次"} for i in range(2 * IDS_PER_FETCH + 7)],
        )  # fmt: skip
        expected = list(session.scalars(select(GridService.id).order_by(*services.SERVICE_ORDER)))
    ids = demo_db.run(services.list_ids, grids.ServiceFilter())
    assert isinstance(ids, array) and ids.typecode == "q"
    assert list(ids) == expected and len(ids) > 2 * IDS_PER_FETCH
