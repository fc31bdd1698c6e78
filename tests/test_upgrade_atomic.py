"""Creating and upgrading a data file is all-or-nothing: a kill after any statement leaves a file that opens
with every row kept (issue 13, defect 2); a half-made file from an older version is repaired by itself."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fedclient.core import migrate
from fedclient.core.migrate import DatabaseError, head_revision, open_database, read_revision

DATA = Path(__file__).parent / "data"
# Files of a revision older than head (a file at head is opened without running anything: nothing to kill).
SAVED = [p for p in sorted(DATA.glob("schema_*.sqlite")) if read_revision(p) != head_revision()]


STAMP = re.compile(r"\s*(INSERT INTO|UPDATE) alembic_version\b", re.IGNORECASE)


class Killed(Exception):
    pass


def names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM members"))


WHOLE, SPREAD = 4, 4


def kill_points(start: Path | None, tmp_path: Path) -> list[int]:
    """The statements to stop after: statements of the first revision this file needs, then (for a new file,
    which passes through every revision) the first and last statement of each later one, and the very last.
    Every revision is covered by the file saved at the revision before it (or by a new file for the first).
    Each step upgrades the file three times, now through 0008's rebuild of eighteen tables, so a revision's
    statements are sampled: its first ``WHOLE``, every one (the first table rebuilt from start to end), and
    ``SPREAD`` more spread evenly over the rest, its last included. One transaction holds them all, so a kill
    anywhere leaves the same file; every statement of 0008 took minutes and showed nothing more."""
    path = tmp_path / "count.sqlite"
    if start is not None:
        shutil.copy(start, path)
    seen: list[str] = []
    migrate.fault_hook = seen.append
    try:
        open_database(path, backup_dir=tmp_path / "count-backups").dispose()
    finally:
        migrate.fault_hook = None
    # Alembic stamps the version after each revision (reads of alembic_version before it do not count).
    stamps = [i + 1 for i, statement in enumerate(seen) if STAMP.match(statement)]
    first_end = stamps[0] if stamps else len(seen)
    points = set(range(1, min(first_end, WHOLE) + 1)) | {len(seen)}
    if first_end > WHOLE:
        gap = (first_end - WHOLE) / SPREAD
        points.update(first_end - round(k * gap) for k in range(SPREAD))
    if start is None:
        previous = first_end
        for end in [s for s in stamps if s > first_end]:
            points.update({previous + 1, end})
            previous = end
    return sorted(points)


def kill_at(step: int, path: Path, snapshot: Path) -> None:
    """Open ``path`` and stop after statement ``step``, keeping in ``snapshot`` what the disk held at that
    moment (the file and its -wal, as a kill -9 leaves them), then let the upgrade roll back."""
    done = 0

    def hook(_statement: str) -> None:
        nonlocal done
        done += 1
        if done == step:
            for extra in ("", "-wal"):
                if Path(str(path) + extra).exists():
                    shutil.copy(str(path) + extra, str(snapshot) + extra)
            raise Killed

    migrate.fault_hook = hook
    try:
        with pytest.raises(Killed):
            open_database(path, backup_dir=path.parent / "backups")
    finally:
        migrate.fault_hook = None


def check_opens(path: Path, expected_names: list[str]) -> None:
    db = open_database(path, backup_dir=path.parent / "backups")
    db.dispose()
    assert db.notice is None
    assert read_revision(path) == head_revision()
    assert names(path) == expected_names
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("saved", [None, *SAVED], ids=lambda p: p.stem if p else "new")
def test_a_kill_after_any_statement_leaves_a_file_that_opens_with_its_rows(saved, tmp_path):
    steps = kill_points(saved, tmp_path)
    assert len(steps) > 1, "every statement of the migration passes the hook"
    expected = names(saved) if saved is not None else []
    for step in steps:
        case = tmp_path / f"step{step}"
        case.mkdir()
        path, snapshot = case / "data.sqlite", case / "killed.sqlite"
        if saved is not None:
            shutil.copy(saved, path)
        kill_at(step, path, snapshot)
        if saved is not None:  # the interrupted file is still the old revision, rows intact
            assert read_revision(path) == read_revision(saved)
            assert names(path) == expected
        check_opens(path, expected)  # after the rollback
        if snapshot.exists():  # as a kill -9 at that statement leaves it
            assert read_revision(snapshot) == (read_revision(saved) if saved else None)
            check_opens(snapshot, expected)


KILLED_CHILD = textwrap.dedent(
    """
    import sys, time
    from fedclient.core import migrate
    step, done = int(sys.argv[2]), []
    def hook(_statement):
        done.append(1)
        if len(done) == step:
            print("ready", flush=True)
            time.sleep(600)
    migrate.fault_hook = hook
    migrate.open_database(sys.argv[1])
    """
)


@pytest.mark.skipif(os.name != "posix", reason="kill -9 of a child process")
@pytest.mark.parametrize(
    ("saved", "step"), [(None, 1), (None, 5), (None, 20), ("schema_0001.sqlite", 10)], ids=str
)
def test_kill_9_during_creation_or_upgrade_leaves_a_file_that_opens(saved, step, tmp_path):
    path = tmp_path / "data.sqlite"
    if saved:
        shutil.copy(DATA / saved, path)
    expected = names(path) if saved else []
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(path), str(step)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    if saved:
        assert read_revision(path) == read_revision(DATA / saved)
    check_opens(path, expected)


def half_made(tmp_path: Path) -> Path:
    """What an older version left: 0001's data plus one table of 0002 made before it was killed."""
    path = tmp_path / "data.sqlite"
    shutil.copy(DATA / "schema_0001.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE case_number_counters (year INTEGER PRIMARY KEY, last INTEGER)")
    return path


