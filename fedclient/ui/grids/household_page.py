"""住户 page: a fast, keyboard-friendly household list (paged, filtered in SQL) with a quick-entry form.

Quick entry: type a name, Enter, address, Enter … the last field's Enter saves and starts the next household
in the same grid, keeping the address's group/building prefix ("3组") so only the number needs typing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import households
from fedclient.core.settings import get_int
from fedclient.core.sorting import Sort
from fedclient.core.vocab import HOUSEHOLD_TAGS

from ..forms import choices, combo, fill_combo, open_dialog, select_value
from ..id_list_model import IdListTableModel
from ..list_table import HeaderSort, set_up_long_list
from ..looks import set_role
from ..operation import user_message
from ..operations import OperationRunner
from ..page import Page
from ..search_box import read_after_typing
from .household_form import build_entry_form
from .widgets import show_status

UNSET = object()


def read_list(session, filters: grids.HouseholdFilter, sort: Sort) -> tuple[list[int], grids.HouseholdFilter]:
    """The list's ids, in the background; 只看久未走访 reads its number of days (a setting) here too."""
    if filters.unvisited_days is not None:
        filters = replace(filters, unvisited_days=get_int(session, "household_visit_days"))
    return households.list_ids(session, filters, sort), filters


# (header, value, sort key in ``households.SORTS``)
COLUMNS = [
    ("户主/联系人", lambda h: h.contact_name, "name"),
    ("住址", lambda h: h.address, "address"),
    ("人数", lambda h: h.size, "size"),
    ("标签", lambda h: h.tags_text, "tags"),
    ("电话", lambda h: h.phone, "phone"),
    ("所属网格", lambda h: h.grid_label or "未划入网格", "grid"),
    ("最近走访", lambda h: h.last_visit.isoformat() if h.last_visit else "无记录", "last_visit"),
]


