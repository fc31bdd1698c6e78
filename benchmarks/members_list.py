"""How fast the 成员 list is at county scale (50,000 members), offscreen.

Prints: time to build the database (not a user-facing figure), time from creating the roster list to its
first painted screen, and time from a keystroke in the search box to the repainted table (measured without
the 150 ms typing pause the search box waits for, which comes on top), each beside its floor (SQLite alone
reading the same ordered ids and first screen of rows, ``floors.py``). Run by hand:

    .venv/bin/python benchmarks/members_list.py [--members 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faker import Faker  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from benchmarks.floors import sql_floor  # noqa: E402
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


def until(app, done) -> None:
    """Process events until ``done()``: the page shows what it read in the background. An event loop's own
    processEvents: with PySide6 6.12 each QApplication.processEvents() call loses a reference to None."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    while not done():
        loop.processEvents()


def shown(app, reload) -> None:
    """``reload(then=…)`` and wait until the page shows the result."""
    finished = []
    reload(then=lambda: finished.append(True))
    until(app, lambda: finished)


def screen_floor(db, view) -> float:
    """SQLite alone: the list's ordered ids as now filtered and sorted, and the rows of its first screen."""
    from fedclient.core.members import query as roster

    ids = view.model.ids
    return sql_floor(db, roster.list_ids, view.filters(), view.sort) + sql_floor(
        db, roster.rows_by_ids, ids[:40]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=50_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fedclient-bench-members-"))
    try:
        run(folder / "county.sqlite", args.members)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(path: Path, members: int) -> None:
    started = time.perf_counter()
    build(path, members)
    print(f"建库 {members} 名成员：{time.perf_counter() - started:.1f} s")

    from fedclient.ui.app_setup import make_application
    from fedclient.ui.members.roster_page import RosterPage
    from fedclient.ui.operations import OperationRunner

    app = make_application(["bench"])
    db = open_database(path)
    ops = OperationRunner(db)
    started = time.perf_counter()
    view = RosterPage(ops)
    view.resize(1340, 640)
    view.show()
    until(app, lambda: view.model.rowCount() > 0)  # the list's ids are read in the background
    view.grab()  # forces the first screen of rows to be fetched and painted
    first = time.perf_counter() - started
    print(
        f"列表首屏（{view.count_label.text()}）：{first * 1000:.0f} ms（底线 {screen_floor(db, view):.0f} ms）"
    )

    for query in ("z", "zxl", "秀", "8000", "张秀", "lsh"):
        times = []
        for _ in range(5):
            view.search.clear()
            view._search_timer.stop()
            shown(app, view.reload)
            started = time.perf_counter()
            view.search.setText(query)
            view._search_timer.stop()  # measure the work itself, not the typing pause
            shown(app, view.reload)
            view.table.viewport().grab()
            times.append(time.perf_counter() - started)
        print(
            f"搜索“{query}”→ 表格更新（{view.count_label.text()}）：中位数 {statistics.median(times) * 1000:.0f} ms"
            f"（底线 {screen_floor(db, view):.0f} ms）"
        )

    view.search.clear()
    view._search_timer.stop()
    shown(app, view.reload)
    started = time.perf_counter()
    view.model.sort(0)  # by name (pinyin), ascending
    until(app, lambda: view.sort[0] == "name" and view.model.row(0).name <= view.model.row(1).name)
    view.table.viewport().grab()
    print(
        f"按姓名排序：{(time.perf_counter() - started) * 1000:.0f} ms（底线 {screen_floor(db, view):.0f} ms）"
    )
    started = time.perf_counter()
    view.table.scrollToBottom()
    view.table.viewport().grab()
    print(f"滚动到最后一页：{(time.perf_counter() - started) * 1000:.0f} ms")
    ops.shutdown()
    db.dispose()


if __name__ == "__main__":
    main()
