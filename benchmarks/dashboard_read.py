"""首页's read alone (``load_dashboard``) on a county-scale database, warm, beside every reminder built in full.

"every reminder built" is what the read cost before 首页 took only each group's first reminders: every domain's
``reminders(session, today)`` (the lists the tabs show), grouped, plus the year's charts. The two are timed in
alternation in one process (paired), and the script checks that both give 首页 the same groups, counts and
first reminders. The database is the one ``startup.py`` builds (``--keep`` a folder to reuse it).

    python benchmarks/dashboard_read.py --runs 15 --keep /tmp/fedclient-bench
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from startup import county_database  # noqa: E402

from fedclient.core import dashboard, duty, grids, mediation, members, pledges  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.monthly_report.reminders import reminders as report_reminders  # noqa: E402

EVERY_LIST = (members.reminders, pledges.reminders, mediation.reminders, grids.reminders, duty.reminders,
              report_reminders)  # fmt: skip


def every_reminder_built(session, today: date) -> dashboard.Dashboard:
    built = [reminder for source in EVERY_LIST for reminder in source(session, today)]
    return dashboard.Dashboard(
        today, dashboard.group_reminders(built), dashboard.year_overview(session, today)
    )


def timed(read, session, today: date) -> tuple[float, dashboard.Dashboard]:
    began = time.perf_counter()
    board = read(session, today)
    return time.perf_counter() - began, board


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the county database in")
    args = parser.parse_args()
    county = county_database(args.keep, "fedclient-dashboard-")
    db = open_database(county)
    today = date.today()
    full, read = [], []
    with db.session() as session:
        _, whole = timed(every_reminder_built, session, today)  # warm: caches, settings, pages of the file
        _, board = timed(dashboard.load_dashboard, session, today)
        assert board.groups == whole.groups, "首页 must show the same groups, counts and first reminders"
        for _ in range(args.runs):  # paired: the full build, then the dashboard's read
            full.append(timed(every_reminder_built, session, today)[0])
            read.append(timed(dashboard.load_dashboard, session, today)[0])
    db.dispose()
    print(f"{board.reminder_count} reminders in {len(board.groups)} groups; {args.runs} paired runs, warm")
    for label, times in (("every reminder built (the read before)", full), ("首页's read", read)):
        print(f"  {label:46} median {statistics.median(times):.3f} s ({min(times):.3f}-{max(times):.3f})")
    print(f"  ratio {statistics.median(read) / statistics.median(full):.2f}")


if __name__ == "__main__":
    main()
