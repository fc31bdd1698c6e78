"""What 首页 reads, as one function the operation runner calls off the GUI thread."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from fedclient.core.dashboard import Dashboard, load_dashboard


def load(session: Session, today: date) -> Dashboard:
    return load_dashboard(session, today)  # looked up at call time, so tests can substitute it
