"""The 年度履职考核 table as a model: one row per executive member, the chair's score, rating, 群众评议 and
remarks editable in place through delegates (an editor exists only while a cell is being edited, so a county
with thousands of members opens as fast as a village).

The chair's changes are kept apart from the rows read from the database, by member id, so a refresh of the
counts (another tab saved something) keeps what she has typed but not yet saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QStyledItemDelegate

from fedclient.core.pledges.assessment import SORTS, AssessmentRow, suggested_rating
from fedclient.core.vocab import ASSESSMENT_RATINGS

from ..rows_model import RowsTableModel

HEADERS = [
    "姓名",
    "职务",
    "承诺",
    "已完成",
    "参与调解",
    "网格服务",
    "建议得分",
    "测评满意率",
    "考核得分",
    "等次",
    "群众评议",
    "备注",
]
SORT_KEYS = ["name", "role", "pledges", "pledges_done", "cases", "services", "proposed", "satisfaction", "score",
             "rating", "public_review", "remarks"]  # assessment.SORTS  # fmt: skip
SATISFACTION, SCORE, RATING, REVIEW, REMARKS = 7, 8, 9, 10, 11
EDITABLE = (SCORE, RATING, REVIEW, REMARKS)
NO_SCORE = "未打分"


@dataclass
class Marks:
    """What the chair gives one member: score (None = not yet scored), rating, 群众评议, remarks."""

    score: float | None
    rating: str
    review: str
    remarks: str

    @classmethod
    def of(cls, row: AssessmentRow) -> Marks:
        return cls(row.score, row.rating, row.public_review, row.remarks)


class AssessmentModel(RowsTableModel):
    headers, editable, sorts = HEADERS, EDITABLE, SORTS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AssessmentRow] = []
        self.edits: dict[int, Marks] = {}  # member id → marks changed since the last load

    # --- loading and reading --------------------------------------------------------------------------
    def load(self, rows: list[AssessmentRow], keep_edits: bool = False) -> None:
        if keep_edits:
            ids = {r.member_id for r in rows}
            self.edits = {k: v for k, v in self.edits.items() if k in ids}
        else:
            self.edits = {}
        self.show_rows(rows)

    def as_shown(self, row: AssessmentRow) -> AssessmentRow:
        m = self.edits.get(row.member_id)
        if m is None:
            return row
        return replace(row, score=m.score, rating=m.rating, public_review=m.review, remarks=m.remarks)

    def marks(self, row: int) -> Marks:
        r = self.rows[row]
        return self.edits.get(r.member_id) or Marks.of(r)

    def has_edits(self) -> bool:
        return any(self.edits[r.member_id] != Marks.of(r) for r in self.rows if r.member_id in self.edits)

    def _set_marks(self, row: int, marks: Marks) -> None:
        self.edits[self.rows[row].member_id] = marks
        self.dataChanged.emit(self.index(row, SCORE), self.index(row, REMARKS))

    def fill_proposed(self) -> int:
        """Give every member not yet scored the proposed score (and rating, when none is chosen)."""
        filled = 0
        for i, r in enumerate(self.rows):
            m = self.marks(i)
            if m.score is None:
                rating = m.rating or suggested_rating(r.proposed)
                self._set_marks(i, Marks(r.proposed, rating, m.review, m.remarks))
                filled += 1
        return filled

    # --- Qt model (rows, columns, headers, flags: RowsTableModel) -------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        m = self.marks(index.row())
        if role == Qt.ItemDataRole.EditRole:
            if col == SCORE:
                return -1.0 if m.score is None else m.score
            return self._text(r, m, col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == SCORE:
                return NO_SCORE if m.score is None else f"{m.score:g}"
            return self._text(r, m, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == SCORE and m.score is None:
                return QColor("#888888")
            if r.member_id in self.edits and col in EDITABLE and m != Marks.of(r):
                return QColor("#1f5fa8")  # changed, not yet saved
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= SCORE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(r: AssessmentRow, m: Marks, col: int) -> str:
        fixed = (r.name, r.role, str(r.pledges), str(r.pledges_done), str(r.cases), str(r.services),
                 f"{r.proposed:g}", f"{r.satisfaction_text}（{r.ballots}票）" if r.ballots else "")  # fmt: skip
        if col < len(fixed):
            return fixed[col]
        return {RATING: m.rating, REVIEW: m.review, REMARKS: m.remarks}.get(col, "")

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role=Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        m = self.marks(index.row())
        col = index.column()
        if col == SCORE:
            score = None if value is None or float(value) < 0 else round(float(value), 1)
            new = Marks(score, m.rating, m.review, m.remarks)
        elif col == RATING:
            text = str(value or "")
            if text and text not in ASSESSMENT_RATINGS:
                return False
            new = Marks(m.score, text, m.review, m.remarks)
        elif col == REVIEW:
            new = Marks(m.score, m.rating, str(value or ""), m.remarks)
        else:
            new = Marks(m.score, m.rating, m.review, str(value or ""))
        if new != m:
            self._set_marks(index.row(), new)
        return True


class ScoreDelegate(QStyledItemDelegate):
    """考核得分: a spin box from 0 to 100 whose lowest step reads 未打分."""

    def createEditor(self, parent, option, index):
        spin = QDoubleSpinBox(parent)
        spin.setDecimals(1)
        spin.setRange(-1, 100)
        spin.setSpecialValueText(NO_SCORE)
        spin.setFrame(False)
        return spin

    def setEditorData(self, editor: QDoubleSpinBox, index) -> None:
        editor.setValue(float(index.data(Qt.ItemDataRole.EditRole)))
        editor.selectAll()

    def setModelData(self, editor: QDoubleSpinBox, model, index) -> None:
        editor.interpretText()
        model.setData(index, editor.value())


class RatingDelegate(QStyledItemDelegate):
    """等次: a drop-down list; a choice is kept as soon as it is made."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(("", *ASSESSMENT_RATINGS))
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentText())
