"""Time 导出月报 on a county-scale database and on the demo village, each beside its floor.

    .venv/bin/python benchmarks/export_month.py [--month 2026-10] [--keep DB_PATH] [--runs 3]

Builds 5,000 members, 10,000 pledges (30,000 progress entries), 20,000 cases (40,000 parties, 10,000
follow-ups), 400 grids, 20,000 households, 50,000 grid services and 1,000 council meetings, then exports one
month. Figures (medians of paired runs: the machine is shared, so a figure and its floor run back to back):
- writing the county workbook (export_month minus its queries) beside the floor: xlsxwriter alone writing the
  very cells of that workbook with the same formats, widths, frozen header and print set-up (no queries, no
  checks, no progress); target 1.3x;
- the demo village's export after the command's imports (in process, imports warmed); target 0.4 s;
- ``python -m fedclient export-month`` at county scale as a whole process: wall time and peak memory (target
  100 MiB), beside the peak memory of a process importing every module the command had loaded (its floor).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fedclient.core.migrate import open_database  # noqa: E402
from fedclient.core.models import (  # noqa: E402
    CaseMediator,
    CaseParty,
    CouncilMeeting,
    FollowUp,
    Grid,
    GridService,
    GridServiceMember,
    Household,
    MediationCase,
    Member,
    Pledge,
    PledgeProgress,
    VillageProfile,
)
from fedclient.core.monthly_report.data import collect  # noqa: E402
from fedclient.core.monthly_report.export import export_month  # noqa: E402
from fedclient.core.monthly_report.layout import LEDGERS, SUMMARY_HEADERS  # noqa: E402
from fedclient.core.vocab import CASE_TYPES, MEDIATION_METHODS, ROLES, SERVICE_ROLES  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀兰桂英玉梅红霞丽华芳敏静燕娟萍春兰凤英"
START, END = date(2025, 12, 1), date(2026, 11, 20)
SPAN = (END - START).days


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange(SPAN))


def build(path: Path, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    db = open_database(path)
    roles = list(ROLES)
    with db.session() as s:
        s.add(VillageProfile(id=1, county="某县", township="全县", village="合计", chair_name="张秀兰"))
        s.execute(
            insert(Member),
            [
                {
                    "name": name(rng),
                    "role": rng.choice(roles),
                    "phone": f"138{rng.randrange(10**8):08d}",
                    "birth_date": date(rng.randint(1960, 1998), rng.randint(1, 12), rng.randint(1, 28)),
                    "term_start": date(2023, 3, 1),
                    "status": "active" if rng.random() < 0.93 else "left",
                    "left_date": date(2026, rng.randint(1, 11), 1),
                    "post": "留守儿童关爱",
                    "group_name": f"{rng.randint(1, 9)}组",
                }
                for _ in range(5000)
            ],
        )
        s.execute(
            insert(Pledge),
            [
                {
                    "member_id": rng.randint(1, 5000),
                    "year": 2026,
                    "content": "走访留守儿童并建立关爱台账，每月至少一次",
                    "category": "留守人员关爱",
                    "standard_text": "走访 12 次",
                    "target": 12,
                    "unit": "次",
                    "deadline": date(2026, rng.choice((6, 9, 12)), 28),
                }
                for _ in range(10000)
            ],
        )
        s.execute(
            insert(PledgeProgress),
            [
                {"pledge_id": rng.randint(1, 10000), "date": day(rng), "amount": 1, "description": "入户走访"}
                for _ in range(30000)
            ],
        )
        cases = []
        for i in range(20000):
            received = day(rng)
            done = rng.random() < 0.8
            outcome_date = received + timedelta(days=rng.randint(3, 40)) if done else None
            cases.append(
                {
                    "year": received.year,
                    "seq": i + 1,
                    "number": f"{received.year}-{i + 1:05d}",
                    "received_date": received,
                    "dispute_type": rng.choice(CASE_TYPES),
                    "methods": rng.sample(MEDIATION_METHODS, 2),
                    "outcome": (rng.choice(("调解成功", "调解成功", "调解不成")) if done else None),
                    "outcome_date": outcome_date,
                    "status": "调解成功" if done else "已受理",
                }
            )
        s.execute(insert(MediationCase), cases)
        s.execute(
            insert(CaseParty),
            [
                {"case_id": c, "side": side, "name": name(rng)}
                for c in range(1, 20001)
                for side in ("applicant", "respondent")
            ],
        )
        s.execute(
            insert(CaseMediator), [{"case_id": c, "member_id": rng.randint(1, 5000)} for c in range(1, 20001)]
        )
        s.execute(
            insert(FollowUp),
            [{"case_id": rng.randint(1, 20000), "visit_date": day(rng)} for _ in range(10000)],
        )
        old = START
        s.execute(
            insert(Grid), [{"number": g, "name": f"第{g}网格", "created_at": old} for g in range(1, 401)]
        )
        s.execute(
            insert(Household),
            [
                {"contact_name": name(rng), "grid_id": rng.randint(1, 400), "created_at": old}
                for _ in range(20000)
            ],
        )
        s.execute(
            insert(GridService),
            [
                {
                    "date": day(rng),
                    "grid_id": rng.randint(1, 400),
                    "role": rng.choice(SERVICE_ROLES),
                    "description": "入户宣传政策，帮助解决实际困难",
                    "people_served": rng.randint(1, 30),
                }
                for _ in range(50000)
            ],
        )
        s.execute(
            insert(GridServiceMember),
            [{"service_id": i, "member_id": rng.randint(1, 5000)} for i in range(1, 50001)],
        )
        s.execute(
            insert(CouncilMeeting),
            [
                {"date": day(rng), "place": "议事长廊", "topic": "环境整治", "participants_count": 12}
                for _ in range(1000)
            ],
        )
    db.dispose()
    return {"members": 5000, "pledges": 10000, "cases": 20000, "services": 50000}


def floor(data, out: Path) -> tuple[float, int]:
    """xlsxwriter alone writing the same cells with the same formats and sheet set-up."""
    from fedclient.core.monthly_report.layout import TEXT_COLUMNS, WIDTHS, WRAP_COLUMNS

    start = time.perf_counter()
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_urls": False})
    edge = {"border": 1, "border_color": "#999999", "valign": "top"}
    header = wb.add_format(
        {**edge, "bold": True, "bg_color": "#F2DCDB", "align": "center", "text_wrap": True}
    )
    body, wrap = wb.add_format(edge), wb.add_format({**edge, "text_wrap": True})
    text, day = (
        wb.add_format({**edge, "num_format": "@"}),
        wb.add_format({**edge, "num_format": "yyyy-mm-dd"}),
    )
    sheets = {"汇总": (SUMMARY_HEADERS, [list(i) for i in data.indicators.items()]), **{
        sheet: (headers, data.ledgers[sheet]) for sheet, headers in LEDGERS.items()}}  # fmt: skip
    cells = 0
    for sheet, (headers, rows) in sheets.items():
        ws = wb.add_worksheet(sheet)
        formats = [text if h in TEXT_COLUMNS else wrap if h in WRAP_COLUMNS else body for h in headers]
        for c, h in enumerate(headers):
            ws.set_column(c, c, WIDTHS.get(h, 12))
        ws.freeze_panes(1, 0)
        ws.repeat_rows(0)
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, header)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    ws.write_blank(r, c, None, formats[c])
                elif isinstance(value, date | datetime):
                    ws.write_datetime(r, c, value, day)
                elif isinstance(value, int | float) and formats[c] is not text:
                    ws.write_number(r, c, value, formats[c])
                else:
                    ws.write_string(r, c, str(value), formats[c])
            cells += len(row)
    wb.close()
    return time.perf_counter() - start, cells


def process(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB, GNU time's maximum resident set) of a child process."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *args], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database here")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    year, month = map(int, args.month.split("-"))
    folder = Path(tempfile.mkdtemp(prefix="fedclient-bench-"))
    path = args.keep or folder / "county.sqlite"
    if not path.exists():
        t = time.perf_counter()
        counts = build(path)
        print(f"built county database {counts} in {time.perf_counter() - t:.1f} s")

    # Whole processes, paired: the command's own imports (floor of its memory: every module the command had
    # loaded when it finished, imported and nothing done), then the command; medians.
    python, modules = sys.executable, folder / "modules.json"
    command = ["export-month", "--db", str(path), "--month", args.month, "--out", str(folder / "cmd.xlsx")]
    record = (
        "import atexit, json, runpy, sys; atexit.register(lambda: json.dump(sorted(n for n in sys.modules "
        f"if not n.endswith('__main__')), open({str(modules)!r}, 'w'))); sys.argv = ['fedclient', *{command!r}]; "
        "runpy.run_module('fedclient', run_name='__main__')"
    )
    subprocess.run([python, "-c", record], check=False, capture_output=True)
    load = (
        f"import json, importlib\nfor n in json.load(open({str(modules)!r})):\n"
        "    try:\n        importlib.import_module(n)\n    except Exception:\n        pass"
    )
    floor_mibs, walls, mibs = [], [], []
    for _ in range(args.runs):
        floor_mibs.append(process([python, "-c", load])[1])
        wall, mib = process([python, "-m", "fedclient", *command])
        walls.append(wall)
        mibs.append(mib)
    floor_mib, wall, mib = statistics.median(floor_mibs), statistics.median(walls), statistics.median(mibs)
    db = open_database(path)
    writes, floors = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        with db.session() as s:
            data = collect(s, year, month)
        collect_s = time.perf_counter() - t
        t = time.perf_counter()
        result = export_month(db, year, month, folder / "report.xlsx")
        writes.append(time.perf_counter() - t - collect_s)  # export_month reads the month again, then writes
        floor_s, cells = floor(data, folder / "floor.xlsx")
        floors.append(floor_s)
    write_s, floor_s = statistics.median(writes), statistics.median(floors)
    rows = sum(result.counts.values())
    print(f"county, month {args.month}: {rows} ledger rows, {cells} cells; sheets {result.counts}")
    print(f"  queries (domain functions):        {collect_s:6.2f} s")
    print(f"  writing the workbook:              {write_s:6.2f} s   floor (xlsxwriter, same cells and formats)"
          f" {floor_s:5.2f} s   ratio {write_s / floor_s:4.2f}x (target 1.3x)")  # fmt: skip
    print(f"  export-month command, whole process: {wall:5.2f} s, peak {mib:5.0f} MiB"
          f"   floor (its imports) {floor_mib:4.0f} MiB (target 100 MiB)")  # fmt: skip
    db.dispose()

    from fedclient.core.demo import create_demo

    demo = open_database(folder / "demo.sqlite")
    demo.run(create_demo, today=date(2026, 11, 25))
    times = []
    for _ in range(max(3, args.runs)):
        t = time.perf_counter()
        export_month(demo, 2026, 10, folder / "demo.xlsx")
        times.append(time.perf_counter() - t)
    print(f"demo village export after imports: {statistics.median(times):5.3f} s (target 0.4 s)")
    demo.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
