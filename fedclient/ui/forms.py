"""The pieces every edit form is built from: one way to show why a record cannot be saved, one date input,
one combo helper and one 保存 / 删除 / 取消 row.

``Form`` knows each input by the field name the core service uses. When a save is refused (``SaveRefused``,
field -> Chinese message) each message appears in red under its input, whose border turns red; a message
for the whole record (the "" key, or a field the form does not show) appears at the top; warnings appear in
amber. Nothing the user typed is touched, and a message goes away as soon as its input is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.refusal import SaveRefused

from .date_input import DATE_HINT, DateInput, OptionalDate
from .looks import make_primary, mark_invalid, set_role
from .operation import user_message
from .operations import OperationRunner
from .pairs_model import PairsModel

__all__ = [
    "DATE_HINT", "ButtonRow", "DateInput", "FieldBox", "Form", "OptionalDate", "choices", "combo",
    "combo_value", "fill_combo", "message_label", "open_dialog", "run_dialog", "select_value",
]  # fmt: skip


def open_dialog(dialog: QDialog, modal: bool = True) -> QDialog:
    """Shows ``dialog`` (window-modal, or a window of its own with ``modal`` False) and deletes it once closed. A
    dialog made with a page as its parent would otherwise stay, hidden, for the rest of the session: the member
    dialog ~5 MiB each time it is opened."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if modal:
        dialog.open()
    else:
        dialog.show()
    return dialog


def run_dialog(dialog: QDialog, read: Callable[[Any], Any] = lambda _dialog: True) -> Any:
    """Runs ``dialog`` until the chair closes it (``exec``: for a step whose answer the caller waits for) and
    deletes it afterwards, as ``open_dialog`` does: ``read(dialog)``, read while the dialog still exists, when
    she accepted it (True without ``read``), else None."""
    try:
        return read(dialog) if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        if shiboken6.isValid(dialog):
            dialog.deleteLater()


