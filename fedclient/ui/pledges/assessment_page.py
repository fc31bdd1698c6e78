"""年度履职考核: proposed scores, the chair's score, rating, 群众评议 and remarks, saved in one go."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.pledges.assessment import (
    BASE_POINTS,
    WEIGHTS,
    AssessmentError,
    assessment_rows,
    get_weights,
    save_assessment,
    set_weights,
)
from fedclient.ui.operation import user_message
from fedclient.ui.operations import OperationRunner
from fedclient.ui.page import Page
from fedclient.ui.rows_model import keep_open_editor

from ..forms import ButtonRow, Form, open_dialog
from ..list_table import HeaderSort
from ..looks import make_primary, set_role
from .assessment_model import (
    RATING,
    REMARKS,
    SCORE,
    SORT_KEYS,
    AssessmentModel,
    Marks,
    RatingDelegate,
    ScoreDelegate,
)

# Fixed widths: measuring thousands of rows to fit the columns would cost seconds at county scale.
COLUMN_WIDTHS = (80, 110, 50, 56, 84, 84, 84, 130, 80, 86, 160)  # four characters and the sort arrow


class WeightsDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("考核加分标准")
        weights = ops.read_now(get_weights)
        self.form = Form(self)
        form = QFormLayout()
        form.addRow(QLabel(f"在任执委基础分 {BASE_POINTS:g} 分，另按以下标准加分（总分不超过 100 分）："))
        self.spins: dict[str, QDoubleSpinBox] = {}
        for key, (label, _default) in WEIGHTS.items():
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setValue(weights[key])
            form.addRow(label + "：", self.form.field(key, spin))
            self.spins[key] = spin
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        weights = {key: spin.value() for key, spin in self.spins.items()}
        self.form.submit(
            self.ops, set_weights, weights, changes=Area.SETTINGS, on_done=lambda _r: self.accept()
        )


def _rows_and_weights(session, year: int):
    return assessment_rows(session, year), get_weights(session)


class AssessmentPage(Page):
    """Reads its rows when first shown (and again when shown after a change elsewhere), not when built."""

    # pledges done, cases mediated and services given count; the weights are a setting
    areas = Area.PLEDGES | Area.MEMBERS | Area.CASES | Area.GRIDS | Area.SETTINGS
    rows_shown = Signal()  # tests

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ops, parent)
        self.today = today or date.today()
        self.loaded_year: int | None = None
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(" 年")
        self.model = AssessmentModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SCORE, ScoreDelegate(self.table))
        self.table.setItemDelegateForColumn(RATING, RatingDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.CurrentChanged | triggers.DoubleClicked | triggers.SelectedClicked
            | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )  # fmt: skip
        self.sorting = HeaderSort(self.table, SORT_KEYS, self._sort)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(REMARKS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.hint = QLabel()
        set_role(self.hint, "hint")
        self.hint.setWordWrap(True)
        self.fill_button = QPushButton("采用建议得分")
        self.fill_button.setToolTip("为尚未打分的执委填入建议得分和建议等次")
        self.save_button = QPushButton("保存考核结果")
        make_primary(self.save_button)
        self.weights_button = QPushButton("加分标准…")
        self.print_button = QPushButton("打印考核表…")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addStretch()
        for button in (self.fill_button, self.weights_button, self.print_button, self.save_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.year.valueChanged.connect(self._year_changed)
        self.fill_button.clicked.connect(self.fill_proposed)
        self.save_button.clicked.connect(self.save)
        self.weights_button.clicked.connect(self.edit_weights)

    def load(self) -> None:
        self.refresh()

    def _year_changed(self) -> None:
        self.mark_stale()

    def refresh(self) -> None:
        self.stale = False
        year = self.year.value()
        self.ops.read(
            _rows_and_weights, year, on_done=lambda r: self._show(year, *r), parent=self, key="rows"
        )

    def _show(self, year: int, rows, weights) -> None:
        keep_open_editor(self.table)
        # The same year read again (counts changed elsewhere) keeps what the chair typed but has not saved.
        self.model.load(rows, keep_edits=year == self.loaded_year)
        self.loaded_year = year
        self.hint.setText(
            f"{year}年度共 {len(rows)} 名执委。"
            f"建议得分 = 在任基础分 {BASE_POINTS:g} + 完成承诺每项 {weights['assessment_per_pledge']:g} 分"
            f"（至多 {weights['assessment_pledge_cap']:g}）+ 参与调解每件 {weights['assessment_per_case']:g} 分"
            f"（至多 {weights['assessment_case_cap']:g}）+ 网格服务每次 {weights['assessment_per_service']:g} 分"
            f"（至多 {weights['assessment_service_cap']:g}）。建议得分仅供参考，考核得分和等次由妇联主席确定；"
            "单击考核得分、等次、群众评议或备注即可修改。"
        )
        self.rows_shown.emit()

    def _sort(self) -> None:
        keep_open_editor(self.table)  # what is being typed is sorted with its row
        self.model.sort_rows(self.sorting.choice)

    def fill_proposed(self) -> None:
        self.ensure_loaded()
        keep_open_editor(self.table)
        self.model.fill_proposed()

    def save(self) -> int:
        self.ensure_loaded()
        keep_open_editor(self.table)
        year = self.year.value()
        entries = []
        for i, r in enumerate(self.model.rows):
            m = self.model.marks(i)
            review, remarks = m.review.strip(), m.remarks.strip()
            if m.score is None:
                if m.rating or review or remarks:
                    self.table.setCurrentIndex(self.model.index(i, SCORE))
                    self.table.scrollTo(self.model.index(i, SCORE))
                    QMessageBox.warning(self, "保存考核结果", f"{r.name}：请先填写考核得分。")
                    return 0
                continue
            if r.member_id in self.model.edits and m != Marks.of(r):  # only what changed is written
                entries.append((r.member_id, m.score, m.rating, review, remarks))

        def write(session):
            for member_id, score, rating, review, remarks in entries:
                save_assessment(session, member_id, year, score, rating, review, remarks)

        self.ops.write(write, changes=Area.PLEDGES, on_done=self._saved, on_error=self._refused, parent=self)
        return len(entries)

    def _saved(self, _result) -> None:
        self.loaded_year = None  # saved: nothing left to keep (the change record reads the rows again)

    def _refused(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, AssessmentError) else user_message(exc)
        QMessageBox.warning(self, "保存考核结果", message)

    def edit_weights(self) -> None:
        dialog = WeightsDialog(self.ops, self)
        open_dialog(dialog)
