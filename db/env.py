"""Alembic environment. The program passes an open connection (foreign keys off) in ``config.attributes``.

Every revision runs in the caller's ONE transaction (``transaction_per_migration=False``): SQLite's DDL is
transactional, so a killed upgrade leaves the file at its old revision, never half-made.
"""

from alembic import context
from sqlalchemy import engine_from_config, pool

from fedclient.core.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:  # developer use: `alembic -c db/alembic.ini -x url=sqlite:///file revision --autogenerate`
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = engine_from_config({"sqlalchemy.url": url}, poolclass=pool.NullPool)
    with engine.connect() as conn:
        run_with(conn)
