"""Where a change comes from, put on the session by whoever opens it.

Every entry point sets it once per session: the window's operation runner ("window"), an import ("import",
detail: the file name), each command ("command", detail: its name), restore ("restore"), the demo ("demo").
A session whose source nobody set takes the process's default: "command" (the subcommand's name) on the
command line, else "program".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
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
T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    kind: str
    detail: str = ""

    def label(self) -> str:
        """How the history shows it: 导入 花名册.xlsx."""
        name = KINDS.get(self.kind, self.kind)
        return f"{name} {self.detail}" if self.detail else name


_default = Source("program")


def set_source(session: Session, kind: str, detail: str = "") -> None:
    """Changes flushed from now on in ``session`` are recorded as coming from ``kind`` (``detail``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown history source {kind!r}")
    session.info[_KEY] = Source(kind, detail)


def get_source(session: Session) -> Source:
    return session.info.get(_KEY) or _default


@contextmanager
def default_source(kind: str, detail: str = "") -> Iterator[None]:
    """While the block runs, every session that sets no source of its own records ``kind`` (the command line:
    ``command`` and the subcommand's name)."""
    global _default
    if kind not in KINDS:
        raise ValueError(f"unknown history source {kind!r}")
    previous, _default = _default, Source(kind, detail)
    try:
        yield
    finally:
        _default = previous


def imported_from(apply: Callable[..., T], path: Path | str) -> Callable[..., T]:
    """``apply(session, …)`` whose changes are recorded as an import of the file at ``path``."""

    def run(session: Session, *args: Any, **kwargs: Any) -> T:
        set_source(session, "import", Path(path).name)
        return apply(session, *args, **kwargs)

    return run
