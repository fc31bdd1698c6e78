"""consolidate: the township's combination of its villages' monthly workbooks."""

from __future__ import annotations

import glob
import sys
from pathlib import Path

from .common import fail, parse_month


def register(sub) -> None:
    parser = sub.add_parser("consolidate", help="乡镇汇总：合并各村同一月份的月报")
    parser.add_argument("--month", required=True, help="报告月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="汇总表文件路径（.xlsx）")
    parser.add_argument("files", nargs="+", type=Path, help="各村月报文件（可写通配符，如 各村\\*.xlsx）")
    parser.set_defaults(func=run)


def expand_wildcards(paths: list[Path]) -> list[Path]:
    """Windows' command prompt passes 各村\\*.xlsx on as written (a Unix shell expands it first): expand it here."""
    files = []
    for path in paths:
        pattern = str(path)
        if path.exists() or not any(c in pattern for c in "*?["):
            files.append(path)
            continue
        matches = sorted(Path(p) for p in glob.glob(pattern))
        if not matches:
            fail(f"没有与 {pattern} 匹配的文件")
        files.extend(matches)
    return files


def run(args) -> int:
    from fedclient.core.monthly_report import FileBusy
    from fedclient.core.monthly_report.consolidate import consolidate

    year, month = parse_month(args.month)
    try:
        result = consolidate(expand_wildcards(args.files), year, month, args.out)
    except FileBusy as exc:
        fail(str(exc))
    print(f"已汇总 {len(result.villages)} 个村：{result.out}")
    for problem in result.problems:
        print(f"未计入 {problem.file}：{problem.reason}", file=sys.stderr)
    return 0 if result.villages else 1
