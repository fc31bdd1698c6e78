"""print-board: the pledge notice board (or the quarterly progress board) as a PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .common import add_db_argument, fail, open_db


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise SystemExit(f"错误：日期应写成 YYYY-MM-DD：{text}") from exc


def register(sub) -> None:
    parser = sub.add_parser("print-board", help="把承诺公示栏（或季度践诺情况公示、年度考核表）保存为 PDF")
    add_db_argument(parser)
    parser.add_argument("--year", type=int, required=True, help="年度，如 2026")
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="季度：打印该季度的践诺情况公示")
    parser.add_argument("--paper", choices=("A4", "A3"), default="A4", help="纸张（横向），默认 A4")
    parser.add_argument(
        "--posted", type=_day, help="公示日期 YYYY-MM-DD；默认年初公示栏用承诺登记的公示日期，季度公示用今天"
    )
    parser.add_argument("--assessment", action="store_true", help="改为打印该年度的执委履职考核表")
    parser.add_argument("--pdf", type=Path, required=True, help="保存的 PDF 文件")
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.pledges.board import assessment_table, pledge_board
    from fedclient.ui.printing import ensure_gui_for_printing, save_pdf

    if not 2000 <= args.year <= 2100:
        fail(f"年度不正确：{args.year}")
    ensure_gui_for_printing()
    db = open_db(args)
    try:
        if args.assessment:
            board = db.run(assessment_table, args.year, args.paper)
        else:
            board = db.run(pledge_board, args.year, args.quarter, args.paper, args.posted)
    finally:
        db.dispose()
    try:
        pages = save_pdf(
            board.html, args.pdf, args.paper, True, board.footer, board.title, board.base_pt, board.footer_pt
        )
    except OSError as exc:
        fail(str(exc))  # SaveFailed: names the file and the cause
    print(f"已保存 {args.pdf}（{args.paper} 横向，{pages} 页，{board.pledges} 条）")
    return 0
