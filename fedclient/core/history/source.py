"""Where a change comes from, put on the session by whoever opens it.

Every entry point sets it once per session: the window's operation runner ("window"), an import ("import",
detail: the file name), each command ("command", detail: its name), restore ("restore"), the demo ("demo").
A session whose source nobody set is recorded as "program".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

KINDS = {
    "window": "窗口",
    "import": "导入",
    "command": "命令行",
    "restore": "恢复备份",
    "demo": "演示数据",
    "program": "程序",
}
_KEY = "history_source"


@dataclass(frozen=True)
class Source:
    kind: str
    detail: str = ""

    def label(self) -> str:
        """How the history shows it: 导入 花名册.xlsx."""
        name = KINDS.get(self.kind, self.kind)
        return f"{name} {self.detail}" if self.detail else name


def set_source(session: Session, kind: str, detail: str = "") -> None:
    """Changes flushed from now on in ``session`` are recorded as coming from ``kind`` (``detail``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown history source {kind!r}")
    session.info[_KEY] = Source(kind, detail)


def get_source(session: Session) -> Source:
    return session.info.get(_KEY) or Source("program")
