"""The case list: a model over the case ids the core's SQL query gave, tinted by risk level."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fedclient.core.mediation import CaseRow

from .. import privacy
from ..id_list_model import IdListTableModel

RISK_TINTS = {"红": QColor("#f9d6d2"), "黄": QColor("#fcefc4"), "蓝": QColor("#dbe9f7")}
PARTIES_COLUMN, RISK_COLUMN, STATUS_COLUMN = 4, 5, 6
OVERDUE_TEXT = QColor("#b03a2e")


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


COLUMNS = [
    ("案件编号", lambda r: r.number),
    ("受理日期", lambda r: _date(r.received_date)),
    ("纠纷类型", lambda r: r.dispute_type),
    ("来源", lambda r: r.source),
    ("当事人", lambda r: r.parties),  # CaseTableModel masks them in 隐私模式
    ("风险", lambda r: r.risk_level + (f"（{r.flags}）" if r.flags else "")),
    ("状态", lambda r: r.status + ("（超期）" if r.overdue else "")),
    ("调解员", lambda r: r.mediators),
    ("结果日期", lambda r: _date(r.outcome_date)),
    ("结案日期", lambda r: _date(r.closed_date)),
    ("回访", lambda r: r.followups or ""),
]


COUNT = len(COLUMNS)
RISK_ROWS = {  # tints by column
    level: [QBrush(tint) if level != "蓝" or column == RISK_COLUMN else None for column in range(COUNT)]
    for level, tint in RISK_TINTS.items()
}
OVERDUE_ROW = [OVERDUE_TEXT if column == STATUS_COLUMN else None for column in range(COUNT)]  # text colours


class CaseTableModel(IdListTableModel):
    def __init__(self, rows_by_ids, parent=None):
        columns = list(COLUMNS)
        columns[PARTIES_COLUMN] = ("当事人", lambda r: r.parties_masked if self._masked else r.parties)
        super().__init__(columns, rows_by_ids, parent)
        self._masked = privacy.is_on()  # read once per list shown, not per row (~40 µs a read)

    def set_ids(self, ids, first_rows=()) -> None:
        self._masked = privacy.is_on()
        super().set_ids(ids, first_rows)

    def forget_looks(self) -> None:
        self._masked = privacy.is_on()
        super().forget_looks()

    def colours(self, item: CaseRow):
        # The whole row carries a light tint of its risk (blue only the risk column); red rows stand out.
        return (OVERDUE_ROW if item.overdue else None), RISK_ROWS.get(item.risk_level)

    def cell_role(self, item: CaseRow, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None
