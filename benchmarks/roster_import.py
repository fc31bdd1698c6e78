"""Importing a big roster (issue 14 item 9): the whole import beside its floor, and its peak memory.

.venv/bin/python benchmarks/roster_import.py [--rows 50000] [--keep DIR]

Writes a roster workbook the way villages keep them (title row, header, 16 columns, IDs and phones as text,
birth months as 1975.03, a 合计 row), then, each in a fresh process so that memory is the import's own:
- floor: python-calamine reads the sheet, and one sqlite3 ``executemany`` inserts the same rows (16 columns)
  into a fresh SQLite file with the program's pragmas, committed;
- import: ``load_roster`` + ``plan_roster_import`` + ``apply_roster_import`` into a fresh data file, committed,
  exactly what ``import-roster`` does, progress counted.
Prints both times, the ratio (target: at most 3x), the import's peak memory (target: under 200 MB) and the
longest silence between two progress reports (target: at most 1 s); then the import again without the history of
changes (core/history reads every inserted row back and logs it), to show which part costs what.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["序号", "姓名", "性别", "出生年月", "民族", "文化程度", "政治面貌", "职务", "岗位", "专长", "所在组",
          "身份证号码", "联系电话", "任职时间", "是否进村两委", "备注"]  # fmt: skip
AREAS = ["430724", "430721", "430723", "340404", "330782", "110105", "510104", "420106"]


def write_roster(path: Path, rows: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from stdnum.cn.ric import calc_check_digit

    rng = random.Random(14)
    surnames, given = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "秀英桂兰玉梅丽红芳霞燕萍娟敏静婷雪琴"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("执委名册")
    ws.append(["某某县妇联执委名册"])
    ws.append(HEADER)
    for i in range(rows):
        year, month, day = rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)
        body = f"{rng.choice(AREAS)}{year}{month:02d}{day:02d}{rng.randint(0, 99):02d}{rng.choice('02468')}"
        values = [
            i + 1,
            rng.choice(surnames) + rng.choice(given) + rng.choice(given),
            "女",
            f"{year}.{month:02d}",
            "汉族",
            "高中",
            "群众",
            rng.choice(["执委", "巾帼志愿者", "执委", "议事会成员"]),
            "联系群众",
            "调解",
            f"{rng.randint(1, 30)}组",
            body + calc_check_digit(body + "0"),
            f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            "2023.06",
            rng.choice(["是", "否"]),
            "",
        ]
        row = []
        for value in values:
            cell = WriteOnlyCell(ws, value)
            if isinstance(value, str):
                cell.data_type = "s"
            row.append(cell)
        ws.append(row)
    ws.append(["合计", f"{rows}人"])
    wb.save(path)


def child_floor(xlsx: Path, db: Path) -> dict:
    import sqlite3

    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    data = [tuple(r[:16]) + ("",) * (16 - len(r)) for r in rows[2:]]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE members (id INTEGER PRIMARY KEY, {', '.join(f'c{i}' for i in range(16))})")
    with conn:
        conn.executemany(f"INSERT INTO members VALUES (NULL, {', '.join('?' * 16)})", data)
    conn.close()
    return {"seconds": time.perf_counter() - started, "rows": len(data), "peak_mb": _peak_mb()}


def child_import(xlsx: Path, db_path: Path, history: bool = True) -> dict:
    from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
    from fedclient.core.migrate import open_database

    if not history:  # the import's own cost, without recording the history of changes
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        from fedclient.core.history import recorder

        event.remove(Session, "do_orm_execute", recorder._statement)
        try:
            from fedclient.core.history import bulk
        except ImportError:  # the program before history.bulk (measuring "before")
            pass
        else:
            bulk.record_bulk = False

    db = open_database(db_path)  # created before the clock starts: the floor's table also exists first
    reports = [(time.perf_counter(), "start")]

    def progress(done: int, total: int, text: str = "") -> None:
        reports.append((time.perf_counter(), text))

    started = time.perf_counter()
    reports[0] = (started, "start")
    table = load_roster(xlsx, progress=progress)
    progress(0, 0)

    def both(session):
        preview = plan_roster_import(session, table, progress=progress)
        return preview, apply_roster_import(session, preview, progress=progress)

    preview, result = db.run(both)
    seconds = time.perf_counter() - started
    reports.append((time.perf_counter(), "committed"))
    db.dispose()
    gaps = [(b[0] - a[0], f"{a[1]} -> {b[1]}") for a, b in zip(reports, reports[1:], strict=False)]
    return {
        "seconds": seconds,
        "added": result.added,
        "skipped": preview.count("skipped"),
        "refused": preview.count("refused") + preview.count("duplicate"),
        "longest_silence": max(gaps)[0],
        "silence_after": max(gaps)[1],
        "peak_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, xlsx: Path, db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(xlsx), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="paired runs (floor and imports alternate)")
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        kind, xlsx, db = args.child
        if kind == "floor":
            result = child_floor(Path(xlsx), Path(db))
        else:
            result = child_import(Path(xlsx), Path(db), history=kind == "import")
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx = folder / f"roster_{args.rows}.xlsx"
        if not xlsx.exists():
            started = time.perf_counter()
            write_roster(xlsx, args.rows)
            print(
                f"wrote {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
            )
        runs: dict[str, list[dict]] = {"floor": [], "import": [], "import-without-history": []}
        for _ in range(args.runs):  # paired: the machine's load changes from minute to minute
            for kind, found in runs.items():
                for f in folder.glob("bench-*.sqlite*"):
                    f.unlink()
                found.append(run_child(kind, xlsx, folder / f"bench-{kind}.sqlite"))
    floor, ours, own = (_median(runs[k]) for k in ("floor", "import", "import-without-history"))
    ratios = sorted(o["seconds"] / f["seconds"] for o, f in zip(runs["import"], runs["floor"], strict=True))
    print(f"rows: {args.rows}, {args.runs} paired runs, medians (each run's ratio in brackets)")
    print(
        f"floor  (calamine read + one executemany insert): {floor['seconds']:6.2f} s, peak {floor['peak_mb']:.0f} MB"
    )
    print(
        f"import (read, check every row, insert, commit):  {ours['seconds']:6.2f} s   "
        f"= {ours['seconds'] / floor['seconds']:.1f}x the floor [{', '.join(f'{r:.1f}' for r in ratios)}] "
        "(target <= 3x)"
    )
    print(f"  added {ours['added']}, refused/duplicate {ours['refused']}, skipped {ours['skipped']}")
    print(f"peak memory of the import process: {ours['peak_mb']:.0f} MB (target < 200 MB)")
    print(
        f"the same without recording the history of changes: {own['seconds']:6.2f} s "
        f"= {own['seconds'] / floor['seconds']:.1f}x the floor, peak {own['peak_mb']:.0f} MB"
    )
    worst = max(runs["import"], key=lambda r: r["longest_silence"])
    print(
        f"longest time without a progress report: {worst['longest_silence']:.2f} s (target <= 1 s), "
        f"between “{worst['silence_after']}”"
    )


def _median(results: list[dict]) -> dict:
    """The run of median time, with the medians of the figures."""
    ordered = sorted(results, key=lambda r: r["seconds"])
    middle = dict(ordered[len(ordered) // 2])
    middle["peak_mb"] = sorted(r["peak_mb"] for r in results)[len(results) // 2]
    return middle


if __name__ == "__main__":
    main()
