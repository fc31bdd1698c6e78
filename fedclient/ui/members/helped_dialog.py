"""新增/修改帮扶对象: who she is, what she needs, and the executive members who help her."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.members.helped import (
    HelpedData,
    get_helped,
    helper_choices,
    save_helped,
    validate_helped,
)
from fedclient.core.vocab import HELPED_CATEGORIES, HELPED_STATUSES, HELPERS_PER_PERSON

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, choices, combo, select_value
from ..grids.household_picker import HouseholdPicker
from ..grids.widgets import CheckList
from ..looks import set_role
from ..operations import OperationRunner
from ..pipl_actions import person_button


class HelpedDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, person_id: int | None = None):
        super().__init__(parent)
        self.ops = ops
        self.person_id = person_id
        self.saved_id: int | None = None
        self.setWindowTitle("修改帮扶对象" if person_id else "新增帮扶对象")
        self.resize(820, 560)
        self.w: dict = {
            "name": QLineEdit(),
            "category": combo(choices(HELPED_CATEGORIES)),
            "group_name": QLineEdit(),
            "situation": QPlainTextEdit(),
            "needs": QPlainTextEdit(),
            "start_date": DateInput(placeholder="如 2026-03-01"),
            "status": combo(choices(HELPED_STATUSES)),
            "end_date": DateInput(placeholder="如 2026-12-31"),
            "notes": QLineEdit(),
            "household_id": HouseholdPicker(ops),
        }
        for name in ("situation", "needs"):
            self.w[name].setMaximumHeight(70)
        self.form = Form(self)
        boxes = {name: self.form.field(name, widget) for name, widget in self.w.items()}
        form = QFormLayout()
        for label, name in (("姓名*", "name"), ("类别", "category"), ("所在组", "group_name"),
                            ("基本情况", "situation"), ("帮扶需求", "needs"), ("开始帮扶", "start_date"),
                            ("状态", "status"), ("结束日期", "end_date"), ("备注", "notes"),
                            ("所住住户", "household_id")):  # fmt: skip
            form.addRow(f"{label}：", boxes[name])
        helpers_box = QVBoxLayout()
        helpers_box.addWidget(QLabel(f"帮扶人（执委，每人应有{HELPERS_PER_PERSON}名）："))
        self.helpers = CheckList()  # a filter line above: zxl finds 张秀兰 among a county's thousands
        self.helper_choices: list[tuple[int, str]] | None = None  # read once the dialog is up (below)
        self.helpers_wanted: list[int] = []  # ticked when they are
        self.helpers.changed.connect(self._show_helpers_hint)
        helpers_box.addWidget(self.helpers)
        self.helpers_hint = QLabel()
        set_role(self.helpers_hint, "warning")
        self.helpers_hint.setWordWrap(True)
        helpers_box.addWidget(self.helpers_hint)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(helpers_box, 2)
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        self.buttons.offer_history(ops, "helped_people", person_id, "帮扶对象")
        if person_id is not None:
            name = self.w["name"].text
            self.buttons.add_left(
                person_button(ops, "helped_people", lambda: person_id, name, self, self.reject)
            )
        layout = QVBoxLayout(self)
        note = QLabel("帮扶对象信息仅供本村妇联工作使用，不会出现在任何公示材料中。")
        set_role(note, "hint")
        layout.addWidget(note)
        layout.addWidget(self.form.top)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        data = (ops.read_now(get_helped, person_id) if person_id else None) or HelpedData()
        self._fill(data)
        self._show_helpers_hint()  # (the fields' messages wait for her typing or 保存: no red on a new form)
        read_choices(
            ops, self, helper_choices, fill=self._helpers_read, waiting=(self.helpers, self.buttons.save)
        )

    def _helpers_read(self, choices: list[tuple[int, str]]) -> None:
        self.helper_choices = choices
        self.helpers.set_items(choices, self.helpers_wanted)  # (the ticked ones first)

    def _fill(self, data: HelpedData) -> None:
        for name in ("name", "group_name", "notes"):
            self.w[name].setText(getattr(data, name))
        for name in ("situation", "needs"):
            self.w[name].setPlainText(getattr(data, name))
        for name in ("start_date", "end_date"):
            self.w[name].set_value(getattr(data, name))
        select_value(self.w["category"], data.category)
        select_value(self.w["status"], data.status)
        self.w["household_id"].set_value(data.household_id)
        self.helpers_wanted = list(data.helper_ids)
        if self.helper_choices is not None:
            self.helpers.set_items(self.helper_choices, data.helper_ids)  # (the ticked ones first)

    def collect(self) -> HelpedData:
        data = HelpedData(id=self.person_id)
        for name in ("name", "group_name", "notes"):
            setattr(data, name, self.w[name].text().strip())
        for name in ("situation", "needs"):
            setattr(data, name, self.w[name].toPlainText().strip())
        for name in ("start_date", "end_date"):
            setattr(data, name, self.w[name].value())
        data.category = self.w["category"].currentData()
        data.status = self.w["status"].currentData()
        data.household_id = self.w["household_id"].value()
        data.helper_ids = (
            self.helpers.checked_ids() if self.helper_choices is not None else self.helpers_wanted
        )
        return data

    def _show_helpers_hint(self, warnings: dict | None = None) -> None:
        if warnings is None:
            warnings = validate_helped(self.collect()).warnings
        self.helpers_hint.setText("；".join(warnings.get("helper_ids", [])))

    def check(self, focus: bool = False) -> bool:
        result = validate_helped(self.collect())
        warnings = {k: v for k, v in result.warnings.items() if k != "helper_ids"}
        self._show_helpers_hint(result.warnings)
        return self.form.show({**result.errors, **self.form.date_errors()}, warnings, focus)

    def save(self) -> None:
        if self.helper_choices is not None and self.check(focus=True):  # (保存 waits for the helpers)
            self.form.submit(self.ops, save_helped, self.collect(), changes=Area.HELPED, on_done=self._saved)

    def _saved(self, person_id: int) -> None:
        self.saved_id = person_id
        self.accept()
