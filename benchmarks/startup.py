"""Start-up time to the first painted window, on the demo village and on a county-scale database.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--keep DIR] [--program DIR]

Each start runs in its own process (offscreen Qt, throw-away user folders) through the real ``fedclient.app.main``
and reports, measured from just before the process was launched:
- first paint: the main window has painted once, with 首页 and the menus usable (what the chair waits for);
- 首页 ready: 首页's reminders and charts, read in the background after the window showed, are on screen;
- all tabs: the other four tabs, built in idle time after the first paint, are there (opening one sooner
  builds it then).
The floor is a bare PySide6 window with five empty tabs, in the same kind of process; floor and program
starts alternate (paired runs: the machine is shared) and the ratio is of the medians (targets: first paint
2.5x the floor on the demo village, 3x on the county database, 首页 ready within 1 s more).
The processes read compiled bytecode, as a chair's installed copy does: ``PYTHONDONTWRITEBYTECODE`` is
removed from their environment and the program is compiled once before the first start.
``--program DIR`` starts the program of another checkout (e.g. an older commit, to compare in one run).
The window's memory at county scale is measured by ``window_memory.py``.
The first start of a day also makes the daily automatic backup; that start is printed on its own line.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT  # the checkout whose program is started (--program)
COUNTY = {"members": 5_000, "pledges": 10_000, "cases": 20_000, "services": 50_000}
YEARS = 10

CHILD_COMMON = r"""
import faulthandler, json, os, sys, time
faulthandler.dump_traceback_later(150, exit=True)  # a start that hangs shows where, instead of waiting forever
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
marks = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if "paint" not in marks and event.type() == QEvent.Type.Paint and obj.isWidgetType():
            if isinstance(obj.window(), QMainWindow) and obj.window().isVisible():
                marks["paint"] = -1.0
                # The whole window is painted in one pass: a zero timer runs once that pass is over.
                QTimer.singleShot(0, lambda: (marks.__setitem__("paint", time.time()), painted(obj.window())))
        hook(obj)
        return False

def painted(window):
    maybe_quit()

def done():
    print("RESULT " + json.dumps(marks), flush=True)
    QApplication.instance().quit()

def give_up():
    print("RESULT " + json.dumps(marks), flush=True)
    os._exit(3)
"""

CHILD_FLOOR = r"""
from PySide6.QtWidgets import QTabWidget, QWidget
def hook(obj): pass
def maybe_quit(): done()
app = QApplication(sys.argv[:1])
watch = Watch(); app.installEventFilter(watch)
window = QMainWindow(); tabs = QTabWidget(); window.setCentralWidget(tabs)
for title in ("首页", "成员", "承诺", "调解", "网格"):
    tabs.addTab(QWidget(), title)
window.resize(1300, 700); window.show()
QTimer.singleShot(120_000, give_up)
sys.exit(app.exec())
"""

CHILD_APP = r"""
from fedclient.ui.app_setup import make_application
from fedclient.ui.home.tab import HomeTab
from fedclient.app import main
connected = []
def hook(obj):
    if not connected and isinstance(obj, HomeTab):
        connected.append(obj)
        obj.loaded.connect(lambda _d: (marks.__setitem__("home", time.time()), maybe_quit()))
def painted(window):
    def all_built():  # the tabs built after the first paint (a window that builds them all first has them)
        lazy = getattr(window, "lazy", None)
        if lazy is None or lazy.pending() == 0:
            marks["tabs"] = time.time()
            maybe_quit()
        else:
            QTimer.singleShot(10, all_built)
    all_built()
def maybe_quit():
    if marks.get("paint", -1) > 0 and "home" in marks and "tabs" in marks:
        done()
