"""``case-pdf``: one case document as PDF (受理登记表, 调解协议书 or 回访记录)."""

from __future__ import annotations

from pathlib import Path

from .common import add_db_argument, fail, open_db

KIND_HELP = "registration=受理登记表，agreement=调解协议书，followup=回访记录"


def register(sub) -> None:
    parser = sub.add_parser("case-pdf", help="把一件调解案件的文书保存为 PDF")
    add_db_argument(parser)
    parser.add_argument("--case", required=True, help="案件编号，如 2026-007")
    parser.add_argument(
        "--kind", required=True, choices=("agreement", "registration", "followup"), help=KIND_HELP
    )
    parser.add_argument("--pdf", required=True, type=Path, help="保存的 PDF 文件")
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.mediation.documents import DocumentRefused, document_html_by_number

    db = open_db(args)
    try:
        title, html = db.run(document_html_by_number, args.case, args.kind)
    except DocumentRefused as exc:
        fail(str(exc))
    finally:
        db.dispose()
    from fedclient.ui.printing import ensure_gui_for_printing, save_pdf

    ensure_gui_for_printing()
    try:
        pages = save_pdf(html, args.pdf, paper="A4", landscape=False, title=title)
    except OSError as exc:
        fail(str(exc))  # SaveFailed: names the file and the cause
    print(f"已保存 {title}（{pages} 页）：{args.pdf}")
    return 0
