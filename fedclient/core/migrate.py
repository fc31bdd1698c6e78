"""Opening a database file: refuse what is not ours or too new, back up, then upgrade with Alembic.

A start reads nothing but the schema revision (``read_revision``, plain sqlite3, ~1 ms): Alembic is imported
and run, and SQLite's ``integrity_check`` made, only when the revision differs from the program's or when
the last program that wrote the file did not end cleanly (``check=True``; see ``data_lock``). A file that
fails the check raises ``Damaged``; ``recover`` restores the newest good backup and keeps the file aside.

Creating and upgrading are atomic: every revision runs in ONE SQLite transaction (``BEGIN IMMEDIATE`` sent by
us, since pysqlite would not open a transaction before DDL), committed only at head, so a kill at any moment
leaves the old revision intact (or, for a new file, an empty database that is simply created again). A file
left half-made anyway (by an older version of the program) is recovered in ``recover``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from . import sqlfile
from .database import Database, make_engine
from .db_faults import (
    DatabaseError,
    DatabaseTooNew,
    HalfMade,
    classify,
    damaged,
    not_ours,
)
from .paths import backup_dir_for, migrations_dir
from .progress import Progress, no_progress

__all__ = ["DatabaseError", "DatabaseTooNew", "HalfMade", "open_database", "read_revision", "head_revision"]

# Tests set this to a callable that raises (or blocks) to simulate a kill after any statement of an upgrade.
fault_hook: Callable[[str], None] | None = None
OUR_TABLES = {"app_meta", "members", "settings", "village_profile"}  # made by the first revision
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*[\"']([^\"']*)[\"']", re.MULTILINE)


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@cache
def _chain() -> dict[str, str | None]:
    """Each revision and the one it follows, read from the revision files' own ``revision =`` and
    ``down_revision =`` lines without importing Alembic (a start must stay fast); ``tests/test_database``
    checks that Alembic reads the same chain."""
    chain: dict[str, str | None] = {}
    for file in sorted((migrations_dir() / "versions").glob("*.py")):
        found = dict((key, value) for key, value in _REVISION.findall(file.read_text(encoding="utf-8")))
        if "revision" in found:
            chain[found["revision"]] = found.get("down_revision") or None
    return chain


def head_revision() -> str:
    chain = _chain()
    heads = set(chain) - set(chain.values())
    assert len(heads) == 1, f"the revision chain must have one head, not {heads}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_chain())


def read_revision(path: Path) -> str | None:
    """The schema revision stored in a file, read without changing it. None for an empty database."""
    path = Path(path)
    try:
        conn = sqlfile.connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise classify(path, exc) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables & OUR_TABLES:
                raise HalfMade(f"{path} 的数据结构不完整（创建或升级时被中断）。")
            if tables:
                raise not_ours(path, "其中是别的程序的数据")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None and tables - {"alembic_version"}:
            raise HalfMade(f"{path} 的数据结构不完整（创建或升级时被中断）。")
        revision = row[0] if row else None
        if revision is not None and revision not in known_revisions() and not tables >= OUR_TABLES:
            raise not_ours(path, "它属于另一个使用 SQLite 的程序")
        return revision
    except sqlite3.Error as exc:
        raise classify(path, exc) from exc
    finally:
        conn.close()


def check_revision_known(revision: str | None, path: Path) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            f"数据文件 {path} 由更新版本的村妇联工作台创建（数据版本 {revision}），"
            "本程序无法安全打开。请安装最新版本后再试。文件未作任何改动。"
        )


def check_integrity(path: Path) -> None:
    """SQLite's full ``integrity_check`` (pages, indexes, constraints); raises ``Damaged`` when it fails."""
    path = Path(path)
    try:
        conn = sqlfile.connect(path, readonly=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise classify(path, exc) from exc
    if rows != ["ok"]:
        raise damaged(path, "完整性检查未通过：" + "；".join(rows[:3]))


def _one_transaction(engine: Any) -> None:
    """pysqlite opens transactions only before INSERT/UPDATE/DELETE, so DDL would commit statement by
    statement: drive the transaction ourselves (driver in autocommit, our own BEGIN IMMEDIATE)."""
    from sqlalchemy import event  # only an upgrade gets here: a start at head never imports SQLAlchemy

    @event.listens_for(engine, "connect")
    def _autocommit(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "after_cursor_execute")
    def _after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if fault_hook is not None:
            fault_hook(statement)


def upgrade_to_head(path: Path) -> None:
    """Create or upgrade ``path`` to head in one transaction; on any error nothing of it is kept."""
    # Foreign keys off for the whole migration: batch mode recreates tables and ON DELETE CASCADE would fire.
    from alembic import command

    engine = make_engine(path, foreign_keys=False, track_changes=False)
    _one_transaction(engine)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(f"数据升级后发现 {len(problems)} 处数据关联错误，请联系技术支持。")
    except DatabaseError:
        raise
    except Exception as exc:
        orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
        if "already exists" in str(orig) or "duplicate column" in str(orig):
            raise HalfMade(f"{path} 的数据结构不完整（上次升级时被中断）。") from exc
        if isinstance(orig, sqlite3.Error | OSError):
            raise classify(path, orig) from exc
        raise
    finally:
        engine.dispose()


def open_database(
    path: Path | str, backup_dir: Path | None = None, check: bool = False, progress: Progress = no_progress
) -> Database:
    """Open ``path`` for use. Only its revision is read, unless it differs from the program's (then the file
    is checked, backed up and upgraded) or ``check`` is set because the last program that wrote it did not
    end cleanly (then SQLite's integrity check runs first and a damaged file raises ``Damaged``). Each of
    these steps (seconds on a county's file) is told to ``progress`` as it begins."""
    from .recover import recover_half_made

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    backups = backup_dir or backup_dir_for(path)
    notice = None
    try:
        _backup_and_upgrade(path, backups, check, progress)
    except HalfMade as exc:
        notice = recover_half_made(path, backups, str(exc))
        _backup_and_upgrade(path, backups, False, progress)
    db = Database(path)
    db.notice = notice
    return db


CHECKING = "正在检查数据文件……"
BACKING_UP = "正在备份数据文件（升级前先备份）……"
UPGRADING = "正在升级数据文件，请稍候，不要关闭电脑……"


def _backup_and_upgrade(path: Path, backups: Path, check: bool, progress: Progress = no_progress) -> None:
    if path.exists() and path.stat().st_size > 0:
        revision = read_revision(path)
        check_revision_known(revision, path)
        if revision is not None and (check or revision != head_revision()):
            progress(0, 3, CHECKING)
            check_integrity(path)
        if revision == head_revision():
            return
        if revision is not None:
            from .backup import copy_database  # backup imports this module

            progress(1, 3, BACKING_UP)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            copy_database(path, backups / f"pre-migration-{revision}-{stamp}.sqlite")
            progress(2, 3, UPGRADING)
    upgrade_to_head(path)
