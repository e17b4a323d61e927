"""Recording as a front end turns it on: settings (from `screening serve` options or the environment
its worker processes inherit) and the store, accounts and session signer they open together."""
from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Sequence
from collections.abc import Mapping
from dataclasses import dataclass

from screening.records.auth import Accounts, SessionSigner
from screening.records.policy import DEFAULT_RETAIN_DAYS
from screening.records.store import Decision, RecordsError, RecordStore, RecordView
from screening.records.writer import ProcessRecordWriter, RecordWriter
from screening.report import Report

log = logging.getLogger("screening.web.records")

# `screening serve` sets these for its workers, like SCREENING_MODEL.
RECORD_ENV = "SCREENING_RECORD"
DB_ENV = "SCREENING_DB"
KEEP_TEXT_ENV = "SCREENING_KEEP_TEXT"
RETAIN_DAYS_ENV = "SCREENING_RETAIN_DAYS"
OFFICE_ENV = "SCREENING_OFFICE"
SESSION_SECRET_ENV = "SCREENING_SESSION_SECRET"
DEFAULT_OFFICE = "office"


@dataclass(frozen=True)
class RecordingSettings:
    db_url: str | None = None  # None: the SQLite file in the user's data folder
    office_id: str = DEFAULT_OFFICE
    keep_text: bool = False
    retain_days: int = DEFAULT_RETAIN_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "RecordingSettings | None":
        """The settings the serving process was started with; None when recording is off."""
        if env.get(RECORD_ENV) != "1":
            return None
        return cls(
            db_url=env.get(DB_ENV) or None,
            office_id=env.get(OFFICE_ENV) or DEFAULT_OFFICE,
            keep_text=env.get(KEEP_TEXT_ENV) == "1",
            retain_days=int(env.get(RETAIN_DAYS_ENV) or DEFAULT_RETAIN_DAYS),
        )

    def to_env(self) -> dict[str, str]:
        env = {RECORD_ENV: "1", OFFICE_ENV: self.office_id, KEEP_TEXT_ENV: "1" if self.keep_text else "0",
               RETAIN_DAYS_ENV: str(self.retain_days)}
        if self.db_url:
            env[DB_ENV] = self.db_url
        return env


class Recording:
    """What the web app holds in `app.state.records` while recording is on."""

    def __init__(self, store: RecordStore, session_secret: str | None = None, *, writer_process: bool = False) -> None:
        self.store = store
        # The served app writes from a child process (see screening.records.writer); a thread is
        # enough elsewhere and starts faster.
        self.writer = ProcessRecordWriter(store, _url(store)) if writer_process else RecordWriter(store)
        self.accounts = Accounts(store.sessions, clock=store.clock)
        self.signer = SessionSigner(session_secret or os.environ.get(SESSION_SECRET_ENV) or secrets.token_urlsafe(32))

    @classmethod
    def open(cls, settings: RecordingSettings, *, migrate_to_head: bool = True,
             session_secret: str | None = None, writer_process: bool = False) -> "Recording":
        store = RecordStore.open(settings.db_url, migrate_to_head=migrate_to_head, office_id=settings.office_id,
                                 keep_text=settings.keep_text, retain_days=settings.retain_days)
        return cls(store, session_secret, writer_process=writer_process)

    def record(self, report: Report, text: str) -> str | None:
        """Queue one screening for the background writer; returns its reference at once, or None
        when it could not even be queued (the citizen still gets the report). Only the exception
        type is logged: a database error can quote the row it held."""
        try:
            return self.writer.submit(report, text)
        except Exception as exc:  # noqa: BLE001 - recording must never cost the screening
            log.error("record not written: %s", type(exc).__name__)
            return None

    def find(self, reference: str) -> list[RecordView]:
        self.writer.flush()
        return self.store.find(reference)

    def decide(self, reference: str, decisions: Sequence[Decision], wait_s: float = 3.0) -> RecordView:
        """The expert's decisions on a screening that was just recorded, perhaps by another worker
        process whose writer has not committed it yet: wait a little for it before giving up."""
        self.writer.flush()
        deadline = time.monotonic() + wait_s
        while True:
            try:
                return self.store.decide(reference, decisions)
            except RecordsError as exc:
                if exc.code != "not_found" or time.monotonic() > deadline:
                    raise
            time.sleep(0.05)

    @property
    def keep_text(self) -> bool:
        return self.store.keep_text

    def close(self) -> None:
        """Write what is still queued, then let the connections go."""
        self.writer.close()
        self.store.engine.dispose()


def _url(store: RecordStore) -> str:
    return store.engine.url.render_as_string(hide_password=False)
