"""Time 乡镇汇总 of 40 village workbooks, next to the floors: reading their cells (calamine) and writing the\noutput's cells (openpyxl write-only), with no logic.

    .venv/bin/python benchmarks/consolidate.py [--villages 40] [--scale 5]

One demo village is exported for October 2026; its data (ledgers repeated ``--scale`` times, to stand for
a large village) is written as 40 villages' workbooks, which are then consolidated.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fedclient.core.demo import create_demo  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.monthly_report import collect, write_report  # noqa: E402
from fedclient.core.monthly_report.consolidate import consolidate  # noqa: E402


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
        paths.append(write_report(village, folder / f"village_{i + 1:02d}.xlsx"))
    return paths


def write_floor(township: Path, folder: Path) -> float:
    """openpyxl write-only writing the township workbook's cells, no styles, no logic."""
    book = CalamineWorkbook.from_path(str(township))
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    t = time.perf_counter()
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(folder / "floor.xlsx")
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=40)
    parser.add_argument("--scale", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fedclient-bench-"))
    t = time.perf_counter()
    paths = make_inputs(folder, args.villages, args.scale)
    print(f"wrote {len(paths)} village workbooks in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    cells = 0
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(r) for r in book.get_sheet_by_name(name).to_python())
    read_floor = time.perf_counter() - t

    t = time.perf_counter()
    result = consolidate(paths, 2026, 10, folder / "township.xlsx")
    total = time.perf_counter() - t
    print(f"{len(result.villages)} villages combined, {len(result.problems)} refused, {cells} input cells")
    print(
        f"  consolidate (read, check, write): {total:6.2f} s  ({total / len(paths) * 1000:.0f} ms per village)"
    )
    print(f"  floor: calamine reading the cells: {read_floor:6.2f} s")
    print(f"  floor: write-only writing the output's cells: {write_floor(result.out, folder):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
