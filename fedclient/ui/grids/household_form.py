"""The 住户 page's quick-entry form: type a name, Enter, address, Enter … the last field's Enter saves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from fedclient.core.vocab import HOUSEHOLD_TAGS

from ..forms import ButtonRow, Form

if TYPE_CHECKING:
    from .household_page import HouseholdPage


def build_entry_form(page: HouseholdPage) -> QGroupBox:
    """The quick-entry form under the list, its fields set on ``page`` (``page.f_name`` …)."""
    page.form_box = QGroupBox("录入住户（回车跳到下一项，最后一项回车即保存）")
    page.f_name = QLineEdit()
    page.f_name.setPlaceholderText("户主或联系妇女")
    page.f_address = QLineEdit()
    page.f_address.setPlaceholderText("如 3组12号、2栋1单元301")
    page.f_size = QSpinBox()
    page.f_size.setRange(1, 30)
    page.f_phone = QLineEdit()
    page.f_grid = QComboBox()
    page.f_notes = QLineEdit()
    page.f_tags = {tag: QCheckBox(tag) for tag in HOUSEHOLD_TAGS}
    tags = QHBoxLayout()
    for box in page.f_tags.values():
        tags.addWidget(box)
    tags.addStretch()
    tags_box = QWidget()
    tags_box.setLayout(tags)
    tags.setContentsMargins(0, 0, 0, 0)
    page.form = Form(page)
    page.buttons = ButtonRow(save_text="保存住户", cancel_text=None)
    page.buttons.save_clicked.connect(page.save)
    page.save_button = page.buttons.save
    page.new_button = QPushButton("新增")
    page.new_button.clicked.connect(lambda: page.clear_form(keep_prefix=False))
    grid = QGridLayout(page.form_box)
    top = Qt.AlignmentFlag.AlignTop
    for row, col, label, name, widget in (
        (0, 0, "户主/联系人", "contact_name", page.f_name),
        (0, 2, "住址", "address", page.f_address),
        (0, 4, "人数", "size", page.f_size),
        (0, 6, "电话", "phone", page.f_phone),
        (1, 0, "网格", "grid_id", page.f_grid),
        (1, 2, "标签", "tags", tags_box),
    ):
        text = QLabel(label)
        text.setMinimumHeight(page.f_name.sizeHint().height())
        grid.addWidget(text, row, col, top)
        grid.addWidget(page.form.field(name, widget), row, col + 1, top)
    grid.addWidget(QLabel("备注"), 1, 4, top)
    grid.addWidget(page.form.field("notes", page.f_notes), 1, 5, 1, 3, top)
    bottom = QHBoxLayout()
    bottom.addWidget(page.form.top, 1)
    bottom.addWidget(page.new_button)
    bottom.addWidget(page.buttons)
    grid.addLayout(bottom, 2, 0, 1, 8)
    for edit in (page.f_name, page.f_address, page.f_phone):
        edit.returnPressed.connect(page.focusNextChild)
    page.f_size.lineEdit().returnPressed.connect(page.focusNextChild)
    page.f_notes.returnPressed.connect(page.save)
    QShortcut(QKeySequence("Ctrl+Return"), page.form_box, activated=page.save)
    page.setTabOrder(page.f_name, page.f_address)
    page.setTabOrder(page.f_address, page.f_size)
    page.setTabOrder(page.f_size, page.f_phone)
    page.setTabOrder(page.f_phone, page.f_notes)
    return page.form_box
