"""History rows that are not a record's change: a restore, a full ID number revealed, a person erased."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from fedclient.core.models import ChangeLog

from .source import get_source, set_source


def record_event(
    session: Session,
    action: str,
    kind: str,
    record_id: Any,
    label: str,
    changes: dict[str, list] | None = None,
) -> None:
    source = get_source(session)
    session.execute(
        insert(ChangeLog),
        {
            "at": datetime.now(),
            "action": action,
            "record_kind": kind,
            "record_id": str(record_id),
            "owner_kind": kind,
            "owner_id": str(record_id),
            "label": label,
            "changes": json.dumps(changes or {}, ensure_ascii=False),
            "source_kind": source.kind,
            "source_detail": source.detail,
        },
    )


def record_restore(session: Session, backup_name: str) -> None:
    """After a restore, in the restored file (whose own history came with it)."""
    set_source(session, "restore", backup_name)
    record_event(session, "restore", "database", "", f"从备份恢复：{backup_name}")


def reveal_id_number(session: Session, member_id: int) -> str:
    """The member's full ID number, for the one who clicked to see it; the look is recorded."""
    from fedclient.core.models import Member

    from .masking import mask_id

    member = session.get(Member, member_id)
    if member is None or not member.id_number:
        return ""
    record_event(
        session, "reveal", "members", member_id, member.name, {"id_number": [None, mask_id(member.id_number)]}
    )
    return member.id_number
