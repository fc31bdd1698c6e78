"""一户一档 on the screen: no sideways scrollbar at any reasonable width, and its tables' cells have room around
their text, so no label cell's background covers a border (on the demo's household with a dispute alert, whose
file fits without scrolling down)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QTextTable

from fedclient.core.grids.household_file import dispute_watch
from fedclient.ui.grids.household_file_dialog import HouseholdFileDialog
from tests.conftest import DEMO_TODAY


@pytest.fixture
def file_dialog(qtbot, qapp, demo_db, ops):
    household_id = demo_db.run(dispute_watch, DEMO_TODAY)[0].household_id
    dialog = HouseholdFileDialog(ops, household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def laid_out(view) -> bool:
    """The document laid out to the view's new width and the scrollbars set to what it needs."""
    document, bar = view.document(), view.horizontalScrollBar()
    overflow = max(0, math.ceil(document.size().width()) - view.viewport().width())
    return document.textWidth() == view.viewport().width() and bar.maximum() == overflow


def test_no_sideways_scrollbar_at_any_width(file_dialog, qtbot):
    bar = file_dialog.view.horizontalScrollBar()
    shown = []
    for width in range(650, 1400, 25):
        for height in (640, 1100):  # with and without scrolling down
            file_dialog.resize(width, height)
            qtbot.waitUntil(lambda: laid_out(file_dialog.view))
            if bar.maximum() > 0 or bar.isVisible():
                shown.append((width, height, bar.maximum()))
    assert shown == [], str(shown)


def test_the_tables_cells_have_room_around_their_text(file_dialog):
    tables = [f for f in file_dialog.view.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) >= 2  # the household's fields and her disputes at least
    for table in tables:
        cell = table.cellAt(table.rows() - 1, 0)  # the last row, where the label cell's border went missing
        assert table.format().cellPadding() >= 2 or cell.format().toTableCellFormat().bottomPadding() >= 2
        assert table.format().border() == 0  # the cells draw every line: the table is no wider than the page
