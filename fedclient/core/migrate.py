"""Opening a database file: refuse what is not ours or too new, back up, then upgrade with Alembic.

Creating and upgrading are atomic: every revision runs in ONE SQLite transaction (``BEGIN IMMEDIATE`` sent by
us, since pysqlite would not open a transaction before DDL), committed only at head, so a kill at any moment
leaves the old revision intact (or, for a new file, an empty database that is simply created again). A file
left half-made anyway (by an older version of the program) is recovered in ``recover``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import event

from .database import Database, make_engine
from .paths import backup_dir_for, migrations_dir


class DatabaseError(Exception):
    """A database file the program cannot use; the message is for the user, in Chinese."""


class DatabaseTooNew(DatabaseError):
    pass


class HalfMade(DatabaseError):
    """Our tables without a usable schema version: a creation or upgrade that was killed (older versions)."""


# Tests set this to a callable that raises (or blocks) to simulate a kill after any statement of an upgrade.
fault_hook: Callable[[str], None] | None = None
OUR_TABLES = {"app_meta", "members", "settings", "village_profile"}  # made by the first revision


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


def read_revision(path: Path) -> str | None:
    """The schema revision stored in a file, read without changing it. None for an empty database."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开数据文件 {path}：{exc}") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables & OUR_TABLES:
                raise HalfMade(f"{path} 的数据结构不完整（创建或升级时被中断）。")
            if tables:
                raise DatabaseError(f"{path} 不是村妇联工作台的数据文件。")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None and tables - {"alembic_version"}:
            raise HalfMade(f"{path} 的数据结构不完整（创建或升级时被中断）。")
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} 不是有效的数据文件（{exc}）。") from exc
    finally:
        conn.close()


def check_revision_known(revision: str | None, path: Path) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            f"数据文件 {path} 由更新版本的村妇联工作台创建（数据版本 {revision}），"
            "本程序无法安全打开。请安装最新版本后再试。文件未作任何改动。"
        )


def _one_transaction(engine: Any) -> None:
    """pysqlite opens transactions only before INSERT/UPDATE/DELETE, so DDL would commit statement by
    statement: drive the transaction ourselves (driver in autocommit, our own BEGIN IMMEDIATE)."""

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
    except Exception as exc:
        cause = str(getattr(exc, "orig", exc))  # SQLAlchemy wraps the driver's error
        if "already exists" in cause or "duplicate column" in cause:
            raise HalfMade(f"{path} 的数据结构不完整（上次升级时被中断）。") from exc
        raise
    finally:
        engine.dispose()


def open_database(path: Path | str, backup_dir: Path | None = None) -> Database:
    """Open ``path`` for use, creating it or upgrading it to the program's schema first."""
    from .backup import copy_database  # backup imports this module
    from .recover import recover_half_made

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    backups = backup_dir or backup_dir_for(path)
    notice = None
    try:
        _backup_and_upgrade(path, backups, copy_database)
    except HalfMade as exc:
        notice = recover_half_made(path, backups, str(exc))
        _backup_and_upgrade(path, backups, copy_database)
    db = Database(path)
    db.notice = notice
    return db


def _backup_and_upgrade(path: Path, backups: Path, copy_database: Callable[[Path, Path], Any]) -> None:
    if path.exists() and path.stat().st_size > 0:
        revision = read_revision(path)
        check_revision_known(revision, path)
        if revision is not None and revision != head_revision():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            copy_database(path, backups / f"pre-migration-{revision}-{stamp}.sqlite")
    upgrade_to_head(path)
