"""述职评议 (承诺 tab): print each executive member's 述职表 and the 民主测评票, then type the counted ballots;
the 满意率 appears at once and goes to the 年度履职考核 page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.review.ballots import MAX_COPIES, BallotRow, ballot_rows, save_ballots
from fedclient.ui.operation import user_message
from fedclient.ui.operations import OperationRunner
from fedclient.ui.page import Page
from fedclient.ui.rows_model import keep_open_editor

from ..list_table import HeaderSort
from ..looks import make_primary, set_role
from .ballot_model import COUNT_COLUMNS, SORT_KEYS, BallotModel, CountDelegate

SAVED = "测评票数已保存，满意率已计入“年度履职考核”。"


class ReviewPage(Page):
    areas = Area.MEMBERS | Area.PLEDGES
    rows_shown = Signal()  # tests

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ops, parent)
        self.today = today or date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        # Ballots are counted at the year's end or early in the next: in the first quarter, last year.
        self.year.setValue(self.today.year - 1 if self.today.month <= 3 else self.today.year)
        self.year.setSuffix(" 年")
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(30)
        self.copies.setSuffix(" 份")
        self.copies.setToolTip("民主测评票份数：参加测评的人数（执委、党员和村民代表等）")
        self.preview_button = QPushButton("打印述职表和测评票…")
        self.ballots_button = QPushButton("只打印测评票…")
        self.pdf_button = QPushButton("保存为 PDF…")
        self.save_button = QPushButton("保存测评票数")
        make_primary(self.save_button)
        self.model = BallotModel(self)
        self._saved_year: int | None = None  # the year just saved: its re-read still says so
        self._print_jobs = None
        self.table = QTableView()
        self.table.setModel(self.model)
        delegate = CountDelegate(self.table)
        for col in COUNT_COLUMNS:
            self.table.setItemDelegateForColumn(col, delegate)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.CurrentChanged | triggers.DoubleClicked | triggers.SelectedClicked
            | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )  # fmt: skip
        self.sorting = HeaderSort(self.table, SORT_KEYS, self._sort)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(
            "年底召开述职评议会：先打印每位执委的述职表（承诺、践诺记录、调解、网格服务、帮扶对象和议事会都从"
            "记录中自动填好，本人述职一栏留空由本人填写）和民主测评票；收回测评票后，把每人的“满意”“基本满意”"
            "“不满意”票数填在下表，保存后满意率 =（满意 + 基本满意）÷ 票数，进入“年度履职考核”。"
            "兼职副主席的年度满意度测评也用这张票。"
        )
        set_role(self.hint, "hint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addWidget(QLabel("测评票"))
        top.addWidget(self.copies)
        for button in (self.preview_button, self.ballots_button, self.pdf_button):
            top.addWidget(button)
        top.addStretch()
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.year.valueChanged.connect(self.mark_stale)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(lambda: self.print_papers(sheets=True))
        self.ballots_button.clicked.connect(lambda: self.print_papers(sheets=False))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())

    def load(self) -> None:
        self.stale = False
        year = self.year.value()
        self.ops.read(ballot_rows, year, self.today, on_done=self._show, parent=self, key="ballots")

    @property
    def rows(self) -> list[BallotRow]:
        return self.model.rows

    def _show(self, rows: list[BallotRow]) -> None:
        keep_open_editor(self.table)
        self.model.load(rows)
        text = f"{self.year.value()}年度述职评议：{len(rows)} 名执委。" if rows else "该年度没有在任执委。"
        if self._saved_year == self.year.value():  # the list re-read after her save: the save is still news
            text += SAVED
        self._saved_year = None
        self.message.setText(text)
        self.rows_shown.emit()

    def _sort(self) -> None:
        keep_open_editor(self.table)  # what is being typed is sorted with its row
        self.model.sort_rows(self.sorting.choice)

    def counts(self, row: int) -> tuple[int, int, int]:
        return self.model.counts(row)

    def save(self) -> None:
        keep_open_editor(self.table)
        year = self.year.value()
        counts = [(r.member_id, *self.counts(i)) for i, r in enumerate(self.rows)]
        self.ops.write(save_ballots, year, counts, changes=Area.PLEDGES, on_done=self._saved, on_error=self._refused,
                       parent=self)  # fmt: skip

    def _saved(self, _result) -> None:
        self._saved_year = self.year.value()
        self.message.setText(SAVED)

    def _refused(self, exc: Exception) -> None:
        QMessageBox.warning(self, "保存测评票数", user_message(exc) if not str(exc) else str(exc))

    # --- printing (``review_print``: read, built and drawn off the GUI thread) -------------------------------
    def print_papers(self, sheets: bool) -> None:
        self._printing().print_papers(sheets)

    def save_pdf(self, path: str | None = None) -> None:
        """Asks where (unless ``path``) and writes the PDF in the background; ``message`` says when it is saved."""
        self._printing().save_pdf(path)

    def _printing(self):
        if self._print_jobs is None:
            from .review_print import ReviewPrinting  # imported when printed (issue 18)

            self._print_jobs = ReviewPrinting(
                self, (self.preview_button, self.ballots_button, self.pdf_button)
            )
        return self._print_jobs
