"""个人信息: 导出此人信息 and 删除此人信息 for one member, person helped or mediation party (PIPL requests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from fedclient.core.changes import Area
from fedclient.core.paths import documents_dir
from fedclient.core.pipl import PERSON_KINDS

from .operation import user_message
from .operations import OperationRunner

ERASE_QUESTION = (
    "将删除“{name}”的个人信息：姓名、身份证号、电话、住址、情况说明等，各处文字中写到的她的姓名，"
    "以及修改记录中她的信息。\n\n"
    "她参与过的承诺、调解、服务等记录保留为匿名记录（显示为“（已删除）”），已报送的月报数字不会改变。\n\n"
    "注意：此前做的备份中仍有她的信息，直到这些备份按规则自动淘汰（每日备份保留 7 天，每周备份保留 4 周）；"
    "拷到 U 盘等处的备份需另行处理。\n\n删除后不能恢复。确定删除吗？"
)

NOT_CHOSEN = "请先在表中选中一位已保存的人员（新填写的需要先保存）。"


def person_button(
    ops: OperationRunner,
    kind: str,
    person_id: Callable[[], int | None],
    name: Callable[[], str],
    parent: QWidget,
    on_erased: Callable[[], None] | None = None,
) -> QPushButton:
    """A 个人信息 button whose menu exports or erases the person ``person_id()`` names (None: not saved)."""
    button = QPushButton("个人信息")
    menu = QMenu(button)
    menu.addAction("导出此人信息…", lambda: export_person_file(ops, kind, person_id(), name(), parent))
    menu.addAction(
        "删除此人信息…", lambda: erase_person_asked(ops, kind, person_id(), name(), parent, on_erased)
    )
    button.setMenu(menu)
    return button


def export_person_file(ops: OperationRunner, kind: str, person_id: int | None, name: str, parent: QWidget):
    from fedclient.core.pipl.export import export_person

    if person_id is None:
        QMessageBox.information(parent, "导出此人信息", NOT_CHOSEN)
        return
    default = str(documents_dir() / f"个人信息_{name}_{date.today():%Y%m%d}.xlsx")
    path, _ = QFileDialog.getSaveFileName(parent, "导出此人信息", default, "Excel 工作簿 (*.xlsx)")
    if not path:
        return
    ops.with_progress(
        "导出此人信息",
        lambda session, progress: export_person(session, kind, person_id, Path(path)),
        on_done=lambda _p: QMessageBox.information(
            parent,
            "导出完成",
            f"程序中保存的{PERSON_KINDS[kind]}“{name}”的全部信息已导出：\n{path}\n\n"
            "文件中有完整的身份证号和电话，请妥善交给本人，不要转发他人。",
        ),
        on_error=lambda e: QMessageBox.warning(parent, "未能导出", user_message(e)),
        parent=parent,
    )


def erase_person_asked(
    ops: OperationRunner,
    kind: str,
    person_id: int | None,
    name: str,
    parent: QWidget,
    on_erased: Callable[[], None] | None = None,
):
    from fedclient.core.pipl.erase import erase_person

    if person_id is None:
        QMessageBox.information(parent, "删除此人信息", NOT_CHOSEN)
        return
    answer = QMessageBox.question(
        parent,
        "删除此人信息",
        ERASE_QUESTION.format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return

    def done(_counts) -> None:
        QMessageBox.information(parent, "已删除", f"“{name}”的个人信息已删除。")
        if on_erased is not None:
            on_erased()

    ops.write(
        erase_person,
        kind,
        person_id,
        changes=Area.ALL,
        on_done=done,
        on_error=lambda e: QMessageBox.warning(parent, "未能删除", user_message(e)),
        parent=parent,
    )
