"""Each message says what is really wrong with a data file (issue 13, defect 5): a full disk is a full disk
(not "数据文件无效"), another program's SQLite file is not ours (not "created by a newer version"), a sound
backup with another page size restores, and locks, permissions and damage are named as such."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from fedclient.core import db_faults
from fedclient.core.db_faults import DiskFull, InUse, NoPermission, NotOurs, classify
from fedclient.core.migrate import DatabaseTooNew, open_database
from fedclient.core.models import Member
from tests.cli_in_process import run_cli
from tests.conftest import copy_sqlite
from tests.full_disk import fill, mount_tmpfs, unmount

MISLEADING = ("无效", "更新版本", "readonly", "I/O", "Traceback")


def members(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM members"))


def test_a_full_disk_is_named_as_such_and_the_file_is_kept(demo_db, tmp_path, capsys):
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, "3m"):
        pytest.skip("this machine does not let the tests mount a tmpfs (the patched case below still runs)")
    try:
        path = disk / "村.sqlite"
        copy_sqlite(demo_db.path, path)
        before = path.read_bytes()
        fill(disk)
        for argv in (
            ["export-month", "--db", str(path), "--month", "2026-05", "--out", str(tmp_path / "月报.xlsx")],
            ["backup", "--db", str(path), "--out", str(tmp_path / "备份.sqlite")],
        ):
            code, _out, err = run_cli(argv, capsys)
            assert code == 2
            assert "磁盘空间不足" in err, err
            assert not any(word in err for word in MISLEADING), err
        assert path.read_bytes() == before
    finally:
        unmount(disk)


def test_sqlites_io_error_on_a_full_disk_is_reported_as_a_full_disk(tmp_path, monkeypatch):
    path = tmp_path / "村.sqlite"
    path.write_bytes(b"")
    monkeypatch.setattr(db_faults.shutil, "disk_usage", lambda _p: type("U", (), {"free": 0})())
    error = classify(path, sqlite3.OperationalError("disk I/O error"))
    assert isinstance(error, DiskFull) and "磁盘空间不足" in str(error)
    assert "没有问题" in str(error), "the chair is told that the file itself is fine"


def test_another_programs_sqlite_file_is_not_called_a_newer_version_of_ours(tmp_path):
    other = tmp_path / "发票.sqlite"
    with sqlite3.connect(other) as conn:  # another Alembic-managed program: a revision we do not know
        conn.execute("CREATE TABLE alembic_version(version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE invoices(id INTEGER)")
    before = other.read_bytes()
    with pytest.raises(NotOurs) as refused:
        open_database(other)
    assert "不是村妇联工作台的数据文件" in str(refused.value)
    assert "更新版本" not in str(refused.value)
    assert other.read_bytes() == before


def test_a_newer_file_of_ours_is_still_called_newer(db_path):
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='0099_future'")
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_database(db_path)


def test_a_file_that_is_not_sqlite_at_all_is_not_ours(tmp_path, capsys):
    junk = tmp_path / "照片.sqlite"
    junk.write_bytes(b"\x89PNG not a database" * 200)
    code, _out, err = run_cli(
        ["export-month", "--db", str(junk), "--month", "2026-05", "--out", "x.xlsx"], capsys
    )
    assert code == 2 and "不是村妇联工作台的数据文件" in err and "Traceback" not in err


def test_a_sound_backup_with_8_kib_pages_is_restored(demo_db, tmp_path, capsys):
    backup = tmp_path / "备份8k.sqlite"
    copy_sqlite(demo_db.path, backup)
    with sqlite3.connect(backup) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA page_size=8192")
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    target = tmp_path / "村.sqlite"
    open_database(target).dispose()  # the current data: an empty village at 4 KiB pages, in WAL mode
    code, out, err = run_cli(["restore", "--db", str(target), "--from", str(backup)], capsys)
    assert code == 0, err
    assert "已从" in out and "readonly" not in err
    assert members(target) == members(backup)
    db = open_database(target)
    try:
        with db.session() as session:
            assert session.query(Member).count() == len(members(backup))
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "error, kind, words",
    [
        (sqlite3.OperationalError("database is locked"), InUse, "正被另一个程序使用"),
        (sqlite3.OperationalError("attempt to write a readonly database"), NoPermission, "没有权限"),
        (PermissionError(13, "Permission denied"), NoPermission, "只读"),
        (sqlite3.OperationalError("database or disk is full"), DiskFull, "磁盘空间不足"),
    ],
)
def test_each_cause_gets_its_own_sentence(tmp_path, error, kind, words):
    path = tmp_path / "村.sqlite"
    open_database(path).dispose()
    found = classify(path, error)
    assert isinstance(found, kind) and words in str(found)
    assert not any(word in str(found) for word in ("无效", "更新版本"))


def big_roster(path: Path, rows: int = 2000) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "性别", "出生日期", "职务", "联系电话"])
    given = "秀兰英华玉芳丽敏静霞红梅桂"
    names = [s + a + b for s in "王李张刘陈杨赵黄周吴孙朱" for a in given for b in given]
    for i, name in enumerate(names[:rows]):
        sheet.append([i + 1, name, "女", "1980-01-01", "巾帼志愿者", f"138{i:08d}"])
    book.save(path)
    return path


def test_an_import_whose_database_disk_fills_says_so_and_imports_nothing(demo_db, tmp_path, capsys):
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, "3m"):
        pytest.skip(
            "this machine does not let the tests mount a tmpfs (the window's wording is tested below)"
        )
    try:
        path = disk / "村.sqlite"
        copy_sqlite(demo_db.path, path)
        before = members(path)
        roster = big_roster(tmp_path / "花名册.xlsx")
        stats = os.statvfs(disk)  # leave ~60 KB: the file opens, the import's writes do not fit
        (disk / "填满.bin").write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - 60 * 1024))
        code, out, err = run_cli(["import-roster", str(roster), "--db", str(path)], capsys)
        assert code == 2 and "磁盘空间不足" in err and "Traceback" not in err + out
        assert "已导入" not in out
        (disk / "填满.bin").unlink()
        assert members(path) == before, "all or nothing"
    finally:
        unmount(disk)


def test_the_window_words_a_full_database_disk_and_a_duplicate_write(qapp):
    from fedclient.ui.operation import user_message

    assert "磁盘空间不足" in user_message(sqlite3.OperationalError("database or disk is full"))
    duplicate = sqlite3.IntegrityError("UNIQUE constraint failed: members.id_number")
    assert "重复" in user_message(duplicate) and "UNIQUE" not in user_message(duplicate)
