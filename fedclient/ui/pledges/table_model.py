"""The pledge list: a model over the pledge ids of the list, and a progress bar drawn in each row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from fedclient.core.pledges import PledgeRow
from fedclient.ui.id_list_model import IdListTableModel

PERCENT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS = {"已完成": "#1e7e34", "逾期未完成": "#c0392b", "进行中": "#1f5fa8", "未开始": "#666666"}


def _deadline(p: PledgeRow) -> str:
    return f"{p.deadline:%Y-%m-%d}"


COLUMNS = [
    ("姓名", lambda p: p.member_name),
    ("职务", lambda p: p.role),
    ("承诺内容", lambda p: p.content),
    ("完成时限", _deadline),
    ("进度", lambda p: f"{p.done_label}  {p.percent:g}%"),
    ("状态", lambda p: p.status),
]
SORT_KEYS = ["member", "role", "content", "deadline", "progress", "status"]  # pledges.query.sorts
CONTENT_COLUMN = 2
PROGRESS_COLUMN = 4
STATUS_COLUMN = 5


class PledgeTableModel(IdListTableModel):
    def __init__(self, rows_by_ids, parent=None):
        super().__init__(COLUMNS, rows_by_ids, parent)

    def cell_role(self, item: PledgeRow, column: int, role: int):
        if role == PERCENT_ROLE:
            return item.percent
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            return QColor(STATUS_COLOURS.get(item.status, "#000000"))
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Draws the percentage as a progress bar (red when overdue, green when done)."""

    def paint(self, painter, option, index: QModelIndex) -> None:
        percent = index.data(PERCENT_ROLE)
        if percent is None:
            return super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 5, -4, -5)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = int(round(percent))
        bar.text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        status = index.sibling(index.row(), STATUS_COLUMN).data()
        palette = option.palette
        palette.setColor(palette.ColorRole.Highlight, QColor(STATUS_COLOURS.get(status, "#1f5fa8")))
        bar.palette = palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
