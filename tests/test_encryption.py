"""Encryption at rest: with a 开机密码 the data file and every copy are SQLCipher files nobody reads without
the password or the recovery code; the program works on them exactly as on ordinary files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from fedclient.core.backup import auto_backup_if_due, backup_to, check_backup, restore_from
from fedclient.core.database import Database
from fedclient.core.encryption import keys
from fedclient.core.encryption.keys import PasswordNeeded
from fedclient.core.encryption.recovery import read_sidecar, sidecar_of
from fedclient.core.encryption.rekey import set_password
from fedclient.core.encryption.unlock import WrongPassword, delay_after, unlock, wait_before
from fedclient.core.migrate import head_revision, open_database
from fedclient.core.models import Member
from fedclient.core.paths import backup_dir_for
from tests.encryption_helpers import PASSWORD, SQLITE_MAGIC, encrypted_demo, readable_in

DATA = Path(__file__).parent / "data"


def names(db: Database) -> list[str]:
    return db.run(lambda s: sorted(s.scalars(select(Member.name))))


@pytest.fixture
def secret_db(demo_template, tmp_path):
    path = tmp_path / "fedclient.sqlite"
    found, code = encrypted_demo(demo_template, path)
    yield path, found, code
    keys.forget_all()


def test_encrypted_file_reads_nothing_without_the_password(secret_db):
    path, found, _code = secret_db
    assert path.read_bytes()[:16] != SQLITE_MAGIC
    assert readable_in(path, found) == []
    with pytest.raises(PasswordNeeded):
        open_database(path)
    with pytest.raises(WrongPassword):
        unlock(path, "不是这个")


def test_with_the_password_the_program_works_as_on_an_ordinary_file(secret_db):
    path, found, _code = secret_db
    unlock(path, PASSWORD)
    db = open_database(path)
    try:
        assert len(names(db)) > 20
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA cipher_version")).scalar()
        db.run(lambda s: s.add(Member(name="加密后新来的", role="volunteer")))
        assert "加密后新来的" in names(db)
        assert readable_in(path, ["加密后新来的".encode()] + found) == []  # the -wal too
    finally:
        db.dispose()
    keys.forget_all()
    unlock(path, PASSWORD)
    again = open_database(path)
    assert "加密后新来的" in names(again)
    again.dispose()


def test_every_backup_is_encrypted_and_opens_with_password_or_code(secret_db, tmp_path):
    path, found, code = secret_db
    unlock(path, PASSWORD)
    db = open_database(path)
    usb = backup_to(db, tmp_path / "usb" / "备份.sqlite")
    db.run(lambda s: s.add(Member(name="变更", role="volunteer")))
    auto = auto_backup_if_due(db, backup_dir_for(path))
    db.dispose()
    safety = restore_from(path, usb, backup_dir_for(path))
    assert auto is not None
    for copy in (usb, auto, safety):
        assert copy.read_bytes()[:16] != SQLITE_MAGIC, copy
        assert readable_in(copy, found) == [], copy
        assert sidecar_of(copy).is_file(), copy
    # Another laptop: nothing unlocked, only the stick's files.
    keys.forget_all()
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    shutil.copy(usb, laptop / usb.name)
    shutil.copy(sidecar_of(usb), laptop / sidecar_of(usb).name)
    with pytest.raises(PasswordNeeded):
        check_backup(laptop / usb.name)
    key = read_sidecar(sidecar_of(laptop / usb.name), code.lower())  # typed in small letters
    assert key is not None
    keys.remember(key)
    assert check_backup(laptop / usb.name) == head_revision()
    keys.forget_all()
    unlock(laptop / usb.name, PASSWORD)
    assert check_backup(laptop / usb.name) == head_revision()
    assert read_sidecar(sidecar_of(laptop / usb.name), "AAAA" * 6) is None


def test_restore_keeps_the_data_files_password(secret_db, demo_template, tmp_path):
    path, found, code = secret_db
    unlock(path, PASSWORD)
    plain = tmp_path / "plain-backup.sqlite"
    shutil.copyfile(demo_template, plain)
    restore_from(path, plain, backup_dir_for(path))  # an old unencrypted backup
    assert path.read_bytes()[:16] != SQLITE_MAGIC
    assert readable_in(path, found) == []
    keys.forget_all()
    assert read_sidecar(sidecar_of(path), code) is not None  # the recovery code still opens it
    unlock(path, PASSWORD)
    db = open_database(path)
    assert len(names(db)) > 20
    db.dispose()


def test_change_and_remove_password(secret_db):
    path, found, code = secret_db
    unlock(path, PASSWORD)
    before = open_database(path)
    rows = names(before)
    before.dispose()
    set_password(path, "新密码")
    keys.forget_all()
    with pytest.raises(WrongPassword):
        unlock(path, PASSWORD)
    assert read_sidecar(sidecar_of(path), code) is not None  # same recovery code, new key
    unlock(path, "新密码")
    set_password(path, None)
    assert path.read_bytes()[:16] == SQLITE_MAGIC
    assert not sidecar_of(path).exists()
    keys.forget_all()
    db = open_database(path)
    assert names(db) == rows
    db.dispose()


def test_setting_a_password_encrypts_the_backups_folder(demo_template, tmp_path):
    from tests.encryption_helpers import secrets_of

    path = tmp_path / "fedclient.sqlite"
    shutil.copyfile(demo_template, path)
    found = secrets_of(path)
    db = open_database(path)
    db.run(lambda s: s.add(Member(name="有变化", role="volunteer")))
    made = auto_backup_if_due(db, backup_dir_for(path))
    db.dispose()
    assert made is not None and made.read_bytes()[:16] == SQLITE_MAGIC
    set_password(path, PASSWORD, "ABCD" * 6)
    assert made.read_bytes()[:16] != SQLITE_MAGIC
    assert readable_in(made, found) == []
    keys.forget_all()
    assert read_sidecar(sidecar_of(made), "ABCD" * 6) is not None
    keys.forget_all()
    keys.forget_all()


def test_saved_database_upgrades_encrypted_with_an_encrypted_pre_migration_copy(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "schema_0001.sqlite", path)
    set_password(path, PASSWORD, "ABCD" * 6)
    keys.forget_all()
    unlock(path, PASSWORD)
    db = open_database(path)
    db.dispose()
    copies = list(backup_dir_for(path).glob("pre-migration-*.sqlite"))
    assert copies and all(c.read_bytes()[:16] != SQLITE_MAGIC for c in copies)
    assert all(sidecar_of(c).is_file() for c in copies)
    assert check_backup(copies[0]) != head_revision()
    keys.forget_all()


def test_wrong_passwords_wait_longer_and_longer_but_never_lock_out(secret_db):
    path, _found, _code = secret_db
    for _ in range(3):
        with pytest.raises(WrongPassword):
            unlock(path, "错的")
    assert wait_before(path) > 1.0  # the third wrong one in a row: the next try waits
    assert delay_after(4) > delay_after(3) and delay_after(100) == 60.0
    unlock(path, PASSWORD)  # the right one still opens it, and resets the count
    assert wait_before(path) == 0.0


def test_a_lost_key_file_is_written_again_when_the_password_is_typed(secret_db):
    path, _found, code = secret_db
    sidecar_of(path).unlink()
    unlock(path, PASSWORD)
    keys.forget_all()
    assert read_sidecar(sidecar_of(path), code) is not None
