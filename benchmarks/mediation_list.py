"""How fast the 调解 tab and the mediation numbers are with many years of cases (default 20,000), offscreen.

Prints: time to build the database (not a user-facing figure), the tab's first painted screen, and for several
searches typed into the real search box (``keystrokes.py``): the typing pause, how many queries the typing
started, and the time from the end of the pause to the table repainted with the new rows (since the sixth
session the read starts as she types: what is left of it when the pause ends), beside its floor (SQLite alone
running the same statements, ``floors.py``, measured right after each run; and the search as one statement, where
the program runs it in two halves at once); the whole wait, last keystroke → repaint, and the keystrokes' echo;
then a filter change, and the monthly indicators and ledger. Run by hand:

    .venv/bin/python benchmarks/mediation_list.py [--cases 20000] [--runs 7] [--db cases.sqlite]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faker import Faker  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from benchmarks.floors import one_statement_floor, sql_floor  # noqa: E402
from benchmarks.keystrokes import print_searches, settle, spin, visible_rows, watch  # noqa: E402
from fedclient.core import mediation as med  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.models import CaseMediator, CaseParty, MediationCase, Member  # noqa: E402
from fedclient.core.pinyin import initials_index  # noqa: E402
from fedclient.core.vocab import CASE_SOURCES, CASE_TYPES  # noqa: E402

END = date(2026, 11, 25)


def build(path: Path, n: int) -> None:
    db = open_database(path)
    fake = Faker("zh_CN")
    fake.seed_instance(1)
    rng = random.Random(1)
    with db.session() as s:
        s.add_all(Member(name=fake.name(), role="executive_member") for _ in range(12))
    with db.session() as s:
        members = list(s.scalars(select(Member.id)))
    start = END - timedelta(days=365 * 20)
    days = sorted(rng.randrange(0, (END - start).days) for _ in range(n))
    cases, parties, mediators, seqs = [], [], [], {}
    for i, offset in enumerate(days, start=1):
        received = start + timedelta(days=offset)
        seq = seqs[received.year] = seqs.get(received.year, 0) + 1
        done = received + timedelta(days=rng.randint(3, 40))
        finished = done < END - timedelta(days=20)
        cases.append(
            {
                "id": i, "year": received.year, "seq": seq, "number": f"{received.year}-{seq:03d}",
                "received_date": received, "source": rng.choice(CASE_SOURCES), "dispute_type": rng.choice(CASE_TYPES),
                "description": "家庭琐事争吵", "risk_level": rng.choice("红黄蓝蓝蓝"), "methods": ["矛盾疏导"],
                "status": "已结案" if finished else "调解中", "outcome": "调解成功" if finished else None,
                "outcome_date": done if finished else None, "closed_date": done + timedelta(days=30) if finished else None,
            }
        )  # fmt: skip
        for side in ("applicant", "respondent"):
            name = fake.name()
            parties.append({"case_id": i, "side": side, "name": name, "name_initials": initials_index(name)})
        mediators.append({"case_id": i, "member_id": rng.choice(members)})
    with db.session() as s:
        for table, rows in ((MediationCase, cases), (CaseParty, parties), (CaseMediator, mediators)):
            for first in range(0, len(rows), 5000):
                s.execute(insert(table), rows[first : first + 5000])
    db.dispose()


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def screen_floor(db, tab, **options) -> float:
    """SQLite alone: what the ledger's read runs (the overdue setting, the ordered case ids as now filtered, the
    status counts) with the rows of the screen shown."""
    from fedclient.ui.mediation.tab import _read_ledger

    return sql_floor(
        db, _read_ledger, tab.filters(), tab.sort, tab.today(), visible_rows(tab.view), **options
    )


def whole_floor(db, tab, **options) -> float:
    """``screen_floor`` with the search as one statement (``floors.one_statement_floor``)."""
    return one_statement_floor(screen_floor, db, tab, **options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep the built database here and reuse it on the next run")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="fedclient-bench-")) / "cases.sqlite"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.cases)
        print(f"建库 {args.cases} 件案件：{time.perf_counter() - started:.1f} s")

    from fedclient.ui.app_setup import make_application
    from fedclient.ui.mediation.tab import MediationTab, _read_ledger
    from fedclient.ui.operations import OperationRunner

    make_application(["bench"])
    db = open_database(path)
    ops = OperationRunner(db)
    started = time.perf_counter()
    tab = MediationTab(ops)
    watch(tab.view, ops, _read_ledger)
    tab.resize(1340, 640)
    tab.show()
    tab.load()  # as the window does when the tab is first opened
    settle(tab.view, ops, _read_ledger, tab.search)
    print(
        f"调解页首屏（{tab.count_label.text()}）：{(time.perf_counter() - started) * 1000:.0f} ms"
        f"（底线 {screen_floor(db, tab):.1f} ms）"
    )
    total = tab.model.rowCount()
    print_searches(
        tab.view,
        ops,
        _read_ledger,
        tab.search,
        ("w", "wxh", "王", "2019-0", "张秀"),
        args.runs,
        lambda **options: screen_floor(db, tab, **options),
        "件数",
        lambda **options: whole_floor(db, tab, **options),
    )
    settle(tab.view, ops, _read_ledger, tab.search)
    red = db.run(med.count_cases, med.CaseFilters(risk_level=tab.risk.itemData(1)))

    def red_filter() -> None:
        tab.risk.setCurrentIndex(1)
        spin(lambda: not ops.busy and tab.model.rowCount() == red)
        tab.view.grab()
        tab.risk.setCurrentIndex(0)
        spin(lambda: not ops.busy and tab.model.rowCount() == total)

    print(f"切换风险筛选（两次刷新）：{timed(red_filter):.0f} ms")
    print(f"月度指标 month_indicators：{timed(lambda: db.run(med.month_indicators, 2026, 10)):.0f} ms")
    print(f"月度台账 ledger_rows：{timed(lambda: db.run(med.ledger_rows, 2026, 10)):.0f} ms")
    print(f"提醒 reminders：{timed(lambda: db.run(med.reminders, END)):.0f} ms")
    ops.shutdown()
    db.dispose()


if __name__ == "__main__":
    main()
