"""A PDF's text layer gives back the characters that were drawn, not look-alike radicals.

CJK fonts (Noto Sans CJK, Source Han Sans, and any font that does the same) map a Kangxi radical and its
ideograph to one glyph: ⼥ U+2F25 and 女 U+5973, ⼾ U+2F3E and 户 U+6237. A PDF stores glyphs, and its
``/ToUnicode`` map says which character each glyph stands for. Qt's PDF writer builds that map by walking the
font's cmap from the lowest code point up and keeping the first hit, so the radical wins and copying, searching
or ``pdftotext`` give ⼥ for 女 (the same happens in wkhtmltopdf, PDFBox, Chromium).

The repair knows what was drawn: every ``/ToUnicode`` entry whose character was not drawn, but shares its glyph
(in the fonts used) with a character that was, is rewritten to that character. Nothing is guessed from Unicode
tables: NFKC would turn ⼾ into 戶 (traditional), while the Simplified Chinese glyph is 户. It runs on the
temporary file inside the atomic write, before the file is checked: the CMap streams are written anew and the
cross-reference table moved to match. A PDF laid out otherwise than Qt writes it (compressed maps, a
cross-reference stream) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QRawFont

_RADICALS = (range(0x2E80, 0x2FE0), range(0x31C0, 0x31F0))
_SECTION = re.compile(rb"begin(bfchar|bfrange)\b(.*?)end\1\b", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""
CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _text(token: bytes) -> str:
    return bytes.fromhex(token.decode("ascii")).decode("utf-16-be", errors="replace")


def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def parse_cmap(cmap: bytes) -> dict[int, str]:
    """Character code -> text of a ToUnicode CMap (``bfchar`` entries, ``bfrange`` lists and runs)."""
    mapping: dict[int, str] = {}
    for kind, body in _SECTION.findall(cmap):
        for line in body.splitlines():
            tokens = _HEX.findall(line)
            if kind == b"bfchar" and len(tokens) >= 2:
                mapping[int(tokens[0], 16)] = _text(tokens[1])
            elif kind == b"bfrange" and len(tokens) >= 3:
                first, last = int(tokens[0], 16), int(tokens[1], 16)
                if b"[" in line:
                    for code, token in zip(range(first, last + 1), tokens[2:], strict=False):
                        mapping[code] = _text(token)
                else:  # a run: the last UTF-16 unit counts up
                    units = bytearray(bytes.fromhex(tokens[2].decode("ascii")))
                    for code in range(first, last + 1):
                        mapping[code] = units.decode("utf-16-be", errors="replace")
                        value = int.from_bytes(units[-2:], "big") + 1
                        units[-2:] = (value & 0xFFFF).to_bytes(2, "big")
    return mapping


def cmap_stream(mapping: dict[int, str]) -> bytes:
    lines, codes = [CMAP_HEAD], sorted(mapping)
    for start in range(0, len(codes), 100):  # at most 100 entries per block
        block = codes[start : start + 100]
        lines.append(b"%d beginbfchar\n" % len(block))
        lines += [b"<%04X> %s\n" % (code, _hex(mapping[code])) for code in block]
        lines.append(b"endbfchar\n")
    lines.append(CMAP_TAIL)
    return b"".join(lines)


def _objects(pdf: bytes) -> tuple[int, list[int]] | None:
    """Offset of the (classic) cross-reference table and the offsets it lists, or None for other layouts."""
    end = _STARTXREF.search(pdf, max(0, len(pdf) - 1024))
    if not end:
        return None
    xref = int(end.group(1))
    head = re.compile(rb"xref\s+0 (\d+)\s*?\n").match(pdf, xref)
    if not head:
        return None
    table = head.end()
    return xref, [int(pdf[table + 20 * n : table + 20 * n + 10]) for n in range(int(head.group(1)))]


def mapped_characters(pdf: bytes) -> set[str]:
    found: set[str] = set()
    for _span, mapping in _to_unicode_maps(pdf):
        found.update(text for text in mapping.values() if len(text) == 1)
    return found


def _to_unicode_maps(pdf: bytes) -> list[tuple[tuple[int, int], dict[int, str]]]:
    """Each ``/ToUnicode`` stream object: the span of its dictionary and stream, and its mapping."""
    layout = _objects(pdf)
    if layout is None:
        return []
    found = []
    for number in sorted({int(n) for n in _TO_UNICODE.findall(pdf)}):
        if number >= len(layout[1]):
            continue
        header = re.compile(rb"%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number)
        match = header.match(pdf, layout[1][number])
        if not match:  # compressed or indirect length: not what Qt writes; left alone
            continue
        body_end = match.end() + int(match.group(1))
        start = match.start() + len(b"%d 0 obj" % number)
        found.append(((start, body_end), parse_cmap(pdf[match.end() : body_end])))
    return found


def rewrite_to_unicode(pdf: bytes, fixes: dict[str, str]) -> bytes:
    """``pdf`` with every ``/ToUnicode`` character in ``fixes`` replaced; the cross-reference table and
    ``startxref`` are moved to match."""
    edits = []
    for span, mapping in _to_unicode_maps(pdf):
        if any(text in fixes for text in mapping.values()):
            body = cmap_stream({code: fixes.get(text, text) for code, text in mapping.items()})
            edits.append((span, b"\n<< /Length %d >>\nstream\n" % len(body) + body))
    if not edits:
        return pdf
    xref, offsets = _objects(pdf)  # type: ignore[misc]
    out, pos, moved = [], 0, []
    for (start, end), replacement in edits:
        out += [pdf[pos:start], replacement]
        moved.append((start, len(replacement) - (end - start)))
        pos = end
    out.append(pdf[pos:xref])

    def shift(offset: int) -> int:
        return offset + sum(delta for at, delta in moved if at < offset) if offset else offset

    table_at = re.compile(rb"xref\s+0 \d+\s*?\n").match(pdf, xref).end()  # type: ignore[union-attr]
    table = bytearray(pdf[xref : table_at + 20 * len(offsets)])
    head = table_at - xref
    for n, offset in enumerate(offsets):
        if pdf[table_at + 20 * n + 17 : table_at + 20 * n + 18] == b"n":
            table[head + 20 * n : head + 20 * n + 10] = b"%010d" % shift(offset)
    trailer = pdf[table_at + 20 * len(offsets) :]
    trailer = _STARTXREF.sub(b"startxref\n%d\n%%%%EOF\n" % shift(xref), trailer)
    return b"".join(out) + bytes(table) + trailer


def _is_radical(char: str) -> bool:
    return any(ord(char) in block for block in _RADICALS)


def glyph_fixes(drawn: Iterable[str], mapped: Iterable[str], fonts: Iterable[QFont]) -> dict[str, str]:
    """For each mapped character that was not drawn: the drawn character sharing its glyph in one of ``fonts``.
    When two drawn characters share a glyph, the ideograph is preferred to the radical."""
    drawn = set(drawn)
    strays = [c for c in mapped if c not in drawn]
    if not strays:
        return {}
    raws = [QRawFont.fromFont(font) for font in fonts]
    raws = [raw for raw in raws if raw.isValid()]
    by_glyph: dict[tuple[int, int], str] = {}
    for char in sorted(drawn, key=_is_radical, reverse=True):  # ideographs last, so they win
        for n, raw in enumerate(raws):
            glyphs = raw.glyphIndexesForString(char)
            if len(glyphs) == 1 and glyphs[0]:
                by_glyph[(n, glyphs[0])] = char
    fixes: dict[str, str] = {}
    for char in strays:
        for n, raw in enumerate(raws):
            glyphs = raw.glyphIndexesForString(char)
            if len(glyphs) == 1 and glyphs[0] and (n, glyphs[0]) in by_glyph:
                fixes[char] = by_glyph[(n, glyphs[0])]
                break
    return fixes


def repair_text_layer(path: Path | str, drawn: str, fonts: Iterable[QFont]) -> dict[str, str]:
    """Rewrite the ``/ToUnicode`` maps of the PDF at ``path`` (in place) so they give the ``drawn``
    characters; returns what was replaced."""
    path = Path(path)
    pdf = path.read_bytes()
    fixes = glyph_fixes(drawn, mapped_characters(pdf), fonts)
    if fixes:
        path.write_bytes(rewrite_to_unicode(pdf, fixes))
    return fixes
