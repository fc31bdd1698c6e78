"""妇女议事会 page: meetings list (paged, newest first) and the meeting form beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core import grids
from fedclient.core.database import Database
from fedclient.core.grids import council
from fedclient.core.vocab import COUNCIL_TOPICS

from ..background import LoadOnShow
from ..id_list_model import IdListTableModel
from ..signals import data_signals
from .widgets import date_edit, date_of, message_label, show_status

COLUMNS = [
    ("日期", lambda m: m.date.isoformat()),
    ("地点", lambda m: m.place),
    ("议题类别", lambda m: m.topic_category),
    ("议题", lambda m: m.topic),
    ("参会人数", lambda m: m.participants_count),
    ("议定事项", lambda m: m.decisions),
]


class CouncilPage(LoadOnShow, QWidget):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
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
        # No track_selection: the form beside the list follows the selection, a refresh must not refill it.
        self.model = IdListTableModel(COLUMNS, lambda ids: self.db.run(council.rows_by_ids, ids))
        self.table = QTableView()
        self.table.setModel(self.model)
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
        self.f_date = date_edit()
        self.f_place = QLineEdit()
        self.f_place.setPlaceholderText("如：议事长廊、妇女之家")
        self.f_category = QComboBox()
        self.f_category.addItems(COUNCIL_TOPICS)
        self.f_topic = QLineEdit()
        self.f_count = QSpinBox()
        self.f_count.setRange(0, 500)
        self.f_count.setSuffix(" 人")
        self.f_participants = QPlainTextEdit()
        self.f_decisions = QPlainTextEdit()
        self.f_follow_up = QPlainTextEdit()
        for edit in (self.f_participants, self.f_decisions, self.f_follow_up):
            edit.setFixedHeight(60)
        self.error = message_label("error")
        form = QFormLayout()
        form.addRow("日期", self.f_date)
        form.addRow("地点", self.f_place)
        form.addRow("议题类别", self.f_category)
        form.addRow("议题", self.f_topic)
        form.addRow("参会人数", self.f_count)
        form.addRow("参会人员", self.f_participants)
        form.addRow("议定事项", self.f_decisions)
        form.addRow("后续落实", self.f_follow_up)
        self.save_button = QPushButton("保存会议")
        self.save_button.setProperty("primary", "true")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("删除")
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        box_layout = QVBoxLayout(self.box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.error)
        box_layout.addLayout(buttons)

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
        self._needs_load = False
        self.model.set_ids(self.db.run(council.list_ids, self.search.text()))
        self.count_label.setText(f"共 {self.model.rowCount()} 次")

    def _selected(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        meeting = self.model.row(rows[0].row()) if rows else None
        if meeting:
            self._show(meeting)

    def _show(self, m: grids.MeetingData) -> None:
        self.current_id = m.id
        self.box.setTitle("修改会议记录" if m.id else "新增会议记录")
        day = m.date or date.today()
        self.f_date.setDate(date_edit(day).date())
        self.f_place.setText(m.place)
        self.f_category.setCurrentText(m.topic_category)
        self.f_topic.setText(m.topic)
        self.f_count.setValue(m.participants_count)
        self.f_participants.setPlainText(m.participants)
        self.f_decisions.setPlainText(m.decisions)
        self.f_follow_up.setPlainText(m.follow_up)
        self.delete_button.setEnabled(m.id is not None)
        self.error.clear()

    def new_meeting(self) -> None:
        self.table.clearSelection()
        self._show(grids.MeetingData(date=date.today(), place=self.f_place.text() or "议事长廊"))
        self.f_topic.setFocus()

    def save(self) -> grids.MeetingData | None:
        data = grids.MeetingData(
            id=self.current_id,
            date=date_of(self.f_date),
            place=self.f_place.text(),
            topic_category=self.f_category.currentText(),
            topic=self.f_topic.text(),
            participants_count=self.f_count.value(),
            participants=self.f_participants.toPlainText(),
            decisions=self.f_decisions.toPlainText(),
            follow_up=self.f_follow_up.toPlainText(),
        )
        try:
            saved = self.db.run(grids.save_meeting, data, today=date.today())
        except grids.MeetingError as exc:
            self.error.setText(str(exc))
            return None
        self.current_id = saved.id
        data_signals.changed.emit("grids")
        self.reload()
        self.select_meeting(saved.id)
        show_status(self, f"已保存议事会记录：{saved.topic}")
        return saved

    def select_meeting(self, meeting_id: int) -> bool:
        self.ensure_loaded()
        if self.model.row_of(meeting_id) < 0 and self.search.text():
            self.search.clear()
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def delete(self) -> None:
        if not self.current_id:
            return
        if (
            QMessageBox.question(self, "删除会议记录", "确定删除这次议事会的记录？")
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.db.run(grids.delete_meeting, self.current_id)
        data_signals.changed.emit("grids")
        self.reload()
        self.new_meeting()
