"""积分规则: points per hour of service and the points each star level needs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fedclient.core.changes import Area
from fedclient.core.volunteer_points.rules import fmt, get_rule, save_rule

from ..forms import ButtonRow, Form
from ..looks import set_role
from ..operations import OperationRunner


class RuleDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("志愿积分规则")
        rule = ops.read_now(get_rule)
        self.per_hour = QDoubleSpinBox()
        self.per_hour.setRange(0, 100)
        self.per_hour.setDecimals(1)
        self.per_hour.setValue(rule.points_per_hour)
        self.per_hour.setSuffix(" 分")
        self.levels = QLineEdit("、".join(fmt(v) for v in rule.star_levels))
        self.levels.setPlaceholderText("如：40、80、120、160、200")
        self.form = Form(self)
        form = QFormLayout()
        form.addRow("每服务 1 小时记：", self.form.field("points_per_hour", self.per_hour))
        form.addRow("一星至五星所需积分：", self.form.field("star_levels", self.levels))
        hint = QLabel(
            "服务时长记在网格服务和践诺记录上；积分按时长和本规则计算，改规则后所有人的积分一起重算。"
        )
        set_role(hint, "hint")
        hint.setWordWrap(True)
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        text = self.levels.text().replace("，", "、").replace(",", "、").replace(" ", "、")
        try:
            levels = tuple(float(v) for v in text.split("、") if v.strip())
        except ValueError:
            self.form.show({"star_levels": "请填写数字，用顿号隔开，如：40、80、120、160、200"})
            return
        self.form.submit(self.ops, save_rule, self.per_hour.value(), levels, changes=Area.SETTINGS,
                         on_done=lambda _r: self.accept())  # fmt: skip
