"""Small HTML helpers shared by printed documents (议事纪要, 一户一档, 值班表 and others).

The printing code (``ui/pagination``) never splits a table row across pages; ``keep_together`` uses that to
keep a block, e.g. the signature lines, on one page.
"""

from __future__ import annotations

from datetime import date
from html import escape

FORM_STYLE = """
<style>
  h1 { font-size: 18pt; font-weight: bold; text-align: center; margin: 0 0 4pt 0; }
  p.sub { text-align: center; font-size: 10.5pt; margin: 0 0 10pt 0; }
  p.note { font-size: 10pt; color: #444; }
  table.form { border-collapse: collapse; width: 100%; }
  table.form td, table.form th { border: 1px solid #000; padding: 4pt; font-size: 11pt; vertical-align: top; }
  table.form th { font-weight: bold; background: #f2f2f2; }
  td.k { font-weight: bold; white-space: nowrap; background: #f7f7f7; }
  p { font-size: 11pt; line-height: 150%; margin: 3pt 0; }
  p.h { font-weight: bold; font-size: 12pt; margin-top: 10pt; }
  p.alert { font-weight: bold; color: #b00000; }
  table.sign td { font-size: 12pt; line-height: 260%; }
</style>
"""


def e(value) -> str:
    """Text for HTML: escaped, ``None`` as empty, dates as 2026年3月5日, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return escape(str(value)).replace("\n", "<br/>")


def keep_together(inner_html: str) -> str:
    """``inner_html`` in a borderless one-cell table: moved to the next page whole rather than split."""
    return f"<table width='100%' border='0' cellspacing='0' cellpadding='0'><tr><td>{inner_html}</td></tr></table>"


def form_document(title: str, subtitle: str, body: str) -> str:
    return f"<html><head>{FORM_STYLE}</head><body><h1>{e(title)}</h1><p class='sub'>{subtitle}</p>{body}</body></html>"


def form_table(
    headers: list[str], rows: list[list[str]], widths: list[int] | None = None, empty: str = "无"
) -> str:
    """A bordered table with a header row repeated on every page; cells are HTML already."""
    if not rows:
        return f"<p>{e(empty)}</p>"
    widths = widths or [0] * len(headers)
    head = "".join(
        f"<th width='{w}%'>{h}</th>" if w else f"<th>{h}</th>" for h, w in zip(headers, widths, strict=True)
    )
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        "<table class='form' border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
