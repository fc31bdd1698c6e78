"""网格 page: the grids with their leader and volunteers, and the 1+2 warnings beside each one.

The grids and the people who may serve (every member in office: thousands at county scale) are read in the
background; the form and 新建网格 wait for them (disabled) and the list keeps what it showed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.sorting import sorted_rows

from ..forms import ButtonRow, Form, fill_combo, message_label, select_value
from ..list_table import HeaderSort
from ..long_combo import long_combo
from ..operations import OperationRunner
from ..page import Page
from .widgets import CheckList, show_status

COLUMNS = ("网格", "服务范围", "网格长", "巾帼志愿者", "户数", "提醒")
SORT_KEYS = ("grid", "area", "leader", "volunteers", "households", "warnings")  # grids.assignments.SORTS
PAGE_READ = "grids"
Choices = list[tuple[int, str]]


def read_page(session) -> tuple[list[grids.GridData], Choices, Choices]:
    """What the page shows, in one background read: the grids, then the leader and volunteer choices."""
    return grids.list_grids(session), *grids.serving_choices(session)


class GridPage(Page):
    areas = Area.GRIDS | Area.MEMBERS
    """Left: all grids. Right: the selected grid's form. Saving announces Area.GRIDS through the operation runner.
    Read when first shown."""

    households_requested = Signal(int)  # grid id: show this grid's households

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self.grids: list[grids.GridData] = []  # as listed (sorted)
        self.read_grids: list[grids.GridData] = []  # as read
        self.current: grids.GridData | None = None
        self._after_read: Callable[[], None] | None = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The grids are few and read whole: a header click sorts what was read, without reading again (the
        # form beside the list keeps what is being typed).
        self.sorting = HeaderSort(self.table, SORT_KEYS, self._list_grids)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(
            lambda _i: self.current and self.households_requested.emit(self.current.id)
        )

        self.new_button = QPushButton("新建网格")
        self.new_button.clicked.connect(self.new_grid)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        self.households_button = QPushButton("查看本网格住户")
        self.households_button.clicked.connect(
            lambda: self.current and self.current.id and self.households_requested.emit(self.current.id)
        )
        buttons.addWidget(self.households_button)
        buttons.addStretch()
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table)

        self.form_box = QGroupBox("网格信息")
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setSuffix(" 号网格")
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：一组片、安置小区东")
        self.area = QLineEdit()
        self.area.setPlaceholderText("楼栋或片区，如：1组、2组（村部周边）")
        self.leader = long_combo()  # every serving member: thousands at county scale
        self.volunteers = CheckList()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(50)
        self.warnings = message_label("warning")
        self.warnings.show()
        self.form = Form(self)
        form = QFormLayout()
        for label, name, widget in (
            ("编号", "number", self.number),
            ("名称", "name", self.name),
            ("服务范围", "area", self.area),
            ("网格长（1）", "leader_id", self.leader),
            ("巾帼志愿者（2）", "volunteer_ids", self.volunteers),
            ("备注", "notes", self.notes),
        ):
            form.addRow(label, self.form.field(name, widget))
        self.buttons = ButtonRow(
            save_text="保存网格", cancel_text=None, delete_text="删除网格",
            delete_note="本网格的住户将变为“未划入网格”。",
        )  # fmt: skip
        self.buttons.save_clicked.connect(self.save)
        self.buttons.delete_confirmed.connect(self.delete)
        self.save_button, self.delete_button = self.buttons.save, self.buttons.delete
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.warnings)
        box_layout.addWidget(self.form.top)
        box_layout.addWidget(self.buttons)
        self.leader.currentIndexChanged.connect(self._live_warnings)
        self.volunteers.changed.connect(self._live_warnings)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.volunteer_choices: list[tuple[int, str]] = []
        self._waiting(True)  # until the first read is in

    # --- data -----------------------------------------------------------------------------------------
    def load(self) -> None:
        self.refresh()

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Reads the grids and choices in the background; ``then`` runs once they are shown."""
        self.stale = False
        if then is not None:
            self._after_read = then
        self._waiting(True)
        self.ops.read(read_page, on_done=self._fill, parent=self, key=PAGE_READ)

    def _waiting(self, waiting: bool) -> None:
        """The form shows a grid and its choices from the read: nothing is typed into it until that is in."""
        self.reading = waiting
        self.form_box.setEnabled(not waiting)
        self.new_button.setEnabled(not waiting)
        self.households_button.setEnabled(not waiting)

    def _fill(self, read: tuple[list[grids.GridData], Choices, Choices]) -> None:
        self.read_grids, leader_choices, self.volunteer_choices = read
        keep = self.current.id if self.current and self.current.id else None
        self._waiting(False)
        self.leader.blockSignals(True)
        fill_combo(self.leader, [("（暂无网格长）", None), *((label, i) for i, label in leader_choices)])
        self.leader.blockSignals(False)
        self._list_grids()
        if not (keep and self._select(keep)):
            if self.grids:
                self.table.selectRow(0)
            else:
                self.new_grid()
        then, self._after_read = self._after_read, None
        if then is not None:
            then()

    def _list_grids(self) -> None:
        """Fills the table with the grids read, in the order chosen; the grid shown in the form stays selected."""
        self.grids = sorted_rows(self.read_grids, grids.assignments.SORTS, self.sorting.choice)
        blocked = self.table.blockSignals(True)  # the form is not filled again
        self.table.setRowCount(len(self.grids))
        for row, grid in enumerate(self.grids):
            values = (
                grid.label,
                grid.area,
                grid.leader_name or "—",
                "、".join(grid.volunteer_names) or "—",
                str(grid.households),
                "；".join(grid.warnings),
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if col == len(values) - 1 and value:
                    item.setForeground(QColor("#a66300"))
                self.table.setItem(row, col, item)
        current = self.current.id if self.current else None
        rows = [row for row, grid in enumerate(self.grids) if current is not None and grid.id == current]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.table.clearSelection()
        self.table.blockSignals(blocked)

    def select_grid(self, grid_id: int) -> None:
        """Selects the grid once the page has been read."""
        if self.stale:
            self.refresh(then=lambda: self._select(grid_id))
        elif self.reading:
            self._after_read = lambda: self._select(grid_id)  # shown with the read on its way
        else:
            self._select(grid_id)

    def _select(self, grid_id: int) -> bool:
        for row, grid in enumerate(self.grids):
            if grid.id == grid_id:
                self.table.selectRow(row)
                self._show(grid)
                return True
        return False

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show(self.grids[rows[0].row()])

    def _show(self, grid: grids.GridData) -> None:
        self.current = grid
        self.form_box.setTitle(f"{grid.label}" if grid.id else "新建网格")
        self.number.setValue(grid.number or 1)
        self.name.setText(grid.name)
        self.area.setText(grid.area)
        select_value(self.leader, grid.leader_id)
        self.volunteers.set_items(self.volunteer_choices, checked=grid.volunteer_ids)
        self.notes.setPlainText(grid.notes)
        self.form.clear()
        self.buttons.delete_what = grid.label
        self.buttons.offer_history(self.ops, "grids", grid.id, grid.label)
        self.delete_button.setEnabled(grid.id is not None)
        self._live_warnings()

    def new_grid(self) -> None:
        self.table.clearSelection()
        self._show(grids.GridData(number=self.ops.read_now(grids.next_grid_number)))
        self.name.setFocus()

    def form_data(self) -> grids.GridData:
        return grids.GridData(
            id=self.current.id if self.current else None,
            number=self.number.value(),
            name=self.name.text(),
            area=self.area.text(),
            leader_id=self.leader.currentData(),
            volunteer_ids=self.volunteers.checked_ids(),
            notes=self.notes.toPlainText(),
        )

    def _live_warnings(self) -> None:
        """The 1+2 warnings for what is on the form now, before saving."""
        data = self.form_data()
        leads = {g.leader_id: 1 for g in self.grids if g.leader_id and g.id != data.id}
        warnings = []
        if not data.leader_id:
            warnings.append("没有网格长（“1+2”要求1名议事会成员牵头）")
        elif data.leader_id in leads:
            warnings.append(f"{self.leader.currentText().split('（')[0]}已是其他网格的网格长")
        if len(data.volunteer_ids) < grids.assignments.VOLUNTEERS_EXPECTED:
            warnings.append(f"只有{len(data.volunteer_ids)}名志愿者（“1+2”要求2名）")
        self.warnings.setText("提示：" + "；".join(warnings) + "。可以保存。" if warnings else "")

    def save(self) -> None:
        self.form.submit(self.ops, grids.save_grid, self.form_data(), changes=Area.GRIDS, on_done=self._saved)

    def _saved(self, saved: grids.GridData) -> None:
        self.current = saved
        self.refresh()
        show_status(self, f"已保存{saved.label}")

    def delete(self) -> None:
        """After 删除网格 was confirmed; a grid with services is refused (the message shows in the form)."""
        if self.current and self.current.id:
            self.form.submit(
                self.ops, grids.delete_grid, self.current.id, changes=Area.GRIDS, on_done=self._deleted
            )

    def _deleted(self, _result: object) -> None:
        self.current = None
        self.refresh()
