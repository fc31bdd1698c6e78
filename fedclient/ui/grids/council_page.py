"""妇女议事会 page: meetings list (paged, newest first) and the meeting form beside it.

The list is read in the background (years of meetings): it keeps what it showed until the new read is in. The
decision dialog reads the people a decision can be given to (a county's roster) once it is up.
"""

from __future__ import annotations

from collections.abc import Callable
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.grids import council
from fedclient.core.grids.council_decisions import DecisionData
from fedclient.core.sorting import Sort
from fedclient.core.vocab import COUNCIL_TOPIC_SOURCES, COUNCIL_TOPICS

from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, run_dialog, select_value
from ..id_list_model import PAGE_SIZE, IdListTableModel
from ..list_table import HeaderSort, set_up_long_list
from ..looks import scrolling, set_role, tab_widget
from ..operations import OperationRunner
from ..page import Page
from ..search_box import read_after_typing
from .widgets import show_status

DECISION_COLUMNS = ("决议事项", "责任人", "完成时限", "落实情况", "满意度")

# (header, value, sort key in ``council.SORTS``)
COLUMNS = [
    ("日期", lambda m: m.date.isoformat(), "date"),
    ("地点", lambda m: m.place, "place"),
    ("议题类别", lambda m: m.topic_category, "topic_category"),
    ("议题", lambda m: m.topic, "topic"),
    ("参会人数", lambda m: m.participants_count, "participants_count"),
    ("议题来源", lambda m: m.topic_source, "topic_source"),
]
LIST_READ = "ids"
TOPIC_COLUMN = 3
COLUMN_WIDTHS = (100, 110, 95, 0, 90, 105)  # 议题 takes what is left
SPLIT_UNIT = 1000


def read_list(session, text: str, sort: Sort) -> tuple[list[int], list[grids.MeetingData]]:
    """The ids of the meeting list and the rows of its first screen, in one background read."""
    ids = list(council.list_ids(session, text, sort=sort))
    return ids, council.rows_by_ids(session, ids[:PAGE_SIZE])


