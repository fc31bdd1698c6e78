"""Typing in a list's search box: a word typed at speed reads the list once, the query starts soon after the
last keystroke, and a query for text the chair has typed past never shows its result."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject

from fedclient.core.members import MemberData, save_member
from fedclient.core.members import query as roster_query
from fedclient.ui.members.roster_page import RosterPage
from fedclient.ui.search_box import SEARCH_PAUSE_MS

NAMES = ("张秀兰", "周小丽", "王芳", "李红梅")


@pytest.fixture
def roster(qtbot, qapp, db, ops, monkeypatch):
    with db.session() as s:
        for name in NAMES:
            save_member(s, MemberData(name=name, role="executive_member"))
    view = RosterPage(ops)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == len(NAMES))
    ops.wait_idle()
    return view


def shown(view) -> list[str]:
    return sorted(view.model.row(r).name for r in range(view.model.rowCount()))


def spy_queries(monkeypatch) -> list[str]:
    """The search text of every roster query run from now on."""
    texts: list[str] = []
    real = roster_query.list_ids

    def list_ids(session, filters, *args):
        texts.append(filters.text)
        return real(session, filters, *args)

    monkeypatch.setattr(roster_query, "list_ids", list_ids)
    return texts


def test_a_word_typed_quickly_reads_the_list_once_after_the_last_key(qtbot, roster, ops, monkeypatch):
    queries = spy_queries(monkeypatch)
    for key in "zxl":
        qtbot.keyClicks(roster.search, key)
        qtbot.wait(SEARCH_PAUSE_MS // 4)  # quicker than the pause
        assert queries == []  # nothing read while she is still typing
    qtbot.waitUntil(lambda: queries == ["zxl"])
    ops.wait_idle()
    assert shown(roster) == sorted(["张秀兰", "周小丽"])  # zxl: Zhang Xiu Lan, Zhou Xiao Li
    assert roster.count_label.text() == "共 2 人"
    qtbot.wait(3 * SEARCH_PAUSE_MS)
    assert queries == ["zxl"]


def test_the_query_waits_for_a_pause_of_at_most_100_ms(qtbot, roster, monkeypatch):
    queries = spy_queries(monkeypatch)
    typed = time.monotonic()
    qtbot.keyClicks(roster.search, "w")
    qtbot.waitUntil(lambda: queries == ["w"])
    assert SEARCH_PAUSE_MS <= 100
    assert time.monotonic() - typed >= SEARCH_PAUSE_MS / 1000 * 0.9  # a pause, not a query per key


def test_a_query_for_text_typed_past_never_shows_its_result(qtbot, roster, ops, monkeypatch):
    release = threading.Event()
    started: list[str] = []
    real = roster_query.list_ids

    def list_ids(session, filters, *args):
        started.append(filters.text)
        if filters.text == "z":
            release.wait(5)  # a slow query: the chair types on meanwhile
        return real(session, filters, *args)

    monkeypatch.setattr(roster_query, "list_ids", list_ids)
    shown_texts: list[str] = []
    real_show = roster._show
    monkeypatch.setattr(
        roster, "_show", lambda *shown: (shown_texts.append(roster.search.text()), real_show(*shown))
    )
    qtbot.keyClicks(roster.search, "z")
    qtbot.waitUntil(lambda: started == ["z"])
    qtbot.keyClicks(roster.search, "x")  # the query for "z" is out of date from this key on
    release.set()
    qtbot.waitUntil(lambda: started == ["z", "zx"])
    ops.wait_idle()
    loop = QEventLoop()
    loop.processEvents()
    assert shown_texts == ["zx"]  # the result for "z" never reached the table
    assert shown(roster) == sorted(["张秀兰", "周小丽"])


def test_the_first_screen_of_a_search_is_painted_without_reading_on_the_gui_thread(
    qtbot, roster, ops, monkeypatch
):
    reads: list[list[int]] = []
    real = roster.model._rows_by_ids
    monkeypatch.setattr(roster.model, "_rows_by_ids", lambda ids: (reads.append(list(ids)), real(ids))[1])
    qtbot.keyClicks(roster.search, "wf")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    roster.table.viewport().grab()  # painted
    assert roster.model.index(0, 0).data() == "王芳"
    assert reads == []  # her row came with the search's result, read in the background


class Paints(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_a_search_result_is_painted_once(qtbot, roster, ops):
    qtbot.keyClicks(roster.search, "z")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 2 人")
    ops.wait_idle()
    qtbot.wait(100)  # Qt's delayed layouts are done
    paints = Paints(roster.table.viewport())
    roster.search.setText("wf")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    qtbot.waitUntil(lambda: paints.count >= 1)
    qtbot.wait(200)
    assert paints.count == 1  # not painted again by the view's own delayed layout
