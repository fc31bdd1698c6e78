"""At start, a data file the program may not write (its "只读" attribute, a read-only folder or disk) is said at
once, in amber beside the menus: she can look but not save, and why; 怎么办？ beside it says what to do (the same
words in its tooltip). The window is not held up, and nothing is added to its height (a village laptop's screen has
no pixel to spare). Saving would be refused anyway, with the same reason, but only at her first save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from fedclient.core.db_faults import read_only_reason

from .looks import ROLE_COLOURS

TITLE = "只能查看，不能保存"
WHAT_TO_DO = {
    True: "请关闭程序，在数据文件的“属性”中去掉“只读”，再重新打开。",
    False: "请关闭程序，请管理员给这个文件夹写入权限后再打开。",
}


def details(path: Path, reason: str) -> str:
    """The whole sentence: what she can do now, why, and what to do."""
    return (
        f"{reason}（{path}），这次打开只能查看：可以查看所有记录，但修改、导入和设置都无法保存。"
        + WHAT_TO_DO[reason.startswith("数据文件是")]
    )


def warn_if_read_only(window: QMainWindow, path: Path) -> bool:
    """Puts the notice beside ``window``'s menus when the data file at ``path`` cannot be written; True then."""
    path = Path(path)
    reason = read_only_reason(path)
    if reason is None:
        return False
    text = details(path, reason)
    colour = ROLE_COLOURS["warning"]  # (in the text: a menu bar's style draws its own palette)
    notice = QLabel(
        f"<span style='color:{colour}'><b>{TITLE}</b>：{reason}。</span><a href='what'>怎么办？</a>"
    )
    notice.setProperty("role", "warning")
    notice.setTextFormat(Qt.TextFormat.RichText)
    notice.setContentsMargins(0, 0, 10, 0)
    notice.setToolTip(text)
    notice.linkActivated.connect(lambda _link: QMessageBox.information(window, TITLE, text))
    window.read_only_notice = notice
    window.menuBar().setCornerWidget(notice, Qt.Corner.TopRightCorner)
    notice.show()  # (shown with the window; at once when it is up already)
    return True
