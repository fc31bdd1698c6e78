"""consolidate: the township's combination of its villages' monthly workbooks (one month or a period), with
报送情况 (who reported, late, missing, wrong month) against the township's village list."""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

from .common import fail, open_db, parse_month


def register(sub) -> None:
    parser = sub.add_parser(
        "consolidate", help="乡镇汇总：合并各村的月报（一个月或一段时间），并列出报送情况"
    )
    parser.add_argument("--month", help="报告月份，YYYY-MM")
    parser.add_argument("--from", dest="first", help="多月合并的起始月份，YYYY-MM（与 --to 一起用）")
    parser.add_argument("--to", dest="last", help="多月合并的结束月份，YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="汇总表文件路径（.xlsx）")
    parser.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, help="乡镇的数据文件（其中保存的村名单和报送期限）"
    )
    parser.add_argument("--villages", type=Path, help="村名单表格（一列村名，列名为“村名”或“单位”）")
    parser.add_argument("--deadline", type=int, help="报送期限：次月几日（晚于此日生成的月报算迟报）")
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


def months(args) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    if args.first or args.last:
        if not (args.first and args.last) or args.month:
            fail("多月合并请同时写 --from 和 --to（不写 --month）")
        first, last = parse_month(args.first), parse_month(args.last)
        if first > last:
            fail("--from 的月份应早于 --to 的月份")
        return first, last
    if not args.month:
        fail("请用 --month YYYY-MM 说明汇总哪个月，或用 --from/--to 说明一段时间")
    return None, parse_month(args.month)


def township_list(args) -> tuple[list[str], int | None]:
    villages, day = [], None
    if getattr(args, "db", None):
        from fedclient.core.monthly_report.village_list import get_deadline_day, get_villages

        db = open_db(args)
        try:
            with db.session() as session:
                villages, day = get_villages(session), get_deadline_day(session)
        finally:
            db.dispose()
    if args.villages:
        from fedclient.core.monthly_report.village_list import read_village_list
        from fedclient.core.tabular import TableError

        try:
            villages = read_village_list(args.villages)
        except (TableError, OSError) as exc:
            fail(f"无法读取村名单“{args.villages.name}”：{exc}")
        if not villages:
            fail(f"村名单“{args.villages.name}”中没有村名")
    if args.deadline is not None:
        if not 1 <= args.deadline <= 31:
            fail("--deadline 应为 1 到 31 之间的日子")
        day = args.deadline
    return villages, day


def run(args) -> int:
    from fedclient.core.monthly_report.township import NothingCombined, consolidate_township
    from fedclient.core.monthly_report.writer import FileBusy

    first, last = months(args)
    villages, day = township_list(args)
    files = expand_wildcards(args.files)
    try:
        result = consolidate_township(files, last, args.out, first, villages, day, empty_ok=False)
    except FileBusy as exc:
        fail(str(exc))
    except NothingCombined as exc:
        _list_problems(exc.result)
        fail(
            "没有可汇总的月报：给出的文件都没有计入（原因见上），没有生成汇总表"
            f"{'' if not args.out.exists() else '（原有的文件没有改动）'}。请检查文件名、文件夹和报告月份后重试。"
        )
    print(f"已汇总 {len(result.villages)} 个村（{result.label}）：{result.out}")
    status = result.extra_sheets[0]
    if status.title:
        print(status.title)
    _list_problems(result)
    return 0


def _list_problems(result) -> None:
    for problem in result.problems:
        print(f"未计入 {problem.file or problem.village}：{problem.reason}", file=sys.stderr)
