"""The form for one grid service entry: date, grid, who served, role, what was done, who was served."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.members import member_choices
from fedclient.core.vocab import SERVICE_RESULTS, SERVICE_ROLES

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, fill_combo
from ..looks import set_role
from ..operations import OperationRunner
from .widgets import CheckList

Choices = list[tuple[int, str]]


def read_lists(session, grid_id: int | None) -> tuple[list[grids.GridData], Choices, Choices]:
    """What the form chooses from, in one background read: the grids, the people who serve, the grid's
    households."""
    households = grids.household_choices(session, grid_id) if grid_id else []
    return grids.list_grids(session), member_choices(session), households


class ServiceDialog(QDialog):
    """Open with ``open()``; ``saved`` holds the stored entry after 保存."""

    def __init__(
        self,
        ops: OperationRunner,
        service: grids.ServiceData | None = None,
        grid_id: int | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.ops = ops
        self.service = service or grids.ServiceData(date=date.today(), grid_id=grid_id)
        self.saved: grids.ServiceData | None = None
        self.setWindowTitle("修改服务记录" if self.service.id else "记一次网格服务")
        self.resize(720, 620)
        self.grid_list: list[grids.GridData] = []  # read once the dialog is built, with the people (below)
        self.lists_read = False

        self.date = DateInput(self.service.date)
        self.grid = QComboBox()
        self.role = combo(choices(SERVICE_ROLES), self.service.role)
        self.members = CheckList()
        self.description = QPlainTextEdit(self.service.description)
        self.description.setPlaceholderText("做了什么，如：入户宣传医保缴费政策")
        self.description.setFixedHeight(70)
        self.people = QSpinBox()
        self.people.setRange(0, 10000)
        self.people.setValue(self.service.people_served)
        self.people.setSuffix(" 人")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 24)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(self.service.hours)
        self.hours.setSuffix(" 小时")
        self.hours.setToolTip("每位服务人这次服务用了多少小时（计入巾帼志愿积分）")
        self.result = combo(choices(SERVICE_RESULTS), self.service.result)
        self.households = CheckList("输入户主姓名、拼音首字母或住址筛选")
        self.households_hint = QLabel("勾选本次走访或服务到的住户（计入“久未走访”统计）")
        set_role(self.households_hint, "hint")
        self.case_label = QLabel(
            f"已转为调解案件 {self.service.case_number}" if self.service.case_number else ""
        )
        self.form = Form(self)
        on_top = Qt.AlignmentFlag.AlignTop

        form = QFormLayout()
        top = QHBoxLayout()
        top.addWidget(self.form.field("date", self.date), 0, on_top)
        top.addWidget(self.form.field("grid_id", self.grid), 1, on_top)
        top.addWidget(self.form.field("role", self.role), 0, on_top)
        form.addRow("日期 / 网格 / 类别", top)
        form.addRow("服务人", self.form.field("member_ids", self.members))
        form.addRow("服务内容", self.form.field("description", self.description))
        people = QHBoxLayout()
        people.addWidget(self.form.field("people_served", self.people), 0, on_top)
        people.addWidget(QLabel("是否解决"), 0, on_top)
        people.addWidget(self.form.field("result", self.result), 0, on_top)
        people.addWidget(QLabel("每人服务时长"), 0, on_top)
        people.addWidget(self.form.field("hours", self.hours), 0, on_top)
        people.addStretch()
        form.addRow("服务人数", people)
        form.addRow("服务住户", self.form.field("household_ids", self.households))
        form.addRow("", self.households_hint)
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        self.buttons.offer_history(self.ops, "grid_services", self.service.id, "网格服务")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(self.case_label)
        layout.addWidget(self.buttons)

        self.households.changed.connect(self._count_households)
        self.grid.currentIndexChanged.connect(self._grid_changed)
        read_choices(
            ops, self, read_lists, self.service.grid_id, fill=self._fill,
            waiting=(self.grid, self.members, self.households, self.buttons.save),
        )  # fmt: skip

    def _fill(self, lists: tuple[list[grids.GridData], Choices, Choices]) -> None:
        self.grid_list, people, households = lists
        self.lists_read = True
        fill_combo(self.grid, [(g.label, g.id) for g in self.grid_list], self.service.grid_id)
        self.members.set_items(people, checked=self.service.member_ids)
        if self.grid.currentData() == self.service.grid_id:
            self.households.set_items(households, checked=self.service.household_ids)
            self._tick_grid_people(first=True)
        else:  # a new entry in no grid yet: the first grid is chosen, its households are read
            self._grid_changed()

    def _grid_changed(self, *_args) -> None:
        grid_id = self.grid.currentData()
        keep = self.households.checked_ids()
        if grid_id:
            read_choices(
                self.ops, self, grids.household_choices, grid_id,
                fill=lambda items: self.households.set_items(items, checked=keep),
                waiting=(self.households, self.buttons.save), key="households",
            )  # fmt: skip
        else:
            self.households.set_items([], checked=keep)
        self._tick_grid_people()

    def _tick_grid_people(self, first: bool = False) -> None:
        grid_id = self.grid.currentData()
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
            date=self.date.value(),
            grid_id=self.grid.currentData(),
            role=combo_value(self.role),
            description=self.description.toPlainText(),
            people_served=self.people.value(),
            hours=self.hours.value(),
            result=combo_value(self.result),
            member_ids=self.members.checked_ids(),
            household_ids=self.households.checked_ids(),
        )

    def save(self) -> None:
        if not self.lists_read:  # (保存 waits for them)
            return
        data = self.form_data()
        if data.people_served == 0 and data.household_ids:
            data.people_served = len(data.household_ids)
        if self.form.show(self.form.date_errors()):
            self.form.submit(
                self.ops, grids.save_service, data, date.today(), changes=Area.GRIDS, on_done=self._saved
            )

    def _saved(self, saved: grids.ServiceData) -> None:
        self.saved = saved
        self.accept()