def message_label(role: str = "error") -> QLabel:
    label = QLabel()
    set_role(label, role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


# --- one field with its message ------------------------------------------------------------------------
class FieldBox(QWidget):
    """An input with its Chinese message underneath: red for an error, amber for a warning."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.widget = widget
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.message)

    def show_message(self, error: str = "", warnings: list[str] | None = None) -> None:
        text = error or "；".join(warnings or [])
        set_role(self.message, "error" if error else "warning")
        mark_invalid(self.widget, bool(error))
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def has_error(self) -> bool:
        return not self.message.isHidden() and self.message.property("role") == "error"


def _edited_signal(widget: QWidget):
    """The signal a widget gives when the user changes it (so its message can go away)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return getattr(widget, "changed", None)  # CheckList, OptionalDate, ... (a Signal named changed)


class Form(QObject):
    """The inputs of one record by field name, and the messages of a refused save beside them."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.owner = parent
        self.top = message_label()  # the caller puts it at the top of the form
        self.boxes: dict[str, FieldBox] = {}
        self._aliases: dict[str, str] = {}

    def field(self, name: str, widget: QWidget, *also: str) -> FieldBox:
        """Register ``widget`` as field ``name``; messages for the ``also`` names go to it too."""
        box = FieldBox(widget)
        self.boxes[name] = box
        for other in also:
            self._aliases[other] = name
        signal = _edited_signal(widget)
        if signal is not None:
            signal.connect(lambda *_: self._edited(name))
        return box

    def box(self, name: str) -> FieldBox | None:
        return self.boxes.get(self._aliases.get(name, name))

    def _edited(self, name: str) -> None:
        box = self.boxes[name]
        if box.has_error:
            box.show_message()

    # --- showing -----------------------------------------------------------------------------------------
    def clear(self) -> None:
        for box in self.boxes.values():
            box.show_message()
        self.top.hide()
        self.top.clear()

    def show(
        self,
        errors: Mapping[str, str],
        warnings: Mapping[str, list[str]] | Iterable[str] | None = None,
        focus: bool = True,
    ) -> bool:
        """Show every message (replacing the ones shown before); True when there is no error. With ``focus``
        (a save was refused) the first field in error comes into view with the cursor in it; without (checking
        while she types) the cursor stays where she is."""
        self.clear()
        per_field = dict(warnings) if isinstance(warnings, Mapping) else {}
        top_warnings = [] if isinstance(warnings, Mapping) or warnings is None else list(warnings)
        top_errors: list[str] = []
        first: FieldBox | None = None
        for name, message in errors.items():
            box = self.box(name) if name else None
            if box is None:
                top_errors.append(message)
            elif box.has_error:  # two fields shown by one input
                box.show_message(f"{box.message.text()}；{message}")
            else:
                box.show_message(message)
                first = first or box
        for name, texts in per_field.items():
            box = self.box(name)
            if box is None:
                top_warnings.extend(texts)
            elif not box.has_error:
                box.show_message("", texts)
        pages = list(dict.fromkeys(p for b in self.boxes.values() if b.has_error and (p := _page_title(b))))
        if len(pages) > 1:  # the other pages' messages are not in sight: say where they are
            top_errors.insert(0, f"请修改以下各页中标红的内容：{'、'.join(pages)}")
        lines = list(dict.fromkeys(top_errors + top_warnings))
        if lines:
            self.top.setText("\n".join(lines))
            set_role(self.top, "error" if top_errors else "warning")
            self.top.show()
        if first is not None and focus:
            self._bring_into_view(first)
        self._make_room()
        return not errors

    def _make_room(self) -> None:
        """A dialog grows to show the messages rather than squeezing its inputs."""
        window = self.owner.window()
        if isinstance(window, QDialog) and window.layout() is not None:
            window.layout().activate()
            needed = window.sizeHint().height()
            if window.isVisible() and window.height() < needed:
                window.resize(window.width(), needed)

    def show_error(self, exc: BaseException) -> None:
        """Where a failed save ends: a refusal beside its fields, anything else at the top; typing kept."""
        if isinstance(exc, SaveRefused):
            self.show(exc.errors, exc.warnings)
            return
        self.show({"": f"未能保存，填写的内容仍在窗口中：{user_message(exc)}"})  # the runner logged it

    def _bring_into_view(self, box: FieldBox) -> None:
        """Switch to the tab page holding ``box`` and put the cursor in it."""
        child: QWidget | None = box
        while child is not None and child is not self.owner:
            parent = child.parentWidget()
            if isinstance(parent, QStackedWidget):
                tabs = parent.parentWidget()  # a QTabWidget's pages sit in its own stack
                (tabs if isinstance(tabs, QTabWidget) else parent).setCurrentWidget(child)
            child = parent
        box.widget.setFocus()

    def has_errors(self) -> bool:
        return any(box.has_error for box in self.boxes.values()) or (
            not self.top.isHidden() and self.top.property("role") == "error"
        )

    def date_errors(self) -> dict[str, str]:
        """The date inputs whose text is not a date, with the message for each."""
        return {
            name: box.widget.error()
            for name, box in self.boxes.items()
            if isinstance(box.widget, DateInput | OptionalDate)
            and box.widget.isEnabled()
            and box.widget.error()
        }

    # --- saving ------------------------------------------------------------------------------------------
    def submit(
        self,
        ops: OperationRunner,
        fn: Callable[..., Any],
        *args: Any,
        changes: Area | None,
        on_done: Callable[[Any], None],
    ) -> None:
        """Save through the window's operation runner: ``fn(session, *args)`` runs off the GUI thread and
        ``changes`` is announced once it committed. On success ``on_done(result)``; a refusal (or any other
        failure) comes back here and is shown beside the fields, with the typing kept."""
        self.clear()
        ops.write(fn, *args, changes=changes, on_done=on_done, on_error=self.show_error, parent=self.owner)


def _page_title(widget: QWidget) -> str:
    """The title of the tab page holding ``widget`` ("" when it is not on a tab page)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            return tabs.tabText(tabs.indexOf(child))
        child, parent = parent, parent.parentWidget()
    return ""


# --- one combo helper ----------------------------------------------------------------------------------
def choices(items: Mapping[Any, str] | Iterable[Any]) -> list[tuple[str, Any]]:
    """(label, value) pairs: from a {value: label} mapping, from plain strings (label = value) or pairs."""
    if isinstance(items, Mapping):
        return [(label, value) for value, label in items.items()]
    return [item if isinstance(item, tuple) else (str(item), item) for item in items]


def fill_combo(box: QComboBox, pairs: Iterable[tuple[str, Any]], value: Any = None) -> None:
    """Fill ``box`` with (label, value) pairs and select ``value`` (by default the value selected before, else
    the first item). Quietly: refilling a filter does not count as the chair choosing something."""
    keep = box.currentData() if value is None else value
    was_blocked = box.blockSignals(True)
    try:
        if isinstance(box.model(), PairsModel):
            box.model().set_pairs(pairs)
        else:
            box.clear()
            for label, item_value in pairs:
                box.addItem(label, item_value)
        if not select_value(box, keep) and box.count():
            box.setCurrentIndex(0)
    finally:
        box.blockSignals(was_blocked)


def combo(pairs: Iterable[tuple[str, Any]] = (), value: Any = None, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    fill_combo(box, pairs, value)
    return box


def select_value(box: QComboBox, value: Any) -> bool:
    """Select the item holding ``value``; an editable box shows an unknown value as typed text."""
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)
        return True
    if box.isEditable() and value not in (None, ""):
        box.setEditText(str(value))
        return True
    return False


def combo_value(box: QComboBox) -> Any:
    """The selected value; for an editable box, what was typed when it is not one of the items."""
    if box.isEditable() and box.findText(box.currentText()) < 0:
        return box.currentText().strip()
    return box.currentData()


# --- one save/delete button row -------------------------------------------------------------------------
class ButtonRow(QWidget):
    """删除 on the left (it asks first), 取消 and 保存 on the right; 保存 is the default button.

    ``delete_what`` names the record in the question ("确定删除2号网格吗？"); ``delete_note`` says what else
    happens. Without ``cancel_text`` (a form inside a page) there is no 取消."""

    save_clicked = Signal()
    delete_confirmed = Signal()
    cancel_clicked = Signal()

    def __init__(
        self,
        save_text: str = "保存",
        cancel_text: str | None = "取消",
        delete_text: str | None = None,
        delete_note: str = "删除后不能恢复。",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.delete_what = "这条记录"
        self.delete_note = delete_note
        self.save = QPushButton(save_text)
        make_primary(self.save)
        self.save.setDefault(True)
        self.cancel = QPushButton(cancel_text or "取消")
        self.cancel.setVisible(cancel_text is not None)
        self.delete = QPushButton(delete_text or "删除")
        self.delete.setVisible(delete_text is not None)
        self.history = QPushButton("修改记录")  # shown by offer_history once the record exists
        self.history.setVisible(False)
        self._history_of: tuple | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.delete)
        layout.addWidget(self.history)
        layout.addStretch(1)
        layout.addWidget(self.cancel)
        layout.addWidget(self.save)
        self.save.clicked.connect(self.save_clicked)
        self.cancel.clicked.connect(self.cancel_clicked)
        self.delete.clicked.connect(self._confirm_delete)
        self.history.clicked.connect(self._show_history)

    def add_left(self, widget: QWidget) -> None:
        """Another button beside 删除 and 修改记录 (个人信息)."""
        self.layout().insertWidget(2, widget)

    def offer_history(self, ops: Any, kind: str, record_id: int | None, title: str = "") -> None:
        """The 修改记录 button for this record (a table name of the history, e.g. "members"); hidden while
        the record is new (``record_id`` None)."""
        self._history_of = (ops, kind, record_id, title) if record_id is not None else None
        self.history.setVisible(record_id is not None)

    def _show_history(self) -> None:
        if self._history_of is None:
            return
        from .history.record_dialog import RecordHistoryDialog

        ops, kind, record_id, title = self._history_of
        dialog = RecordHistoryDialog(ops, kind, record_id, title, self.window())
        open_dialog(dialog)

    def _confirm_delete(self) -> None:
        answer = QMessageBox.question(
            self,
            self.delete.text(),
            f"确定删除{self.delete_what}吗？{self.delete_note}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_confirmed.emit()
