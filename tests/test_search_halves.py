"""A search of a long roster tests every member in two halves at once (``listing.scanned_in_halves``): the chair
sees exactly the list one statement gives, in the same order, for every sort, both directions, with members
who have no birth date, term or ID number; and what her own unsaved work added is found too."""

from __future__ import annotations

import random
import threading
import time
from datetime import date

import pytest
from sqlalchemy import insert

from fedclient.core import listing
from fedclient.core.members import MemberFilters
from fedclient.core.members import query as roster
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from fedclient.core.vocab import ROLES
from tests.conftest import statements_run

SURNAMES = "张王李赵刘陈杨黄周吴"
GIVEN = "秀兰英华芳玉红梅丽霞敏静"
SEARCHES = ("z", "zxl", "秀", "张秀", "138", "0736", "wh")


def _members(n: int) -> list[dict]:
    rng = random.Random(7)
    rows = []
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        rows.append(
            {
                "name": name,
                "name_initials": initials_index(name),
                "gender": "女",
                "birth_date": None if i % 7 == 0 else date(rng.randint(1950, 2000), rng.randint(1, 12), 1),
                "id_number": None if i % 3 == 0 else f"43070119{i:08d}{rng.randint(10, 99)}",
                "phone": f"0736-{rng.randint(1000000, 9999999)}"
                if i % 9 == 0
                else f"138{rng.randint(0, 10**8 - 1):08d}",
                "role": rng.choice(list(ROLES)),
                "post": rng.choice(["", "留守儿童关爱", "调解"]),
                "specialty": rng.choice(["", "家庭教育", "法律"]),
                "group_name": f"{rng.randint(1, 9)}组",
                "term_end": None if i % 2 else date(2027, rng.randint(1, 12), 1),
                "status": "left" if i % 10 == 0 else "active",
            }
        )
    return rows


@pytest.fixture
def long_roster(db):
    with db.session() as session:
        session.execute(insert(Member), _members(2 * listing.MIN_HALF + 500))
    return db


def _statements(db, fn, *args) -> tuple[object, list[str]]:
    with statements_run(db.engine) as seen:
        result = db.run(fn, *args)
    return result, [statement for statement, _ in seen]


def test_two_halves_list_what_one_statement_lists_in_every_order(long_roster, monkeypatch):
    sorts = [roster.DEFAULT_SORT] + [(key, down) for key in roster.SORTS for down in (False, True)]
    cases = [
        (MemberFilters(text, None, status), sort)
        for text in SEARCHES
        for status in (None, "left")
        for sort in sorts
    ]
    halves = [_statements(long_roster, roster.list_ids, *case) for case in cases]
    assert all(
        any("members.id <= ?" in s for s in seen) and any("members.id > ?" in s for s in seen)
        for _, seen in halves
    )
    monkeypatch.setattr(listing, "MIN_HALF", 10**9)  # every search in one statement
    whole = [_statements(long_roster, roster.list_ids, *case) for case in cases]
    assert not any("members.id > ?" in s for _, seen in whole for s in seen)
    for case, (split, _), (one, _) in zip(cases, halves, whole, strict=True):
        assert split == one, case
    found = [len(ids) for (filters, _), (ids, _) in zip(cases, halves, strict=True) if filters.status is None]
    assert min(found) > 0 and max(found) > 2000  # searches that find few members and many


def test_initials_found_as_any_reading_and_not_inside_one(db):
    with db.session() as session:
        session.execute(
            insert(Member),
            [
                {"name": name, "name_initials": initials_index(name), "role": "volunteer"}
                for name in ("张秀兰", "单秀英", "李长华")
            ],
        )

    def names(text: str) -> list[str]:
        ids = db.run(roster.list_ids, MemberFilters(text))
        return sorted(row.name for row in db.run(roster.rows_by_ids, ids))

    assert names("zxl") == ["张秀兰"]
    assert names("sxy") == names("dxy") == ["单秀英"]  # 单 read shan or dan: either reading finds her
    assert names("lch") == names("lzh") == ["李长华"]
    assert names("xl") == []  # initials start a reading, never from its middle


def test_a_search_in_a_session_that_has_written_sees_its_own_changes(long_roster):
    """The other half's connection would not see an unsaved member: such a search is read in one go."""
    with long_roster.session() as session:
        session.add(Member(name="欧阳秀兰", name_initials=initials_index("欧阳秀兰"), role="volunteer"))
        ids = roster.list_ids(session, MemberFilters("oyxl"))
        assert [row.name for row in roster.rows_by_ids(session, ids)] == ["欧阳秀兰"]
        assert len(roster.list_ids(session, MemberFilters("秀"))) > len(
            long_roster.run(roster.list_ids, MemberFilters("秀"))
        )


def test_one_statement_on_a_computer_with_one_core(long_roster, monkeypatch):
    monkeypatch.setattr(listing, "_cores", lambda: 1)
    ids, seen = _statements(long_roster, roster.list_ids, MemberFilters("秀"), roster.DEFAULT_SORT)
    assert len(ids) > 100 and not any("members.id > ?" in s for s in seen)
    monkeypatch.setattr(listing, "_cores", lambda: 2)
    assert _statements(long_roster, roster.list_ids, MemberFilters("秀"), roster.DEFAULT_SORT)[0] == ids


def test_no_reading_thread_outlives_a_search(long_roster, monkeypatch, threads_started):
    """The window closes the database once its own threads have stopped: a split search leaves none behind."""
    monkeypatch.setattr(listing, "_cores", lambda: 2)
    ids, seen = _statements(
        long_roster, roster.list_ids, MemberFilters("秀", None, None), roster.DEFAULT_SORT
    )
    assert ids and any("members.id > ?" in s for s in seen)
    assert threads_started() == []


def test_a_search_she_typed_past_stops_in_both_halves(long_roster, ops, monkeypatch):
    """The chair types on while the upper half still runs and the lower half waits for it: both stop at once."""
    monkeypatch.setattr(listing, "_cores", lambda: 2)
    slow = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 400000000) SELECT max(n) FROM c"
    upper_started = threading.Event()
    real_run = listing._run

    def run(connection, shape, build, values):
        if isinstance(shape, tuple) and shape[-1] == ">":  # the upper half, made to take minutes
            upper_started.set()
            connection.exec_driver_sql(slow).fetchall()
        return real_run(connection, shape, build, values)

    monkeypatch.setattr(listing, "_run", run)
    delivered = []
    ops.read(
        roster.list_screen, MemberFilters("秀"), roster.DEFAULT_SORT, 50, on_done=delivered.append, key="ids"
    )
    assert upper_started.wait(60)
    time.sleep(0.2)  # the lower half is done and waits for the upper
    started = time.monotonic()
    ops.read(lambda session: "她接着打的字", on_done=delivered.append, key="ids")
    ops.wait_idle(timeout=30)
    assert time.monotonic() - started < 15  # (the upper half's statement alone takes minutes)
    assert delivered == ["她接着打的字"]
    assert not [t for t in threading.enumerate() if t.name == "fedclient-read-half"]
