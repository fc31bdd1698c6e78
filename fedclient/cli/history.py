"""python -m fedclient history --db PATH [--since DATE] [--record KIND:ID] --out FILE.csv"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("history", help="导出修改记录（CSV，供审计）")
    add_db_argument(parser)
    parser.add_argument("--since", help="只导出此日期（YYYY-MM-DD）及以后的修改")
    parser.add_argument("--record", help="只导出一条记录（及其附属记录）的修改，例如 member:12、case:3")
    parser.add_argument("--out", type=Path, required=True, help="CSV 文件（UTF-8，Excel 可直接打开）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.history.query import HistoryFilter, export_csv, parse_record

    wanted = HistoryFilter()
    if args.since:
        try:
            wanted.since = date.fromisoformat(args.since.strip())
        except ValueError:
            fail(f"日期“{args.since}”格式不对，应为 YYYY-MM-DD，例如 2026-01-01")
    if args.record:
        try:
            wanted.record = parse_record(args.record)
        except ValueError as exc:
            fail(str(exc))
    db = open_db(args)
    try:
        count = db.run(export_csv, wanted, args.out)
    finally:
        db.dispose()
    print(f"已导出 {count} 条修改记录：{args.out}")
    return 0
