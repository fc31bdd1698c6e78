"""The chair's assignments for a form, remembered by the form's layout (``fill.fingerprint``), not its file
name: next month the same form from the township fills with one click."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from ..models import Setting

KEY = "form_layout:{fingerprint}"


def remembered(session: Session, fingerprint: str) -> dict[str, str]:
    row = session.get(Setting, KEY.format(fingerprint=fingerprint))
    if row is None:
        return {}
    try:
        value = json.loads(row.value)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def remember(session: Session, fingerprint: str, assignments: dict[str, str]) -> None:
    """Store (or, with more labels assigned, extend) what the chair picked for this layout."""
    merged = {**remembered(session, fingerprint), **assignments}
    key = KEY.format(fingerprint=fingerprint)
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    session.add(row)
