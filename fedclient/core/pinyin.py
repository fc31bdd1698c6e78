"""Pinyin initials for finding people by typing (zxl → 张秀兰).

Every reading of a heteronym counts (单 is dan or shan, 曾 is zeng or ceng), so the index holds all
combinations, space separated. Search matches a typed string against the start of any of them.
The surname is read character by character: pypinyin matches phrases first, and a surname that forms a word
with the next character (查明 in 查明霞) would otherwise lose its other readings (查 is cha and zha).
The given name is read with phrases, which knows its usual readings best.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, product

MAX_VARIANTS = 16
# Two-character surnames (read together as the surname); any other name has a one-character surname.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "东方",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "轩辕",
        "呼延",
        "澹台",
        "闻人",
        "西门",
        "百里",
        "万俟",
        "司空",
        "钟离",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太史",
        "申屠",
        "公冶",
        "拓跋",
        "赫连",
        "第五",
    ]
)


def initials_index(name: str) -> str:
    name = "".join((name or "").split()).replace("·", "")  # 买买提·艾力 is found by mmtal
    return _index(name) if name else ""


@lru_cache(maxsize=8192)
def _index(name: str) -> str:
    from pypinyin import Style, pinyin

    def letters(readings: list[list[str]]) -> list[set[str]]:
        return [{r[:1].lower() for r in syllable if r} for syllable in readings]

    keep = lambda s: list(s)  # noqa: E731 - characters without pinyin stay as they are
    phrase = letters(pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors=keep))
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    if len(phrase) == len(name):  # one reading per character: add the surname's own readings
        by_char = letters(pinyin(list(name[:surname]), style=Style.FIRST_LETTER, heteronym=True, errors=keep))
        for i, extra in enumerate(by_char[:surname]):
            phrase[i] |= extra
    options = [sorted(s) or [""] for s in phrase]
    variants = ("".join(combo) for combo in product(*options))
    return " ".join(dict.fromkeys(islice(variants, MAX_VARIANTS)))


def looks_like_initials(text: str) -> bool:
    return text.isascii() and text.isalpha()


def initials_pattern(text: str) -> str:
    """A LIKE pattern matching ``' ' || name_initials`` when ``text`` starts any variant."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"
