"""python -m fedclient import-roster FILE --db PATH [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("import-roster", help="从表格（xlsx/xls/csv）导入花名册")
    parser.add_argument("file", type=Path, help="花名册表格文件")
    add_db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    parser.add_argument("--refused-out", type=Path, help="把未导入的行（附原因）另存为此 xlsx 文件")
    parser.set_defaults(func=run, writes=lambda args: not args.dry_run)


def run(args) -> int:
    from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
    from fedclient.core.tabular import TableError, missing_required, save_problem_rows

    try:
        table = load_roster(args.file)
    except TableError as exc:
        fail(str(exc))
    missing = missing_required(table.mapping, table.fields)
    if missing:
        fail(f"表格中找不到“{'、'.join(missing)}”列，无法导入")
    db = open_db(args)
    try:
        preview = db.run(plan_roster_import, table)
        if not args.dry_run:
            db.run(apply_roster_import, preview)
    finally:
        db.dispose()
    sheet = table.sheet.name
    print(f"读取：{args.file.name}（工作表“{sheet}”，表头在第 {table.header_row + 1} 行）")
    verb = "可导入" if args.dry_run else "已导入"
    print(f"{verb}（新增）：{preview.count('new')} 人")
    print(f"{'可更新' if args.dry_run else '已更新'}：{preview.count('update')} 人")
    print(f"无变化：{preview.count('same')} 人")
    print(f"拒绝：{preview.count('refused')} 行")
    for row in preview.rows:
        if row.kind == "refused":
            print(f"  第{row.row_number}行{_seq(row)}：{'；'.join(row.problems)}")
    print(f"重复：{preview.count('duplicate')} 行")
    for row in preview.rows:
        if row.kind == "duplicate":
            print(f"  第{row.row_number}行{_seq(row)}：{'；'.join(row.problems)}")
    for row in preview.rows:
        if row.kind == "update":
            print(f"  更新 第{row.row_number}行 {row.values.get('name', '')}：{'；'.join(row.changes)}")
    if args.dry_run:
        print("（试运行，未写入任何数据）")
    if args.refused_out:
        n = save_problem_rows(table, preview.rows, args.refused_out)
        print(f"未导入的 {n} 行已另存为：{args.refused_out}")
    return 0


def _seq(row) -> str:
    seq = row.values.get("seq", "")
    name = row.values.get("name", "")
    return f"（序号{seq} {name}）" if seq else f"（{name}）"
