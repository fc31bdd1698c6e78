"""The list model on its own, fed plain functions (no database): rows read by id a page at a time, a record's
row found by its id, and the chosen record kept when the list is read again in another order or filter."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from fedclient.ui.id_list_model import PAGE_SIZE, PAGES_KEPT, IdListTableModel


@dataclass
class Person:
    id: int
    name: str


class Store:
    """Stands in for the database: rows by id, and a log of which ids each read asked for."""

    def __init__(self, n: int):
        self.people = {i: Person(i, f"人{i}") for i in range(1, n + 1)}
        self.reads: list[list[int]] = []

    def rows_by_ids(self, ids: list[int]) -> list[Person]:
        self.reads.append(list(ids))
        return [self.people[i] for i in reversed(ids) if i in self.people]  # any order is fine


COLUMNS = [("编号", lambda p: p.id), ("姓名", lambda p: p.name)]


@pytest.fixture
def store(qapp):
    return Store(4000)


@pytest.fixture
def model(store):
    return IdListTableModel(COLUMNS, store.rows_by_ids)


def shown(model, column=1) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_rows_are_read_by_id_one_page_at_a_time(model, store):
    ids = list(range(2000, 0, -1))  # sorted newest first
    model.set_ids(ids)
    assert model.rowCount() == 2000 and store.reads == []  # nothing read before it is shown
    assert model.index(0, 1).data() == "人2000" and model.headerData(1, Qt.Orientation.Horizontal) == "姓名"
    assert store.reads == [ids[:PAGE_SIZE]]
    assert model.index(PAGE_SIZE - 1, 0).data() == str(ids[PAGE_SIZE - 1])  # same page: no new read
    assert len(store.reads) == 1
    assert model.index(450, 1).data() == f"人{ids[450]}"
    page = 450 // PAGE_SIZE
    assert store.reads[-1] == ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    assert model.index(1999, 1).data() == "人1"
    assert store.reads[-1] == ids[2000 - PAGE_SIZE :]


def test_only_a_few_pages_stay_in_memory(model, store):
    model.set_ids(list(range(1, 4001)))
    for page in range(PAGES_KEPT + 1):
        model.row(page * PAGE_SIZE)
    assert len(store.reads) == PAGES_KEPT + 1
    model.row(PAGE_SIZE * PAGES_KEPT)  # the newest page is still there
    assert len(store.reads) == PAGES_KEPT + 1
    model.row(0)  # the oldest was dropped and is read again
    assert len(store.reads) == PAGES_KEPT + 2


def test_a_record_row_is_a_lookup_in_the_id_list(model, store):
    ids = [5, 3, 9, 1]
    model.set_ids(ids)
    assert [model.row_of(i) for i in ids] == [0, 1, 2, 3]
    assert model.row_of(4) == -1 and model.row_of(None) == -1
    assert model.id_at(2) == 9 and model.id_at(4) is None
    assert store.reads == []  # finding a row reads no rows


def test_a_new_sort_or_filter_shows_the_new_order_and_reads_the_rows_again(model, store):
    model.set_ids([1, 2, 3])
    assert shown(model) == ["人1", "人2", "人3"]
    model.set_ids([3, 2, 1])  # sorted the other way
    assert shown(model) == ["人3", "人2", "人1"]
    model.set_ids([2])  # filtered
    assert shown(model) == ["人2"] and model.row_of(1) == -1
    store.people[2].name = "人2（改名）"
    model.set_ids([2])  # read again after a change: the new values
    assert shown(model) == ["人2（改名）"]
    model.set_ids([])
    assert model.rowCount() == 0 and shown(model) == []


def test_a_record_deleted_meanwhile_shows_as_an_empty_row(model, store):
    model.set_ids([1, 2, 3])
    del store.people[2]
    assert shown(model) == ["人1", None, "人3"] and model.row(1) is None


def test_the_chosen_record_stays_chosen_when_the_list_is_read_again(model):
    selection = QItemSelectionModel(model)
    model.track_selection(selection)
    model.set_ids([1, 2, 3, 4, 5])
    assert model.select_id(4) == 3
    assert model.current_id() == 4 and [i.row() for i in selection.selectedRows()] == [3]
    model.set_ids([5, 4, 3, 2, 1])  # another sort: it moved, still chosen
    assert model.current_id() == 4 and [i.row() for i in selection.selectedRows()] == [1]
    model.set_ids([4, 5])  # a filter that keeps it
    assert model.current_id() == 4 and selection.selectedRows()[0].row() == 0
    model.set_ids([1, 2])  # a filter that leaves it out: nothing is chosen
    assert model.current_id() is None and selection.selectedRows() == []
    assert model.select_id(99) == -1 and model.current_id() is None


def test_without_a_tracked_selection_a_refresh_chooses_nothing(model):
    model.set_ids([1, 2])
    assert model.current_id() is None and model.select_id(2) == 1


def test_keeping_the_choice_is_not_a_new_choice(model):
    """A page that fills a form from the chosen row must not be told 'chosen' again by a refresh."""
    selection = QItemSelectionModel(model)
    model.track_selection(selection)
    model.set_ids([1, 2, 3])
    told = []
    selection.selectionChanged.connect(lambda *_: told.append("changed"))
    model.select_id(2)
    assert told == ["changed"]
    model.set_ids([3, 2, 1])
    assert told == ["changed"] and model.current_id() == 2


class Tinted(IdListTableModel):
    def cell_role(self, item: Person, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and item.id % 2:
            return QColor("#888888")
        return None


def test_a_painted_cell_asks_once_for_every_role_and_gets_what_data_gives(qapp, store):
    model = Tinted(COLUMNS, store.rows_by_ids)
    model.set_ids([1, 2, 3])
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
    ]
    for row in range(3):
        for column in range(2):
            index = model.index(row, column)
            for role in roles:
                role_data = QModelRoleData(int(role))
                model.multiData(index, QModelRoleDataSpan(role_data))
                assert role_data.data() == model.data(index, role)
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor("#888888")
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) is None

    calls = []
    real = model.multiData
    model.multiData = lambda index, span: (calls.append(index.row()), real(index, span))[1]
    view = QTableView()
    view.setModel(model)
    view.resize(400, 200)
    view.grab()  # paints every cell
    assert len(calls) >= 6  # one call per painted cell


def test_rows_read_with_the_ids_are_shown_without_another_read(model, store):
    ids = list(range(300, 0, -1))
    model.set_ids(ids, first_rows=store.rows_by_ids(ids[:PAGE_SIZE]))
    store.reads.clear()
    assert [model.index(r, 1).data() for r in range(PAGE_SIZE)] == [f"人{i}" for i in ids[:PAGE_SIZE]]
    assert store.reads == []
    assert model.index(PAGE_SIZE, 1).data() == f"人{ids[PAGE_SIZE]}"  # the next page is read as before
    assert store.reads == [ids[PAGE_SIZE : 2 * PAGE_SIZE]]


def test_a_long_list_keeps_its_ids_compactly(qapp):
    """50,000 services listed: the model keeps the ids, not 50,000 Python ints, and reads rows as plain lists."""
    import tracemalloc

    reads: list[object] = []

    def rows_by_ids(ids):
        reads.append(ids)
        return [Person(i, f"人{i}") for i in ids]

    model = IdListTableModel(COLUMNS, rows_by_ids)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        model.set_ids(range(1_000_000, 1_050_000))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 600_000  # 8 bytes an id (a list of Python ints: ~2 MB)
    assert model.rowCount() == 50_000 and model.id_at(49_999) == 1_049_999
    assert model.index(49_999, 1).data() == "人1049999" and type(reads[-1]) is list
    assert model.row_of(1_000_123) == 123 and model.ids[:2] == [1_000_000, 1_000_001]
