"""Pinyin initials for finding people by typing (zxl → 张秀兰).

Every reading of a heteronym counts (单 is dan or shan, 曾 is zeng or ceng), so the index holds all
combinations, space separated. Search matches a typed string against the start of any of them.
"""

from __future__ import annotations

from itertools import islice, product

from pypinyin import Style, pinyin

MAX_VARIANTS = 16


def initials_index(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    readings = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors=lambda s: list(s))
    options = [sorted({r.lower() for r in syllable if r}) or [""] for syllable in readings]
    variants = ("".join(combo) for combo in product(*options))
    return " ".join(dict.fromkeys(islice(variants, MAX_VARIANTS)))


def looks_like_initials(text: str) -> bool:
    return text.isascii() and text.isalpha()


def initials_pattern(text: str) -> str:
    """A LIKE pattern matching ``' ' || name_initials`` when ``text`` starts any variant."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"
