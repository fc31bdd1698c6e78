"""A search of a long mediation ledger tests the parties in two halves at once (``listing.scanned_in_halves``): the
chair sees exactly the cases the plain search finds (a case number, or a party's name or pinyin initials), in
the same order, for every sort, with or without a status chosen, and the same counts by status (one statement
on a one-core computer); parties added to an old case later (a party id far from its case's) are found too, and
so is her own unsaved work."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import exists, insert, or_, select

from fedclient.core import listing
from fedclient.core.mediation import CaseFilters
from fedclient.core.mediation import query as cases
from fedclient.core.models import CaseParty, MediationCase
from fedclient.core.pinyin import initials_index, initials_pattern, looks_like_initials
from tests.conftest import statements_run

C = MediationCase
SURNAMES = "张王李赵刘陈杨黄单吴"
GIVEN = "秀兰英华芳玉红梅丽霞长敏"
SEARCHES = ("w", "wxh", "王", "张秀", "sxy", "dxy", "2019-0", "2020", "-01", "qqq", "秀 ")
STATUSES = ("", "调解中", "已结案")


def _ledger(n: int) -> tuple[list[dict], list[dict]]:
    rng = random.Random(11)
    seqs: dict[int, int] = {}
    rows, parties = [], []
    start = date(2016, 1, 1)
    for i, offset in enumerate(sorted(rng.randrange(0, 3650) for _ in range(n)), start=1):
        received = start + timedelta(days=offset)
        seq = seqs[received.year] = seqs.get(received.year, 0) + 1
        rows.append(
            {
                "id": i, "year": received.year, "seq": seq, "number": f"{received.year}-{seq:03d}",
                "received_date": received, "source": "来访", "dispute_type": "婚姻纠纷", "description": "争吵",
                "risk_level": rng.choice("红黄蓝"), "methods": [], "status": rng.choice(("调解中", "已结案")),
            }
        )  # fmt: skip
        for side in ("applicant", "respondent")[: rng.randint(1, 2)]:
            parties.append(_party(rng, i, side))
    # Parties added to old cases later: their ids come after every other party's.
    parties += [_party(rng, rng.randint(1, n // 3), "respondent") for _ in range(60)]
    return rows, parties


def _party(rng: random.Random, case_id: int, side: str) -> dict:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return {"case_id": case_id, "side": side, "name": name, "name_initials": initials_index(name)}


@pytest.fixture
def long_ledger(db):
    rows, parties = _ledger(2 * listing.MIN_HALF + 500)
    with db.session() as session:
        session.execute(insert(C), rows)
        session.execute(insert(CaseParty), parties)
    return db


def _plain(session, filters: CaseFilters, sort: str) -> tuple[list[int], dict[str, int]]:
    """The search as plainly as it can be said: a case whose number contains the text, or one of whose parties
    has it in the name or as the start of a reading's initials (any reading of a heteronym)."""
    text = filters.text.strip()
    like = f"%{text}%"
    party = CaseParty.name.like(like)
    if looks_like_initials(text):
        party = or_(party, (" " + CaseParty.name_initials).like(initials_pattern(text), escape="\\"))
    found = or_(C.number.like(like), exists().where(CaseParty.case_id == C.id, party))
    rows = session.execute(select(C.id, C.status).where(found).order_by(*cases.SORTS[sort])).all()
    ids = [case_id for case_id, status in rows if not filters.status or status == filters.status]
    return ids, dict(Counter(status for _, status in rows))


def _statements(db, fn, *args) -> tuple[object, list[str]]:
    with statements_run(db.engine) as seen:
        result = db.run(fn, *args)
    return result, [statement for statement, _ in seen]


def test_two_halves_find_what_the_plain_search_finds_in_every_order(long_ledger, monkeypatch):
    searches = [
        (CaseFilters(status=status, text=text), sort)
        for text in SEARCHES
        for status in STATUSES
        for sort in cases.SORTS
    ]
    halves = [_statements(long_ledger, cases.ids_and_status_counts, *search) for search in searches]
    assert all(
        any("case_parties.id <= ?" in s for s in seen) and any("case_parties.id > ?" in s for s in seen)
        for _, seen in halves
    )
    monkeypatch.setattr(listing, "MIN_HALF", 10**9)  # every search in one statement
    whole = [_statements(long_ledger, cases.ids_and_status_counts, *search) for search in searches]
    assert not any("case_parties.id > ?" in s for _, seen in whole for s in seen)
    for search, (split, _), (one, _) in zip(searches, halves, whole, strict=True):
        plain = long_ledger.run(_plain, *search)
        assert split == one == plain, search
        assert long_ledger.run(cases.list_ids, *search) == plain[0], search
    found = [
        len(ids) for (filters, _), ((ids, _), _) in zip(searches, halves, strict=True) if not filters.status
    ]
    assert min(found) == 0 and max(found) > 1000  # searches that find nothing, few cases and many
    # One core: one statement, the same cases.
    monkeypatch.setattr(listing, "MIN_HALF", 2000)
    monkeypatch.setattr(listing, "_cores", lambda: 1)
    one_core = _statements(long_ledger, cases.ids_and_status_counts, CaseFilters(text="秀"), "received")
    assert not any("case_parties.id > ?" in s for s in one_core[1])
    assert one_core[0] == long_ledger.run(_plain, CaseFilters(text="秀"), "received")


def test_a_party_added_to_an_old_case_later_and_unsaved_work_are_found(long_ledger):
    with long_ledger.session() as session:
        session.add(CaseParty(case_id=3, side="respondent", name="欧阳秀兰", name_initials="oyxl"))
    number = long_ledger.run(lambda s: s.get(C, 3).number)
    for text in ("欧阳秀兰", "oyxl", "oy"):
        ids, counts = long_ledger.run(cases.ids_and_status_counts, CaseFilters(text=text))
        assert ids == [3] and sum(counts.values()) == 1, text
        assert [r.number for r in long_ledger.run(cases.rows_by_ids, ids)] == [number]
    # The other half's connection would not see an unsaved party: such a search is read in one go.
    with long_ledger.session() as session:
        session.add(CaseParty(case_id=4000, side="applicant", name="司马秀兰", name_initials="smxl"))
        assert cases.list_ids(session, CaseFilters(text="smxl")) == [4000]
