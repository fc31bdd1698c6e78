"""A combo box over thousands of choices (网格长: every serving member at county scale): the labels and values
are kept as two lists in a model, not as a Qt item (with its value wrapped) per choice; ``forms.fill_combo``,
``select_value``, ``currentData`` and ``findText`` work on it as on any combo box."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from .pairs_model import PairsModel


def long_combo() -> QComboBox:
    box = QComboBox()
    box.setModel(PairsModel(box))
    return box
