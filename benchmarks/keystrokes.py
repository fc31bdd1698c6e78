"""Keystroke → repainted table, as the chair waits for it (``members_list.py``, ``mediation_list.py``).

``type_and_time`` types into the page's real ``QLineEdit`` (key events for letters and digits; Chinese comes as
an input method's commit, as from a pinyin IME), a key every ``KEY_GAP_MS`` like a quick typist, then processes
events until the table's viewport has been painted after the model took the new ids. It returns:

- the pause: last keystroke → the end of the search box's typing pause (since the sixth session the list's read
  starts at each keystroke and its result is held back until the pause ends, ``OperationRunner.hold``: the
  pause ends when the runner releases it; before, the read started when the pause ended);
- the work: from the end of the pause to the end of the first paint showing the new rows (before the sixth
  session all of the read; now what of the read is left when the pause ends, if any, then the hop back to the
  GUI thread, the model reset, the rows of the first screen painted);
- keystroke → repaint: the whole wait, the pause and the work;
- how many list queries the typing started (before: one for a quick typist's word; now one per keystroke, each
  superseding the one before);
- how much of the work was the list's function on the worker thread (its SQL and rows, wherever it ran);
- the echo of each keystroke: the key sent → the search box painted with it (the typing stays smooth while the
  reads run).

``screen_floor`` is what SQLite alone takes for the same statements (``floors.py``): the list's query and the
rows of the screen shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

KEY_GAP_MS = 60  # a quick typist; a chair typing initials is slower, which only means more pauses


@dataclass
class Timing:
    pause: float  # s
    work: float  # s
    queries: int
    rows: int
    in_worker: float  # s: the list's function on the worker thread (SQL, rows read)
    to_repaint: float  # s: the last keystroke → the repaint (the pause and the work)
    echoes: list[float]  # s: each key sent → the search box painted


class _Echo(QObject):
    """The time of the search box's last paint."""

    def __init__(self, edit: QLineEdit):
        super().__init__()
        self.painted = 0.0
        edit.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.painted = time.perf_counter()
        return False


_echoes: dict[int, _Echo] = {}


class _Watch(QObject):
    """Counts the table's paints and model resets, and the list queries started through ``ops.read``."""

    def __init__(self, table: QTableView, ops, list_fn: Callable):
        super().__init__()
        self.paints = self.resets = 0
        self.reads: list[float] = []
        self.released: list[float] = []  # when a typing pause ended (a held result released)
        self.worked: list[float] = []  # how long each list function ran on the worker
        self.painted_after_reset = False
        table.viewport().installEventFilter(self)
        table.model().modelReset.connect(self._reset)
        original = ops.read

        def read(fn, *args, **kwargs):
            if fn is list_fn:
                self.reads.append(time.perf_counter())
                return original(self._timed(fn), *args, **kwargs)
            return original(fn, *args, **kwargs)

        ops.read = read
        # The pause's end: where the runner holds results back (before the sixth session: the read's start).
        held = getattr(ops, "_held", None)
        if held is not None:
            release = held.release

            def released(key) -> None:
                self.released.append(time.perf_counter())
                release(key)

            held.release = released

    def _timed(self, fn: Callable) -> Callable:
        def timed(*args):
            started = time.perf_counter()
            try:
                return fn(*args)
            finally:
                self.worked.append(time.perf_counter() - started)

        return timed

    def _reset(self) -> None:
        self.resets += 1
        self.painted_after_reset = False

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            if self.resets:
                self.painted_after_reset = True
        return False


_watches: dict[int, _Watch] = {}


def watch(table: QTableView, ops, list_fn: Callable) -> _Watch:
    """Start watching ``table`` (before its page is shown, to see the first read)."""
    key = id(table)
    if key not in _watches:
        _watches[key] = _Watch(table, ops, list_fn)
    return _watches[key]


def spin(done: Callable[[], bool], timeout: float = 60.0) -> float:
    """Run the event loop until ``done()``; the time it became true (checked after each batch of events).

    The loop sleeps between events as the program's own does (a busy loop would hold the GIL against the
    worker threads); a 2 ms timer wakes it to check. An event loop's own processEvents: with PySide6 6.12
    QApplication.processEvents() leaks a reference to None."""
    loop = QEventLoop()
    tick = QTimer()
    tick.start(2)
    deadline = time.perf_counter() + timeout
    try:
        while True:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            now = time.perf_counter()
            if done():
                return now
            if now > deadline:
                raise TimeoutError("the list did not show the search's result")
    finally:
        tick.stop()


def _type(edit: QLineEdit, text: str, echoes: list[float]) -> float:
    """Types ``text``; the time of its last keystroke. Each key's echo goes into ``echoes``."""
    echo = _echoes.setdefault(id(edit), _Echo(edit))
    last = time.perf_counter()
    for i, ch in enumerate(text):
        if i:
            pause_until = last + KEY_GAP_MS / 1000
            spin(lambda until=pause_until: time.perf_counter() >= until)
        last = time.perf_counter()
        if ch.isascii():
            QTest.keyClicks(edit, ch)
        else:  # what a pinyin input method sends when the chair picks the character
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(edit, event)
        spin(lambda sent=last: echo.painted > sent, timeout=5)
        echoes.append(echo.painted - last)
    return last


def settle(table: QTableView, ops, list_fn: Callable, edit: QLineEdit, text: str = "") -> None:
    """Set the search to ``text`` and wait until its list is shown and painted (not timed)."""
    seen = watch(table, ops, list_fn)
    wanted = max(len(seen.reads), 1)
    if edit.text() != text:
        wanted = len(seen.reads) + 1
        edit.setText(text)
    spin(lambda: len(seen.reads) >= wanted and not ops.busy and seen.painted_after_reset)


