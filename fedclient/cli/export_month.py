"""export-month: the village's monthly workbook."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_db_argument, fail, open_db, parse_month


def register(sub) -> None:
    parser = sub.add_parser("export-month", help="导出某月的村妇联月报（xlsx）")
    add_db_argument(parser)
    parser.add_argument("--month", required=True, help="报告月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="月报文件路径（.xlsx）")
    parser.add_argument(
        "--full-names", action="store_true", help="调解台账显示当事人全名（默认隐去为张某某）"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.monthly_report.export import export_month
    from fedclient.core.monthly_report.writer import FileBusy

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
    if result.note:
        print(f"注意：{result.note}", file=sys.stderr)
    return 0
