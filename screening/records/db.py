"""Where the records live: the database URL (SQLite in the user's data folder by default) and its engine."""
from __future__ import annotations

from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

APP_NAME = "petition-screening"
DB_FILE = "records.sqlite3"


def default_db_path() -> Path:
    """The embedded database file: <user data dir>/petition-screening/records.sqlite3 (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILE


def default_db_url() -> str:
    return f"sqlite:///{default_db_path()}"


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL from what a person typed: None → the default file; a plain path → SQLite;
    postgresql://… → the psycopg 3 driver (the one this project installs)."""
    if not url:
        return default_db_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, None for other databases or in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str | None) -> Engine:
    """An engine for `url`; SQLite files get their folder, WAL mode and a busy timeout.

    WAL lets the dashboard read while workers write; synchronous=NORMAL is WAL's recommended
    setting (a power cut may lose the last commits, never corrupt the file); the busy timeout
    makes concurrent writers from several worker processes wait their turn instead of failing.
    """
    url = normalise_url(url)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)
