"""Every PDF the program writes gives back, when copied or searched, exactly the characters it shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fedclient.core.grids.board import grid_board_html
from fedclient.core.mediation.documents import document_html
from fedclient.core.models import MediationCase
from fedclient.core.pledges.board import assessment_table, pledge_board
from fedclient.ui.pdf_text_layer import mapped_characters, parse_cmap, rewrite_to_unicode

from .pdf_text import assert_text_layer_exact, flat, needs_poppler, pdf_text

TODAY = date(2026, 11, 25)


def tiny_pdf(cmap: bytes) -> bytes:
    """A PDF laid out as Qt writes it: a font object, its ToUnicode stream, a classic xref table."""
    objects = [
        b"<< /Type /Font /Subtype /Type0 /ToUnicode 2 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /Catalog >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


CMAP = (
    b"begincmap\n2 beginbfchar\n<0009> <2F25>\n<000A> <0041>\nendbfchar\n"
    b"3 beginbfrange\n<0001> <0003> [<5987> <2F25> <2F00> ]\n<0004> <0006> <2F3D>\nendbfrange\nendcmap\n"
)


def xref_points_at_objects(pdf: bytes) -> bool:
    xref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    lines = pdf[xref:].split(b"\n")
    assert lines[0] == b"xref"
    count = int(lines[1].split()[1])
    return all(pdf[int(lines[2 + n][:10]) :].startswith(b"%d 0 obj" % n) for n in range(1, count))


def test_rewrite_replaces_radicals_expands_runs_and_moves_the_xref():
    pdf = tiny_pdf(CMAP)
    assert xref_points_at_objects(pdf)
    assert parse_cmap(CMAP) == {9: "⼥", 10: "A", 1: "妇", 2: "⼥", 3: "⼀", 4: "⼽", 5: "⼾", 6: "⼿"}
    assert mapped_characters(pdf) == {"⼥", "A", "妇", "⼀", "⼽", "⼾", "⼿"}
    fixed = rewrite_to_unicode(pdf, {"⼥": "女", "⼀": "一", "⼾": "户"})
    assert xref_points_at_objects(fixed)
    assert parse_cmap(fixed) == {9: "女", 10: "A", 1: "妇", 2: "女", 3: "一", 4: "⼽", 5: "户", 6: "⼿"}
    assert rewrite_to_unicode(pdf, {"X": "Y"}) == pdf


def save(html: str, path, **kw) -> None:
    from fedclient.ui.printing import save_pdf

    save_pdf(html, path, **kw)


@needs_poppler
def test_every_ideograph_sharing_a_glyph_with_a_radical_comes_back_as_itself(qapp, tmp_path):
    """In the chosen font, list every radical whose glyph an ideograph also uses, draw those ideographs
    (regular and bold), and read them back."""
    from PySide6.QtGui import QRawFont

    from fedclient.ui.printing import pdf_fonts

    raw = QRawFont.fromFont(pdf_fonts()[0])
    ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
    by_glyph = dict(zip(raw.glyphIndexesForString(ideographs), ideographs, strict=True))
    by_glyph.pop(0, None)  # not in the font
    radicals = [chr(c) for c in range(0x2E80, 0x2FE0)]
    shared = sorted(
        {by_glyph[g] for r in radicals for g in raw.glyphIndexesForString(r) if g and g in by_glyph}
    )
    assert len(shared) > 100 or not shared  # Noto Sans CJK SC shares ~200; a font sharing none is fine too
    text = "".join(shared)
    html = f"<p>{text}</p><p><b>{text}</b></p><p>妇女一户一档民长门</p>"
    path = tmp_path / "shared.pdf"
    save(html, path)
    assert flat(pdf_text(path)) == flat(text + text + "妇女一户一档民长门")


@needs_poppler
@pytest.mark.parametrize("kind", ["board", "progress", "assessment", "grids"])
def test_boards_and_assessment(qapp, demo_db, tmp_path, kind):
    if kind == "grids":
        html = demo_db.run(grid_board_html, TODAY)
    elif kind == "assessment":
        html = demo_db.run(assessment_table, 2026, "A4", TODAY).html
    else:
        board = demo_db.run(pledge_board, 2026, None if kind == "board" else 4, "A4", TODAY, TODAY)
        html = board.html
    path = tmp_path / f"{kind}.pdf"
    save(html, path)
    assert_text_layer_exact(path, html)


@needs_poppler
@pytest.mark.parametrize("kind", ["registration", "agreement", "followup"])
def test_case_documents(qapp, demo_db, tmp_path, kind):
    from fedclient.core.mediation.documents import DocumentRefused

    with demo_db.session() as s:
        ids = s.scalars(select(MediationCase.id).order_by(MediationCase.id)).all()
    for case_id in ids:
        try:
            _title, html = demo_db.run(document_html, case_id, kind)
        except DocumentRefused:
            continue
        path = tmp_path / f"{kind}.pdf"
        save(html, path, landscape=False)
        assert_text_layer_exact(path, html)
        return
    pytest.fail(f"the demo has no case with a {kind}")