class HouseholdPage(Page):
    areas = Area.GRIDS | Area.SETTINGS

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self._after_list: Callable[[], None] | None = None
        self._wanted_grid: object = UNSET  # a grid to show once the grids are read
        self.grids_reading = False
        self.editing_id: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母（如 wxy）、住址或电话")
        self.search.setClearButtonEnabled(True)
        self.grid_filter = QComboBox()
        self.tag_filter = combo([("全部标签", ""), *choices(HOUSEHOLD_TAGS)])
        self.unvisited = QCheckBox("只看久未走访")
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.grid_filter, 2)
        bar.addWidget(self.tag_filter, 1)
        bar.addWidget(self.unvisited)
        bar.addWidget(self.count_label)

        self.model = IdListTableModel(
            [(h, fn) for h, fn, _key in COLUMNS], lambda ids: self.ops.read_now(households.rows_by_ids, ids)
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.sorting = HeaderSort(self.table, [key for _h, _fn, key in COLUMNS], self.reload)
        header = self.table.horizontalHeader()
        for col, width in enumerate((110, 170, 50, 130, 120, 170, 100)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.file_button = QPushButton("一户一档…")
        self.file_button.setToolTip("所选住户的走访服务、矛盾纠纷和帮扶对象，可打印")
        self.file_button.clicked.connect(lambda: self.open_file())
        self.move_button = QPushButton("移到网格…")
        self.move_button.clicked.connect(self.move_selected)
        self.delete_button = QPushButton("删除所选")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton("从表格导入…")
        self.import_button.setToolTip("从 Excel / WPS / CSV 表格批量导入住户：自动识别表头，导入前逐行预览")
        self.import_button.clicked.connect(
            lambda: self.import_from_file()
        )  # (not clicked's checked=False as a path)
        self.import_dialog = None
        actions = QHBoxLayout()
        actions.addWidget(self.file_button)
        actions.addWidget(self.move_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.import_button)
        actions.addStretch()
        self.selection_label = QLabel()
        set_role(self.selection_label, "hint")
        actions.addWidget(self.selection_label)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(build_entry_form(self))

        read_after_typing(self, self.search, self.reload, self.ops, "ids")  # once her typing pauses
        self.grid_filter.currentIndexChanged.connect(self._grid_filter_changed)
        self.tag_filter.currentIndexChanged.connect(self.reload)
        self.unvisited.toggled.connect(self.reload)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)

    def load(self) -> None:
        self.refresh_grids()

    # --- quick entry form (``household_form``) ----------------------------------------------------------
    def form_data(self) -> grids.HouseholdData:
        return grids.HouseholdData(
            id=self.editing_id,
            contact_name=self.f_name.text(),
            address=self.f_address.text(),
            size=self.f_size.value(),
            tags=[tag for tag, box in self.f_tags.items() if box.isChecked()],
            phone=self.f_phone.text(),
            notes=self.f_notes.text(),
            grid_id=self.f_grid.currentData(),
        )

    def save(self) -> None:
        was_new = self.editing_id is None
        self.form.submit(
            self.ops,
            grids.save_household,
            self.form_data(),
            changes=Area.GRIDS,
            on_done=lambda saved: self._saved(saved, was_new),
        )

    def _saved(self, saved: grids.HouseholdData, was_new: bool) -> None:
        show_status(self, f"已保存：{saved.contact_name} {saved.address}")
        if was_new:
            self.clear_form(keep_prefix=True)

    def clear_form(self, keep_prefix: bool) -> None:
        """Ready for the next household: keep the grid and the address up to its last number ("3组")."""
        address = self.f_address.text()
        prefix = re.sub(r"\d+[号室]?$", "", address) if keep_prefix else ""
        self.editing_id = None
        self.buttons.offer_history(self.ops, "households", None)
        self.form_box.setTitle("录入住户（回车跳到下一项，最后一项回车即保存）")
        for edit in (self.f_name, self.f_phone, self.f_notes):
            edit.clear()
        self.f_address.setText(prefix)
        self.f_size.setValue(1)
        for box in self.f_tags.values():
            box.setChecked(False)
        self.form.clear()
        self.f_name.setFocus()

    def load_into_form(self, household: grids.HouseholdData) -> None:
        self.editing_id = household.id
        self.buttons.offer_history(self.ops, "households", household.id, f"住户 {household.contact_name}")
        self.form_box.setTitle(f"修改住户：{household.contact_name}（改完按保存；点“新增”录入下一户）")
        self.f_name.setText(household.contact_name)
        self.f_address.setText(household.address)
        self.f_size.setValue(household.size)
        self.f_phone.setText(household.phone)
        self.f_notes.setText(household.notes)
        select_value(self.f_grid, household.grid_id)
        for tag, box in self.f_tags.items():
            box.setChecked(tag in household.tags)
        self.form.clear()

    # --- list -----------------------------------------------------------------------------------------
    def refresh_grids(self) -> None:
        """Reads the grids to choose from in the background, then the list (what the chair chose stays)."""
        self.stale = False
        self.grids_reading = True
        for box in (self.grid_filter, self.f_grid):
            box.setEnabled(box.count() > 0)  # nothing to choose from until read
        self.ops.read(grids.grid_choices, on_done=self._grids_read, parent=self, key="grids")

    def _grids_read(self, choices: list[tuple[int, str]]) -> None:
        self.grids_reading = False
        for box, first in (
            (self.grid_filter, [("全部网格", None), ("未划入网格", grids.NO_GRID)]),
            (self.f_grid, [("未划入网格", None)]),
        ):
            fill_combo(box, first + [(label, gid) for gid, label in choices])
            box.setEnabled(True)
        wanted, self._wanted_grid = self._wanted_grid, UNSET
        if wanted is not UNSET:
            self.grid_filter.setCurrentIndex(max(self.grid_filter.findData(wanted), 0))
        self.reload()

    def filters(self) -> grids.HouseholdFilter:
        """The list's filters; 只看久未走访's number of days is read with the list (``read_list``)."""
        return grids.HouseholdFilter(
            text=self.search.text(),
            grid_id=self.grid_filter.currentData(),
            tag=self.tag_filter.currentData() or "",
            unvisited_days=0 if self.unvisited.isChecked() else None,
            today=date.today(),
        )

    def reload(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        """Reads the list in the background; ``then`` runs once it is shown (even if a newer read for
        another reason supersedes this one)."""
        if then is not None:
            self._after_list = then
        self.ops.read(
            read_list,
            self.filters(),
            self.sorting.choice,
            on_done=lambda read: self._show(*read),
            parent=self,
            key="ids",
        )

    def _show(self, ids: list[int], filters: grids.HouseholdFilter) -> None:
        self.model.set_ids(ids)
        self.count_label.setText(f"共 {self.model.rowCount()} 户")
        if self.unvisited.isChecked():
            self.unvisited.setText(f"只看{filters.unvisited_days}天未走访")
        then, self._after_list = self._after_list, None
        if then is not None:
            then()

    def _grid_filter_changed(self, *_args) -> None:
        """Looking at one grid: new households typed now go into that grid."""
        grid_id = self.grid_filter.currentData()
        if self.editing_id is None and grid_id is not None:
            select_value(self.f_grid, None if grid_id == grids.NO_GRID else grid_id)
        self.reload()

    def show_grid(self, grid_id: int | None, unvisited: bool = False) -> None:
        """Shows this grid's households (only those not visited lately): once its grid can be chosen."""
        self.ensure_loaded()
        self.unvisited.blockSignals(True)
        self.unvisited.setChecked(unvisited)
        self.unvisited.blockSignals(False)
        if not self.grids_reading:
            self.grid_filter.setCurrentIndex(max(self.grid_filter.findData(grid_id), 0))
            self.reload()
        else:
            self._wanted_grid = grid_id  # chosen when the grids are read (``_grids_read``)

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [i for r in rows if (i := self.model.id_at(r.row())) is not None]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.selection_label.setText(f"已选 {len(ids)} 户" if ids else "按住 Ctrl 或 Shift 可多选")
        if len(ids) == 1:
            household = self.model.row(self.table.selectionModel().selectedRows()[0].row())
            self.load_into_form(household)

    def select_household(self, household_id: int) -> None:
        """Shows every household and selects this one once the list is read."""
        self.ensure_loaded()
        widgets = (self.search, self.grid_filter, self.tag_filter, self.unvisited)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.grid_filter.setCurrentIndex(0)
        self.tag_filter.setCurrentIndex(0)
        self.unvisited.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.reload(then=lambda: self._select(household_id))

    def _select(self, household_id: int) -> None:
        row = self.model.row_of(household_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_file(self, household_id: int | None = None):
        """一户一档 of the selected household (or of ``household_id``); returns the dialog, shown."""
        from .household_file_dialog import HouseholdFileDialog

        ids = [household_id] if household_id else self.selected_ids()
        if len(ids) != 1:
            show_status(self, "请先选择一户")
            return None
        dialog = HouseholdFileDialog(self.ops, ids[0], self)
        open_dialog(dialog)
        return dialog

    def move_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(
                self, "移到网格", "请先在列表中选中要移动的住户（按住 Ctrl 或 Shift 可多选）。"
            )
            return
        targets = [(self.f_grid.itemText(i), self.f_grid.itemData(i)) for i in range(self.f_grid.count())]
        label, ok = QInputDialog.getItem(
            self,
            "移到网格",
            f"把选中的 {len(ids)} 户移到：",
            [t for t, _ in targets],
            1 if len(targets) > 1 else 0,
            False,
        )
        if not ok:
            return
        grid_id = dict(targets)[label]
        self.ops.write(
            grids.move_households,
            ids,
            grid_id,
            changes=Area.GRIDS,
            on_done=lambda moved: show_status(self, f"已把 {moved} 户移到{label}"),
            on_error=lambda e: QMessageBox.warning(self, "移到网格", user_message(e)),
            parent=self,
        )

    def import_from_file(self, path: str | None = None):
        from .transfer import import_households

        self.ensure_loaded()
        self.import_dialog = import_households(self, self.ops, path)
        return self.import_dialog

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, "删除住户", f"确定删除选中的 {len(ids)} 户？删除后不能恢复。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(grids.delete_households, ids, changes=Area.GRIDS, parent=self)
        self.clear_form(keep_prefix=False)
