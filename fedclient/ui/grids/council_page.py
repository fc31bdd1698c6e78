"""妇女议事会 page: meetings list (paged, newest first) and the meeting form beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import council
from fedclient.core.vocab import COUNCIL_TOPICS

from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, select_value
from ..id_list_model import IdListTableModel
from ..operations import OperationRunner
from ..page import Page
from .widgets import show_status

COLUMNS = [
    ("日期", lambda m: m.date.isoformat()),
    ("地点", lambda m: m.place),
    ("议题类别", lambda m: m.topic_category),
    ("议题", lambda m: m.topic),
    ("参会人数", lambda m: m.participants_count),
    ("议定事项", lambda m: m.decisions),
]


class CouncilPage(Page):
    areas = Area.COUNCIL | Area.MEMBERS

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self.current_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索议题或议定事项")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.new_button = QPushButton("新增会议")
        self.new_button.clicked.connect(self.new_meeting)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        self.model = IdListTableModel(COLUMNS, lambda ids: self.ops.read_now(council.rows_by_ids, ids))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for col, width in enumerate((95, 110, 80, 220, 70)):
            self.table.horizontalHeader().resizeSection(col, width)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)

        self.box = QGroupBox("会议记录")
        self.f_date = DateInput(date.today())
        self.f_place = QLineEdit()
        self.f_place.setPlaceholderText("如：议事长廊、妇女之家")
        self.f_category = combo(choices(COUNCIL_TOPICS))
        self.f_topic = QLineEdit()
        self.f_count = QSpinBox()
        self.f_count.setRange(0, 500)
        self.f_count.setSuffix(" 人")
        self.f_participants = QPlainTextEdit()
        self.f_decisions = QPlainTextEdit()
        self.f_follow_up = QPlainTextEdit()
        for edit in (self.f_participants, self.f_decisions, self.f_follow_up):
            edit.setFixedHeight(60)
        self.form = Form(self)
        form = QFormLayout()
        for label, name, widget in (
            ("日期", "date", self.f_date),
            ("地点", "place", self.f_place),
            ("议题类别", "topic_category", self.f_category),
            ("议题", "topic", self.f_topic),
            ("参会人数", "participants_count", self.f_count),
            ("参会人员", "participants", self.f_participants),
            ("议定事项", "decisions", self.f_decisions),
            ("后续落实", "follow_up", self.f_follow_up),
        ):
            form.addRow(label, self.form.field(name, widget))
        self.buttons = ButtonRow(save_text="保存会议", cancel_text=None, delete_text="删除", delete_note="")
        self.buttons.delete_what = "这次议事会的记录"
        self.buttons.save_clicked.connect(self.save)
        self.buttons.delete_confirmed.connect(self.delete)
        self.save_button, self.delete_button = self.buttons.save, self.buttons.delete
        box_layout = QVBoxLayout(self.box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.form.top)
        box_layout.addWidget(self.buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.search.textChanged.connect(self.reload)
        self.new_meeting()

    def load(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.stale = False
        self.model.set_ids(self.ops.read_now(council.list_ids, self.search.text()))
        self.count_label.setText(f"共 {self.model.rowCount()} 次")

    def _selected(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        meeting = self.model.row(rows[0].row()) if rows else None
        if meeting:
            self._show(meeting)

    def _show(self, m: grids.MeetingData) -> None:
        self.current_id = m.id
        self.buttons.offer_history(self.ops, "council_meetings", m.id, "议事会")
        self.box.setTitle("修改会议记录" if m.id else "新增会议记录")
        self.f_date.set_value(m.date or date.today())
        self.f_place.setText(m.place)
        select_value(self.f_category, m.topic_category)
        self.f_topic.setText(m.topic)
        self.f_count.setValue(m.participants_count)
        self.f_participants.setPlainText(m.participants)
        self.f_decisions.setPlainText(m.decisions)
        self.f_follow_up.setPlainText(m.follow_up)
        self.delete_button.setEnabled(m.id is not None)
        self.form.clear()

    def new_meeting(self) -> None:
        self.table.clearSelection()
        self._show(grids.MeetingData(date=date.today(), place=self.f_place.text() or "议事长廊"))
        self.f_topic.setFocus()

    def save(self) -> None:
        data = grids.MeetingData(
            id=self.current_id,
            date=self.f_date.value(),
            place=self.f_place.text(),
            topic_category=combo_value(self.f_category),
            topic=self.f_topic.text(),
            participants_count=self.f_count.value(),
            participants=self.f_participants.toPlainText(),
            decisions=self.f_decisions.toPlainText(),
            follow_up=self.f_follow_up.toPlainText(),
        )
        if self.form.show(self.form.date_errors()):
            self.form.submit(
                self.ops, grids.save_meeting, data, date.today(), changes=Area.COUNCIL, on_done=self._saved
            )

    def _saved(self, saved: grids.MeetingData) -> None:
        self.current_id = saved.id
        self.buttons.offer_history(self.ops, "council_meetings", saved.id, "议事会")
        self.reload()
        self.select_meeting(saved.id)
        show_status(self, f"已保存议事会记录：{saved.topic}")

    def select_meeting(self, meeting_id: int) -> bool:
        self.ensure_loaded()
        if self.model.row_of(meeting_id) < 0 and self.search.text():
            self.search.clear()
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def delete(self) -> None:
        """After 删除 was confirmed."""
        if self.current_id:
            self.form.submit(
                self.ops, grids.delete_meeting, self.current_id, changes=Area.COUNCIL, on_done=self._deleted
            )

    def _deleted(self, _result: object) -> None:
        self.reload()
        self.new_meeting()
