"""A list's statements compiled once and sent as plain SQL (``listing.prepared_rows``) give what SQLAlchemy's own
execution gives: the same rows with dates as dates and booleans as booleans, new values each time, expanding id
lists of any length, the session's pending changes seen, and every statement visible to the engine's events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select

from fedclient.core.listing import prepared_ids, prepared_rows
from fedclient.core.models import MediationCase, Member
from tests.conftest import statements_run

COLUMNS = (
    MediationCase.id,
    MediationCase.received_date,
    MediationCase.closed_date,
    MediationCase.turned_criminal,
)


def _cases_by_ids():
    return select(*COLUMNS).where(MediationCase.id.in_(bindparam("ids", expanding=True)))


def test_the_same_rows_and_values_as_sqlalchemy(demo_db):
    with demo_db.session() as s:
        ids = list(s.scalars(select(MediationCase.id).order_by(MediationCase.id)))
        for some in (ids[:1], ids[:7], ids[3:40], ids):
            expected = sorted(tuple(r) for r in s.execute(select(*COLUMNS).where(MediationCase.id.in_(some))))
            got = sorted(prepared_rows(s, "test.cases", _cases_by_ids, ids=some))
            assert got == expected and len(got) == len(some)
        received = [r[1] for r in prepared_rows(s, "test.cases", _cases_by_ids, ids=ids)]
        assert all(isinstance(d, date) for d in received)
        assert {type(r[3]) for r in prepared_rows(s, "test.cases", _cases_by_ids, ids=ids)} == {bool}


def test_new_values_each_time_and_pending_changes_seen(db):
    def by_name():
        return select(Member.id).where(Member.name.like(bindparam("name"))).order_by(Member.id)

    with db.session() as s:
        s.add_all([Member(name="张秀兰", role="volunteer"), Member(name="李红", role="volunteer")])
        # Not flushed yet: found all the same, as ``session.execute`` would find them.
        zhang = prepared_ids(s, "test.names", by_name, name="张%")
        li = prepared_ids(s, "test.names", by_name, name="李%")
        nobody = prepared_ids(s, "test.names", by_name, name="王%")
    assert len(zhang) == 1 and len(li) == 1 and zhang != li and nobody == []


def test_statements_are_seen_by_the_engine_events(demo_db):
    """The benchmarks' floors replay what the engine's events saw: the plain SQL must pass through them."""
    with statements_run(demo_db.engine) as seen, demo_db.session() as s:
        prepared_rows(s, "test.cases", _cases_by_ids, ids=[1, 2, 3])
    assert [tuple(p) for st, p in seen if "IN (?, ?, ?)" in st] == [(1, 2, 3)]


def test_a_setting_reads_its_default_then_what_was_set_even_before_the_flush(db):
    from fedclient.core.settings import DEFAULTS, get_int, set_setting

    with db.session() as s:
        assert get_int(s, "case_overdue_days") == int(DEFAULTS["case_overdue_days"])
        set_setting(s, "case_overdue_days", "45")
        assert get_int(s, "case_overdue_days") == 45
        set_setting(s, "case_overdue_days", "60")  # the row exists now: an update, still unflushed
        assert get_int(s, "case_overdue_days") == 60
    assert db.run(get_int, "case_overdue_days") == 60
