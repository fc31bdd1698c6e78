"""A data file found damaged at start (issue 13, defect 8): the newest good backup (checked first) is offered,
the damaged file is kept aside byte for byte (never wiped), and the chair is told what happened. The check
runs when the last program that wrote the file did not end cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fedclient.core.backup import copy_database
from fedclient.core.data_lock import lock_path
from fedclient.core.db_faults import Damaged
from fedclient.core.history.query import record_history
from fedclient.core.migrate import open_database
from fedclient.core.recover import newest_good_backup, replace_damaged
from tests.conftest import copy_sqlite
from tests.test_safe_write import run_cli


def names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM members"))


def damage(path: Path) -> None:
    """Overwrite the members table's pages the way a failing disk does (the file's first page stays sound,
    so an ordinary start reading only the revision does not notice)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='members'").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


@pytest.fixture
def village(demo_db, tmp_path) -> tuple[Path, Path, list[str]]:
    """A damaged data file, its backups folder holding a good automatic backup and a newer damaged one."""
    demo_db.dispose()
    path = tmp_path / "村.sqlite"
    copy_sqlite(demo_db.path, path)
    backups = tmp_path / "backups" / "村"
    good = copy_database(path, backups / "auto-20261120-080000.sqlite")
    newer = copy_database(path, backups / "auto-20261125-080000.sqlite")
    damage(newer)
    damage(path)
    return path, good, names(good)


def test_an_ordinary_start_reads_only_the_revision_and_a_check_finds_the_damage(village):
    path, _good, _names = village
    before = path.read_bytes()
    open_database(path).dispose()  # a clean last end: nothing but the revision is read
    with pytest.raises(Damaged, match="已损坏"):
        open_database(path, check=True)
    assert path.read_bytes() == before, "checking changes nothing"


def test_the_newest_good_backup_is_checked_and_the_damaged_file_kept_aside(village):
    path, good, expected = village
    before = path.read_bytes()
    assert newest_good_backup(path.parent / "backups" / "村") == good, "the newer damaged backup is skipped"
    notice = replace_damaged(path, good)
    kept = [p for p in path.parent.iterdir() if p.name.startswith("村.sqlite.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == before, "the damaged file is kept exactly as found"
    assert kept[0].name in notice and "auto-20261120-080000.sqlite" in notice and "2026年11月20日" in notice
    assert names(path) == expected
    open_database(path, check=True).dispose()


def mark_unclean(path: Path) -> None:
    lock_path(path).write_text("4242 2026-11-30T03:00:00\n")  # what a killed window leaves


def test_the_command_line_stops_with_advice_and_restore_keeps_the_damaged_file(village, capsys):
    path, good, expected = village
    before = path.read_bytes()
    mark_unclean(path)
    roster = Path(__file__).parent / "data" / "roster_sample.xlsx"
    code, out, err = run_cli(["import-roster", str(roster), "--db", str(path)], capsys)
    assert code == 3, err
    assert "已损坏" in err and str(good) in err and "restore --db" in err and "Traceback" not in err
    assert "已导入" not in out
    assert path.read_bytes() == before
    code, out, err = run_cli(["restore", "--db", str(path), "--from", str(good)], capsys)
    assert code == 0, err
    assert "损坏的文件已改名保留" in out and "Traceback" not in err
    assert names(path) == expected
    kept = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() == before for p in kept] == [True]
    code, out, err = run_cli(["import-roster", str(roster), "--db", str(path), "--dry-run"], capsys)
    assert code == 0, err


def test_a_reading_command_on_a_file_damaged_at_its_first_page_says_damaged(village, capsys):
    path, _good, _names = village
    with open(path, "r+b") as f:
        f.seek(100)
        f.write(b"\xff" * 3000)  # the schema page itself
    code, _out, err = run_cli(
        ["export-month", "--db", str(path), "--month", "2026-05", "--out", "x.xlsx"], capsys
    )
    assert code in (2, 3) and ("已损坏" in err or "不是村妇联工作台" in err) and "Traceback" not in err


def test_the_window_offers_the_backup_and_restores_only_when_asked(village, qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fedclient.ui import damaged_dialog

    path, good, expected = village
    before = path.read_bytes()
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    with pytest.raises(Damaged) as found:
        open_database(path, check=True)

    monkeypatch.setattr(damaged_dialog, "ask_restore", lambda text: asked.append(text) or False)
    assert damaged_dialog.offer_restore(found.value, path) is None
    assert path.read_bytes() == before, "退出: nothing changed"
    assert "已损坏" in asked[0] and good.name in asked[0] and "不会删除" in asked[0]

    monkeypatch.setattr(damaged_dialog, "ask_restore", lambda text: True)
    db = damaged_dialog.offer_restore(found.value, path)
    assert db is not None
    with db.session() as s:
        latest = record_history(s, "database", "")[0]
    db.dispose()
    assert names(path) == expected
    assert latest.action == "从备份恢复" and good.name in latest.label  # the history says what happened
    assert "已用" in told[0] and ".damaged-" in told[0]


def test_without_a_good_backup_the_window_says_so_and_changes_nothing(village, qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fedclient.ui import damaged_dialog

    path, good, _names = village
    damage(good)
    before = path.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    with pytest.raises(Damaged) as found:
        open_database(path, check=True)
    assert damaged_dialog.offer_restore(found.value, path) is None
    assert "没有完好的备份" in shown[0]
    assert path.read_bytes() == before


def test_a_backup_of_a_damaged_file_says_the_file_is_damaged(village, tmp_path, capsys):
    path, _good, _names = village
    out_file = tmp_path / "U盘" / "备份.sqlite"
    code, _out, err = run_cli(["backup", "--db", str(path), "--out", str(out_file)], capsys)
    assert code == 2 and "已损坏" in err and "没有完整写入" not in err and "Traceback" not in err
    assert not out_file.exists()


def test_restoring_over_a_damaged_file_found_while_working_keeps_it_aside(village):
    from fedclient.core.backup import restore_from

    path, good, expected = village
    before = path.read_bytes()
    kept = restore_from(path, good, path.parent / "backups" / "村")
    assert kept.name.startswith("村.sqlite.damaged-") and kept.read_bytes() == before
    assert names(path) == expected