def test_a_half_made_file_is_restored_from_the_pre_migration_copy_and_kept_aside(tmp_path):
    path = half_made(tmp_path)
    backups = tmp_path / "backups"
    backups.mkdir()
    shutil.copy(DATA / "schema_0001.sqlite", backups / "pre-migration-0001-20260101-080000.sqlite")
    # an older version backed the damaged file up again at the failed start: newer, but unusable
    shutil.copy(path, backups / "pre-migration-0001-20260102-080000.sqlite")
    db = open_database(path, backup_dir=backups)
    db.dispose()
    assert "pre-migration-0001-20260101-080000.sqlite" in db.notice and "恢复" in db.notice
    assert read_revision(path) == head_revision()
    assert names(path) == names(DATA / "schema_0001.sqlite")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("data.sqlite.damaged-")]
    assert len(aside) == 1 and aside[0].name in db.notice  # kept whole: no -wal beside it
    assert names(aside[0]) == names(DATA / "schema_0001.sqlite")
    with sqlite3.connect(aside[0]) as conn:
        assert conn.execute("SELECT count(*) FROM case_number_counters").fetchone() == (0,)


def test_a_file_without_its_version_and_no_backup_is_refused_untouched(tmp_path):
    path = tmp_path / "data.sqlite"
    shutil.copy(DATA / "schema_0001.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="没有可用的升级前备份"):
        open_database(path, backup_dir=tmp_path / "backups")
    assert path.read_bytes() == before


def test_an_empty_half_made_first_start_is_created_again(tmp_path):
    path = tmp_path / "data.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE app_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        conn.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, name VARCHAR)")
    db = open_database(path, backup_dir=tmp_path / "backups")
    db.dispose()
    assert "重新创建" in db.notice
    assert read_revision(path) == head_revision()
    assert any(p.name.startswith("data.sqlite.damaged-") for p in tmp_path.iterdir())


def test_the_command_line_says_it_repaired_the_file(tmp_path, capsys):
    from fedclient.cli import main
    from fedclient.core.paths import backup_dir_for

    path = half_made(tmp_path)
    backups = backup_dir_for(path)
    backups.mkdir(parents=True)
    shutil.copy(DATA / "schema_0001.sqlite", backups / "pre-migration-0001-20260101-080000.sqlite")
    assert main(["backup", "--db", str(path), "--out", str(tmp_path / "copy.sqlite")]) == 0
    err = capsys.readouterr().err
    assert "已自动用升级前的备份" in err and "data.sqlite.damaged-" in err
    assert names(tmp_path / "copy.sqlite") == names(DATA / "schema_0001.sqlite")
