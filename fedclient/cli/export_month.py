"""export-month (the village's monthly workbook) and consolidate (the township's combination of them)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .common import add_db_argument, fail, open_db

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> tuple[int, int]:
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        fail(f"月份“{text}”格式不对，应为 YYYY-MM，例如 2026-10")
    return int(match.group(1)), int(match.group(2))


def register(sub) -> None:
    parser = sub.add_parser("export-month", help="导出某月的村妇联月报（xlsx）")
    add_db_argument(parser)
    parser.add_argument("--month", required=True, help="报告月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="月报文件路径（.xlsx）")
    parser.add_argument(
        "--full-names", action="store_true", help="调解台账显示当事人全名（默认隐去为张某某）"
    )
    parser.set_defaults(func=run_export)

    parser = sub.add_parser("consolidate", help="乡镇汇总：合并各村同一月份的月报")
    parser.add_argument("--month", required=True, help="报告月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="汇总表文件路径（.xlsx）")
    parser.add_argument("files", nargs="+", type=Path, help="各村月报文件")
    parser.set_defaults(func=run_consolidate)


def run_export(args) -> int:
    from fedclient.core.monthly_report import FileBusy, export_month

    year, month = parse_month(args.month)
    db = open_db(args)
    try:
        result = export_month(db, year, month, args.out, mask_names=not args.full_names)
    except FileBusy as exc:
        fail(str(exc))
    finally:
        db.dispose()
    rows = "，".join(f"{sheet} {n} 行" for sheet, n in result.counts.items())
    print(f"已导出 {year}年{month:02d}月月报：{result.path}（{rows}）")
    return 0


def run_consolidate(args) -> int:
    from fedclient.core.monthly_report import FileBusy
    from fedclient.core.monthly_report.consolidate import consolidate

    year, month = parse_month(args.month)
    try:
        result = consolidate(args.files, year, month, args.out)
    except FileBusy as exc:
        fail(str(exc))
    print(f"已汇总 {len(result.villages)} 个村：{result.out}")
    for problem in result.problems:
        print(f"未计入 {problem.file}：{problem.reason}", file=sys.stderr)
    return 0 if result.villages else 1
