"""Time 乡镇汇总 of 40 village workbooks as the township waits for it: the whole ``consolidate`` command.

    .venv/bin/python benchmarks/consolidate.py [--villages 40] [--scale 5] [--runs 3]

One demo village is exported for October 2026; its data (ledgers repeated ``--scale`` times, to stand for
a large village) is written as 40 villages' workbooks, which are then consolidated by
``python -m fedclient consolidate`` in its own process (its imports included). The floor, in a process of its
own too: python-calamine reading every cell of the 40 files plus xlsxwriter writing the cells of the township
workbook the command wrote, with the same formats (no checks, no logic); the floor process reads those cells
from the command's output first, and that reading is taken off its time. Floor and command alternate (paired
runs; the machine is shared); the ratio is of the medians (target 1.5x).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fedclient.core.demo import create_demo  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.monthly_report.data import collect  # noqa: E402
from fedclient.core.monthly_report.writer import write_report  # noqa: E402

FLOOR = r"""
import sys, time
from datetime import date, datetime
from python_calamine import CalamineWorkbook
import xlsxwriter

*inputs, township, out = sys.argv[1:]
for path in inputs:
    book = CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
started = time.perf_counter()  # what to write: read from the command's output, not part of the floor
book = CalamineWorkbook.from_path(township)
sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
print(time.perf_counter() - started)
wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_urls": False})
edge = {"border": 1, "border_color": "#999999", "valign": "top"}
body, day = wb.add_format(edge), wb.add_format({**edge, "num_format": "yyyy-mm-dd"})
head = wb.add_format({**edge, "bold": True, "bg_color": "#F2DCDB", "align": "center", "text_wrap": True})
for name, rows in sheets:
    ws = wb.add_worksheet(name)
    ws.freeze_panes(1, 0); ws.repeat_rows(0); ws.set_paper(9); ws.set_landscape(); ws.fit_to_pages(1, 0)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "":
                ws.write_blank(r, c, None, body)
            elif isinstance(value, (date, datetime)):
                ws.write_datetime(r, c, value, day)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, body)
            else:
                ws.write_string(r, c, value, head if r == 0 else body)
wb.close()
"""


def make_inputs(folder: Path, villages: int, scale: int) -> list[Path]:
    db = open_database(folder / "demo.sqlite")
    db.run(create_demo, today=date(2026, 11, 25))
    with db.session() as s:
        data = collect(s, 2026, 10)
    db.dispose()
    ledgers = {sheet: rows * scale for sheet, rows in data.ledgers.items()}
    paths = []
    for i in range(villages):
        profile = dataclasses.replace(data.profile, village=f"第{i + 1:02d}村")
        village = dataclasses.replace(data, profile=profile, ledgers=ledgers)
        paths.append(write_report(village, folder / "villages" / f"village_{i + 1:02d}.xlsx"))
    return paths


def timed(args: list[str], less_printed: bool = False) -> float:
    """Seconds the process took; ``less_printed``: less the seconds it printed (work that is not the floor's)."""
    start = time.perf_counter()
    done = subprocess.run(args, check=True, capture_output=True, cwd=ROOT, text=True)
    taken = time.perf_counter() - start
    return taken - float(done.stdout.split()[-1]) if less_printed else taken


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=40)
    parser.add_argument("--scale", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fedclient-bench-"))
    t = time.perf_counter()
    paths = make_inputs(folder, args.villages, args.scale)
    print(f"wrote {len(paths)} village workbooks in {time.perf_counter() - t:.1f} s")
    township = folder / "township.xlsx"
    command = [sys.executable, "-m", "fedclient", "consolidate", "--month", "2026-10", "--out", str(township)]
    command += [str(p) for p in paths]
    floor_cmd = [sys.executable, "-c", FLOOR, *map(str, paths), str(township), str(folder / "floor.xlsx")]
    timed(command)  # the township workbook the floor writes again
    totals, floors = [], []
    for _ in range(args.runs):
        floors.append(timed(floor_cmd, less_printed=True))
        totals.append(timed(command))
    total, floor = statistics.median(totals), statistics.median(floors)
    print(f"consolidate command, {len(paths)} villages (whole process): {total:6.2f} s")
    print(f"  floor: calamine reading them + xlsxwriter writing the output (whole process): {floor:6.2f} s")
    print(f"  ratio {total / floor:.2f}x (target 1.5x); medians of {args.runs} paired runs")
    help_times, import_times = [], []
    for _ in range(5):
        import_times.append(timed([sys.executable, "-c", "import openpyxl"]))
        help_times.append(timed([sys.executable, "-m", "fedclient", "consolidate", "--help"]))
    h, i = statistics.median(help_times), statistics.median(import_times)
    print(f"consolidate --help: {h:5.3f} s   floor: python -c 'import openpyxl' {i:5.3f} s   ratio {h / i:.2f}x"
          " (target 2x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
