"""``python -m fedclient print-grids --db PATH --pdf FILE``: the grid board (网格公示牌) as a PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("print-grids", help="把网格公示牌打印为 PDF（A4 横向）")
    add_db_argument(parser)
    parser.add_argument("--pdf", type=Path, required=True, help="输出的 PDF 文件")
    parser.add_argument("--date", default=None, help="公示日期 YYYY-MM-DD（默认今天）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.grids.board import grid_board_html

    try:
        posted = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        fail("公示日期应写成 YYYY-MM-DD，如 2026-11-25")
    db = open_db(args)
    try:
        html = db.run(grid_board_html, posted)
    finally:
        db.dispose()
    from fedclient.ui.printing import ensure_gui_for_printing, save_pdf

    ensure_gui_for_printing()
    try:
        pages = save_pdf(html, args.pdf, paper="A4", landscape=True, title="网格公示牌", base_pt=14)
    except OSError as exc:
        fail(str(exc))  # SaveFailed: names the file and the cause
    print(f"已生成网格公示牌：{args.pdf}（{pages} 页）")
    return 0
