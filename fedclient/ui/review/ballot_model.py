"""The 述职评议 table as a model: one row per member under review, the three counts typed in place through a
spin box that exists only while a cell is being edited (a spin box per row and count took about 60 KiB each:
370 MiB for a county's six thousand executive members)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate

from fedclient.core.review.ballots import MAX_BALLOTS, SORTS, BallotRow

from ..rows_model import RowsTableModel

HEADERS = ["姓名", "职务", "满意", "基本满意", "不满意", "合计", "满意率"]
COUNT_COLUMNS = (2, 3, 4)
TOTAL, RATE = 5, 6
FIELDS = {2: "satisfied", 3: "fairly_satisfied", 4: "dissatisfied"}
SORT_KEYS = [
    "name",
    "role",
    "satisfied",
    "fairly_satisfied",
    "dissatisfied",
    "total",
    "rate",
]  # ballots.SORTS


class BallotModel(RowsTableModel):
    headers, editable, sorts = HEADERS, COUNT_COLUMNS, SORTS  # counts typed are kept in the rows themselves

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[BallotRow] = []

    def load(self, rows: list[BallotRow]) -> None:
        self.show_rows(rows)

    def counts(self, row: int) -> tuple[int, int, int]:
        r = self.rows[row]
        return r.satisfied, r.fairly_satisfied, r.dissatisfied

    # --- Qt model (rows, columns, headers, flags: RowsTableModel) -------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole and col in COUNT_COLUMNS:
            return getattr(r, FIELDS[col])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col in COUNT_COLUMNS:
                return f"{getattr(r, FIELDS[col])} 票"
            if col == TOTAL:
                return str(r.total) if r.total else ""
            if col == RATE:
                return "" if r.rate is None else f"{r.rate:g}%"
            return r.name if col == 0 else r.role
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role=Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in COUNT_COLUMNS:
            return False
        number = int(value or 0)
        if not 0 <= number <= MAX_BALLOTS:
            return False
        r = self.rows[index.row()]
        if getattr(r, FIELDS[index.column()]) != number:
            setattr(r, FIELDS[index.column()], number)
            self.dataChanged.emit(index, self.index(index.row(), RATE))
        return True


class CountDelegate(QStyledItemDelegate):
    """A count: a spin box; each change is kept at once, so total and rate follow her typing."""

    def createEditor(self, parent, option, index):
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_BALLOTS)
        spin.setSuffix(" 票")
        spin.setFrame(False)
        spin.valueChanged.connect(lambda _v, s=spin: self.commitData.emit(s))
        return spin

    def setEditorData(self, editor: QSpinBox, index) -> None:
        # Also called after each of her own changes is kept: leave what she is typing alone then.
        value = int(index.data(Qt.ItemDataRole.EditRole) or 0)
        if editor.property("filled") and editor.value() == value:
            return
        editor.setValue(value)
        editor.selectAll()
        editor.setProperty("filled", True)

    def setModelData(self, editor: QSpinBox, model, index) -> None:
        editor.interpretText()
        model.setData(index, editor.value())
