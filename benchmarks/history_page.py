"""How long 修改记录 takes to read at county scale, now that it names what each change points at.

Prints, beside the floor measured right after in the same process (the same ``change_log`` rows read alone,
without making them readable): a page of 50 rows as the dialog reads it while the chair scrolls (``rows_by_ids``:
the rows, the names of the records they point at with one query per kind, the texts), ten pages spread over the
newest 20,000 rows, median; and the CSV export of the pledges' history (pledges and their progress). County
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

from sqlalchemy import select  # noqa: E402

from fedclient.core.history.query import HistoryFilter, export_csv, history_ids, rows_by_ids  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.models import ChangeLog  # noqa: E402


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


if __name__ == "__main__":
    main()
