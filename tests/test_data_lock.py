"""One lock per data file: the window holds it, commands that write wait for it and then refuse, and it
is free again as soon as its holder is gone, even after ``kill -9``."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fedclient.cli import main
from fedclient.core import data_lock
from fedclient.core.data_lock import BUSY, WAITING, DataLock
from fedclient.core.migrate import open_database
from fedclient.core.models import Member
from tests.conftest import copy_sqlite

ROOT = Path(__file__).resolve().parent.parent


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class Holder:
    """Another process holding the lock the way the window does, until told to stop (or killed)."""

    def __init__(self, db_path: Path):
        code = textwrap.dedent(
            f"""
            import sys
            from fedclient.core.data_lock import DataLock
            lock = DataLock({str(db_path)!r})
            print("locked" if lock.try_acquire() else "refused", flush=True)
            sys.stdin.readline()
            """
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        assert self.proc.stdout.readline().strip() == "locked"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
        self.proc.wait(timeout=30)

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up code runs
        self.proc.wait(timeout=30)


@pytest.fixture
def holder_of(request):
    holders: list[Holder] = []

    def start(db_path: Path) -> Holder:
        holders.append(Holder(db_path))
        return holders[-1]

    yield start
    for holder in holders:
        holder.stop()


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(data_lock, "WAIT_SECONDS", 0.0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_locks_on_one_file_exclude_each_other_and_the_second_gets_it_after_release(tmp_path):
    first, second = DataLock(tmp_path / "a.sqlite"), DataLock(tmp_path / "a.sqlite")
    assert first.try_acquire()
    assert not second.try_acquire()
    assert DataLock(tmp_path / "b.sqlite").try_acquire(), "another data file has its own lock"
    first.release()
    assert second.try_acquire()
    second.release()


def test_a_writing_command_waits_then_refuses_in_chinese_while_another_program_holds_the_file(
    tmp_path, holder_of, short_wait, capsys
):
    path = tmp_path / "village.sqlite"
    holder_of(path)
    assert main(["demo", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert WAITING in err and BUSY in err and "请先关闭村妇联工作台窗口" in err
    assert "Traceback" not in err
    assert not path.exists(), "nothing was written"


def test_restore_refuses_while_the_window_holds_the_file_and_the_data_stays(
    tmp_path, demo_template, holder_of, short_wait, capsys
):
    path = tmp_path / "village.sqlite"
    copy_sqlite(demo_template, path)
    backup = tmp_path / "backup.sqlite"
    assert main(["backup", "--db", str(path), "--out", str(backup)]) == 0, "reading commands take no lock"
    holder_of(path)
    assert main(["backup", "--db", str(path), "--out", str(tmp_path / "b2.sqlite")]) == 0, (
        "even beside the window"
    )
    before = digest(path)
    capsys.readouterr()
    assert main(["restore", "--db", str(path), "--from", str(backup)]) == 2
    err = capsys.readouterr().err
    assert BUSY in err and "Traceback" not in err
    assert digest(path) == before
    safety = tmp_path / "backups" / "village"
    assert not safety.exists() or not any(safety.iterdir()), "not even the safety copy of a restore was made"


def test_the_lock_is_free_once_its_holder_is_killed(tmp_path, holder_of):
    path = tmp_path / "village.sqlite"
    holder = holder_of(path)
    assert not DataLock(path).try_acquire()
    holder.kill()
    lock = DataLock(path)
    assert lock.try_acquire(), "no stale lock after kill -9"
    lock.release()


def test_two_imports_started_together_never_double_the_people(tmp_path, demo_template):
    path = tmp_path / "village.sqlite"
    open_database(path).dispose()
    roster = tmp_path / "roster.csv"
    names = [s + g + "英" for s in "王李张刘陈杨赵黄" for g in "秀丽芳敏静"]  # 40 different people
    people = [f"{names[i]},19{60 + i}年3月2日,138001380{i:02d}" for i in range(40)]
    roster.write_text("姓名,出生年月,手机号码\n" + "\n".join(people) + "\n", encoding="utf-8")
    gate = DataLock(path)  # both start while the file is taken, so they run at the same moment
    assert gate.try_acquire()
    command = [sys.executable, "-m", "fedclient", "import-roster", str(roster), "--db", str(path)]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
        for _ in range(2)
    ]
    try:
        for proc in procs:
            assert proc.stderr.readline().strip() == WAITING
    finally:
        gate.release()
    results = [(proc.wait(timeout=120), proc.stdout.read(), proc.stderr.read()) for proc in procs]
    for status, _out, err in results:
        assert "Traceback" not in err
        assert status == 0 or (status == 2 and BUSY in err), err
    assert any(status == 0 for status, _, _ in results)
    db = open_database(path)
    try:
        assert db.run(lambda s: s.scalar(select(func.count()).select_from(Member))) == len(people)
    finally:
        db.dispose()


def test_the_lock_tells_whether_its_last_holder_ended_cleanly(tmp_path, holder_of):
    path = tmp_path / "village.sqlite"
    first = DataLock(path)
    assert first.try_acquire() and not first.ended_uncleanly, "a new lock file: nothing to check"
    first.release()
    second = DataLock(path)
    assert second.try_acquire() and not second.ended_uncleanly, "released cleanly: no check at the next start"
    second.release()
    holder_of(path).kill()
    after_kill = DataLock(path)
    assert after_kill.try_acquire() and after_kill.ended_uncleanly, "killed: the next start checks the file"
    after_kill.release()
    again = DataLock(path)
    assert again.try_acquire() and not again.ended_uncleanly
    again.release()
