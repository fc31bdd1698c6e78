"""consolidate: the township's combination of its villages' monthly workbooks."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import fail, parse_month


def register(sub) -> None:
    parser = sub.add_parser("consolidate", help="乡镇汇总：合并各村同一月份的月报")
    parser.add_argument("--month", required=True, help="报告月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="汇总表文件路径（.xlsx）")
    parser.add_argument("files", nargs="+", type=Path, help="各村月报文件")
    parser.set_defaults(func=run)


def run(args) -> int:
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
