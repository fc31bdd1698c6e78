"""The case list: a model over the case ids the core's SQL query gave, tinted by risk level."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fedclient.core.mediation import CaseRow

from .. import privacy
from ..id_list_model import IdListTableModel

RISK_TINTS = {"红": QColor("#f9d6d2"), "黄": QColor("#fcefc4"), "蓝": QColor("#dbe9f7")}
RISK_COLUMN = 5
OVERDUE_TEXT = QColor("#b03a2e")


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


COLUMNS = [
    ("案件编号", lambda r: r.number),
    ("受理日期", lambda r: _date(r.received_date)),
    ("纠纷类型", lambda r: r.dispute_type),
    ("来源", lambda r: r.source),
    ("当事人", lambda r: r.parties_masked if privacy.is_on() else r.parties),
    ("风险", lambda r: r.risk_level + (f"（{r.flags}）" if r.flags else "")),
    ("状态", lambda r: r.status + ("（超期）" if r.overdue else "")),
    ("调解员", lambda r: r.mediators),
    ("结果日期", lambda r: _date(r.outcome_date)),
    ("结案日期", lambda r: _date(r.closed_date)),
    ("回访", lambda r: r.followups or ""),
]


class CaseTableModel(IdListTableModel):
    def __init__(self, rows_by_ids, parent=None):
        super().__init__(COLUMNS, rows_by_ids, parent)

    def cell_role(self, item: CaseRow, column: int, role: int):
        if role == Qt.ItemDataRole.BackgroundRole:
            # The whole row carries a light tint of its risk; red rows stand out in a long list.
            tint = RISK_TINTS.get(item.risk_level)
            return (
                QBrush(tint)
                if tint is not None and (item.risk_level != "蓝" or column == RISK_COLUMN)
                else None
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and item.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None
