"""The operation runner: what a chair would notice if it went wrong (a frozen window, a half-saved record, a
screen that does not refresh, a crash when closing)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy import text

from fedclient.core.changes import Area


def put(session, key: str, value: str = "1") -> None:
    session.execute(text("INSERT INTO app_meta(key, value) VALUES(:k, :v)"), {"k": key, "v": value})


def get(session, key: str) -> str | None:
    return session.execute(text("SELECT value FROM app_meta WHERE key=:k"), {"k": key}).scalar()


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, msg, *a: shown.append((title, msg)))
    return shown


def test_results_arrive_on_the_gui_thread_and_work_runs_elsewhere(ops):
    seen = {}

    def work(session):
        seen["work"] = threading.current_thread()
        return get(session, "schema_version") or "?"

    ops.read(work, on_done=lambda r: seen.update(done=threading.current_thread(), result=r))
    ops.wait_idle()
    assert seen["done"] is threading.main_thread()
    assert seen["work"] is not threading.main_thread()
    assert seen["result"]


def test_the_window_s_connections_keep_a_small_page_cache(db, qapp):
    """Each pooled connection lives as long as the window; SQLite's default keeps 2 MiB of pages in each."""
    from fedclient.ui.operations import PAGE_CACHE_KIB, OperationRunner

    def cache_kib(session):
        return -session.execute(text("PRAGMA cache_size")).scalar()

    assert db.run(cache_kib) == 2000  # a connection opened before the window, as the command line has it
    runner = OperationRunner(db)
    try:
        seen = []
        for _ in range(3):
            runner.read(cache_kib, on_done=seen.append)
            runner.write(cache_kib, changes=None, on_done=seen.append)
        runner.wait_idle()
        assert seen == [PAGE_CACHE_KIB] * 6
    finally:
        runner.shutdown()


def test_writes_run_one_at_a_time_in_the_order_asked(ops, db):
    active, most, order = [0], [0], []
    lock = threading.Lock()

    def slow_write(session, n):
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        time.sleep(0.05)
        put(session, f"k{n}")
        order.append(n)
        with lock:
            active[0] -= 1

    for n in range(4):
        ops.write(slow_write, n, changes=Area.MEMBERS)
    ops.wait_idle()
    assert most[0] == 1
    assert order == [0, 1, 2, 3]
    assert db.run(get, "k3") == "1"


def test_changed_is_announced_once_after_a_write_and_never_after_a_failed_one(ops, qtbot, warnings):
    announced: list[Area] = []
    ops.changed.connect(announced.append)
    ops.write(put, "a", changes=Area.MEMBERS | Area.HELPED)
    ops.wait_idle()
    assert announced == [Area.MEMBERS | Area.HELPED]

    def refused(session):
        put(session, "b")
        raise ValueError("身份证号已经登记过")

    ops.write(refused, changes=Area.MEMBERS)
    ops.wait_idle()
    assert announced == [Area.MEMBERS | Area.HELPED]
    assert warnings and "身份证号已经登记过" in warnings[0][1]
    assert ops.db.run(get, "b") is None  # rolled back


def test_an_unexpected_error_is_logged_and_shown_in_chinese(ops, warnings, caplog):
    def broken(session):
        raise RuntimeError("no such column: foo")

    ops.read(broken, on_done=lambda r: pytest.fail("no result"))
    ops.wait_idle()
    assert warnings[0][0] == "读取失败"
    assert "意外错误" in warnings[0][1] and "foo" not in warnings[0][1]
    assert "no such column: foo" in caplog.text  # the details are in the log


def test_on_error_gets_the_refusal_itself(ops, warnings):
    class Refused(ValueError):
        def __init__(self, errors):
            super().__init__("不能保存")
            self.errors = errors

    def save(session):
        raise Refused({"name": "请填写姓名"})

    got = []
    ops.write(save, changes=Area.MEMBERS, on_error=got.append)
    ops.wait_idle()
    assert isinstance(got[0], Refused) and got[0].errors == {"name": "请填写姓名"}
    assert warnings == []


def test_a_newer_read_with_the_same_key_supersedes_the_older(ops):
    release = threading.Event()
    delivered = []

    def slow(session, label):
        release.wait(5)
        return label

    ops.read(slow, "old", on_done=delivered.append, key="list")
    ops.read(slow, "new", on_done=delivered.append, key="list")
    ops.read(slow, "other", on_done=delivered.append, key="chart")
    release.set()
    ops.wait_idle()
    assert sorted(delivered) == ["new", "other"]


def test_a_superseded_read_stops_its_running_query(ops):
    running = threading.Event()

    def endless(session):
        # SQLite interrupts only a statement already running: the statement itself says when it is
        session.connection().connection.dbapi_connection.create_function("running", 0, running.set)
        sql = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(running()) FROM c"
        return session.execute(text(sql)).scalar()

    ops.read(endless, on_done=lambda r: pytest.fail("superseded"), key="x")
    assert running.wait(30)
    delivered = []
    ops.read(lambda session: "新的", on_done=delivered.append, key="x")
    ops.wait_idle(timeout=30)  # the endless statement would never end: TimeoutError
    assert delivered == ["新的"]


def test_a_held_read_is_delivered_when_the_hold_ends_and_counts_as_running(ops, qtbot):
    delivered = []
    ops.hold(None, "list", 60_000)
    ops.read(lambda session: "读到了", on_done=delivered.append, key="list")
    ops.read(lambda session: "别的", on_done=delivered.append, key="chart")  # another key: not held
    qtbot.waitUntil(lambda: delivered == ["别的"])
    qtbot.wait(50)
    assert delivered == ["别的"] and ops.busy  # done, held back: still running for wait_idle and closing
    ops.release(None, "list")
    assert delivered == ["别的", "读到了"] and not ops.busy


