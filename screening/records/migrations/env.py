"""Alembic environment: the connection comes from screening.records.migrate (config attribute)."""
from __future__ import annotations

from alembic import context

from screening.records.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only migrate.py runs these migrations
    raise RuntimeError("run migrations through screening.records.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
