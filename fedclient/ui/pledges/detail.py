"""One pledge's detail: its standard and progress, the 践诺记录, and a quick row to add an entry.

Adding takes a few keystrokes: the amount field has the focus after selecting a pledge, Tab to 做了什么,
Enter adds (date defaults to today).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.pledges import (
    MILESTONE,
    PledgeDetail,
    add_entry,
    delete_entry,
    get_pledge,
    update_entry,
)
from fedclient.core.pledges.query import number

from ..clamped_label import ClampedLabel
from ..forms import DateInput, Form
from ..looks import heading, make_primary, set_text_colour
from ..operations import OperationRunner
from .table_model import STATUS_COLOURS


class PledgeDetailPanel(QWidget):
    changed = Signal(int)  # pledge id whose entries changed

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ops = ops
        self.today = today or date.today()
        self.detail: PledgeDetail | None = None
        self.editing_id: int | None = None  # the entry loaded into the add row for correction

        # At most two lines each (the whole text in their tooltips): a long pledge or standard would otherwise
        # take the records' room.
        self.title = ClampedLabel(2)
        heading(self.title, 13)
        self.facts = ClampedLabel(2)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.status = heading(QLabel())
        self.entries = QTableWidget(0, 5)
        self.entries.setHorizontalHeaderLabels(["日期", "完成数量", "做了什么", "服务人数", "时长(小时)"])
        self.entries.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.entries.verticalHeader().hide()
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.delete_button = QPushButton("删除所选记录")
        self.delete_button.clicked.connect(self.delete_selected)

        self.day = DateInput(self.today)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 100000)
        self.amount.setDecimals(1)
        self.amount.setValue(1)
        self.done_tick = QCheckBox("本次完成该事项")
        self.description = QLineEdit()
        self.description.setPlaceholderText("做了什么，如：走访留守儿童3户")
        self.people = QSpinBox()
        self.people.setRange(0, 100000)
        self.people.setSuffix(" 人")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 24)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" 小时")
        self.hours.setToolTip("这次践诺用了多少小时（计入巾帼志愿积分）")
        self.add_button = QPushButton("添加记录")
        make_primary(self.add_button)
        self.add_button.clicked.connect(self.add)
        self.cancel_edit_button = QPushButton("取消修改")
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.cancel_edit_button.hide()
        self.description.returnPressed.connect(self.add)
        self.entries.doubleClicked.connect(lambda index: self.edit_entry(index.row()))
        self.form = Form(self)
        top = Qt.AlignmentFlag.AlignTop
        # Two rows of fields, not one: in one row they asked for ~800 px, the list beside them for more, and
        # the window grew wider than a 1366 px screen (打印公示栏… out of reach).
        add_row = QGridLayout()
        self.amount_label = QLabel("数量")
        amount_row = QWidget()
        amount_layout = QHBoxLayout(amount_row)
        amount_layout.setContentsMargins(0, 0, 0, 0)
        amount_layout.addWidget(self.amount)
        amount_layout.addWidget(self.done_tick)
        fields = (
            (QLabel("日期"), self.form.field("date", self.day)),
            (QLabel("服务人数"), self.form.field("people_reached", self.people)),
            (self.amount_label, self.form.field("amount", amount_row)),
            (QLabel("时长"), self.form.field("hours", self.hours)),
        )
        for n, (label, field) in enumerate(fields):
            add_row.addWidget(label, n // 2, 2 * (n % 2), top)
            add_row.addWidget(field, n // 2, 2 * (n % 2) + 1, top)
        add_row.setColumnStretch(4, 1)
        what_row = QHBoxLayout()
        what_row.addWidget(self.form.field("description", self.description), 1, top)
        what_row.addWidget(self.add_button, 0, top)
        what_row.addWidget(self.cancel_edit_button, 0, top)

        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(bar_row)
        records_row = QHBoxLayout()  # the button beside the heading, not under the list: a row more for it
        records_row.addWidget(heading(QLabel("践诺记录")))
        records_row.addStretch()
        records_row.addWidget(self.delete_button)
        layout.addLayout(records_row)
        layout.addWidget(self.entries, 1)
        self.add_heading = heading(QLabel())
        self.add_heading.setWordWrap(True)
        layout.addWidget(self.add_heading)
        layout.addLayout(add_row)
        layout.addLayout(what_row)
        layout.addWidget(self.form.top)
        for widget in (self.day, self.amount, self.people, self.hours):
            widget.installEventFilter(self)
        self.show_pledge(None)

    def eventFilter(self, obj, event):  # Enter in any field of the add row adds the entry
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add()
            return True
        return super().eventFilter(obj, event)

    def show_pledge(self, pledge_id: int | None) -> None:
        self.detail = self.ops.read_now(get_pledge, pledge_id, self.today) if pledge_id else None
        enabled = self.detail is not None
        for widget in (self.day, self.amount, self.done_tick, self.description, self.people, self.hours,
                       self.add_button,
                       self.delete_button, self.bar):  # fmt: skip
            widget.setEnabled(enabled)
        self.form.clear()
        self._set_editing(None)
        if not enabled:
            self.title.setText("选择左侧的一条承诺，查看和填写践诺记录。")
            self.facts.clear()
            self.status.clear()
            self.bar.setValue(0)
            self.entries.setRowCount(0)
            return
        p = self.detail.pledge
        self.title.setText(f"{p.member_name}（{p.role}）：{p.content}")
        posted = f"，公示日期 {p.posted_date:%Y-%m-%d}" if p.posted_date else "，尚未公示"
        self.facts.setText(  # the standard last: when it is long, only it is cut
            f"{p.year}年度 · {p.category} · 完成时限：{p.deadline:%Y-%m-%d}{posted} · 完成标准：{p.standard}"
        )
        self.bar.setValue(int(round(p.percent)))
        self.bar.setFormat(f"{p.done_label}  {p.percent:g}%")
        self.status.setText(p.status)
        set_text_colour(self.status, STATUS_COLOURS.get(p.status, "#000"))
        milestone = p.standard_kind == MILESTONE
        self.amount.setVisible(not milestone)
        self.amount_label.setVisible(not milestone)
        self.amount_label.setText(f"数量（{p.unit}）" if p.unit else "数量")
        self.done_tick.setVisible(milestone)
        self.done_tick.setChecked(False)
        self.entries.setRowCount(len(self.detail.entries))
        for row, e in enumerate(self.detail.entries):
            amount = ("完成" if e.amount else "—") if milestone else number(e.amount)
            values = [f"{e.date:%Y-%m-%d}", amount, e.description, str(e.people_reached or ""),
                      number(e.hours) if e.hours else ""]  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.entries.setItem(row, col, item)
        self.entries.resizeColumnToContents(0)

    def focus_entry(self) -> None:
        target = (
            self.description if self.detail and self.detail.pledge.standard_kind == MILESTONE else self.amount
        )
        target.setFocus()
        if target is self.amount:
            self.amount.selectAll()

    def _set_editing(self, entry_id: int | None) -> None:
        self.editing_id = entry_id
        editing = entry_id is not None
        self.add_heading.setText(
            "修改践诺记录（改好后按回车）" if editing else "添加践诺记录（填好后按回车；双击记录可修改）"
        )
        self.add_button.setText("保存修改" if editing else "添加记录")
        self.cancel_edit_button.setVisible(editing)

    def edit_entry(self, row: int) -> None:
        """Load one entry into the add row to correct it."""
        if self.detail is None or not 0 <= row < len(self.detail.entries):
            return
        e = self.detail.entries[row]
        self.day.set_value(e.date)
        self.amount.setValue(e.amount)
        self.done_tick.setChecked(e.amount > 0)
        self.description.setText(e.description)
        self.people.setValue(e.people_reached)
        self.hours.setValue(e.hours)
        self._set_editing(e.id)
        self.description.setFocus()

    def cancel_edit(self) -> None:
        self._set_editing(None)
        self.description.clear()
        self.people.setValue(0)
        self.hours.setValue(0)
        self.day.set_value(self.today)
        self.form.clear()

    def add(self) -> None:
        """Add the entry typed in the add row (or save the correction of the entry being edited)."""
        if self.detail is None:
            return
        p = self.detail.pledge
        milestone = p.standard_kind == MILESTONE
        amount = (1.0 if self.done_tick.isChecked() else 0.0) if milestone else self.amount.value()
        day = self.day.value()
        if day is None:  # what was typed stays
            self.form.show({"date": self.day.error() or "请填写日期。"})
            return
        values = (day, amount, self.description.text(), self.people.value())
        if self.editing_id is not None:
            self.form.submit(
                self.ops,
                update_entry,
                self.editing_id,
                *values,
                self.today,
                self.hours.value(),
                changes=Area.PLEDGES,
                on_done=self._added,
            )
        else:
            self.form.submit(
                self.ops,
                add_entry,
                p.id,
                *values,
                self.today,
                self.hours.value(),
                changes=Area.PLEDGES,
                on_done=self._added,
            )

    def _added(self, _result: object) -> None:
        p = self.detail.pledge
        was_editing = self.editing_id is not None
        self.description.clear()
        self.people.setValue(0)
        self.hours.setValue(0)
        if was_editing:
            self.day.set_value(self.today)
        self.show_pledge(p.id)
        self.changed.emit(p.id)
        self.focus_entry()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.entries.selectedItems()})
        if not rows or self.detail is None:
            return
        answer = QMessageBox.question(self, "删除践诺记录", f"删除所选的 {len(rows)} 条践诺记录？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [self.entries.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

        def remove(session):
            for entry_id in ids:
                delete_entry(session, entry_id)

        pid = self.detail.pledge.id
        self.ops.write(remove, changes=Area.PLEDGES, on_done=lambda _r: self._removed(pid), parent=self)

    def _removed(self, pid: int) -> None:
        self.show_pledge(pid)
        self.changed.emit(pid)
