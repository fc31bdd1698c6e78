"""导出花名册: the whole roster as an xlsx the chair keeps or passes on (ID numbers optionally masked).

The header row is the first row, so an exported file can be imported again (导入花名册) unchanged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..history.masking import mask_id
from ..models import Member
from ..progress import Progress, no_progress
from ..vocab import MEMBER_STATUS, ROLES
from .office import ROLE_RANK

HEADERS = [
    "序号", "姓名", "性别", "出生日期", "民族", "身份证号", "联系电话", "文化程度", "政治面貌", "职务", "岗位",
    "专长", "所在组", "届次", "任职时间", "任期结束", "是否进村两委", "状态", "离任日期", "离任原因", "备注",
]  # fmt: skip
WIDTHS = {"姓名": 10, "身份证号": 21, "联系电话": 14, "出生日期": 12, "任职时间": 12, "任期结束": 12,
          "离任日期": 12, "岗位": 16, "专长": 14, "离任原因": 16, "备注": 24}  # fmt: skip


def roster_export_rows(session: Session, mask_ids: bool = False) -> list[list]:
    query = select(Member).order_by(Member.status, ROLE_RANK, Member.name_initials, Member.id)
    rows = []
    for n, m in enumerate(session.scalars(query), start=1):
        id_number = mask_id(m.id_number) if mask_ids else (m.id_number or "")
        rows.append(
            [
                n, m.name, m.gender, m.birth_date, m.ethnicity, id_number, m.phone, m.education,
                m.political_status, ROLES.get(m.role, m.role), m.post, m.specialty, m.group_name, m.term_label,
                m.term_start, m.term_end, m.in_village_committee, MEMBER_STATUS.get(m.status, m.status),
                m.left_date, m.left_reason, m.notes,
            ]
        )  # fmt: skip
    return rows


def export_roster(
    session: Session, path: Path | str, mask_ids: bool = False, progress: Progress = no_progress
) -> int:
    """Write the roster to ``path`` (xlsx); returns the number of people written."""
    from openpyxl import Workbook  # loaded when a file is written, not when the window starts

    from ..excel import save_workbook, write_table

    progress(0, 0, "正在读取花名册……")
    rows = roster_export_rows(session, mask_ids)
    progress(0, 0, f"正在写入 {len(rows)} 人……")
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    write_table(ws, HEADERS, rows, text_columns=("身份证号", "联系电话"), widths=WIDTHS)
    progress(0, 0, "正在保存文件……")
    save_workbook(wb, path)  # never a half-written workbook under the chosen name
    return len(rows)


def default_file_name(village: str, today: date | None = None) -> str:
    today = today or date.today()
    return f"{village}妇联花名册_{today:%Y%m%d}.xlsx"
