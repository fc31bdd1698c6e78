"""fill-form: fill a form the township sent (xlsx or xls) with the month's figures."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from .common import add_db_argument, fail, open_db, parse_month


def register(sub) -> None:
    parser = sub.add_parser("fill-form", help="填写乡镇发来的表格（按月报的数字和名册）")
    add_db_argument(parser)
    parser.add_argument("--month", help="按哪个月的月报填写，YYYY-MM（不写时用 --year 的年末或本月）")
    parser.add_argument("--year", type=int, help="年度表格：按该年最后一个月（本年为上月）的数字填写")
    parser.add_argument("--form", type=Path, required=True, help="乡镇发来的表格（.xlsx 或 .xls）")
    parser.add_argument("--out", type=Path, required=True, help="填好的表格保存到（.xlsx）")
    parser.add_argument("--full-names", action="store_true", help="调解当事人显示全名（默认隐去为张某某）")
    parser.set_defaults(func=run)


def which_month(args, today: date) -> tuple[int, int]:
    if args.month:
        return parse_month(args.month)
    if args.year:
        if args.year < today.year:
            return args.year, 12
        return (args.year, today.month - 1) if today.month > 1 else (args.year, 1)
    fail("请用 --month YYYY-MM（或 --year YYYY）说明按哪个月填写")
    raise AssertionError


def run(args) -> int:
    from fedclient.core.forms import FormError, prepare, save
    from fedclient.core.safe_write import SaveFailed

    year, month = which_month(args, date.today())
    db = open_db(args)
    try:
        prepared = prepare(db, args.form, year, month, mask_names=not args.full_names)
        plan = prepared.plan
        out = save(db, prepared, args.out)
    except (FormError, SaveFailed) as exc:
        fail(str(exc))
    finally:
        db.dispose()
    for note in plan.notes:
        print(note)
    for f in plan.fills:
        print(f"填写 {f.sheet}!{f.cell}  {f.label} = {f.value}  （{f.source}）")
    for u in plan.unknowns:
        print(f"未填 {u.sheet}!{u.cell}  “{u.text}”：{u.reason}", file=sys.stderr)
    print(f"{plan.summary()}：{out}" + ("（已另存为 .xlsx）" if out.suffix != args.out.suffix else ""))
    return 0
