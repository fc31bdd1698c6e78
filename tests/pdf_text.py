"""Reading a PDF the way a chair copies from it: ``pdftotext``, with no normalisation of the characters
(NFKC would turn the Kangxi radical ⼥ back into 女 and hide a broken text layer)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

RADICAL_BLOCKS = (range(0x2E80, 0x2FE0), range(0x31C0, 0x31F0), range(0xF900, 0xFB00))


def pdf_text(path: Path | str, page: int | None = None) -> str:
    # -raw: drawing order, so each table cell's lines stay together even when the cell wraps.
    args = ["pdftotext", "-raw"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_texts(path: Path | str) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    pages = pdf_text(path).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    return "".join(text.split())


def drawn_text(html: str, base_pt: float = 12) -> str:
    """The plain text Qt lays out for ``html`` (what the PDF should give back)."""
    from fedclient.ui.printing import make_document

    return make_document(html, base_pt).toPlainText()


def assert_text_layer_exact(path: Path | str, html: str) -> None:
    """Copying from the PDF gives exactly the characters drawn: every line of the document is found whole,
    and no character comes back that was not drawn (no radicals or compatibility forms for ideographs)."""
    text = pdf_text(path)
    strays = sorted({c for c in text if any(ord(c) in block for block in RADICAL_BLOCKS)})
    assert not strays, f"radicals in the text layer: {strays}"
    whole = flat(text)
    drawn = drawn_text(html)
    for line in drawn.splitlines():
        assert flat(line) in whole, line
    footer_chars = set("第页共/0123456789")
    unexpected = {c for c in whole if c not in drawn and c not in footer_chars}
    assert not unexpected, f"characters that were not drawn: {sorted(unexpected)}"
