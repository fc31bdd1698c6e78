#!/usr/bin/env bash
# Before the first release only: rewrite db/versions/0002 (the domain tables) from the models.
# Once a release has shipped, never rewrite a revision: add a new one (see db/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f db/versions/0002_*.py
.venv/bin/alembic -c db/alembic.ini -x "url=sqlite:///$tmp/at-0001.sqlite" upgrade 0001 >/dev/null
.venv/bin/alembic -c db/alembic.ini -x "url=sqlite:///$tmp/at-0001.sqlite" revision --autogenerate \
    --rev-id 0002 -m "domain tables" >/dev/null
rm -rf "$tmp"
.venv/bin/ruff format -q db/versions
echo "rewrote $(ls db/versions/0002_*.py)"
