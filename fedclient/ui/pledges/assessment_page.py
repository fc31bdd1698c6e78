"""年度履职考核: proposed scores, the chair's score, rating, 群众评议 and remarks, saved in one go."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.assessment import (
    BASE_POINTS,
    WEIGHTS,
    AssessmentError,
    AssessmentRow,
    assessment_rows,
    get_weights,
    save_assessment,
    set_weights,
    suggested_rating,
)
from fedclient.core.database import Database
from fedclient.core.vocab import ASSESSMENT_RATINGS
from fedclient.ui.signals import data_signals

HEADERS = [
    "姓名",
    "职务",
    "承诺",
    "已完成",
    "参与调解",
    "网格服务",
    "建议得分",
    "考核得分",
    "等次",
    "群众评议",
    "备注",
]
SCORE, RATING, REVIEW, REMARKS = 7, 8, 9, 10


class WeightsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("考核加分标准")
        weights = db.run(get_weights)
        form = QFormLayout()
        form.addRow(QLabel(f"在任执委基础分 {BASE_POINTS:g} 分，另按以下标准加分（总分不超过 100 分）："))
        self.spins: dict[str, QDoubleSpinBox] = {}
        for key, (label, _default) in WEIGHTS.items():
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setValue(weights[key])
            form.addRow(label + "：", spin)
            self.spins[key] = spin
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.db.run(set_weights, {key: spin.value() for key, spin in self.spins.items()})
        self.accept()


class AssessmentPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.rows: list[AssessmentRow] = []
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(" 年")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(REMARKS, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.fill_button = QPushButton("采用建议得分")
        self.fill_button.setToolTip("为尚未打分的执委填入建议得分和建议等次")
        self.save_button = QPushButton("保存考核结果")
        self.save_button.setProperty("primary", "true")
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
        self.year.valueChanged.connect(self.refresh)
        self.fill_button.clicked.connect(self.fill_proposed)
        self.save_button.clicked.connect(self.save)
        self.weights_button.clicked.connect(self.edit_weights)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.db.run(assessment_rows, self.year.value())
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            fixed = [r.name, r.role, str(r.pledges), str(r.pledges_done), str(r.cases), str(r.services),
                     f"{r.proposed:g}"]  # fmt: skip
            for col, value in enumerate(fixed):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, col, item)
            score = QDoubleSpinBox()
            score.setRange(0, 100)
            score.setDecimals(1)
            score.setSpecialValueText("未打分")
            score.setMinimum(-1)
            score.setValue(-1 if r.score is None else r.score)
            self.table.setCellWidget(i, SCORE, score)
            rating = QComboBox()
            rating.addItems(("", *ASSESSMENT_RATINGS))
            rating.setCurrentText(r.rating)
            self.table.setCellWidget(i, RATING, rating)
            self.table.setItem(i, REVIEW, QTableWidgetItem(r.public_review))
            self.table.setItem(i, REMARKS, QTableWidgetItem(r.remarks))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(REMARKS, QHeaderView.ResizeMode.Stretch)
        weights = self.db.run(get_weights)
        self.hint.setText(
            f"建议得分 = 在任基础分 {BASE_POINTS:g} + 完成承诺每项 {weights['assessment_per_pledge']:g} 分"
            f"（至多 {weights['assessment_pledge_cap']:g}）+ 参与调解每件 {weights['assessment_per_case']:g} 分"
            f"（至多 {weights['assessment_case_cap']:g}）+ 网格服务每次 {weights['assessment_per_service']:g} 分"
            f"（至多 {weights['assessment_service_cap']:g}）。建议得分仅供参考，考核得分和等次由妇联主席确定。"
        )

    def fill_proposed(self) -> None:
        for i, r in enumerate(self.rows):
            score: QDoubleSpinBox = self.table.cellWidget(i, SCORE)
            if score.value() < 0:
                score.setValue(r.proposed)
                rating: QComboBox = self.table.cellWidget(i, RATING)
                if not rating.currentText():
                    rating.setCurrentText(suggested_rating(r.proposed))

    def save(self) -> int:
        year = self.year.value()
        entries = []
        for i, r in enumerate(self.rows):
            score = self.table.cellWidget(i, SCORE).value()
            rating = self.table.cellWidget(i, RATING).currentText()
            review = (self.table.item(i, REVIEW).text() if self.table.item(i, REVIEW) else "").strip()
            remarks = (self.table.item(i, REMARKS).text() if self.table.item(i, REMARKS) else "").strip()
            if score < 0:
                if rating or review or remarks:
                    QMessageBox.warning(self, "保存考核结果", f"{r.name}：请先填写考核得分。")
                    return 0
                continue
            entries.append((r.member_id, score, rating, review, remarks))

        def write(session):
            for member_id, score, rating, review, remarks in entries:
                save_assessment(session, member_id, year, score, rating, review, remarks)

        try:
            self.db.run(write)
        except AssessmentError as exc:
            QMessageBox.warning(self, "保存考核结果", str(exc))
            return 0
        data_signals.changed.emit("pledges")
        self.refresh()
        return len(entries)

    def edit_weights(self) -> None:
        dialog = WeightsDialog(self.db, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
