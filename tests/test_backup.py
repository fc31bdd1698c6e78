"""Backups: the same rows come back; a bad backup never replaces good data; old backups are pruned."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from fedclient.core.backup import (
    BackupInvalid,
    auto_backup_if_due,
    auto_backups,
    backup_to,
    check_backup,
    prune_auto_backups,
    restore_from,
)
from fedclient.core.migrate import head_revision, open_database
from fedclient.core.models import Member


def names(db) -> list[str]:
    return db.run(lambda s: sorted(s.scalars(select(Member.name))))


def test_backup_then_restore_gives_back_the_same_rows(demo_db, tmp_path):
    before = names(demo_db)
    out = backup_to(demo_db, tmp_path / "usb" / "backup.sqlite")
    assert check_backup(out) == head_revision()
    # Renamed, not deleted: volunteers have grid services, which keep their members (ON DELETE RESTRICT).
    demo_db.run(
        lambda s: s.query(Member).filter(Member.role == "volunteer").update({Member.name: Member.name + "改"})
    )
    demo_db.run(lambda s: s.add(Member(name="新来的", role="volunteer")))
    assert names(demo_db) != before
    demo_db.dispose()
    safety = restore_from(demo_db.path, out, tmp_path / "backups")
    restored = open_database(demo_db.path)
    try:
        assert names(restored) == before
        assert "新来的" in [
            r for r in open_database(safety).run(lambda s: list(s.scalars(select(Member.name))))
        ]
    finally:
        restored.dispose()


def test_restore_refuses_a_corrupt_file_and_keeps_current_data(demo_db, tmp_path):
    good = backup_to(demo_db, tmp_path / "good.sqlite")
    corrupt = tmp_path / "corrupt.sqlite"
    data = bytearray(good.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # overwrite pages after the header
    corrupt.write_bytes(bytes(data))
    before = names(demo_db)
    demo_db.dispose()
    with pytest.raises(BackupInvalid):
        restore_from(demo_db.path, corrupt, tmp_path / "backups")
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("购物清单", encoding="utf-8")
    with pytest.raises(BackupInvalid):
        restore_from(demo_db.path, not_a_db, tmp_path / "backups")
    assert names(open_database(demo_db.path)) == before
    assert not (tmp_path / "backups").exists(), "nothing is touched when the backup is refused"


def test_automatic_backup_only_when_changed_and_a_day_old(demo_db, tmp_path):
    folder = tmp_path / "backups"
    now = datetime(2026, 11, 25, 9, 0)
    first = auto_backup_if_due(demo_db, folder, now)
    assert first is not None and check_backup(first)
    # Nothing changed since: no new backup even days later.
    assert auto_backup_if_due(demo_db, folder, now + timedelta(days=3)) is None
    demo_db.run(lambda s: s.add(Member(name="王芳", role="volunteer")))
    # Changed, but the newest backup is less than a day old.
    assert auto_backup_if_due(demo_db, folder, now + timedelta(hours=5)) is None
    assert auto_backup_if_due(demo_db, folder, now + timedelta(days=1)) is not None
    assert len(auto_backups(folder)) == 2


def test_pruning_keeps_seven_daily_and_four_weekly(tmp_path):
    start = datetime(2026, 11, 25, 8, 0)
    for day in range(60):
        made = start - timedelta(days=day)
        (tmp_path / f"auto-{made:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"x")
    prune_auto_backups(tmp_path)
    kept = [b.made for b in auto_backups(tmp_path)]
    assert kept[:7] == [start - timedelta(days=d) for d in range(7)]
    weekly = kept[7:]
    assert len(weekly) == 4
    assert len({w.isocalendar()[:2] for w in weekly}) == 4
    assert all(w < kept[6] for w in weekly)


def test_restore_refuses_a_backup_from_a_newer_program_and_keeps_current_data(demo_db, tmp_path):
    import sqlite3

    newer = backup_to(demo_db, tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    before = names(demo_db)
    demo_db.dispose()
    with pytest.raises(BackupInvalid, match="更新版本"):
        restore_from(demo_db.path, newer, tmp_path / "backups")
    assert names(open_database(demo_db.path)) == before
    assert not (tmp_path / "backups").exists()


def test_backup_to_a_folder_gets_a_dated_file_and_a_failed_backup_leaves_nothing(demo_db, tmp_path):
    from fedclient.core.backup import BackupFailed, last_backup_time

    stick = tmp_path / "usb"
    stick.mkdir()
    out = backup_to(demo_db, stick)
    assert out.parent == stick and out.name.startswith("村妇联工作台备份_")
    assert check_backup(out) == head_revision()
    recorded = last_backup_time(demo_db)
    blocked = tmp_path / "not_a_folder"
    blocked.write_text("x")  # a file where the folder should be: the copy cannot be written
    with pytest.raises(BackupFailed, match="未能备份到"):
        backup_to(demo_db, blocked / "backup.sqlite")
    assert last_backup_time(demo_db) == recorded, "a failed backup must not be shown as the last backup"
    assert [p.name for p in stick.iterdir()] == [out.name]
    assert not list(tmp_path.rglob("*part*")), "no half-written copy is left behind"
