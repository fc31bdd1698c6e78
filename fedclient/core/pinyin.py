"""Pinyin initials for finding people by typing (zxl → 张秀兰).

Every reading of every character counts (单 is dan or shan, 曾 is zeng or ceng, 查 is cha or zha), so the
index holds the combinations, most common readings first, space separated; search matches a typed string
against the start of any of them. Names are read character by character: pypinyin's phrase matching would fix
a surname that forms a word with the next character (查明 in 查明霞) to one reading and hide the others. Reading
by character also spares loading pypinyin's phrase dictionary (~45 MB, which an import of 50,000 rows cannot
afford), so it is switched off before pypinyin is first imported.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from itertools import islice, product

MAX_VARIANTS = 16


@lru_cache(maxsize=16384)  # an import's names repeat
def initials_index(name: str) -> str:
    name = "".join((name or "").split()).replace("·", "")  # 买买提·艾力 is found by mmtal
    return _index(name) if name else ""


@lru_cache(maxsize=16384)
def _index(name: str) -> str:
    options = [_letters(ch) for ch in name]
    variants = ("".join(combo) for combo in product(*options))
    return " ".join(dict.fromkeys(islice(variants, MAX_VARIANTS)))


@lru_cache(maxsize=8192)
def _letters(ch: str) -> tuple[str, ...]:
    """The first letters of a character's readings, the most common first; other characters as they are."""
    if "pypinyin" not in sys.modules:
        os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors=lambda s: list(s))
    letters = [r[:1].lower() for syllable in readings for r in syllable if r]
    return tuple(dict.fromkeys(letters)) or (ch.lower(),)


def looks_like_initials(text: str) -> bool:
    return text.isascii() and text.isalpha()


def initials_pattern(text: str) -> str:
    """A LIKE pattern matching ``' ' || name_initials`` when ``text`` starts any variant."""
    return f"% {_escaped(text)}%"


def initials_patterns(text: str) -> tuple[str, str]:
    """Two LIKE patterns on ``name_initials`` itself: ``text`` starts its first variant, or one after a space.
    The same test as ``initials_pattern`` without making ``' ' || name_initials`` for every row tested: SQLite
    takes a lock shared by all its connections for every allocation, and a search split over two connections
    (``listing.scanned_in_halves``) would wait on it."""
    escaped = _escaped(text)
    return f"{escaped}%", f"% {escaped}%"


def _escaped(text: str) -> str:
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
