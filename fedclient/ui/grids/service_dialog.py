"""The form for one grid service entry: date, grid, who served, role, what was done, who was served."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from fedclient.core import grids
from fedclient.core.database import Database
from fedclient.core.vocab import SERVICE_RESULTS, SERVICE_ROLES

from ..signals import data_signals
from .widgets import CheckList, date_edit, date_of, member_choices, message_label


class ServiceDialog(QDialog):
    """Open with ``open()``; ``saved`` holds the stored entry after 保存."""

    def __init__(
        self, db: Database, service: grids.ServiceData | None = None, grid_id: int | None = None, parent=None
    ):
        super().__init__(parent)
        self.db = db
        self.service = service or grids.ServiceData(date=date.today(), grid_id=grid_id)
        self.saved: grids.ServiceData | None = None
        self.setWindowTitle("修改服务记录" if self.service.id else "记一次网格服务")
        self.resize(720, 620)
        self.grid_list = self.db.run(grids.list_grids)

        self.date = date_edit(self.service.date)
        self.grid = QComboBox()
        for g in self.grid_list:
            self.grid.addItem(g.label, g.id)
        self.role = QComboBox()
        self.role.addItems(SERVICE_ROLES)
        self.role.setCurrentText(self.service.role)
        self.members = CheckList()
        self.members.set_items(self.db.run(member_choices), checked=self.service.member_ids)
        self.description = QPlainTextEdit(self.service.description)
        self.description.setPlaceholderText("做了什么，如：入户宣传医保缴费政策")
        self.description.setFixedHeight(70)
        self.people = QSpinBox()
        self.people.setRange(0, 10000)
        self.people.setValue(self.service.people_served)
        self.people.setSuffix(" 人")
        self.result = QComboBox()
        self.result.addItems(SERVICE_RESULTS)
        self.result.setCurrentText(self.service.result)
        self.households = CheckList("输入户主姓名、拼音首字母或住址筛选")
        self.households_hint = QLabel("勾选本次走访或服务到的住户（计入“久未走访”统计）")
        self.households_hint.setProperty("role", "hint")
        self.case_label = QLabel(
            f"已转为调解案件 {self.service.case_number}" if self.service.case_number else ""
        )
        self.error = message_label("error")

        form = QFormLayout()
        top = QHBoxLayout()
        top.addWidget(self.date)
        top.addWidget(self.grid, 1)
        top.addWidget(self.role)
        form.addRow("日期 / 网格 / 类别", top)
        form.addRow("服务人", self.members)
        form.addRow("服务内容", self.description)
        people = QHBoxLayout()
        people.addWidget(self.people)
        people.addWidget(QLabel("是否解决"))
        people.addWidget(self.result)
        people.addStretch()
        form.addRow("服务人数", people)
        form.addRow("服务住户", self.households)
        form.addRow("", self.households_hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.case_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.households.changed.connect(self._count_households)
        self.grid.currentIndexChanged.connect(self._grid_changed)
        index = self.grid.findData(self.service.grid_id)
        self.grid.setCurrentIndex(max(index, 0))
        self._grid_changed(first=True)

    def _grid_changed(self, *_args, first: bool = False) -> None:
        grid_id = self.grid.currentData()
        keep = self.service.household_ids if first else self.households.checked_ids()
        self.households.set_items(
            self.db.run(grids.household_choices, grid_id) if grid_id else [], checked=keep
        )
        if not self.service.id and not (first and self.service.member_ids):
            # A new entry starts with the grid's own leader and volunteers ticked.
            grid = next((g for g in self.grid_list if g.id == grid_id), None)
            if grid:
                self.members.set_checked(([grid.leader_id] if grid.leader_id else []) + grid.volunteer_ids)

    def _count_households(self) -> None:
        n = len(self.households.checked_ids())
        hint = "勾选本次走访或服务到的住户（计入“久未走访”统计）"
        self.households_hint.setText(f"已选 {n} 户。{hint}" if n else hint)

    def form_data(self) -> grids.ServiceData:
        return grids.ServiceData(
            id=self.service.id,
            date=date_of(self.date),
            grid_id=self.grid.currentData(),
            role=self.role.currentText(),
            description=self.description.toPlainText(),
            people_served=self.people.value(),
            result=self.result.currentText(),
            member_ids=self.members.checked_ids(),
            household_ids=self.households.checked_ids(),
        )

    def save(self) -> None:
        data = self.form_data()
        if data.people_served == 0 and data.household_ids:
            data.people_served = len(data.household_ids)
        try:
            self.saved = self.db.run(grids.save_service, data, today=date.today())
        except grids.ServiceError as exc:
            self.error.setText(str(exc))
            return
        data_signals.changed.emit("grids")
        self.accept()
