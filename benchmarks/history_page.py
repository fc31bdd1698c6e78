"""How long 修改记录 takes to read at county scale, now that it names what each change points at.

Prints, beside the floor measured right after in the same process (the same ``change_log`` rows read alone,
without making them readable): a page of 50 rows as the dialog reads it while the chair scrolls (``rows_by_ids``:
the rows, the names of the records they point at with one query per kind, the texts), ten pages spread over the
newest 20,000 rows, median; the CSV export of the pledges' history (pledges and their progress); and the search
box (``history_ids`` with a text: a member's name, a surname alone, a kind of record), beside the search as it
was before it matched the kind and named older rows' references (LIKE on the label, the values and the source
alone), in the same process, alternating. County
scale: ``startup.build_county`` (262,000 history rows written by the bulk insert), kept in ``--keep DIR``. Run by
hand:

    .venv/bin/python benchmarks/history_page.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import or_, select  # noqa: E402

from fedclient.core.history.query import HistoryFilter, export_csv, history_ids, rows_by_ids  # noqa: E402
from fedclient.core.history.search import like_pattern  # noqa: E402
from fedclient.core.listing import fetch_ids  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.models import ChangeLog, Member  # noqa: E402

SEARCHES = ("name", "surname", "调解")


def searched_before(session, text: str) -> None:
    """The search box's query before this change: the text in the label, the values or the source."""
    c, pattern = ChangeLog, like_pattern(text)
    where = or_(c.label.like(pattern), c.changes.like(pattern), c.source_detail.like(pattern))
    fetch_ids(session, select(c.id).where(where).order_by(c.id.desc()))


def timed(fn, *args) -> float:
    began = time.perf_counter()
    fn(*args)
    return time.perf_counter() - began


def one_run(county: Path, out: Path) -> dict[str, float]:
    db = open_database(county)
    try:
        with db.session() as s:
            ids = history_ids(s, HistoryFilter())

            def alone(chunk):
                list(s.scalars(select(ChangeLog).where(ChangeLog.id.in_(chunk))))
                s.expunge_all()

            def read(chunk):
                rows_by_ids(s, chunk)
                s.expunge_all()

            read(ids[:50])  # warm: the statements compiled once, as in the window after its first screen
            pages, floors = [], []
            for start in range(0, min(len(ids), 20000), 2000):
                chunk = ids[start : start + 50]
                pages.append(timed(read, chunk))
                floors.append(timed(alone, chunk))
            name = s.scalar(select(Member.name).order_by(Member.id).limit(1))
            texts = {"name": name, "surname": name[0], "调解": "调解"}
            searches = {}
            for key in SEARCHES:
                now, before = [], []
                for _ in range(3):
                    now.append(timed(history_ids, s, HistoryFilter(text=texts[key])))
                    before.append(timed(searched_before, s, texts[key]))
                searches[key] = (statistics.median(now), statistics.median(before))
            wanted = HistoryFilter(kind="pledges")
            csv_s = timed(export_csv, s, wanted, out)
            mine = list(reversed(history_ids(s, wanted)))
            csv_floor = timed(lambda: [alone(mine[i : i + 1000]) for i in range(0, len(mine), 1000)])
    finally:
        db.dispose()
    return {
        "page": statistics.median(pages),
        "page_floor": statistics.median(floors),
        "csv": csv_s,
        "csv_floor": csv_floor,
        "csv_rows": len(mine),
        **{f"search_{k}": now for k, (now, _before) in searches.items()},
        **{f"search_{k}_before": before for k, (_now, before) in searches.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the county database in")
    args = parser.parse_args()
    from startup import county_database

    county = county_database(args.keep, "fedclient-history-")
    runs = [one_run(county, county.parent / "修改记录.csv") for _ in range(args.runs)]
    figure = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"修改记录 at county scale, medians of {args.runs} runs:")
    print(
        f"  a page of 50 rows:  {figure['page'] * 1000:.1f} ms  (floor, the rows alone: {figure['page_floor'] * 1000:.1f} ms)"
    )
    print(
        f"  CSV of {figure['csv_rows']:.0f} rows (承诺): {figure['csv']:.2f} s  (floor: {figure['csv_floor']:.2f} s)"
    )
    for key in SEARCHES:
        print(
            f"  search {key}: {figure[f'search_{key}'] * 1000:.0f} ms  "
            f"(the search before, LIKEs alone: {figure[f'search_{key}_before'] * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
