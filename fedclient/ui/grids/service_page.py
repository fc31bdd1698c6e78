"""服务记录 page: the service log, filtered in SQL; 矛盾调解 entries can become mediation cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import services
from fedclient.core.vocab import SERVICE_ROLES

from ..forms import choices, combo, fill_combo, open_dialog
from ..id_list_model import IdListTableModel
from ..list_table import HeaderSort, set_up_long_list
from ..looks import make_primary
from ..operations import OperationRunner
from ..page import Page
from ..search_box import read_after_typing

if TYPE_CHECKING:
    from .service_dialog import ServiceDialog

# (header, value, sort key in ``services.SORTS``)
COLUMNS = [
    ("日期", lambda s: s.date.isoformat(), "date"),
    ("网格", lambda s: s.grid_label, "grid"),
    ("服务类别", lambda s: s.role, "role"),
    ("服务内容", lambda s: s.description, "description"),
    ("服务人", lambda s: "、".join(s.member_names), None),
    ("服务人数", lambda s: s.people_served, "people_served"),
    ("走访户数", lambda s: s.households or "", "households"),
    ("是否解决", lambda s: s.result, "result"),
    ("调解案件", lambda s: s.case_number, "case"),
]


class ServiceModel(IdListTableModel):
    def cell_role(self, item, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == 7 and item.result != "已解决":
            return QColor("#a66300")
        if role == Qt.ItemDataRole.ForegroundRole and column == 8 and item.case_number:
            return QColor("#1f5fa8")
        return None


class ServicePage(Page):
    case_requested = Signal(int, int)  # 转为调解案件: service id, the case it already became (0: none)
    areas = Area.GRIDS | Area.MEMBERS | Area.CASES

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self._after_list: Callable[[], None] | None = None
        self.dialog: ServiceDialog | None = None
        self.grid_filter = QComboBox()
        self.role_filter = combo([("全部类别", ""), *choices(SERVICE_ROLES)])
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索服务内容")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.new_button = QPushButton("记一次服务")
        make_primary(self.new_button)
        self.new_button.clicked.connect(self.new_service)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.grid_filter, 2)
        bar.addWidget(self.role_filter, 1)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.count_label)

        self.model = ServiceModel(
            [(h, fn) for h, fn, _key in COLUMNS], lambda ids: self.ops.read_now(services.rows_by_ids, ids)
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.sorting = HeaderSort(self.table, [key for _h, _fn, key in COLUMNS], self.reload)
        header = self.table.horizontalHeader()
        for col, width in enumerate((95, 150, 80, 260, 130, 84, 84, 84, 90)):  # 4 characters and the arrow
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.edit_button = QPushButton("修改")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("删除")
        self.delete_button.clicked.connect(self.delete_selected)
        self.case_button = QPushButton("转为调解案件")
        self.case_button.setToolTip("把这条矛盾调解记录登记为调解案件（自动带入日期、内容和网格）")
        self.case_button.clicked.connect(self.open_case)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.case_button)
        actions.addStretch()

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.grid_filter.currentIndexChanged.connect(self.reload)
        self.role_filter.currentIndexChanged.connect(self.reload)
        read_after_typing(self, self.search, self.reload, self.ops, "ids")  # once her typing pauses

    def load(self) -> None:
        self.refresh_grids()

    def refresh_grids(self) -> None:
        """Reads the grid filter's choices in the background, then the list (the choice made stays)."""
        self.stale = False
        self.grid_filter.setEnabled(self.grid_filter.count() > 0)  # nothing to choose from until read
        self.ops.read(grids.grid_choices, on_done=self._grids_read, parent=self, key="grids")

    def _grids_read(self, read: list[tuple[int, str]]) -> None:
        fill_combo(self.grid_filter, [("全部网格", None), *((label, grid_id) for grid_id, label in read)])
        self.grid_filter.setEnabled(True)
        self.reload()

    def reload(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        """Reads the list in the background; ``then`` runs once it is shown."""
        if then is not None:
            self._after_list = then
        filters = grids.ServiceFilter(
            text=self.search.text(),
            grid_id=self.grid_filter.currentData(),
            role=self.role_filter.currentData(),
        )
        self.ops.read(
            services.list_ids, filters, self.sorting.choice, on_done=self._show, parent=self, key="ids"
        )

    def _show(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.count_label.setText(f"共 {self.model.rowCount()} 条")
        self._update_buttons()
        then, self._after_list = self._after_list, None
        if then is not None:
            then()

    def selected(self) -> grids.ServiceData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        service = self.selected()
        self.edit_button.setEnabled(service is not None)
        self.delete_button.setEnabled(service is not None)
        is_dispute = service is not None and service.role == grids.MEDIATION_ROLE
        self.case_button.setEnabled(is_dispute)
        self.case_button.setText(
            f"查看调解案件 {service.case_number}" if is_dispute and service.case_number else "转为调解案件"
        )

    def new_service(self) -> ServiceDialog:
        self.ensure_loaded()
        return self._open_dialog(None)

    def edit_selected(self) -> ServiceDialog | None:
        service = self.selected()
        return self._open_dialog(self.ops.read_now(grids.get_service, service.id)) if service else None

    def _open_dialog(self, service: grids.ServiceData | None) -> ServiceDialog:
        from .service_dialog import ServiceDialog  # imported when opened (issue 18)

        self.dialog = ServiceDialog(self.ops, service, grid_id=self.grid_filter.currentData(), parent=self)
        self.dialog.accepted.connect(self._saved)
        open_dialog(self.dialog)
        return self.dialog

    def _saved(self) -> None:
        saved = self.dialog.saved if self.dialog else None
        if saved:
            self.select_service(saved.id)

    def select_service(self, service_id: int) -> None:
        """Selects the entry once the list is read (showing every entry if a filter hides it)."""
        self.ensure_loaded()
        if self.model.row_of(service_id) < 0:
            widgets = (self.grid_filter, self.role_filter, self.search)
            for widget in widgets:
                widget.blockSignals(True)
            self.grid_filter.setCurrentIndex(0)
            self.role_filter.setCurrentIndex(0)
            self.search.clear()
            for widget in widgets:
                widget.blockSignals(False)
        self.reload(then=lambda: self._select(service_id))

    def _select(self, service_id: int) -> None:
        row = self.model.select_id(service_id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0))

    def delete_selected(self) -> None:
        service = self.selected()
        if service is None:
            return
        text = f"确定删除 {service.date.isoformat()} {service.grid_label} 的这条服务记录？"
        if QMessageBox.question(self, "删除服务记录", text) != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(grids.delete_service, service.id, changes=Area.GRIDS, parent=self)

    def open_case(self) -> None:
        """A 矛盾调解 entry opens a mediation case pre-filled from it, or the case it already became."""
        service = self.selected()
        if service is not None:
            self.case_requested.emit(service.id, service.case_id or 0)