app = make_application()  # as fedclient.app.main makes it
watch = Watch(); app.installEventFilter(watch)
QTimer.singleShot(120_000, give_up)
sys.exit(main(["--db", sys.argv[1]]))
"""


def run_child(code: str, args: list[str], home: Path, relative: bool = True) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(PROGRAM))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a chair's copy reads compiled bytecode
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=200, cwd=PROGRAM
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            marks = json.loads(line[7:])
            return {key: value - (start if relative else 0) for key, value in marks.items() if value > 0}
    raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


def build_demo(path: Path) -> None:
    from fedclient.core.demo import create_demo
    from fedclient.core.migrate import open_database

    db = open_database(path)
    db.run(create_demo, today=date.today())
    db.dispose()


def county_database(keep: Path | None, prefix: str = "fedclient-bench-") -> Path:
    """``county.sqlite`` in ``keep`` (a new temporary folder if None), built the first time and reused after."""
    work = keep or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    county = work / "county.sqlite"
    if not county.exists():
        began = time.perf_counter()
        counts = build_county(county)
        print(f"county database built in {time.perf_counter() - began:.1f} s: {counts}")
    return county


def build_county(path: Path, seed: int = 7) -> dict[str, int]:
    """Bulk inserts of a county's ten years: members, pledges with progress, cases with parties and follow-ups,
    grids with households and services."""
    from sqlalchemy import insert

    from fedclient.core import models as m
    from fedclient.core.migrate import open_database
    from fedclient.core.pinyin import initials_index
    from fedclient.core.vocab import CASE_TYPES, SERVICE_ROLES

    rng = random.Random(seed)
    today = date.today()
    first = date(today.year - YEARS + 1, 1, 1)
    span = (today - first).days

    def day() -> date:
        return first + timedelta(days=rng.randrange(span))

    surnames, given = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗", "秀兰红梅丽芳静敏燕霞桂英玉凤春花"
    db = open_database(path)
    with db.session() as s:
        s.add(m.VillageProfile(id=1, province="湖南省", city="益阳市", county="桃江县", township="全县",
                               village="全县汇总", chair_name="张秀兰", chair_phone="13800138000"))  # fmt: skip
        roles = ["chair"] * 2 + ["vice_chair"] * 3 + ["executive_member"] * 70 + ["council_member"] * 10
        roles += ["volunteer"] * 15
        members = []
        for i in range(1, COUNTY["members"] + 1):
            start = date(rng.choice([2016, 2021, today.year - 1]), 12, 1)
            left = rng.random() < 0.15
            members.append(dict(id=i, name=rng.choice(surnames) + rng.choice(given) + rng.choice(given),
                                role=rng.choice(roles), term_start=start, term_end=start + timedelta(days=5 * 365),
                                status="left" if left else "active", left_date=day() if left else None))  # fmt: skip
        for member in members:  # as a save or an import stores them: pinyin search and the name sort use them
            member["name_initials"] = initials_index(member["name"])
        s.execute(insert(m.Member), members)
        member_ids = range(1, COUNTY["members"] + 1)
        pledges, progress = [], []
        for i in range(1, COUNTY["pledges"] + 1):
            year = first.year + (i - 1) % YEARS
            pledges.append(dict(id=i, member_id=rng.choice(member_ids), year=year, content=f"第{i}条承诺",
                                target=rng.choice([4, 6, 12]), unit="次", deadline=date(year, 12, 31)))  # fmt: skip
            for _ in range(rng.randrange(5)):
                progress.append(
                    dict(pledge_id=i, date=date(year, rng.randint(1, 12), rng.randint(1, 28)), amount=2)
                )
        s.execute(insert(m.Pledge), pledges)
        s.execute(insert(m.PledgeProgress), progress)
        cases, parties, mediators, follow = [], [], [], []
        seqs: dict[int, int] = {}
        for i in range(1, COUNTY["cases"] + 1):
            received = day()
            seqs[received.year] = seq = seqs.get(received.year, 0) + 1
            outcome = rng.choice(["调解成功", "调解成功", "调解成功", "调解不成", None])
            if received > today - timedelta(days=20):
                outcome = None
            outcome_date = min(received + timedelta(days=rng.randrange(40)), today) if outcome else None
            closed = (
                outcome_date + timedelta(days=40)
                if outcome and outcome_date < today - timedelta(days=60)
                else None
            )
            cases.append(dict(id=i, year=received.year, seq=seq, number=f"{received.year}-{seq:05d}",
                              received_date=received, dispute_type=rng.choice(CASE_TYPES),
                              risk_level=rng.choice("红黄蓝蓝蓝蓝"), outcome=outcome, outcome_date=outcome_date,
                              closed_date=closed, status=outcome or "调解中", methods=[]))  # fmt: skip
            name = rng.choice(surnames) + rng.choice(given)
            parties.append(dict(case_id=i, side="applicant", name=name, name_initials=initials_index(name)))
            mediators.append(dict(case_id=i, member_id=rng.choice(member_ids)))
            if outcome == "调解成功" and closed:
                follow.append(dict(case_id=i, visit_date=outcome_date + timedelta(days=30)))
        s.execute(insert(m.MediationCase), cases)
        s.execute(insert(m.CaseParty), parties)
        s.execute(insert(m.CaseMediator), mediators)
        s.execute(insert(m.FollowUp), follow)
        s.execute(insert(m.CaseNumberCounter), [dict(year=y, last_seq=n) for y, n in seqs.items()])
        grid_count = 100
        s.execute(
            insert(m.Grid),
            [dict(id=g, number=g, name=f"{g}号网格", leader_id=g) for g in range(1, grid_count + 1)],
        )
        s.execute(insert(m.GridVolunteer),
                  [dict(grid_id=g, member_id=200 + 2 * g + k) for g in range(1, grid_count + 1) for k in (0, 1)])  # fmt: skip
        households = [
            dict(
                id=h,
                contact_name=f"住户{h}",
                name_initials=initials_index(f"住户{h}"),
                grid_id=1 + h % grid_count,
            )
            for h in range(1, 5_001)
        ]
        s.execute(insert(m.Household), households)
        services, served_by, served_homes = [], [], []
        for i in range(1, COUNTY["services"] + 1):
            household = rng.randrange(1, 5_001)
            services.append(dict(id=i, date=day(), grid_id=1 + household % grid_count, role=rng.choice(SERVICE_ROLES),
                                 description="上门走访", people_served=rng.randint(1, 30)))  # fmt: skip
            served_by.append(dict(service_id=i, member_id=rng.choice(member_ids)))
            served_homes.append(dict(service_id=i, household_id=household))
        s.execute(insert(m.GridService), services)
        s.execute(insert(m.GridServiceMember), served_by)
        s.execute(insert(m.GridServiceHousehold), served_homes)
    db.dispose()
    return {**COUNTY, "progress": len(progress), "households": len(households)}


def summarise(times: list[dict[str, float]], key: str) -> str:
    values = [t[key] for t in times if key in t]
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.2f} s"
    return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the databases in")
    parser.add_argument("--program", type=Path, help="start the program of this checkout instead")
    args = parser.parse_args()
    global PROGRAM
    PROGRAM = (args.program or ROOT).resolve()
    compileall.compile_dir(PROGRAM / "fedclient", quiet=1)  # once, as an installed copy ships it
    print(f"program: {PROGRAM}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="fedclient-startup-"))
    work.mkdir(parents=True, exist_ok=True)
    demo, county = work / "demo.sqlite", work / "county.sqlite"
    if not demo.exists():
        build_demo(demo)
    county_database(work)
    print(f"sizes: demo {demo.stat().st_size / 1e6:.1f} MB, county {county.stat().st_size / 1e6:.1f} MB")

    home = Path(tempfile.mkdtemp(prefix="fedclient-startup-home-"))
    for label, path, target in (("demo village", demo, 2.5), ("county scale", county, 3.0)):
        forget_backups(path)
        first = starts(CHILD_COMMON + CHILD_APP, [str(path)], home, 1)  # makes the day's automatic backup
        floor, runs = [], []
        for _ in range(args.runs):  # paired: a floor start, then a program start
            floor += starts(CHILD_COMMON + CHILD_FLOOR, [], home, 1)
            runs += starts(CHILD_COMMON + CHILD_APP, [str(path)], home, 1)
        bare = statistics.median(t["paint"] for t in floor)
        paint = statistics.median(t["paint"] for t in runs)
        ready = statistics.median(t["home"] for t in runs if "home" in t)
        built = statistics.median(t["tabs"] for t in runs if "tabs" in t)
        print(f"\n{label} ({len(runs)} paired runs):")
        print(f"  floor (bare PySide6 window, five empty tabs) first paint: {summarise(floor, 'paint')}")
        print(f"  first paint      {summarise(runs, 'paint')}   ratio {paint / bare:.1f}x (target {target}x)")
        print(f"  首页 ready        {summarise(runs, 'home')}   {ready - paint:+.2f} s after first paint"
              f" (target within 1 s), ratio {ready / bare:.1f}x")  # fmt: skip
        print(f"  all tabs built   {summarise(runs, 'tabs')}   {built - paint:+.2f} s after first paint")
        print(f"  first start of the day (with automatic backup): first paint {summarise(first, 'paint')}, "
              f"首页 ready {summarise(first, 'home')}")  # fmt: skip


def starts(code: str, args: list[str], home: Path, n: int, relative: bool = True) -> list[dict[str, float]]:
    """``n`` starts; one that fails or hangs is reported and left out."""
    results = []
    for _ in range(n):
        try:
            results.append(run_child(code, args, home, relative))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"  (a start failed: {str(exc)[-600:]})")
    return results


def forget_backups(path: Path) -> None:
    """So that the next start is again the day's first and makes its automatic backup."""
    shutil.rmtree(path.parent / "backups", ignore_errors=True)  # the benchmark's own folder, nothing else
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM app_meta WHERE key = 'backed_up_version'")


if __name__ == "__main__":
    main()
