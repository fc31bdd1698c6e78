"""What 首页 reads, as one function the operation runner calls off the GUI thread.

The dashboard module (and through it SQLAlchemy and every domain's queries) is imported here, by the worker,
the first time: the window has shown by then.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from fedclient.core.dashboard import Dashboard


def load(session: Session, today: date) -> Dashboard:
    from fedclient.core import dashboard

    return dashboard.load_dashboard(session, today)  # looked up at call time, so tests can substitute it
