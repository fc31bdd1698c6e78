"""A big import sets the roster's indexes aside while it writes and makes them again in the same transaction
(core.bulk_load): afterwards the data file has the very same indexes, consistent with the rows; a cancel
leaves the file as it was, indexes included; a few rows beside many stored leave the indexes alone. Chunks
written behind (on a writer thread while the next is prepared) all go in with their history; an error in the
writer reaches the caller and leaves the file as it was."""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from fedclient.core import bulk_load
from fedclient.core.bulk_load import gc_paused, indexes_set_aside, written_behind
from fedclient.core.history.bulk import insert_recorded
from fedclient.core.history.source import set_source
from fedclient.core.members import roster_import
from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
from fedclient.core.migrate import open_database
from fedclient.core.models import ChangeLog, Member
from fedclient.core.progress import Cancelled
from tests.conftest import copy_sqlite

SURNAMES, GIVEN = "王李张刘陈", "秀丽芳敏静英兰梅"


def _roster(path, people: int) -> None:
    lines = ["序号,姓名,出生年月,联系电话"]
    lines += [f"{i + 1},{SURNAMES[i % 5]}{GIVEN[i // 5 % 8]}{GIVEN[i // 40 % 8]},19{60 + i % 40}.0{i % 9 + 1},138{i:08d}"
              for i in range(people)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _indexes(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'")
    rows = sorted(found.fetchall(), key=str)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # every index holds every row
    members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
    conn.close()
    return rows, members


@pytest.fixture
def data_file(tmp_path, empty_template):
    copy_sqlite(empty_template, tmp_path / "村.sqlite")
    return tmp_path / "村.sqlite"


def test_an_import_into_an_empty_roster_leaves_the_same_indexes(tmp_path, data_file):
    before, _ = _indexes(data_file)
    assert len(before) >= 6  # name, initials, role, status, roster order, the ID number's uniqueness
    _roster(tmp_path / "花名册.csv", 120)
    db = open_database(data_file)
    preview = db.run(plan_roster_import, load_roster(tmp_path / "花名册.csv"))
    reports = []
    db.run(apply_roster_import, preview, progress=lambda done, total, text="": reports.append(text))
    db.dispose()
    assert _indexes(data_file) == (before, 120)
    assert any(r.startswith("正在整理成员名单的索引") for r in reports)


def test_a_cancel_while_writing_leaves_the_file_and_its_indexes_as_they_were(
    tmp_path, data_file, monkeypatch
):
    before = _indexes(data_file)
    monkeypatch.setattr(roster_import, "WRITE_CHUNK", 10)
    _roster(tmp_path / "花名册.csv", 50)
    db = open_database(data_file)
    preview = db.run(plan_roster_import, load_roster(tmp_path / "花名册.csv"))

    def cancel_at_the_third_chunk(done, total, text=""):
        if done >= 20:
            raise Cancelled()

    with pytest.raises(Cancelled):
        db.run(apply_roster_import, preview, progress=cancel_at_the_third_chunk)
    db.dispose()
    assert _indexes(data_file) == before


def _index_names(session) -> set[str]:
    found = session.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'")
    )
    return set(found.scalars())


def test_indexes_are_set_aside_only_for_many_rows_beside_those_stored(tmp_path, data_file):
    _roster(tmp_path / "花名册.csv", 8)
    db = open_database(data_file)
    db.run(apply_roster_import, db.run(plan_roster_import, load_roster(tmp_path / "花名册.csv")))
    with db.session() as s:
        every = _index_names(s)
        with indexes_set_aside(s, Member.__table__, adding=3):  # 3 beside 8 stored: left alone
            assert _index_names(s) == every
        with indexes_set_aside(s, Member.__table__, adding=4):  # half as many as stored: set aside
            assert _index_names(s) == {n for n in every if n.startswith("sqlite_autoindex")}
        assert _index_names(s) == every
        try:  # a caller that goes on after an error still finds them
            with indexes_set_aside(s, Member.__table__, adding=100):
                raise ValueError
        except ValueError:
            pass
        assert _index_names(s) == every
    db.dispose()
    assert _indexes(data_file)[1] == 8


def test_the_garbage_collector_is_paused_only_while_the_block_runs():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_two_imports_overlapping_keep_the_collector_off_until_the_last_ends():
    # Two blocks overlapping in one process (two threads): the first to end must not turn it back on.
    first, second = gc_paused(), gc_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def _file_rows(path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    counts = tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("members", "change_log"))
    conn.close()
    return counts


def test_chunks_written_behind_are_all_in_with_their_history(tmp_path, data_file):
    """Chunks handed to the writer thread: every row and history row in, the keys SQLite gives in order."""
    db = open_database(data_file)
    db.run(apply_roster_import, db.run(plan_roster_import, load_roster(_written(tmp_path, 3))))
    chunks = [[(f"李{i}{j}", f"1390000{i}{j:03d}") for j in range(40)] for i in range(5)]

    def write(session):
        set_source(session, "import", "名单.xlsx")
        with written_behind(session):
            for chunk in chunks:
                insert_recorded(session, Member.__table__, ("name", "phone"), chunk)

    db.run(write)
    with db.session() as s:
        stored = s.execute(select(Member.id, Member.name).order_by(Member.id)).all()
        logged = s.execute(
            select(ChangeLog.record_id, ChangeLog.label).where(ChangeLog.source_detail == "名单.xlsx")
        )
        logged = sorted(logged.all(), key=lambda r: int(r[0]))
    db.dispose()
    assert [name for _id, name in stored[3:]] == [name for chunk in chunks for name, _phone in chunk]
    assert [i for i, _name in stored] == list(range(1, 204))
    assert logged == [(str(i), name) for i, name in stored[3:]]


def test_an_error_in_the_writer_is_raised_in_the_caller_and_leaves_nothing(tmp_path, data_file):
    db = open_database(data_file)
    db.run(apply_roster_import, db.run(plan_roster_import, load_roster(_written(tmp_path, 3))))
    db.dispose()
    before = _file_rows(data_file), _indexes(data_file)
    db = open_database(data_file)
    same_id = "430724199003021246"
    chunks = [[("张秀兰", same_id)], [("李红", None)], [("王芳", same_id)], [("赵敏", None)]]
    reached = []

    def write(session):
        with indexes_set_aside(session, Member.__table__, 100), written_behind(session):
            for chunk in chunks:
                insert_recorded(session, Member.__table__, ("name", "id_number"), chunk)
                reached.append(chunk[0][0])

    with pytest.raises(IntegrityError):  # the third chunk's ID number is the first's: refused by SQLite
        db.run(write)
    db.dispose()
    assert reached[:2] == ["张秀兰", "李红"]  # raised in the caller, at its next hand-over or at the end
    assert (_file_rows(data_file), _indexes(data_file)) == before


def _written(tmp_path, people: int):
    _roster(tmp_path / "花名册.csv", people)
    return tmp_path / "花名册.csv"


def test_reading_a_roster_leaves_no_thread_behind(tmp_path, monkeypatch, threads_started):
    """The tables loaded beside the read are ready when it returns, and their thread has ended with it."""
    from fedclient.core.members import plain_row

    loaded = threading.Event()

    def slow_tables():
        time.sleep(0.3)  # the first import of a session: stdnum's county codes and pypinyin's readings
        loaded.set()

    monkeypatch.setattr(plain_row, "_LOADING", threading.Event())
    monkeypatch.setattr(plain_row, "_load_tables", slow_tables)
    _roster(tmp_path / "花名册.csv", 5)
    table = load_roster(tmp_path / "花名册.csv")
    assert len(table.sheet.rows) == 6 and loaded.is_set()
    assert threads_started() == []


def test_while_writing_behind_the_lock_changes_hands_sooner_and_the_interval_is_given_back(
    tmp_path, data_file
):
    """The writer thread waits for Python's lock after each SQLite step: while chunks are written behind the
    interpreter's switch interval is 0.5 ms; after a finished, a failed and a cancelled import it is what it was."""
    before = sys.getswitchinterval()
    seen: list[float] = []

    def watch(done, total, text=""):
        seen.append(sys.getswitchinterval())

    db = open_database(data_file)
    preview = db.run(plan_roster_import, load_roster(_written(tmp_path, 30)))
    db.run(apply_roster_import, preview, progress=watch)  # finished
    assert bulk_load.SWITCH_INTERVAL in seen and sys.getswitchinterval() == before

    def cancel(done, total, text=""):
        if text.startswith("正在写入"):
            raise Cancelled()

    preview = db.run(plan_roster_import, load_roster(_written(tmp_path, 40)))
    with pytest.raises(Cancelled):
        db.run(apply_roster_import, preview, progress=cancel)
    assert sys.getswitchinterval() == before

    def fail(session):
        with written_behind(session):
            seen.append(sys.getswitchinterval())
            raise RuntimeError("失败")

    seen.clear()
    with pytest.raises(RuntimeError):
        db.run(fail)
    db.dispose()
    assert seen == [bulk_load.SWITCH_INTERVAL] and sys.getswitchinterval() == before


def test_the_switch_interval_comes_back_when_the_last_write_behind_ends():
    """Two imports' blocks overlapping (nested here) keep it short until the last ends; a shorter interval set
    by someone else is kept."""
    before = sys.getswitchinterval()
    with bulk_load.shorter_switches():
        with bulk_load.shorter_switches():
            assert sys.getswitchinterval() == bulk_load.SWITCH_INTERVAL
        assert sys.getswitchinterval() == bulk_load.SWITCH_INTERVAL
    assert sys.getswitchinterval() == before
    sys.setswitchinterval(0.0001)
    lower = sys.getswitchinterval()
    try:
        with bulk_load.shorter_switches():
            assert sys.getswitchinterval() == lower
        assert sys.getswitchinterval() == lower
    finally:
        sys.setswitchinterval(before)
