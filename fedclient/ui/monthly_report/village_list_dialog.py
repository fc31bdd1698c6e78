"""村名单与报送期限 (township side): the township's villages, typed one a line or read from a workbook, and the
day of the next month by which a month's workbook is due."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.monthly_report.reporting import clean_names
from fedclient.core.monthly_report.village_list import (
    get_deadline_day,
    get_villages,
    read_village_list,
    save_deadline_day,
    save_villages,
)
from fedclient.core.tabular import FILE_FILTER

from ..looks import make_primary, set_role
from ..operation import user_message
from ..operations import OperationRunner
from .export_dialog import remembered_folder

LIST_FOLDER_KEY = "consolidate/list_folder"


def save_list(session, names: list[str], day: int | None) -> list[str]:
    saved = save_villages(session, names)
    save_deadline_day(session, day)
    return saved


def read_list(session) -> tuple[list[str], int | None]:
    return get_villages(session), get_deadline_day(session)


class VillageListDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.saved: list[str] | None = None
        self.setWindowTitle("村名单与报送期限")
        self.resize(460, 520)
        names, day = ops.read_now(read_list)
        layout = QVBoxLayout(self)
        hint = QLabel("本乡镇的村（社区），每行一个。汇总时据此列出哪些村已报送、哪些村未报送。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.names = QPlainTextEdit("\n".join(names))
        layout.addWidget(self.names, 1)
        load = QPushButton("从表格导入…")
        load.clicked.connect(self._import)
        layout.addWidget(load)
        form = QFormLayout()
        self.day = QSpinBox()
        self.day.setRange(0, 31)
        self.day.setSpecialValueText("不设期限")
        self.day.setPrefix("次月 ")
        self.day.setSuffix(" 日")
        self.day.setValue(day or 0)
        form.addRow("报送期限：", self.day)
        layout.addLayout(form)
        note = QLabel("月报中的“生成时间”晚于期限当天的，算迟报。")
        set_role(note, "hint")
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        make_primary(buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole))
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def typed(self) -> list[str]:
        return clean_names(self.names.toPlainText().splitlines())

    def _import(self) -> None:
        start = QSettings().value(LIST_FOLDER_KEY) or str(remembered_folder())
        path, _ = QFileDialog.getOpenFileName(self, "选择村名单表格", str(start), FILE_FILTER)
        if path:
            QSettings().setValue(LIST_FOLDER_KEY, str(Path(path).parent))
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            names = read_village_list(path)
        except Exception as exc:  # noqa: BLE001 - any unreadable file: one sentence
            QMessageBox.warning(self, "村名单", f"无法读取“{path.name}”：{user_message(exc)}")
            return
        if not names:
            QMessageBox.warning(
                self, "村名单", f"“{path.name}”中没有找到村名（第一行写“村名”或“单位”的那一列）。"
            )
            return
        self.names.setPlainText("\n".join(names))

    def save(self) -> None:
        day = self.day.value() or None
        self.ops.write(save_list, self.typed(), day, changes=Area.SETTINGS, on_done=self._saved, parent=self)

    def _saved(self, names: list[str]) -> None:
        self.saved = names
        self.accept()
