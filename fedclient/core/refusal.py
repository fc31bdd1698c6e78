"""The one shape of "this record cannot be saved as typed": field name -> Chinese message, plus warnings.

Every service that refuses a save raises ``SaveRefused`` (or a per-domain subclass of it) before anything is
written. The field names are the ones the dialogs know, so one form helper can put each message beside its
input; the "" key holds a message about the whole record (e.g. "该案件已被删除").
"""

from __future__ import annotations

from collections.abc import Iterable


class SaveRefused(ValueError):
    def __init__(self, errors: dict[str, str], warnings: list[str] | None = None):
        self.errors = {name: message for name, message in errors.items() if message}
        self.warnings = list(warnings or [])
        super().__init__("；".join(self.errors.values()) or "；".join(self.warnings))

    @classmethod
    def whole(cls, message: str) -> SaveRefused:
        """A refusal about the record as a whole, not one of its fields."""
        return cls({"": message})

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], warnings: list[str] | None = None) -> SaveRefused:
        """From (field, message) pairs; several messages for one field are joined with "；"."""
        errors: dict[str, str] = {}
        for name, message in pairs:
            errors[name] = f"{errors[name]}；{message}" if name in errors else message
        return cls(errors, warnings)

    @property
    def field(self) -> str:
        """The first field named (where the dialog puts the cursor); "" for the whole record."""
        return next(iter(self.errors), "")


def refuse_if(errors: dict[str, str], cls: type[SaveRefused] = SaveRefused) -> None:
    """Raise ``cls(errors)`` when any field has a message; do nothing otherwise."""
    if any(errors.values()):
        raise cls(errors)
