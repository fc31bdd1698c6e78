"""What a township form can be filled with: the monthly workbook's own numbers and rows (``monthly_report``'s
``collect``, never computed a second time), the village profile, and the report's facts (period, date).

A *key* names one value or one table: ``指标:执委人数``, ``资料:填报单位``, ``表:执委名册`` ... ``KEY_LABELS`` is
the list the chair picks from when the program did not understand a label or a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..monthly_report.data import ReportData, collect
from ..monthly_report.layout import CASES, INDICATORS, LEDGERS, MEETINGS, PLEDGES, ROSTER, SERVICES
from ..synonyms import PROFILE_WORDS

INDICATOR = "指标:"
PROFILE = "资料:"
TABLE = "表:"
SKIP = "不填"

VOLUNTEERS = "巾帼志愿者名单"
EXECUTIVES = "执委名单"
COUNCIL = "议事会成员名单"
EXECUTIVE_LABELS = ("主席", "专职副主席", "兼职副主席", "执委")
# The tables a form's table can be filled with, and the ledger of the monthly workbook each one comes from.
TABLES: dict[str, str] = {
    ROSTER: ROSTER,
    EXECUTIVES: ROSTER,
    VOLUNTEERS: ROSTER,
    COUNCIL: ROSTER,
    PLEDGES: PLEDGES,
    CASES: CASES,
    SERVICES: SERVICES,
    MEETINGS: MEETINGS,
}
TABLE_NOTES = {
    ROSTER: "月报“执委名册”的全部人员",
    EXECUTIVES: "月报“执委名册”中在任的主席、副主席和执委",
    VOLUNTEERS: "月报“执委名册”中在任的巾帼志愿者",
    COUNCIL: "月报“执委名册”中在任的妇女议事会成员",
    PLEDGES: "月报“承诺践诺”（本年全部承诺）",
    CASES: "月报“调解台账”（当事人姓名已隐去）",
    SERVICES: "月报“网格服务”（本月）",
    MEETINGS: "月报“议事会”（本月）",
}


def key_label(key: str) -> str:
    """How a key is shown: '指标:执委人数' -> '执委人数（月报指标）'."""
    for prefix, kind in ((INDICATOR, "月报指标"), (PROFILE, "基本资料"), (TABLE, "月报表格")):
        if key.startswith(prefix):
            return f"{key[len(prefix) :]}（{kind}）"
    return "不填（跳过）" if key == SKIP else key


VALUE_KEYS: tuple[str, ...] = (
    *(INDICATOR + name for name in INDICATORS),
    *(PROFILE + name for name in PROFILE_WORDS),
)
TABLE_KEYS: tuple[str, ...] = tuple(TABLE + name for name in TABLES)


@dataclass
class Sources:
    data: ReportData
    today: date

    @property
    def year(self) -> int:
        return self.data.year

    def value(self, key: str) -> Any:
        if key.startswith(INDICATOR):
            return self.data.indicators[key[len(INDICATOR) :]]
        return self.profile_value(key[len(PROFILE) :])

    def profile_value(self, name: str) -> Any:
        p, d = self.data.profile, self.data
        return {
            "填报单位": f"{p.village}妇联" if p.village else "",
            "村(社区)": p.village,
            "乡镇(街道)": p.township,
            "县(区)": p.county,
            "填报人": p.chair_name,
            "主席姓名": p.chair_name,
            "联系电话": p.chair_phone,
            "填报日期": self.today,
            "报告期": f"{d.year}年{d.month:02d}月",
            "年度": d.year,
        }[name]

    def source(self, key: str) -> str:
        """Where a value comes from, for the preview."""
        if key.startswith(INDICATOR):
            return f"月报“汇总”：{key[len(INDICATOR) :]}"
        name = key[len(PROFILE) :]
        if name in ("填报日期",):
            return "今天的日期"
        if name in ("报告期", "年度"):
            return "填写的月份"
        return f"村妇联基本资料：{name}"

    def table(self, name: str) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
        """The columns and rows (column -> value) of one of ``TABLES``."""
        ledger = TABLES[name]
        columns = LEDGERS[ledger]
        rows = [dict(zip(columns, row, strict=False)) for row in self.data.ledgers[ledger]]
        if name != ledger:
            wanted = {
                EXECUTIVES: EXECUTIVE_LABELS,
                VOLUNTEERS: ("巾帼志愿者",),
                COUNCIL: ("妇女议事会成员",),
            }[name]
            rows = [r for r in rows if r["职务"] in wanted and r["状态"] == "在任"]
            for i, r in enumerate(rows, 1):
                r["序号"] = i
        return columns, rows


def gather(
    session: Session, year: int, month: int, mask_names: bool = True, today: date | None = None
) -> Sources:
    return Sources(collect(session, year, month, mask_names=mask_names), today or date.today())
