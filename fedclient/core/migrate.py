"""Opening a database file: refuse what is not ours or too new, back up, then upgrade with Alembic."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from .database import Database, make_engine
from .paths import backup_dir_for, migrations_dir


class DatabaseError(Exception):
    """A database file the program cannot use; the message is for the user, in Chinese."""


class DatabaseTooNew(DatabaseError):
    pass


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
            if tables:
                raise DatabaseError(f"{path} 不是村妇联工作台的数据文件。")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
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


def upgrade_to_head(path: Path) -> None:
    # Foreign keys off for the whole migration: batch mode recreates tables and ON DELETE CASCADE would fire.
    engine = make_engine(path, foreign_keys=False, track_changes=False)
    try:
        with engine.connect() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(f"数据升级后发现 {len(problems)} 处数据关联错误，请联系技术支持。")
    finally:
        engine.dispose()


def open_database(path: Path | str, backup_dir: Path | None = None) -> Database:
    """Open ``path`` for use, creating it or upgrading it to the program's schema first."""
    from .backup import copy_database  # backup imports this module

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        revision = read_revision(path)
        check_revision_known(revision, path)
        if revision is not None and revision != head_revision():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = (backup_dir or backup_dir_for(path)) / f"pre-migration-{revision}-{stamp}.sqlite"
            copy_database(path, target)
    upgrade_to_head(path)
    return Database(path)
