"""Fixtures for the records tests: a migrated database on SQLite and, when a server is reachable,
on PostgreSQL (a fresh database per test module, dropped afterwards)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from screening.pipeline import Screener, default_screener
from screening.records.db import normalise_url

PG_ENV = "SCREENING_TEST_PG_URL"  # e.g. postgresql://user:pass@127.0.0.1/postgres (a role with CREATEDB)


@pytest.fixture(scope="session")
def screener() -> Screener:
    return default_screener()


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        reason = f"no PostgreSQL server for the tests: set {PG_ENV} (a role with CREATEDB; .ci/run sets it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; under CI=true the PostgreSQL tests must run")
        pytest.skip(reason)
    return normalise_url(url)


@pytest.fixture()
def pg_database_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    admin_url = _pg_admin_url()
    name = f"screening_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {type(exc).__name__}")
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """Each test that takes it runs once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.sqlite3'}"
    return request.getfixturevalue("pg_database_url")


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """argon2id with small cost parameters: the same algorithm and checks, at a fraction of the time
    (the real parameters take ~0.1-0.5 s a hash on purpose, and the lockout tests hash many times).
    The production hasher is checked in test_auth.test_production_hasher_is_argon2id_at_library_defaults."""
    from argon2 import PasswordHasher

    from screening.records import auth

    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    auth._dummy_hash.cache_clear()
    yield
    auth._dummy_hash.cache_clear()
