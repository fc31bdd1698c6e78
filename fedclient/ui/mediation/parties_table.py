"""The parties of a case: an editable table, one row a person (applicants and respondents).

The last column is the household the party lives in (一户一档): chosen by the chair from the households of the
village; when she types an address that is exactly one household's, that household is suggested (selected,
shown in italics until she confirms or changes it). Nothing is guessed when the case is printed."""

from __future__ import annotations

from collections.abc import Callable

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

from ..grids.household_picker import HouseholdPicker

HEADERS = ["身份", "姓名", "性别", "年龄", "联系电话", "住址或所在组", "与对方关系", "所住住户（一户一档）"]
HOUSEHOLD = 7
SIDE_BY_LABEL = {label: code for code, label in PARTY_SIDES.items()}


class PartiesTable(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        picker: Callable[[int | None], HouseholdPicker] | None = None,
        suggest: Callable[[str], int | None] | None = None,
    ):
        super().__init__(parent)
        self._picker = picker
        self._suggest = suggest or (lambda _address: None)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 90, 56, 50, 120, 120, 90)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(self._item_changed)
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
        if self._picker is not None:
            self.table.setCellWidget(row, HOUSEHOLD, self._picker(party.household_id))
        return row

    def household_of(self, row: int) -> int | None:
        box = self.table.cellWidget(row, HOUSEHOLD)
        return box.value() if box is not None else None  # typed text that is no household: none

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """An address typed: suggest its household when none is chosen yet."""
        box = self.table.cellWidget(item.row(), HOUSEHOLD)
        if item.column() != 5 or box is None or self.household_of(item.row()) is not None:
            return
        suggested = self._suggest(item.text().strip()) if item.text().strip() else None
        if suggested is not None:
            box.set_value(suggested)
            box.setToolTip("按住址自动建议，请核对")

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
                    household_id=self.household_of(row),
                )
            )
        return result, problems
