"""print-review: the year-end 述职评议 papers as one PDF (each member's 述职表, then the 民主测评票)."""

from __future__ import annotations

from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("print-review", help="把年度执委述职表和民主测评票保存为 PDF")
    add_db_argument(parser)
    parser.add_argument("--year", type=int, required=True, help="述职年度，如 2026")
    parser.add_argument("--copies", type=int, default=1, help="民主测评票份数（按参加测评的人数），默认 1")
    parser.add_argument("--pdf", type=Path, required=True, help="保存的 PDF 文件")
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.review.printout import MAX_COPIES, review_papers
    from fedclient.ui.printing import ensure_gui_for_printing, save_pdf

    if not 2000 <= args.year <= 2100:
        fail(f"年度不正确：{args.year}")
    if not 0 <= args.copies <= MAX_COPIES:
        fail(f"测评票份数应在 0 到 {MAX_COPIES} 之间：{args.copies}")
    ensure_gui_for_printing()
    db = open_db(args)
    try:
        papers = db.run(review_papers, args.year, args.copies)
    finally:
        db.dispose()
    try:
        pages = save_pdf(papers.parts, args.pdf, "A4", False, None, papers.title, papers.base_pt)
    except OSError as exc:
        fail(str(exc))  # SaveFailed: names the file and the cause
    print(f"已保存 {args.pdf}（A4 纵向，{pages} 页：述职表 {papers.sheets} 份，测评票 {args.copies} 份）")
    return 0
