"""Where the user's files live: per-user folders from platformdirs, never the repository."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path, user_documents_path, user_log_path

APP_DIR_NAME = "fedclient"


def data_dir() -> Path:
    return user_data_path(APP_DIR_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "fedclient.sqlite"


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database they protect, one folder per data file (backups/<file name>/)."""
    path = Path(db_path).resolve()
    return path.parent / "backups" / path.stem


def log_dir() -> Path:
    return user_log_path(APP_DIR_NAME, appauthor=False)


def documents_dir() -> Path:
    return user_documents_path()


def _shipped(name: str) -> Path:
    """A top-level folder of the project (``db/``, ``resources/``): beside the package in a checkout or an
    editable install, under ``<prefix>/share/fedclient/`` when installed from a wheel (pyproject data-files)."""
    beside = Path(__file__).resolve().parents[2] / name
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "fedclient" / name


def migrations_dir() -> Path:
    """The Alembic environment and revisions."""
    return _shipped("db")


def resources_dir() -> Path:
    return _shipped("resources")
