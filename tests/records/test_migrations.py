"""Migrations run up and down on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

from sqlalchemy import inspect

from screening.records import migrate
from screening.records.db import make_engine
from screening.records.models import Base

TABLES = {"records", "record_findings", "outcomes", "users"}


def test_migrations_up_down_up(db_url):
    engine = make_engine(db_url)
    try:
        assert migrate.current(engine) is None
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head() == "0001"
        assert TABLES <= set(inspect(engine).get_table_names())

        migrate.downgrade(engine, "base")
        assert migrate.current(engine) is None
        assert not TABLES & set(inspect(engine).get_table_names())

        migrate.upgrade(engine)
        assert TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(db_url):
    """What the migration builds is what the models expect: same tables, columns and nullability."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        insp = inspect(engine)
        for table in Base.metadata.sorted_tables:
            built = {c["name"]: c["nullable"] for c in insp.get_columns(table.name)}
            expected = {c.name: c.nullable for c in table.columns}
            assert built == expected, table.name
    finally:
        engine.dispose()


def test_sqlite_file_is_in_wal_mode(tmp_path):
    engine = make_engine(str(tmp_path / "r.sqlite3"))
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()
