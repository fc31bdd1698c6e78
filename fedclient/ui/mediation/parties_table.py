"""The parties of a case: an editable table, one row a person (applicants and respondents)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.mediation import PartyDraft
from fedclient.core.vocab import PARTY_SIDES

HEADERS = ["身份", "姓名", "性别", "年龄", "联系电话", "住址或所在组", "与对方关系"]
SIDE_BY_LABEL = {label: code for code, label in PARTY_SIDES.items()}


class PartiesTable(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 100, 64, 56, 130, 150)):
            self.table.setColumnWidth(column, width)
        add_applicant = QPushButton("添加申请人")
        add_respondent = QPushButton("添加被申请人")
        remove = QPushButton("删除所选行")
        add_applicant.clicked.connect(lambda: self.add_row(PartyDraft("applicant")))
        add_respondent.clicked.connect(lambda: self.add_row(PartyDraft("respondent")))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (add_applicant, add_respondent, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.button_row = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, party: PartyDraft) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        side = QComboBox()
        side.addItems(list(PARTY_SIDES.values()))
        side.setCurrentText(PARTY_SIDES.get(party.side, PARTY_SIDES["applicant"]))
        self.table.setCellWidget(row, 0, side)
        gender = QComboBox()
        gender.addItems(["", "女", "男"])
        gender.setCurrentText(party.gender)
        self.table.setCellWidget(row, 2, gender)
        for column, value in (
            (1, party.name),
            (3, party.age),
            (4, party.phone),
            (5, party.address),
            (6, party.relationship),
        ):
            self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        return row

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def selected_name(self) -> str:
        row = self.table.currentRow()
        return self.text(row, 1).strip() if row >= 0 else ""

    def set_parties(self, parties: list[PartyDraft]) -> None:
        self.table.setRowCount(0)
        for party in parties:
            self.add_row(party)

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def set_text(self, row: int, column: int, value: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(value))

    def parties(self) -> tuple[list[PartyDraft], list[str]]:
        """The typed rows, and messages for ages that are not numbers."""
        result, problems = [], []
        for row in range(self.table.rowCount()):
            age_text = self.text(row, 3)
            age = None
            if age_text:
                if age_text.isdigit():
                    age = int(age_text)
                else:
                    problems.append(f"当事人第{row + 1}行：年龄请填数字")
            result.append(
                PartyDraft(
                    side=SIDE_BY_LABEL[self.table.cellWidget(row, 0).currentText()],
                    name=self.text(row, 1),
                    gender=self.table.cellWidget(row, 2).currentText(),
                    age=age,
                    phone=self.text(row, 4),
                    address=self.text(row, 5),
                    relationship=self.text(row, 6),
                )
            )
        return result, problems
