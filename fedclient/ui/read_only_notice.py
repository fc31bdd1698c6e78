"""At start, a data file the program may not write (its "只读" attribute, a read-only folder or disk) is said at
once in a band above the tabs: she can look but not save, why, and what to do. The window is not held up, and the
band closes with 知道了. (Saving would be refused anyway, with the same reason, but only at her first save.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from fedclient.core.db_faults import read_only_reason

from .looks import set_role

BAND_COLOUR = "#fff4d6"  # pale amber, behind the warning role's amber text
WHAT_TO_DO = {
    True: "请关闭程序，在数据文件的“属性”中去掉“只读”，再重新打开。",
    False: "请关闭程序，请管理员给这个文件夹写入权限后再打开。",
}


def notice_text(path: Path, reason: str) -> str:
    file_itself = reason.startswith("数据文件是")
    return (
        f"只能查看，不能保存：{reason}（{path}）。现在可以查看所有记录，但修改、导入和设置都无法保存。"
        + WHAT_TO_DO[file_itself]
    )


class ReadOnlyBand(QFrame):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BAND_COLOUR))
        self.setPalette(palette)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = set_role(QLabel(text), "warning")
        self.label.setWordWrap(True)
        self.dismiss = QPushButton("知道了")
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)


def warn_if_read_only(window: QMainWindow, path: Path) -> bool:
    """Puts the band above ``window``'s tabs when the data file at ``path`` cannot be written; True then."""
    reason = read_only_reason(Path(path))
    if reason is None:
        return False
    tabs = window.takeCentralWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    window.read_only_band = ReadOnlyBand(notice_text(Path(path), reason), holder)
    layout.addWidget(window.read_only_band)
    layout.addWidget(tabs, 1)
    window.setCentralWidget(holder)
    if window.isVisible():  # (at start it is not shown yet; the band shows with it)
        holder.show()
    return True
