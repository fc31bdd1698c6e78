"""How long a list's read takes sorted by each of its columns, beside its own order: run by hand on a copy of a
county-scale file (it only reads).

.venv/bin/python benchmarks/list_sorting.py FILE.sqlite [RUNS]

For every list read by pages (its ``list_ids``, the read a header click starts) and every column's key, both
ways: the median of RUNS reads, each run paired with a read in the list's own order just before it (the floor:
what the list took before a column was chosen), so the machine's load weighs on both alike.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

from fedclient.core import grids
from fedclient.core.database import Database
from fedclient.core.grids import council, households, services
from fedclient.core.members import MemberFilters, helped
from fedclient.core.members import query as roster
from fedclient.core.pledges import query as pledges
from fedclient.core.pledges.query import PledgeFilters
from fedclient.core.sorting import NO_SORT


def lists(today: date):
    filters = PledgeFilters(year=today.year, as_of=today)
    yield "成员名册", roster.SORTS, lambda s, sort: roster.list_ids(s, MemberFilters(), sort)
    yield "帮扶对象", helped.SORTS, lambda s, sort: helped.list_ids(s, helped.HelpedFilters(), sort)
    yield f"承诺 {today.year}", pledges.sorts(today), lambda s, sort: pledges.list_ids(s, filters, sort)
    yield "住户", households.SORTS, lambda s, sort: households.list_ids(s, grids.HouseholdFilter(), sort)
    yield "服务记录", services.SORTS, lambda s, sort: services.list_ids(s, grids.ServiceFilter(), sort)
    yield "议事会", council.SORTS, lambda s, sort: council.list_ids(s, sort=sort)


def timed(db: Database, read, sort) -> tuple[float, int]:
    start = time.perf_counter()
    count = len(db.run(read, sort))
    return time.perf_counter() - start, count


def main(path: str, runs: int) -> None:
    db = Database(path)
    today = date.today()
    print(
        f"{'list':<12} {'sorted by':<18} {'rows':>6} {'own order ms':>13} {'sorted ms':>10}  (medians of {runs})"
    )
    for name, sorts, read in lists(today):
        timed(db, read, NO_SORT)  # statements compiled, pages cached
        for key in sorts:
            for descending in (False, True):
                own, chosen = [], []
                for _ in range(runs):
                    own.append(timed(db, read, NO_SORT)[0])
                    seconds, count = timed(db, read, (key, descending))
                    chosen.append(seconds)
                way = "↓" if descending else "↑"
                print(
                    f"{name:<12} {key + ' ' + way:<18} {count:>6} {statistics.median(own) * 1000:>13.1f} "
                    f"{statistics.median(chosen) * 1000:>10.1f}"
                )
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
