"""How fast the 成员 list is at county scale (50,000 members), offscreen.

Prints: time to build the database (not a user-facing figure), time from creating the roster list to its
first painted screen, and for several searches typed into the real search box (``keystrokes.py``): the typing
pause, how many queries the typing started, and the time from the end of the pause to the table repainted with
the new rows (since the sixth session the read starts as she types: what is left of it when the pause ends),
beside its floor (SQLite alone running the same statements: the ordered ids and the rows of the screen shown,
``floors.py``), measured right after each run (paired), medians of ``--runs``; then the whole wait, last keystroke
→ repaint, and the keystrokes' echo. Run by hand:

    .venv/bin/python benchmarks/members_list.py [--members 50000] [--runs 7] [--db county.sqlite]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faker import Faker  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from benchmarks.floors import one_statement_floor, sql_floor  # noqa: E402
from benchmarks.keystrokes import print_searches, settle, spin, visible_rows, watch  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.models import Member  # noqa: E402
from fedclient.core.pinyin import initials_index  # noqa: E402
from fedclient.core.vocab import ROLES  # noqa: E402


def build(path: Path, n: int) -> None:
    db = open_database(path)
    fake = Faker("zh_CN")
    fake.seed_instance(1)
    rng = random.Random(1)
    roles = list(ROLES)
    rows = []
    for i in range(n):
        name = fake.last_name_female() + fake.first_name_female()
        rows.append(
            {
                "name": name,
                "name_initials": initials_index(name),
                "gender": "女",
                "birth_date": date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                # Unique, 18 characters; not valid numbers, which the list does not need.
                "id_number": f"4307{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{i:06d}"
                if i % 3
                else None,
                "phone": f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
                "role": rng.choices(roles, weights=(1, 1, 2, 40, 20, 36))[0],
                "post": "留守儿童关爱",
                "specialty": "家庭教育",
                "group_name": f"{rng.randint(1, 30)}组",
                "status": "active" if rng.random() < 0.9 else "left",
            }
        )
    with db.session() as s:
        for start in range(0, n, 5000):
            s.execute(insert(Member), rows[start : start + 5000])
    db.dispose()


def screen_floor(db, view, **options) -> float:
    """SQLite alone: the list's ordered ids as now filtered and sorted, and the rows of the screen shown."""
    from fedclient.core.members import query as roster

    return sql_floor(db, roster.list_screen, view.filters(), view.sort, visible_rows(view.table), **options)


def whole_floor(db, view, **options) -> float:
    """``screen_floor`` with the search as one statement (``floors.one_statement_floor``)."""
    return one_statement_floor(screen_floor, db, view, **options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep the built database here and reuse it on the next run")
    args = parser.parse_args()
    if args.db is not None:
        if not args.db.exists():
            build(args.db, args.members)
        run(args.db, args.runs)
        return
    folder = Path(tempfile.mkdtemp(prefix="fedclient-bench-members-"))
    try:
        started = time.perf_counter()
        build(folder / "county.sqlite", args.members)
        print(f"建库 {args.members} 名成员：{time.perf_counter() - started:.1f} s")
        run(folder / "county.sqlite", args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(path: Path, runs: int) -> None:
    from fedclient.core.members import query as roster
    from fedclient.ui.app_setup import make_application
    from fedclient.ui.members.roster_page import RosterPage
    from fedclient.ui.operations import OperationRunner

    make_application(["bench"])
    db = open_database(path)
    ops = OperationRunner(db)
    started = time.perf_counter()
    view = RosterPage(ops)
    watch(view.table, ops, roster.list_screen)
    view.resize(1340, 640)
    view.show()
    settle(view.table, ops, roster.list_screen, view.search)  # the first read, started by showing the page
    first = time.perf_counter() - started
    print(
        f"列表首屏（{view.count_label.text()}）：{first * 1000:.0f} ms（底线 {screen_floor(db, view):.1f} ms）"
    )
    print_searches(
        view.table,
        ops,
        roster.list_screen,
        view.search,
        ("z", "zxl", "秀", "8000", "张秀", "lsh", "1385"),
        runs,
        lambda **options: screen_floor(db, view, **options),
        "行数",
        lambda **options: whole_floor(db, view, **options),
    )

    settle(view.table, ops, roster.list_screen, view.search)
    started = time.perf_counter()
    view.model.sort(0)  # by name (pinyin), ascending
    spin(lambda: not ops.busy and view.sort[0] == "name")
    view.table.viewport().grab()
    print(
        f"按姓名排序：{(time.perf_counter() - started) * 1000:.0f} ms（底线 {screen_floor(db, view):.1f} ms）"
    )
    started = time.perf_counter()
    view.table.scrollToBottom()
    view.table.viewport().grab()
    print(f"滚动到最后一页：{(time.perf_counter() - started) * 1000:.0f} ms")
    ops.shutdown()
    db.dispose()


if __name__ == "__main__":
    main()
