"""A roster file imported as the chair does it: read, previewed, applied (with the preview's options)."""

from __future__ import annotations

from datetime import date

from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import


def run_import(db, path, today: date, **options):
    table = load_roster(path)
    if options:
        table = table.with_options(**options)
    preview = db.run(plan_roster_import, table, today)
    db.run(apply_roster_import, preview, today)
    return preview
