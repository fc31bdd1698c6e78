"""The long lists paint their cells themselves (``ui/plain_cells.py``) and must look exactly as Qt's own delegate
paints them: the same pixels, tints and grey text included; Qt still paints what it does differently (the
selected row, a text too wide for its cell) and everything, when a style places text its own way. Their
headers (``ui/list_table.py``) are not reset and repainted by each search, and still sort the list."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyledItemDelegate, QTableView

from fedclient.core.models import Member
from fedclient.ui.id_list_model import IdListTableModel
from fedclient.ui.mediation.tab import MediationTab
from fedclient.ui.members.roster_page import COLUMNS as ROSTER_COLUMNS
from fedclient.ui.members.roster_page import RosterPage
from fedclient.ui.operations import OperationRunner
from fedclient.ui.plain_cells import PlainCellDelegate
from fedclient.ui.plain_screen import PlainScreen


def painted(table: QTableView) -> QImage:
    return table.viewport().grab().toImage()


def painted_by_qt(table: QTableView) -> QImage:
    ours = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    try:
        return painted(table)
    finally:
        table.setItemDelegate(ours)


@pytest.fixture
def demo_ops(qapp, demo_db):
    runner = OperationRunner(demo_db)
    yield runner
    runner.shutdown()


def test_the_roster_and_the_ledger_look_exactly_as_qt_paints_them(qtbot, demo_ops):
    roster = RosterPage(demo_ops)
    ledger = MediationTab(demo_ops)
    for page in (roster, ledger):
        qtbot.addWidget(page)
        page.resize(1300, 1400)  # every row of the demo village on screen
        page.show()
    ledger.load()
    demo_ops.wait_idle()
    qtbot.waitUntil(lambda: roster.model.rowCount() > 0 and ledger.model.rowCount() > 0)
    for table, coloured in (
        (roster.table, lambda look: look[1] is not None),  # a member who left, greyed
        (ledger.view, lambda look: look[2] is not None),  # a case tinted by its risk
    ):
        model = table.model()
        assert any(coloured(model.look(row)) for row in range(min(model.rowCount(), 40)))
        table.selectRow(1)
        ours = painted(table)
        assert isinstance(table.itemDelegate(), PlainCellDelegate) and table.itemDelegate().plain
        assert ours == painted_by_qt(table)


@dataclass
class Person:
    id: int
    name: str


def small_list(qtbot, names: list[str]) -> QTableView:
    people = {i: Person(i, name) for i, name in enumerate(names, start=1)}
    model = IdListTableModel(
        [("编号", lambda p: p.id), ("姓名", lambda p: p.name)],
        lambda ids: [people[i] for i in ids],
    )
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setItemDelegate(PlainCellDelegate(table))
    model.set_ids(list(people))
    table.setColumnWidth(1, 70)
    table.resize(300, 300)
    table.show()
    return table


def test_a_text_too_wide_for_its_cell_is_elided_by_qt_as_before(qtbot, qapp):
    table = small_list(qtbot, ["张秀兰", "欧阳春花秋月夏雨冬雪", "李芳"])
    ours = painted(table)
    assert table.itemDelegate().plain
    assert ours == painted_by_qt(table)
    assert ours != painted(small_list(qtbot, ["张秀兰", "欧阳春", "李芳"]))  # the long name is drawn (elided)


def test_a_style_that_places_text_its_own_way_keeps_qts_painting(qtbot, qapp):
    table = small_list(qtbot, ["张秀兰", "李芳"])
    table.setStyleSheet("QTableView::item { padding-left: 12px; color: #1f5fa8; }")
    ours = painted(table)
    assert not table.itemDelegate().plain  # the check saw a difference and left the cells to Qt
    assert ours == painted_by_qt(table)
    table.setStyleSheet("")
    assert painted(table) == painted_by_qt(table) and table.itemDelegate().plain


def test_colours_come_from_the_model_as_qt_reads_them(qtbot, qapp):
    class Greyed(IdListTableModel):
        def colours(self, item):
            return ([QColor("#888888"), None] if item.id % 2 else None), None

    people = {1: Person(1, "张秀兰"), 2: Person(2, "李芳")}
    model = Greyed(
        [("编号", lambda p: p.id), ("姓名", lambda p: p.name)], lambda ids: [people[i] for i in ids]
    )
    model.set_ids([1, 2])
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#888888")
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setItemDelegate(PlainCellDelegate(table))
    table.show()
    assert painted(table) == painted_by_qt(table) and table.itemDelegate().plain


class Paints(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_new_list_repaints_the_rows_not_the_header_which_still_sorts_the_list(qtbot, demo_ops):
    roster = RosterPage(demo_ops)
    qtbot.addWidget(roster)
    roster.resize(1300, 300)  # a scroll bar for everyone and for the 执委 alone: the header keeps its width
    roster.show()
    qtbot.waitUntil(lambda: roster.model.rowCount() > 20)
    header = roster.table.horizontalHeader()
    QTest.qWait(50)
    widths = [header.sectionSize(i) for i in range(header.count())]
    rows, labels = Paints(roster.table.viewport()), Paints(header.viewport())
    everyone = roster.model.rowCount()
    roster.role_filter.setCurrentIndex(roster.role_filter.findData("executive_member"))
    qtbot.waitUntil(lambda: 10 < roster.model.rowCount() < everyone and rows.count > 0)
    QTest.qWait(50)  # anything Qt would repaint later
    assert labels.count == 0
    assert [header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())] == [
        h for h, _fn, _key, _w in ROSTER_COLUMNS
    ]
    assert [header.sectionSize(i) for i in range(header.count())] == widths
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: roster.sorting.choice == ("name", False))
    demo_ops.wait_idle()
    assert header.sortIndicatorSection() == 0 and labels.count > 0  # the arrow drawn
    initials = roster.ops.read_now(
        lambda s: [s.get(Member, roster.model.id_at(r)).name_initials for r in range(roster.model.rowCount())]
    )
    assert initials == sorted(initials)


def plain_screen(table: QTableView) -> PlainScreen:
    return next(child for child in table.children() if isinstance(child, PlainScreen))


def test_a_screen_without_a_selected_row_is_painted_in_one_call_exactly_as_qt_paints_it(qtbot, demo_ops):
    roster = RosterPage(demo_ops)
    ledger = MediationTab(demo_ops)
    for page in (roster, ledger):
        qtbot.addWidget(page)
        page.resize(1300, 1400)
        page.show()
    ledger.load()
    demo_ops.wait_idle()
    qtbot.waitUntil(lambda: roster.model.rowCount() > 0 and ledger.model.rowCount() > 0)
    for table in (roster.table, ledger.view):
        table.clearSelection()
        table.setCurrentIndex(table.model().index(-1, -1))
        screen = plain_screen(table)
        qtbot.waitUntil(lambda screen=screen, table=table: painted(table) is not None and screen.plain)
        table.setColumnWidth(0, 40)  # texts too wide for the first column: Qt elides them within the screen
        ours = painted(table)
        assert screen.plain and ours == painted_by_qt(table)
        table.selectRow(2)  # a selected row shown: Qt paints the screen, as before
        assert painted(table) == painted_by_qt(table)


def test_a_screen_painted_otherwise_than_qt_would_keeps_qts_painting(qtbot, qapp, monkeypatch):
    table = small_list(qtbot, ["张秀兰", "李芳", "王红"])
    screen = PlainScreen(table, table.itemDelegate())
    table.setCurrentIndex(table.model().index(-1, -1))
    painted(table)  # the delegate's own check of one cell
    original = PlainScreen._paint_rows

    def grid_one_pixel_off(self, painter, area):
        area.translate(0, 1)
        return original(self, painter, area)

    monkeypatch.setattr(PlainScreen, "_paint_rows", grid_one_pixel_off)
    painted(table)  # Qt paints; the comparison follows
    qtbot.waitUntil(lambda: screen._checked and not screen._rendering)
    QTest.qWait(20)
    assert not screen.plain
    assert painted(table) == painted_by_qt(table)
