"""python -m fedclient import-roster FILE --db PATH [--dry-run] [--sheet NAME] [--include-hidden] [--confirm-row N]

Prints which sheet was read, every row not imported (refused, duplicate, skipped) with its row number and
reason, every warning on the rows imported, and progress while it works (at least once a second)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("import-roster", help="从表格（xlsx/xls/csv/txt，网页导出的表格）导入花名册")
    parser.add_argument("file", type=Path, help="花名册表格文件")
    add_db_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    parser.add_argument("--sheet", help="读取这个工作表（默认：人员最多的那个）")
    parser.add_argument("--include-hidden", action="store_true", help="表格中隐藏的行也导入（默认不导入）")
    parser.add_argument(
        "--confirm-row",
        type=int,
        action="append",
        default=[],
        metavar="行号",
        help="确认这一行是人员（被“跳过”的行，核对后可用此项导入；可写多次）",
    )
    parser.add_argument("--refused-out", type=Path, help="把未导入的行（附原因）另存为此 xlsx 文件")
    parser.set_defaults(func=run, writes=lambda args: not args.dry_run)


class ProgressLine:
    """Progress on stderr once a second, driven by the clock: the import reports many times a second (every
    few hundred rows, every tenth of a second while a sheet is parsed or the file is written), and the latest
    report is printed each time a second is due, so a long import is never silent for a second."""

    interval = 1.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.due = clock() + self.interval

    def __call__(self, done: int, total: int, text: str = "") -> None:
        if not text:
            return
        now = self.clock()
        if now >= self.due:
            print(f"  {text}", file=sys.stderr, flush=True)
            self.due += self.interval  # on the second, not a second after a late report
            if self.due <= now:
                self.due = now + self.interval


def run(args) -> int:
    from fedclient.core.history.source import imported_from
    from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
    from fedclient.core.tabular import TableError, missing_required, save_problem_rows

    progress = ProgressLine()
    print(f"正在读取：{args.file.name}", file=sys.stderr, flush=True)
    try:
        table = load_roster(args.file, progress=progress, sheet=args.sheet)
    except TableError as exc:
        fail(str(exc))
    table = table.with_options(include_hidden=args.include_hidden, confirmed=args.confirm_row)
    missing = missing_required(table.mapping, table.fields)
    if missing:
        fail(
            f"“{args.file.name}”的工作表“{table.sheet.name}”中找不到“{'、'.join(missing)}”列，无法导入"
            f"（花名册的表头应有“{'、'.join(missing)}”；要读别的工作表请用 --sheet 名称）"
        )
    db = open_db(args)
    try:
        preview = db.run(plan_roster_import, table, progress=progress)
        if not args.dry_run:
            db.run(imported_from(apply_roster_import, args.file), preview, progress=progress)
    finally:
        db.dispose()
    print(f"读取：{args.file.name}（{table.sheet_summary()}）")
    report(preview, args.dry_run)
    if not preview.rows:
        print(f"注意：表头（第 {table.header_row + 1} 行）下面没有任何数据行，没有可导入的人员")
    hidden = table.hidden_count()
    if hidden and not args.include_hidden:
        print(f"表格中有 {hidden} 行是隐藏的，没有导入（见上面“跳过”）；核对后要导入，请加 --include-hidden")
    if table.hidden_rows_warning():
        print(f"注意：{table.hidden_rows_warning()}")
    if table.columns_note():
        print(f"注意：{table.columns_note()}")
    if table.doubt:
        print(f"注意：{table.doubt}（要读另一个，请加 --sheet 工作表名称）")
    for note in preview.notes:
        print(f"注意：{note}")
    if args.dry_run:
        print("（试运行，未写入任何数据）")
    if args.refused_out:
        n = save_problem_rows(table, preview.rows, args.refused_out)
        print(f"未导入的 {n} 行已另存为：{args.refused_out}")
    return 0


def report(preview, dry_run: bool) -> None:
    verb = "可导入" if dry_run else "已导入"
    print(f"{verb}（新增）：{preview.count('new')} 人")
    print(f"{'可更新' if dry_run else '已更新'}：{preview.count('update')} 人")
    print(f"无变化：{preview.count('same')} 人")
    sections = (
        ("refused", "拒绝", "行"),
        ("duplicate", "重复", "行"),
        ("skipped", "跳过（不是人员，未导入；确认是人员的行可用 --confirm-row 行号 导入）", "行"),
    )
    for kind, title, unit in sections:
        rows = [r for r in preview.rows if r.kind == kind]
        print(f"{title}：{len(rows)} {unit}")
        for row in rows:
            print(f"  第{row.row_number}行{_seq(row)}：{'；'.join(row.problems)}")
    for row in preview.rows:
        if row.kind == "update":
            print(f"  更新 第{row.row_number}行 {row.values.get('name', '')}：{'；'.join(row.changes)}")
    warned = [r for r in preview.rows if r.writes and r.warnings]
    print(f"提醒（{'将' if dry_run else '已'}导入，请核对）：{len(warned)} 行")
    for row in warned:
        print(f"  第{row.row_number}行{_seq(row)}：{'；'.join(row.warnings)}")


def _seq(row) -> str:
    seq = row.values.get("seq", "")
    name = row.values.get("name", "")
    if seq and name:
        return f"（序号{seq} {name}）"
    return f"（{name or seq}）" if name or seq else ""