class CouncilPage(Page):
    areas = Area.COUNCIL | Area.MEMBERS

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self.current_id: int | None = None
        self._after_list: Callable[[], None] | None = None
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
        self.model = IdListTableModel(
            [(h, fn) for h, fn, _key in COLUMNS], lambda ids: self.ops.read_now(council.rows_by_ids, ids)
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.sorting = HeaderSort(self.table, [key for _h, _fn, key in COLUMNS], self.reload)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):  # (room for the sort arrow beside each title)
            header.resizeSection(col, width)
        header.setSectionResizeMode(TOPIC_COLUMN, QHeaderView.ResizeMode.Stretch)  # cut with … when long
        self.table.selectionModel().selectionChanged.connect(self._selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)  # 共 N 次 apart from the form's title
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)

        self.box = QGroupBox("会议记录")
        self.f_date = DateInput(date.today())
        self.f_place = QLineEdit()
        self.f_place.setPlaceholderText("如：议事长廊、妇女之家")
        self.f_category = combo(choices(COUNCIL_TOPICS))
        self.f_topic = QLineEdit()
        self.f_source = combo([("请选择", "")] + choices(COUNCIL_TOPIC_SOURCES))
        self.f_source_detail = QLineEdit()
        self.f_source_detail.setPlaceholderText("谁提出的、怎么收集的（可不填）")
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
            ("议题来源", "topic_source", self.f_source),
            ("来源说明", "topic_source_detail", self.f_source_detail),
            ("参会人数", "participants_count", self.f_count),
            ("参会人员", "participants", self.f_participants),
            ("议事情况", "decisions", self.f_decisions),
            ("后续跟进", "follow_up", self.f_follow_up),
        ):
            form.addRow(label, self.form.field(name, widget))
        self.buttons = ButtonRow(save_text="保存会议", cancel_text=None, delete_text="删除", delete_note="")
        self.buttons.delete_what = "这次议事会的记录"
        self.buttons.save_clicked.connect(self.save)
        self.buttons.delete_confirmed.connect(self.delete)
        self.save_button, self.delete_button = self.buttons.save, self.buttons.delete
        self.print_button = QPushButton("打印议事纪要…")
        self.print_button.clicked.connect(self.print_minutes)
        self.pdf_button = QPushButton("议事纪要存为 PDF…")
        self.pdf_button.clicked.connect(lambda: self.save_minutes_pdf())
        self.sections = tab_widget()
        meeting = QWidget()
        meeting.setLayout(form)
        self.sections.addTab(scrolling(meeting), "会议")  # ten rows: scrolled on a short screen
        self.sections.addTab(self._decisions_section(), "决议与落实")
        box_layout = QVBoxLayout(self.box)
        box_layout.addWidget(self.form.top)
        box_layout.addWidget(self.sections)
        prints = QHBoxLayout()
        prints.addWidget(self.print_button)
        prints.addWidget(self.pdf_button)
        prints.addStretch()
        box_layout.addLayout(prints)
        box_layout.addWidget(self.buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3 * SPLIT_UNIT, 2 * SPLIT_UNIT])  # (by their size hints the form took two thirds)
        QVBoxLayout(self).addWidget(splitter)
        self.typing = read_after_typing(self, self.search, self.reload, self.ops, LIST_READ)
        self.new_meeting()

    def _decisions_section(self) -> QWidget:
        self.decisions: list[DecisionData] = []
        self.decision_table = QTableWidget(0, len(DECISION_COLUMNS))
        self.decision_table.setHorizontalHeaderLabels(DECISION_COLUMNS)
        self.decision_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.decision_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.decision_table.verticalHeader().hide()
        self.decision_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.decision_table.doubleClicked.connect(lambda _i: self.edit_decision())
        self.decision_message = self.form.field("decision_items", self.decision_table)
        add, edit, remove = QPushButton("添加决议"), QPushButton("修改/登记落实"), QPushButton("删除决议")
        add.clicked.connect(self.add_decision)
        edit.clicked.connect(self.edit_decision)
        remove.clicked.connect(self.remove_decision)
        hint = QLabel("每项决议指定责任人和完成时限；落实后登记结果和群众满意度。逾期未落实的会在首页提醒。")
        set_role(hint, "hint")
        hint.setWordWrap(True)
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.addWidget(hint)
        layout.addWidget(self.decision_message)
        row = QHBoxLayout()
        for button in (add, edit, remove):
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        return section

    def _fill_decisions(self) -> None:
        today = date.today()
        self.decision_table.setRowCount(len(self.decisions))
        for row, d in enumerate(self.decisions):
            state = f"{d.status}（{d.done_date:%m-%d}）" if d.done_date else d.status
            if d.overdue(today):
                state = "逾期未落实"
            for col, text in enumerate((d.content, d.responsible_name, d.due_date.isoformat() if d.due_date else "",
                                        state, d.satisfaction or "—")):  # fmt: skip
                self.decision_table.setItem(row, col, QTableWidgetItem(text))
        self.decision_table.resizeColumnsToContents()
        self.decision_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sections.setTabText(1, f"决议与落实（{len(self.decisions)}）")

    def _decision_dialog(self, decision: DecisionData) -> DecisionData | None:
        from .decision_dialog import DecisionDialog  # imported when opened (issue 18)

        return run_dialog(DecisionDialog(self.ops, decision, self.f_date.value(), self), DecisionDialog.value)

    def add_decision(self) -> None:
        due = (self.f_date.value() or date.today()).toordinal() + 30
        decision = self._decision_dialog(DecisionData(due_date=date.fromordinal(due)))
        if decision:
            self.decisions.append(decision)
            self._fill_decisions()

    def edit_decision(self) -> None:
        row = self.decision_table.currentRow()
        if 0 <= row < len(self.decisions):
            decision = self._decision_dialog(self.decisions[row])
            if decision:
                self.decisions[row] = decision
                self._fill_decisions()

    def remove_decision(self) -> None:
        row = self.decision_table.currentRow()
        if 0 <= row < len(self.decisions):
            del self.decisions[row]
            self._fill_decisions()

    def load(self) -> None:
        self.reload()

    def reload(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        """Reads the list in the background (the table keeps its rows meanwhile); ``then`` runs once the list
        is shown, even when a newer read supersedes this one."""
        self.stale = False
        if then is not None:
            self._after_list = then
        self.ops.read(
            read_list,
            self.search.text(),
            self.sorting.choice,
            on_done=self._show_list,
            parent=self,
            key=LIST_READ,
        )

    def _show_list(self, screen: tuple[list[int], list[grids.MeetingData]]) -> None:
        self.model.set_ids(*screen)
        self.count_label.setText(f"共 {self.model.rowCount()} 次")
        then, self._after_list = self._after_list, None
        if then is not None:
            then()

    def _selected(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        meeting = self.model.row(rows[0].row()) if rows else None
        if meeting:
            self._show(self.ops.read_now(grids.get_meeting, meeting.id) or meeting)

    def _show(self, m: grids.MeetingData) -> None:
        self.current_id = m.id
        self.buttons.offer_history(self.ops, "council_meetings", m.id, "议事会")
        self.box.setTitle("修改会议记录" if m.id else "新增会议记录")
        self.f_date.set_value(m.date or date.today())
        self.f_place.setText(m.place)
        select_value(self.f_category, m.topic_category)
        self.f_topic.setText(m.topic)
        select_value(self.f_source, m.topic_source)
        self.f_source_detail.setText(m.topic_source_detail)
        self.decisions = list(m.decision_items)
        self._fill_decisions()
        self.f_count.setValue(m.participants_count)
        self.f_participants.setPlainText(m.participants)
        self.f_decisions.setPlainText(m.decisions)
        self.f_follow_up.setPlainText(m.follow_up)
        self.delete_button.setEnabled(m.id is not None)
        self.print_button.setEnabled(m.id is not None)
        self.pdf_button.setEnabled(m.id is not None)
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
            topic_source=combo_value(self.f_source),
            topic_source_detail=self.f_source_detail.text(),
            decision_items=list(self.decisions),
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

    def select_meeting(self, meeting_id: int) -> None:
        """Selects the meeting once the list is read (clearing the search if it hides the meeting)."""
        self.ensure_loaded()
        self.reload(then=lambda: self._select(meeting_id, clear_search=True))

    def _select(self, meeting_id: int, clear_search: bool) -> None:
        row = self.model.row_of(meeting_id)
        if row < 0 and clear_search and self.search.text():
            self.search.clear()
            self.typing.stop()  # read now, not after the typing pause: the meeting is selected then
            self.reload(then=lambda: self._select(meeting_id, clear_search=False))
        elif row >= 0:
            self.table.selectRow(row)

    def delete(self) -> None:
        """After 删除 was confirmed."""
        if self.current_id:
            self.form.submit(
                self.ops, grids.delete_meeting, self.current_id, changes=Area.COUNCIL, on_done=self._deleted
            )

    # --- 议事纪要 --------------------------------------------------------------------------------------------
    def print_minutes(self) -> None:
        if self.current_id:
            from fedclient.core.grids.printouts import minutes_html

            from ..printing import preview_and_print

            meeting_id = self.current_id
            preview_and_print(self, lambda: self.ops.read_now(minutes_html, meeting_id)[1], landscape=False)

    def save_minutes_pdf(self, path: str | None = None):
        if self.current_id:
            from fedclient.core.grids.printouts import minutes_html

            from ..printing import save_document_pdf

            return save_document_pdf(self, self.ops.read_now(minutes_html, self.current_id), path)
        return None

    def _deleted(self, _result: object) -> None:
        self.reload()
        self.new_meeting()
