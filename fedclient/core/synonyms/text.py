"""Labels and headers as people write them, reduced to one comparable form.

``normalise('（一）本月受理调解纠纷（件）：')`` -> ``'本月受理调解纠纷'``; ``unit_of`` gives the ``'件'``.
Tolerant of spaces, line breaks, full-width characters (NFKC), colons, asterisks, brackets and the numbering
a form puts in front of its labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

# Units a label may carry, in brackets or after a slash; the value's unit must agree with the indicator's.
UNITS = ("件", "起", "次", "人", "户", "场", "个", "%", "元", "名", "位", "项", "条", "家", "天", "小时")
_BRACKETS = r"[(\[【〔<《]([^)\]】〕>》]*)[)\]】〕>》]"
_NUMBERING = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、．,，])+")
_CIRCLED = re.compile(r"^\s*[①-⑳]")
_UNIT_PREFIX = re.compile(r"^(?:单位|计量单位)[:：]?")
_DROP = re.compile(r"[\s*:：_＿\-—=·•.。,，;；!！?？\"'“”‘’]+")


def plain_text(value: Any) -> str:
    """A cell as text ("13800138000", never "13800138000.0"; dates as yyyy-mm-dd)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def unit_of(text: Any) -> str | None:
    """The unit a label names: '受理纠纷（件）' -> '件', '完成率(%)' -> '%', '人数/人' -> '人', else None."""
    value = unicodedata.normalize("NFKC", plain_text(text))
    for inside in re.findall(_BRACKETS, value):
        inside = _UNIT_PREFIX.sub("", re.sub(r"\s+", "", inside))
        if inside in UNITS:
            return inside
    tail = re.search(r"/\s*(\S{1,2})\s*[:：]?\s*$", value)
    if tail and tail.group(1) in UNITS:
        return tail.group(1)
    if value.rstrip(":： ").endswith("%"):
        return "%"
    return None


def normalise(text: Any) -> str:
    """The words of a label or header: no spaces, brackets (with what is in them), numbering, colons, units."""
    value = unicodedata.normalize("NFKC", _CIRCLED.sub("", plain_text(text)))
    value = re.sub(_BRACKETS, "", value)
    value = re.sub(r"/\s*\S{1,2}\s*[:：]?\s*$", lambda m: "" if unit_of(m.group(0)) else m.group(0), value)
    value = _NUMBERING.sub("", value.replace("%", "").strip())
    return _DROP.sub("", value)


# Words that only say "how many" or qualify the thing counted: 执委会成员人数 and 执委会人数 are the same label.
_FILLERS = (
    "婚姻家庭",
    "矛盾",
    "调解",
    "调处",
    "纠纷",
    "案件",
    "人数",
    "总数",
    "数量",
    "个数",
    "次数",
    "件数",
    "起数",
    "户数",
    "人次",
    "成员",
    "队伍",
    "开展",
    "召开",
    "组织",
    "数",
    "总",
    "共",
    "的",
    "起",
    "件",
    "次",
)
_FILLER = re.compile("|".join(_FILLERS))


def squeeze(text: Any) -> str:
    """A normalised label without the words that only count or qualify ('本月受理婚姻家庭纠纷（起）' ->
    '本月受理'), for a second, looser comparison; too short a rest (under 3 characters) compares with nothing."""
    rest = _FILLER.sub("", normalise(text))
    return rest if len(rest) >= 3 else ""


def match_score(text: Any, words: Iterable[str]) -> int:
    """How well a label names something known by ``words``: 2 exactly, 1 by containing one of them, 0 not."""
    label = normalise(text)
    if not label:
        return 0
    known = [normalise(w) for w in words]
    if label in known:
        return 2
    if any(len(w) >= 2 and w in label for w in known):
        return 1
    return 0


def best_match(text: Any, vocabulary: Mapping[str, Iterable[str]]) -> str | None:
    """The one key of ``vocabulary`` (key -> synonyms; the key counts as a synonym) that ``text`` names.

    An exact synonym wins, then one equal without the counting words (``squeeze``); otherwise the key whose contained synonym is longest; a tie is no match: a label
    that could mean two things is never guessed.
    """
    label = normalise(text)
    if not label:
        return None
    exact = [key for key, words in vocabulary.items() if label in {normalise(w) for w in (key, *words)}]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    short = squeeze(label)
    loose = [
        key for key, words in vocabulary.items() if short and short in {squeeze(w) for w in (key, *words)}
    ]
    if len(loose) == 1:
        return loose[0]
    if loose:
        return None
    longest: dict[str, int] = {}
    for key, words in vocabulary.items():
        lengths = [len(w) for w in (normalise(w) for w in (key, *words)) if len(w) >= 2 and w in label]
        if lengths:
            longest[key] = max(lengths)
    if not longest:
        return None
    top = max(longest.values())
    winners = [key for key, length in longest.items() if length == top]
    return winners[0] if len(winners) == 1 else None
