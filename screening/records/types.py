"""A timestamp column that means UTC on every database (SQLite keeps no time zone of its own)."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

UTC = _dt.timezone.utc


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out.

    PostgreSQL's timestamptz keeps the instant; SQLite stores text without an offset, so the
    value is written as naive UTC there and marked UTC again when read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001, ANN201
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: records keep UTC instants")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):  # noqa: ANN001, ANN201
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