def type_and_time(table: QTableView, ops, list_fn: Callable, edit: QLineEdit, text: str) -> Timing:
    """``edit`` must be empty and its list shown (``settle``); types ``text`` and times what follows."""
    seen = watch(table, ops, list_fn)
    edit.setFocus()
    before, resets = len(seen.reads), seen.resets
    echoes: list[float] = []
    last_key = _type(edit, text, echoes)
    # Done: the last query started has been delivered, the model reset with it, and the viewport painted.
    done = spin(
        lambda: (
            len(seen.reads) > before
            and seen.reads[-1] >= last_key
            and not ops.busy
            and seen.resets > resets
            and seen.painted_after_reset
        )
    )
    paused = [t for t in seen.released if t >= last_key]
    started = paused[0] if paused else seen.reads[-1]  # the pause's end
    return Timing(
        started - last_key,
        done - started,
        len(seen.reads) - before,
        table.model().rowCount(),
        seen.worked[-1],
        done - last_key,
        echoes,
    )


def visible_rows(table: QTableView) -> int:
    """How many rows the table shows on its screen."""
    last = table.rowAt(table.viewport().height() - 1)
    return (last if last >= 0 else table.model().rowCount() - 1) - max(table.rowAt(0), 0) + 1


def print_searches(
    table: QTableView,
    ops,
    list_fn: Callable,
    edit: QLineEdit,
    queries: tuple[str, ...],
    runs: int,
    floor: Callable[..., float],
    noun: str,
    whole_floor: Callable[..., float] | None = None,
) -> None:
    """Type each search ``runs`` times and print a line of medians beside the floors: ``floor()`` back to back
    and ``floor(repeat=1, idle=...)`` after the same idle moment as the typing and its pause; then the ratios.
    ``whole_floor``, where the program splits a search over two connections: the floor of the search as one
    statement (the bare query), after the same idle moment, printed beside the others. Then the whole wait,
    keystroke → repaint (the pause and the work), and the keystrokes' echo."""
    import statistics

    from fedclient.ui.search_box import SEARCH_PAUSE_MS

    print(
        f"搜索框的输入停顿 SEARCH_PAUSE_MS = {SEARCH_PAUSE_MS} ms；每个字间隔 {KEY_GAP_MS} ms 键入；{runs} 次中位数"
    )
    print(
        f"搜索 | {noun} | 停顿 ms | 查询次数 | 停顿后到重绘 ms（其中后台查询）| 底线：连续 / 同样停顿后 ms"
        " | 倍数：对连续 / 对停顿后 | 按键到重绘 ms"
    )
    ratios, warm_ratios, whole_ratios, waits, all_echoes = [], [], [], [], []
    for query in queries:
        pauses, works, floors, idle_floors, counts, worker = [], [], [], [], set(), []
        whole_floors, to_repaint = [], []
        for _ in range(runs):
            settle(table, ops, list_fn, edit)
            timing = type_and_time(table, ops, list_fn, edit, query)
            pauses.append(timing.pause * 1000)
            works.append(timing.work * 1000)
            worker.append(timing.in_worker * 1000)
            to_repaint.append(timing.to_repaint * 1000)
            all_echoes += (echo * 1000 for echo in timing.echoes)
            counts.add(timing.queries)
            floors.append(floor())  # paired: the floor right after the program's run
            idle = ((len(query) - 1) * KEY_GAP_MS + SEARCH_PAUSE_MS) / 1000  # the typing and its pause
            idle_floors.append(floor(repeat=1, idle=idle))
            if whole_floor is not None:
                whole_floors.append(whole_floor(repeat=1, idle=idle))
        work, warm, idle_floor = (statistics.median(v) for v in (works, floors, idle_floors))
        ratios.append(work / idle_floor)
        warm_ratios.append(work / warm)
        waits.append(statistics.median(to_repaint))
        whole = ""
        if whole_floors:
            whole_ratios.append(work / statistics.median(whole_floors))
            whole = f" | 一条语句的底线 {statistics.median(whole_floors):.1f} ms：{whole_ratios[-1]:.2f}x"
        print(
            f"“{query}” | {table.model().rowCount()} | {statistics.median(pauses):.0f}"
            f" | {'/'.join(map(str, sorted(counts)))} | {work:.1f}（{statistics.median(worker):.1f}）"
            f" | {warm:.1f} / {idle_floor:.1f} | {work / warm:.2f}x / {work / idle_floor:.2f}x"
            f" | {waits[-1]:.1f}{whole}"
        )
    print(
        f"倍数（对同样停顿后的底线）中位数 {statistics.median(ratios):.2f}x，最大 {max(ratios):.2f}x；"
        f"对连续运行的底线：中位数 {statistics.median(warm_ratios):.2f}x，最大 {max(warm_ratios):.2f}x"
        "（目标：停顿 ≤ 100 ms，停顿后 ≤ 1.3x）"
    )
    if whole_ratios:
        print(
            f"倍数（对同样停顿后、一条语句的底线）中位数 {statistics.median(whole_ratios):.2f}x，"
            f"最大 {max(whole_ratios):.2f}x"
        )
    all_echoes.sort()
    print(
        f"按键到重绘（停顿和停顿后）：各搜索中位数 {statistics.median(waits):.1f} ms，最大 {max(waits):.1f} ms；"
        f"按键回显（键入到搜索框重绘，{len(all_echoes)} 个键）：中位数 {statistics.median(all_echoes):.2f} ms，"
        f"第 95 百分位 {all_echoes[int(0.95 * (len(all_echoes) - 1))]:.2f} ms，最大 {all_echoes[-1]:.2f} ms"
    )
