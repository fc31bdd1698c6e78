"""首页's read alone (``load_dashboard``) on a county-scale database, warm, beside every reminder built in full.

"every reminder built" is what the read cost before 首页 took only each group's first reminders: every domain's
``reminders(session, today)`` (the lists the tabs show), grouped, plus the year's charts. The two are timed in
alternation in one process (paired), and the script checks that both give 首页 the same groups, counts and
first reminders. The database is the one ``startup.py`` builds (``--keep`` a folder to reuse it).

    python benchmarks/dashboard_read.py --runs 15 --keep /tmp/fedclient-bench

``--cold N`` times instead what 首页 costs the worker after the window's first paint, in N fresh processes (compiled
bytecode, as a chair's copy): importing SQLAlchemy, its ORM and the models (making the engine), then the dashboard's
modules and its first read (statements compiled the first time), CPU and wall time of each. ``--before DIR`` starts
another checkout's program in alternation with this one (paired), and checks that both show the same figures.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
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


COLD = r"""
import hashlib, json, sys, time
from datetime import date
marks = [(time.perf_counter(), time.process_time())]
from fedclient.core.database import Database
db = Database(sys.argv[1])
db.engine
marks.append((time.perf_counter(), time.process_time()))
from fedclient.ui.home import loader
board = db.run(loader.load, date.today())
marks.append((time.perf_counter(), time.process_time()))
steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]
print(json.dumps({"engine": steps[0], "read": steps[1], "figures": hashlib.sha256(repr(board).encode()).hexdigest()}))
"""


def cold_start(program: Path, county: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(program))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", COLD, str(county)], env=env, capture_output=True, text=True,
                          cwd=program, timeout=120, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold(runs: int, county: Path, before: Path | None) -> None:
    programs = {"this checkout": ROOT} | ({"before": before.resolve()} if before else {})
    for program in programs.values():
        compileall.compile_dir(program / "fedclient", quiet=1)
        cold_start(program, county)  # bytecode written, the file's pages in the system's cache
    times: dict[str, list[dict]] = {name: [] for name in programs}
    for i in range(runs):  # paired: the order alternates
        for name in list(programs)[:: 1 if i % 2 == 0 else -1]:
            times[name].append(cold_start(programs[name], county))
    print(
        f"首页's work after the first paint, {runs} fresh processes each (CPU / wall, medians, min-max of CPU)"
    )
    for name, results in times.items():
        line = []
        for step in ("engine", "read"):
            cpu = [r[step][1] for r in results]
            wall = statistics.median(r[step][0] for r in results)
            line.append(f"{step} {statistics.median(cpu):.3f} / {wall:.3f} s ({min(cpu):.3f}-{max(cpu):.3f})")
        print(f"  {name:14} " + "; ".join(line))
    assert len({r["figures"] for results in times.values() for r in results}) == 1, "the same figures"
    print("  every process showed the same figures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the county database in")
    parser.add_argument("--cold", type=int, metavar="N", help="N fresh processes: the first read after start")
    parser.add_argument("--before", type=Path, help="with --cold: another checkout, started in alternation")
    parser.add_argument(
        "--db", type=Path, help="with --cold: this database instead of the county's (the demo's)"
    )
    args = parser.parse_args()
    if args.cold:
        cold(args.cold, args.db or county_database(args.keep, "fedclient-dashboard-"), args.before)
        return
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
