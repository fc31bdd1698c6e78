"""值班表: the month calendar of the mediation station's duty (调解值班) or of the 12338 hotline shifts.
Double-click a day to set who is on duty; 按顺序排班 fills the month's empty days in turn; the calendar prints
for the wall (A4 landscape)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fedclient.core import duty
from fedclient.core.changes import Area
from fedclient.core.vocab import DUTY_ROSTERS

from ..choices_read import read_choices
from ..forms import ButtonRow, choices, combo, message_label, open_dialog
from ..grids.widgets import CheckList
from ..looks import set_role
from ..operations import OperationRunner
from ..page import Page

PARTS = ("上午", "下午", "全天")


def read_day(session, roster: str, day: date) -> tuple[list[tuple[int, str]], list]:
    """Who may be on duty that day, and who is, in one background read (``edit_day``)."""
    return duty.duty_choices(session, roster, day), duty.month_shifts(
        session, roster, day.year, day.month
    ).get(day, [])


class DutyPage(Page):
    areas = Area.DUTY | Area.MEMBERS

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        today = date.today()
        self.month = today.replace(day=1)
        self.roster = combo(choices(DUTY_ROSTERS))
        self.month_label = QLabel()
        previous, following = QPushButton("◀ 上月"), QPushButton("下月 ▶")
        previous.clicked.connect(lambda: self.show_month(self.month - timedelta(days=1)))
        following.clicked.connect(lambda: self.show_month(self.month + timedelta(days=31)))
        self.fill_button = QPushButton("按顺序排班…")
        self.fill_button.clicked.connect(lambda: open_dialog(self.fill_dialog()))
        self.print_button = QPushButton("打印值班表…")
        self.print_button.clicked.connect(self.print_calendar)
        self.pdf_button = QPushButton("存为 PDF…")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        bar = QHBoxLayout()
        for widget in (self.roster, previous, self.month_label, following):
            bar.addWidget(widget)
        bar.addStretch()
        for widget in (self.fill_button, self.print_button, self.pdf_button):
            bar.addWidget(widget)
        self.table = QTableWidget(6, 7)
        self.table.setHorizontalHeaderLabels([f"星期{d}" for d in "一二三四五六日"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda r, c: self.edit_day(self.day_at(r, c)))
        hint = QLabel("双击某一天安排值班人员；前一天会在首页提醒。")
        set_role(hint, "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.roster.currentIndexChanged.connect(lambda _i: self.reload())
        self.days: list[list[date]] = []
        self.shown_month = self.month  # the month the calendar shows (``month`` may be on its way)

    def load(self) -> None:
        self.reload()

    def roster_key(self) -> str:
        return self.roster.currentData()

    def show_month(self, day: date) -> None:
        self.month = day.replace(day=1)
        self.reload()

    def reload(self) -> None:
        """Reads the month's shifts in the background; the calendar shows the month when they are in."""
        self.stale = False
        month = self.month
        self.ops.read(
            duty.month_shifts, self.roster_key(), month.year, month.month,
            on_done=lambda shifts: self._show(month, shifts), parent=self, key="month",
        )  # fmt: skip

    def _show(self, month: date, shifts: dict) -> None:
        self.shown_month = month
        self.month_label.setText(f"{month.year}年{month.month}月")
        self.days = calendar.Calendar().monthdatescalendar(month.year, month.month)
        self.table.setRowCount(len(self.days))
        today = date.today()
        for row, week in enumerate(self.days):
            for col, day in enumerate(week):
                names = [
                    s.member_name + ("" if s.part == "全天" else f"（{s.part}）") for s in shifts.get(day, [])
                ]
                item = QTableWidgetItem(
                    "\n".join([str(day.day), *names]) if day.month == self.month.month else ""
                )
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if day == today and day.month == self.month.month:
                    item.setBackground(QColor("#fff3c4"))
                self.table.setItem(row, col, item)

    def day_at(self, row: int, col: int) -> date | None:
        if 0 <= row < len(self.days):
            day = self.days[row][col]
            return day if day.month == self.shown_month.month else None
        return None

    # --- one day ----------------------------------------------------------------------------------------
    def edit_day(self, day: date | None) -> QDialog | None:
        if day is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(f"{DUTY_ROSTERS[self.roster_key()]}：{day.year}年{day.month}月{day.day}日")
        dialog.resize(720, 420)
        lists = {}
        columns = QHBoxLayout()
        for part in PARTS:
            box = QVBoxLayout()
            box.addWidget(QLabel(part))
            lists[part] = CheckList()
            box.addWidget(lists[part])
            columns.addLayout(box)
        message = message_label()
        buttons = ButtonRow(save_text="保存")
        layout = QVBoxLayout(dialog)
        layout.addLayout(columns)
        layout.addWidget(message)
        layout.addWidget(buttons)

        def failed(exc: Exception) -> None:
            message.setText(str(getattr(exc, "errors", {}).get("shifts", exc)))
            message.show()

        def save() -> None:
            chosen = [(part, member_id) for part in PARTS for member_id in lists[part].checked_ids()]
            self.ops.write(duty.set_day, self.roster_key(), day, chosen, changes=Area.DUTY,
                           on_done=lambda _r: (dialog.accept(), self.reload()), on_error=failed, parent=dialog)  # fmt: skip

        def fill(read: tuple[list[tuple[int, str]], list]) -> None:
            people, shifts = read
            for part in PARTS:
                lists[part].set_items(people, checked=[s.member_id for s in shifts if s.part == part])

        buttons.save_clicked.connect(save)
        buttons.cancel_clicked.connect(dialog.reject)
        read_choices(
            self.ops,
            dialog,
            read_day,
            self.roster_key(),
            day,
            fill=fill,
            waiting=(*lists.values(), buttons.save),
        )
        open_dialog(dialog)
        return dialog

    # --- a month in turn --------------------------------------------------------------------------------
    def fill_dialog(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(
            f"按顺序排班：{self.month.year}年{self.month.month}月{DUTY_ROSTERS[self.roster_key()]}"
        )
        dialog.resize(520, 480)
        members = CheckList()  # read once the dialog is up (below)
        halves = QRadioButton("每天上午、下午各一人")
        whole = QRadioButton("每天一人（全天）")
        (halves if self.roster_key() == "mediation" else whole).setChecked(True)
        weekdays = QCheckBox("只排工作日（周一至周五）")
        weekdays.setChecked(True)
        hint = QLabel("按所勾选人员的顺序轮流排班；已经排了班的日子保持不变。")
        set_role(hint, "hint")
        message = message_label()
        buttons = ButtonRow(save_text="排班")
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel("参加轮值的人员"))
        layout.addWidget(members)
        for widget in (halves, whole, weekdays, hint, message, buttons):
            layout.addWidget(widget)

        def failed(exc: Exception) -> None:
            message.setText(str(getattr(exc, "errors", {}).get("shifts", exc)))
            message.show()

        def fill() -> None:
            parts = ("上午", "下午") if halves.isChecked() else ("全天",)
            self.ops.write(duty.fill_month, self.roster_key(), self.month.year, self.month.month, members.checked_ids(),
                           parts, weekdays.isChecked(), changes=Area.DUTY,
                           on_done=lambda _n: (dialog.accept(), self.reload()), on_error=failed, parent=dialog)  # fmt: skip

        buttons.save_clicked.connect(fill)
        buttons.cancel_clicked.connect(dialog.reject)
        read_choices(
            self.ops, dialog, duty.duty_choices, self.roster_key(), self.month,
            fill=lambda people: members.set_items(people, checked=[member_id for member_id, _ in people]),
            waiting=(members, buttons.save),
        )  # fmt: skip
        return dialog

    # --- the wall calendar ------------------------------------------------------------------------------
    def document(self) -> tuple[str, str]:
        # the printed calendar's HTML (core.printed, html's entity tables): loaded when it is printed or saved
        from fedclient.core.duty.calendar import duty_calendar_html

        return self.ops.read_now(duty_calendar_html, self.roster_key(), self.month.year, self.month.month)

    def print_calendar(self) -> None:
        from ..printing import preview_and_print  # printing (QtPrintSupport) is loaded when used

        preview_and_print(self, lambda: self.document()[1], landscape=True, footer=None)

    def save_pdf(self, path: str | None = None):
        from ..printing import save_document_pdf

        return save_document_pdf(self, self.document(), path, landscape=True)
