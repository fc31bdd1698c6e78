"""The data file: pragmas in force, created and upgraded only by migrations, refused when too new."""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from pathlib import Path

import pytest
from sqlalchemy import text

from fedclient.core.migrate import DatabaseError, DatabaseTooNew, head_revision, open_database, read_revision
from fedclient.core.models import Member

DATA = Path(__file__).parent / "data"


def test_every_connection_has_the_safety_pragmas(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception, match="FOREIGN KEY"), db.engine.begin() as conn:
        conn.execute(text("INSERT INTO member_guidance(leader_id, member_id) VALUES (999, 998)"))


def test_new_file_is_created_at_head(db_path):
    open_database(db_path).dispose()
    assert read_revision(db_path) == head_revision()


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "app_meta"
        }


@pytest.mark.parametrize("saved", sorted(DATA.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_saved_database_upgrades_to_head_keeping_its_rows(saved, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(saved, path)
    old_revision = read_revision(path)
    before = row_counts(path)
    with sqlite3.connect(path) as conn:
        names = sorted(r[0] for r in conn.execute("SELECT name FROM members"))
    assert names, "a saved database must hold data to prove nothing is lost"
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert read_revision(path) == head_revision()
        after = row_counts(path)
        assert {t: after[t] for t in before if t != "alembic_version"} == {
            t: n for t, n in before.items() if t != "alembic_version"
        }
        with db.session() as session:
            assert sorted(m.name for m in session.query(Member)) == names
        if old_revision != head_revision():
            backups = list((tmp_path / "backups").glob(f"pre-migration-{old_revision}-*.sqlite"))
            assert len(backups) == 1, "the old database must be backed up before it is upgraded"
            assert read_revision(backups[0]) == old_revision
            assert row_counts(backups[0]) == before
    finally:
        db.dispose()


def test_database_newer_than_program_is_refused_untouched(db_path):
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_a_file_that_is_not_ours_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos(id INTEGER)")
    with pytest.raises(DatabaseError, match="不是村妇联工作台的数据文件"):
        open_database(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError):
        open_database(garbage)


def test_migrations_create_exactly_what_the_models_describe(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from fedclient.core.models import Base

    with db.engine.connect() as conn, warnings.catch_warnings():
        # An index on an expression (0003) is not reflected by SQLAlchemy, so not compared: it has its own test.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == [], "a model changed without an Alembic revision"


def test_the_revision_chain_read_at_start_is_alembics(tmp_path):
    from alembic.script import ScriptDirectory

    from fedclient.core.migrate import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_a_file_at_head_is_opened_reading_only_its_revision(db_path, monkeypatch):
    from fedclient.core import migrate

    open_database(db_path).dispose()
    statements: list[str] = []
    monkeypatch.setattr(migrate, "fault_hook", statements.append)
    checks: list[Path] = []
    monkeypatch.setattr(migrate, "check_integrity", checks.append)
    open_database(db_path).dispose()
    assert statements == [] and checks == [], "no migration and no integrity check at an ordinary start"
    open_database(db_path, check=True).dispose()
    assert checks == [db_path], "after an unclean end the file is checked"