def test_a_held_read_ends_by_itself_and_a_superseded_one_is_never_delivered(ops, qtbot):
    delivered = []
    started = time.monotonic()
    ops.hold(None, "list", 1500)
    ops.read(lambda session: "old", on_done=delivered.append, key="list")
    qtbot.waitUntil(lambda: ops._held._held[(id(None), "list")].deliver is not None)  # done and held
    ops.read(lambda session: "new", on_done=delivered.append, key="list")
    ops.wait_idle()
    assert delivered == ["new"]
    assert time.monotonic() - started >= 1.5  # at the end of the hold, not before


def test_closing_while_a_result_is_held_delivers_nothing_and_leaves_no_thread(ops, qtbot, threads_started):
    delivered = []
    ops.hold(None, "list", 60_000)
    ops.read(lambda session: "读到了", on_done=delivered.append, key="list")
    qtbot.wait(100)
    ops.shutdown()
    qtbot.wait(50)
    assert delivered == [] and not ops.busy
    assert threads_started() == []
    ops.release(None, "list")  # a search box's pause ending after the window closed
    assert delivered == []


def counting(session, progress, key="imported", steps=200):
    for i in range(steps):
        progress(i, steps, f"第 {i} 条")
        time.sleep(0.01)
    put(session, key)
    return steps


def until_cancelled(session, started: threading.Event, progress):
    """Long work that only 取消 or closing ends (a minute at most, so that a test of it fails instead of hanging)."""
    deadline = time.monotonic() + 60
    i = 0
    while time.monotonic() < deadline:
        progress(i, 1000, f"第 {i} 条")
        started.set()
        i += 1
        time.sleep(0.01)
    put(session, "imported")
    return i


def test_long_work_shows_a_progress_dialog_whose_cancel_stops_it(ops, qtbot, db):
    owner = QWidget()
    qtbot.addWidget(owner)
    done, cancelled = [], []
    ops.with_progress(
        "正在导入",
        until_cancelled,
        threading.Event(),
        changes=Area.MEMBERS,
        on_done=done.append,
        on_cancel=lambda: cancelled.append(1),
        parent=owner,
    )
    assert ops.progress_dialogs == []  # not at once: quick work never flashes a dialog
    qtbot.waitUntil(lambda: ops.progress_dialogs != [], timeout=10_000)
    dialog = ops.progress_dialogs[0]
    assert dialog.windowTitle() == "正在导入"
    button = dialog.findChild(QPushButton)
    assert button.text() == "取消"
    qtbot.waitUntil(lambda: dialog.labelText().startswith("第"), timeout=10_000)
    button.click()
    ops.wait_idle()
    assert done == [] and cancelled == [1]
    assert db.run(get, "imported") is None  # nothing half-written
    assert ops.progress_dialogs == []


def test_only_work_longer_than_a_moment_shows_a_dialog(ops, qtbot, monkeypatch):
    import fedclient.ui.operations as operations

    made = []

    class Recording(operations.QProgressDialog):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(args[0])

    monkeypatch.setattr(operations, "QProgressDialog", Recording)
    # quick work: done well within the delay even on a busy machine; nothing shows then, nor after the delay
    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 1000)
    done = []
    ops.with_progress("很快", lambda session, progress: progress(1, 1) or 7, on_done=done.append)
    ops.wait_idle()
    qtbot.wait(1100)
    assert done == [7] and made == []
    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 300)
    ops.with_progress("正在导出", counting, on_done=done.append)  # about 2 s
    ops.wait_idle()
    assert done == [7, 200] and len(made) == 1


def test_no_callback_reaches_a_deleted_widget(ops, qtbot):
    release = threading.Event()
    page = QWidget()
    called = []
    ops.read(lambda s: release.wait(5), on_done=lambda r: called.append(page.isVisible()), parent=page)
    page.deleteLater()
    qtbot.wait(10)
    release.set()
    ops.wait_idle()
    assert called == []


def test_shutdown_cancels_long_work_waits_for_every_thread_and_starts_nothing_new(
    ops, qtbot, db, threads_started
):
    done = []
    importing = threading.Event()
    ops.with_progress("正在导入", until_cancelled, importing, changes=Area.MEMBERS, on_done=done.append)
    ops.read(get, "schema_version", on_done=done.append)
    ops.write(put, "saved", changes=Area.MEMBERS)  # a save already asked for is kept
    assert importing.wait(30)
    started = time.monotonic()
    ops.shutdown()
    assert time.monotonic() - started < 15  # the import stopped at its next step (it would run a minute)
    assert threads_started() == []
    assert ops.read(get, "x", on_done=done.append) is None
    qtbot.wait(50)
    assert done == []
    assert db.run(get, "imported") is None
    assert db.run(get, "saved") == "1"


def test_a_result_is_delivered_when_the_worker_rings_not_at_the_next_poll(qtbot, ops):
    # The poll is only a safety net: results arrive as soon as the worker is done (a search's table updates
    # without waiting for it).
    assert ops._wakeup.works
    ops._pump.setInterval(60_000)
    delivered = []
    ops.read(lambda session: "读到了", on_done=delivered.append)
    qtbot.waitUntil(lambda: bool(delivered), timeout=5_000)
    assert delivered == ["读到了"]
