"""What finding the hidden rows of an old binary .xls costs (issue 14 item 6): xlrd parses each sheet whole (in
Python) to give its row formats, beside python-calamine reading the cells.

.venv/bin/python benchmarks/xls_hidden_rows.py [--rows 50000] [--runs 3] [--keep DIR]

Writes an Excel 97-2003 roster (xlwt, the tests' writer) shaped like ``roster_import.py``'s (title row, header,
16 columns, IDs and phones as text, one row in a hundred hidden), then, each in a fresh process, alternating
(paired runs, medians):
- calamine: python-calamine reads the sheet (``to_python``), the floor of any reading;
- read: ``read_sheets`` as the import does it (calamine row by row, then xlrd for the hidden rows);
- read, hidden rows not looked at: the same with the xlrd step skipped (what the program did before);
- xlrd alone: ``xls_hidden_rows``;
- import: ``load_roster`` + ``plan_roster_import`` + ``apply_roster_import``, committed, with the longest time
  between two progress reports; and the same with the xlrd step skipped.
Prints times, peak memory of each process (targets of the whole import: under 200 MB, no silence over 1 s).
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

from roster_import import AREAS, HEADER

KINDS = ("calamine", "read", "read-unchecked", "xlrd", "import", "import-unchecked")
HIDDEN_EVERY = 100


def write_xls(path: Path, rows: int) -> None:
    import xlwt
    from stdnum.cn.ric import calc_check_digit

    rng = random.Random(14)
    surnames, given = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "秀英桂兰玉梅丽红芳霞燕萍娟敏静婷雪琴"
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("执委名册")
    ws.write(0, 0, "某某县妇联执委名册")
    for c, text in enumerate(HEADER):
        ws.write(1, c, text)
    for i in range(rows):
        year, month, day = rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)
        body = f"{rng.choice(AREAS)}{year}{month:02d}{day:02d}{rng.randint(0, 99):02d}{rng.choice('02468')}"
        values = [i + 1, rng.choice(surnames) + rng.choice(given) + rng.choice(given), "女", f"{year}.{month:02d}",
                  "汉族", "高中", "群众", rng.choice(["执委", "巾帼志愿者", "执委", "议事会成员"]), "联系群众", "调解",
                  f"{rng.randint(1, 30)}组", body + calc_check_digit(body + "0"),
                  f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", "2023.06", rng.choice(["是", "否"])]  # fmt: skip
        for c, value in enumerate(values):
            ws.write(i + 2, c, value)
        if i % HIDDEN_EVERY == HIDDEN_EVERY // 2:
            ws.row(i + 2).hidden = True
    ws.write(rows + 2, 0, "合计")
    ws.write(rows + 2, 1, f"{rows}人")
    book.save(str(path))


def child(kind: str, xls: Path, db_path: Path) -> dict:
    if kind.endswith("-unchecked"):  # the program before: the hidden rows of an .xls not looked at
        from fedclient.core.tabular import files

        files.xls_hidden_rows = lambda _path: None
    silence = {"last": time.perf_counter(), "longest": 0.0}  # two numbers: a list of every report kept
    # would pin memory xlrd frees (its small objects share pymalloc's arenas with the reports kept)

    def progress(done: int, total: int, text: str = "") -> None:
        now = time.perf_counter()
        silence["longest"] = max(silence["longest"], now - silence["last"])
        silence["last"] = now

    figures: dict = {}
    if kind.startswith("import"):
        from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
        from fedclient.core.migrate import open_database

        db = open_database(db_path)
        started = silence["last"] = time.perf_counter()
        table = load_roster(xls, progress=progress)

        def both(session):
            preview = plan_roster_import(session, table, progress=progress)
            return preview, apply_roster_import(session, preview, progress=progress)

        preview, result = db.run(both)
        seconds = time.perf_counter() - started
        progress(0, 0, "committed")
        db.dispose()
        figures = {
            "added": result.added,
            "skipped": preview.count("skipped"),
            "longest_silence": silence["longest"],
        }
    else:
        started = time.perf_counter()
        if kind == "calamine":
            from python_calamine import CalamineWorkbook

            rows = CalamineWorkbook.from_path(str(xls)).get_sheet_by_index(0).to_python()
            figures = {"rows": len(rows)}
        elif kind == "xlrd":
            from fedclient.core.tabular.hidden import xls_hidden_rows

            figures = {"hidden": sum(len(h) for _name, h in xls_hidden_rows(xls))}
        else:
            from fedclient.core.tabular import read_sheets

            sheets = read_sheets(xls, progress)
            figures = {"rows": len(sheets[0].rows), "hidden": len(sheets[0].hidden_rows)}
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": _peak_mb(), **figures}


def _peak_mb() -> float:
    """This process's own peak (VmHWM): getrusage's ru_maxrss keeps the parent's peak across fork and exec."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def run_child(kind: str, xls: Path, db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(xls), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=3, help="paired runs (every kind once per run, in turn)")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", nargs=3)
    parser.add_argument("--write", nargs=2)
    args = parser.parse_args()
    if args.write:
        write_xls(Path(args.write[0]), int(args.write[1]))
        return
    if args.child:
        kind, xls, db = args.child
        print(json.dumps(child(kind, Path(xls), Path(db))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xls = folder / f"roster_{args.rows}.xls"
        if not xls.exists():  # in a child: the writer's memory is not this process's peak
            subprocess.run([sys.executable, __file__, "--write", str(xls), str(args.rows)], check=True)
        print(
            f"{xls.name}: {xls.stat().st_size / 1e6:.1f} MB, {args.rows} rows, one in {HIDDEN_EVERY} hidden"
        )
        runs: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        for _ in range(args.runs):
            for kind in KINDS:
                for f in folder.glob("bench-*.sqlite*"):
                    f.unlink()
                runs[kind].append(run_child(kind, xls, folder / f"bench-{kind}.sqlite"))
    print(f"{args.runs} paired runs, medians [each run]")
    for kind in KINDS:
        found = runs[kind]
        times = ", ".join(f"{r['seconds']:.2f}" for r in found)
        line = f"  {kind:17} {median([r['seconds'] for r in found]):6.2f} s [{times}]"
        line += f"  peak {median([r['peak_mb'] for r in found]):4.0f} MB"
        extra = {k: v for k, v in found[0].items() if k not in ("seconds", "peak_mb")}
        if "longest_silence" in extra:
            extra["longest_silence"] = f"{max(r['longest_silence'] for r in found):.2f} s"
        print(line + "  " + ", ".join(f"{k} {v}" for k, v in extra.items()))
    for what, checked, unchecked in (
        ("read", "read", "read-unchecked"),
        ("import", "import", "import-unchecked"),
    ):
        costs = [a["seconds"] - b["seconds"] for a, b in zip(runs[checked], runs[unchecked], strict=True)]
        print(
            f"  the hidden rows cost the {what}: +{median(costs):.2f} s [{', '.join(f'{c:+.2f}' for c in costs)}]"
        )


if __name__ == "__main__":
    main()
