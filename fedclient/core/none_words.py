"""What people write in an optional cell that has nothing to hold (无, 暂无, 不详, a slash or a dash): the value
is not known, which is not a wrong value. ID numbers, phones and dates read them as empty."""

from __future__ import annotations

import re

NONE_WORDS = frozenset(
    (
        "无",
        "暂无",
        "没有",
        "空",
        "略",
        "不详",
        "未知",
        "未提供",
        "待补",
        "待定",
        "NA",
        "N/A",
        "NONE",
        "NULL",
        "#N/A",
    )
)
_ONLY_DASHES = re.compile(r"[\s/\\\-－—–_~～.。·]+")


def says_none(text: str) -> bool:
    """无, 暂无, a slash, a dash …: the cell says there is nothing to write."""
    return text.upper() in NONE_WORDS or _ONLY_DASHES.fullmatch(text) is not None
