"""志愿积分 (成员 tab): every volunteer's hours, points, what she exchanged and her star level; her ledger;
exchanges at the 积分超市; the 积分证 printed for one or for all."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.sorting import sorted_rows
from fedclient.core.village import get_profile
from fedclient.core.volunteer_points.ledger import (
    LEDGER_SORTS,
    SORTS,
    LedgerEntry,
    VolunteerPoints,
    delete_redemption,
    member_ledger,
    redeem,
    volunteer_points,
)
from fedclient.core.volunteer_points.rules import fmt, get_rule
from fedclient.ui.operations import OperationRunner
from fedclient.ui.page import Page

from ..forms import DateInput, Form, open_dialog
from ..list_table import HeaderSort
from ..looks import heading, make_primary, set_role
from ..rows_model import RowsTableModel
from ..search_box import read_after_typing

HEADERS = ["姓名", "身份", "时长(小时)", "累计积分", "已兑换", "可用积分", "星级"]
SORT_KEYS = ["name", "role", "hours", "points", "spent", "balance", "star"]  # ledger.SORTS
LEDGER_HEADERS = ["日期", "来源", "内容", "时长(小时)", "积分"]
LEDGER_SORT_KEYS = ["date", "kind", "text", "hours", "points"]  # ledger.LEDGER_SORTS


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class PointsModel(RowsTableModel):
    """Every volunteer's figures: a model over the rows read (thousands at county scale), not a Qt item per
    cell."""

    headers, sorts = HEADERS, SORTS

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            r = self.rows[index.row()]
            values = (r.name, r.role, fmt(r.hours), fmt(r.points), fmt(r.spent), fmt(r.balance), r.star)
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PointsPage(Page):
    areas = Area.MEMBERS | Area.GRIDS | Area.PLEDGES | Area.SETTINGS | Area.POINTS
    rows_shown = Signal()  # tests
    ledger_shown = Signal()  # tests

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.ledger: list[LedgerEntry] = []
        self._shown_ledger: list[LedgerEntry] = []
        self._done = ""  # what the last exchange or undo did, kept when the list is read again after it
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名或拼音首字母查找")
        self.search.setClearButtonEnabled(True)
        self.rule_label = QLabel()
        set_role(self.rule_label, "hint")
        self.rule_button = QPushButton("积分规则…")
        self.card_button = QPushButton("打印积分证…")
        self.all_cards_button = QPushButton("打印全部积分证…")
        self.pdf_button = QPushButton("积分证存为 PDF…")
        self.model = PointsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Both lists are read whole (points are worked out from the hours): a header click sorts what was read.
        self.sorting = HeaderSort(self.table, SORT_KEYS, lambda: self._list_rows(self.model.read_rows))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.title = QLabel("请在左侧选择一名志愿者")
        heading(self.title)
        self.ledger_table = QTableWidget(0, len(LEDGER_HEADERS))
        self.ledger_table.setHorizontalHeaderLabels(LEDGER_HEADERS)
        self.ledger_table.verticalHeader().hide()
        self.ledger_sorting = HeaderSort(self.ledger_table, LEDGER_SORT_KEYS, self._list_ledger)
        self.ledger_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ledger_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.ledger_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ledger_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.undo_button = QPushButton("撤销所选兑换…")
        self.undo_button.setToolTip("兑换记错了（物品、积分或人）时撤销，积分退回")
        self.day = DateInput(self.today())
        self.item = QLineEdit()
        self.item.setPlaceholderText("兑换什么，如：洗衣液一瓶")
        self.points = QDoubleSpinBox()
        self.points.setRange(0, 100000)
        self.points.setDecimals(1)
        self.points.setSuffix(" 分")
        self.redeem_button = QPushButton("兑换")
        make_primary(self.redeem_button)
        self.form = Form(self)
        self.message = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for button in (self.rule_button, self.card_button, self.all_cards_button, self.pdf_button):
            top.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.rule_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.ledger_table, 1)
        right_layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignRight)
        right_layout.addWidget(heading(QLabel("积分超市兑换")))
        row = QHBoxLayout()
        top_align = Qt.AlignmentFlag.AlignTop
        row.addWidget(self.form.field("date", self.day), 0, top_align)
        row.addWidget(self.form.field("item", self.item), 1, top_align)
        row.addWidget(self.form.field("points", self.points), 0, top_align)
        row.addWidget(self.redeem_button, 0, top_align)
        right_layout.addLayout(row)
        right_layout.addWidget(self.form.top)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([620, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        self._search_timer = read_after_typing(self, self.search, self.load, self.ops, "points")
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.redeem_button.clicked.connect(self.redeem)
        self.undo_button.clicked.connect(self.undo_redemption)
        self.ledger_table.itemSelectionChanged.connect(self._enable)
        self.item.returnPressed.connect(self.redeem)
        self.rule_button.clicked.connect(self.open_rules)
        self.card_button.clicked.connect(lambda: self.print_cards(all_of_them=False))
        self.all_cards_button.clicked.connect(lambda: self.print_cards(all_of_them=True))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self._enable()

    # --- reading ----------------------------------------------------------------------------------------
    def load(self) -> None:
        self.stale = False
        self.ops.read(
            _page_data, self.today(), self.search.text(), on_done=self._show, parent=self, key="points"
        )

    def _show(self, data) -> None:
        rows, rule = data
        self.rule_label.setText(f"积分规则：{rule.describe()}")
        self._list_rows(rows)
        count = f"共 {len(self.rows)} 人" if self.rows else "没有找到志愿者"
        self.message.setText(
            f"{count}　{self._done}" if self._done else count
        )  # the last exchange stays said
        self._selected()
        self.rows_shown.emit()

    def _list_rows(self, rows: list[VolunteerPoints]) -> None:
        """The rows read, in the order chosen; the chosen volunteer stays chosen (her ledger is not read again)."""
        keep = self.current_id()
        blocked = self.table.selectionModel().blockSignals(True)
        self.model.sort_choice = self.sorting.choice
        self.model.show_rows(rows)
        index = next((i for i, r in enumerate(self.rows) if r.member_id == keep), None)
        if index is not None:
            self.table.selectRow(index)
        self.table.selectionModel().blockSignals(blocked)

    @property
    def rows(self) -> list[VolunteerPoints]:
        return self.model.rows

    def current_id(self) -> int | None:
        selected = self.table.selectionModel().selectedRows()
        row = selected[0].row() if selected else -1
        return self.rows[row].member_id if 0 <= row < len(self.rows) else None

    def select_member(self, member_id: int) -> None:
        index = next((i for i, r in enumerate(self.rows) if r.member_id == member_id), None)
        if index is not None:
            self.table.selectRow(index)

    def _selected(self) -> None:
        self._enable()
        member_id = self.current_id()
        if member_id is None:
            self.title.setText("请在左侧选择一名志愿者")
            self.ledger_table.setRowCount(0)
            return
        self.ops.read(member_ledger, member_id, on_done=self._show_ledger, parent=self, key="ledger")

    def _show_ledger(self, entries: list[LedgerEntry]) -> None:
        self.ledger = entries
        row = next((r for r in self.rows if r.member_id == self.current_id()), None)
        if row:
            self.title.setText(
                f"{row.name}的积分明细：累计 {fmt(row.points)} 分，可用 {fmt(row.balance)} 分，{row.star}"
            )
        self._list_ledger()
        self._enable()
        self.ledger_shown.emit()

    def _list_ledger(self) -> None:
        """Her ledger, newest first unless she chose a column."""
        self._shown_ledger = sorted_rows(reversed(self.ledger), LEDGER_SORTS, self.ledger_sorting.choice)
        self.ledger_table.setRowCount(len(self._shown_ledger))
        for i, e in enumerate(self._shown_ledger):
            values = (f"{e.date:%Y-%m-%d}", e.kind, e.text, fmt(e.hours) if e.hours else "", f"{e.points:+g}")
            for col, text in enumerate(values):
                self.ledger_table.setItem(i, col, _cell(text, col >= 3))

    def _enable(self) -> None:
        chosen = self.current_id() is not None
        for widget in (self.card_button, self.redeem_button, self.item, self.points, self.day):
            widget.setEnabled(chosen)
        self.undo_button.setEnabled(chosen and self.selected_redemption() is not None)

    def selected_redemption(self) -> LedgerEntry | None:
        rows = {i.row() for i in self.ledger_table.selectedIndexes()}
        if len(rows) != 1 or self.current_id() is None:
            return None
        entry = self._shown_ledger[rows.pop()] if self.ledger_table.rowCount() else None
        return entry if entry is not None and entry.redemption_id is not None else None

    # --- writing ----------------------------------------------------------------------------------------
    def redeem(self) -> None:
        member_id = self.current_id()
        if member_id is None:
            return
        if not self.form.show(self.form.date_errors()):
            return
        self.form.submit(self.ops, redeem, member_id, self.day.value(), self.item.text(), self.points.value(),
                         self.today(), changes=Area.POINTS, on_done=self._redeemed)  # fmt: skip

    def undo_redemption(self) -> None:
        entry = self.selected_redemption()
        if entry is None:
            return
        text = f"撤销 {entry.date:%Y-%m-%d} 兑换的“{entry.text}”？所用的 {fmt(-entry.points)} 分将退回。"
        if QMessageBox.question(self, "撤销兑换", text) != QMessageBox.StandardButton.Yes:
            return
        done = f"已撤销兑换：{entry.text}，退回 {fmt(-entry.points)} 分"
        self.ops.write(delete_redemption, entry.redemption_id, changes=Area.POINTS, parent=self,
                       on_done=lambda _r: self._say(done))  # fmt: skip

    def _say(self, done: str) -> None:
        self._done = done
        self.message.setText(done)

    def _redeemed(self, _id) -> None:
        self._say(f"已兑换：{self.item.text().strip()}，{fmt(self.points.value())} 分")
        self.item.clear()
        self.points.setValue(0)

    def open_rules(self) -> None:
        from .rule_dialog import RuleDialog  # imported when opened (issue 18)

        open_dialog(RuleDialog(self.ops, self))

    # --- printing ---------------------------------------------------------------------------------------
    def _cards(self, all_of_them: bool):
        ids = None if all_of_them else [self.current_id()]
        from fedclient.core.volunteer_points.card import points_cards  # imported when opened (issue 18)

        return self.ops.read_now(points_cards, self.today(), ids)

    def print_cards(self, all_of_them: bool) -> None:
        from ..review import print_dialog  # imported when opened (issue 18)

        print_dialog.preview(self, lambda: self._cards(all_of_them))

    def save_pdf(self, path: str | None = None) -> str:
        profile = self.ops.read_now(get_profile)
        name = f"{profile.village if profile else ''}巾帼志愿服务积分证.pdf"
        from ..review import print_dialog

        text = print_dialog.save_pdf(self, lambda: self._cards(self.current_id() is None), name, path)
        if text:
            self.message.setText(text)
        return text


def _page_data(session, today: date, search: str):
    return volunteer_points(session, today, search), get_rule(session)
