"""帮助 → 关于 / 数据文件位置"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.paths import backup_dir_for, log_dir


def show_about(parent: QWidget, name: str, version: str) -> None:
    QMessageBox.about(
        parent,
        f"关于{name}",
        f"<h3>{name} {version}</h3>"
        "<p>为村（社区）妇联主席设计的离线工作台：执委花名册、一句话承诺与践诺、"
        "婚姻家庭矛盾纠纷调解台账、“1+2+N”网格服务，一次录入，月报和公示栏自动生成。</p>"
        "<p>全部数据只保存在本机，不需要联网。</p>",
    )


def show_locations(parent: QWidget, db_path: Path) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("数据文件位置")
    layout = QVBoxLayout(dialog)
    rows = [("数据文件", db_path), ("自动备份文件夹", backup_dir_for(db_path)), ("日志文件夹", log_dir())]
    for label, path in rows:
        text = QLabel(f"<b>{label}：</b><br>{path}")
        text.setTextInteractionFlags(
            text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse
        )
        layout.addWidget(text)
    open_button = QPushButton("打开数据文件所在文件夹")
    open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(db_path.parent))))
    layout.addWidget(open_button)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    from .forms import run_dialog

    run_dialog(dialog)
