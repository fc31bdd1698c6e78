"""Small HTML helpers shared by every printed document (boards, case documents, files, rosters).

The printing code (``ui/pagination``) never splits a table row across pages; ``keep_together`` uses that to
keep a block, e.g. the signature lines, on one page.
"""

from __future__ import annotations

from html import escape


def e(value) -> str:
    """Text for HTML: escaped, ``None`` as empty."""
    return "" if value is None else escape(str(value))


def keep_together(inner_html: str) -> str:
    """``inner_html`` in a borderless one-cell table: moved to the next page whole rather than split."""
    return f"<table width='100%' border='0' cellspacing='0' cellpadding='0'><tr><td>{inner_html}</td></tr></table>"
