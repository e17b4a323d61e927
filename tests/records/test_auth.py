"""Staff accounts: argon2id hashes, lockout after repeated failures, sessions that end with a new password."""
from __future__ import annotations

import datetime as _dt

import pytest
from sqlalchemy import select

from screening.records.auth import LOCKOUT, MAX_FAILURES, Accounts, SessionSigner
from screening.records.models import User
from screening.records.store import RecordsError, RecordStore


class Clock:
    def __init__(self) -> None:
        self.now = _dt.datetime(2026, 11, 1, 8, 0, tzinfo=_dt.timezone.utc)

    def __call__(self) -> _dt.datetime:
        return self.now


@pytest.fixture()
def accounts(db_url):
    store = RecordStore.open(db_url)
    clock = Clock()
    acc = Accounts(store.sessions, clock=clock)
    acc.add_user("alice", "correct horse battery")
    yield acc, clock, store
    store.engine.dispose()


def test_password_is_stored_as_an_argon2id_hash(accounts):
    acc, _, store = accounts
    with store.session() as s:
        stored = s.scalar(select(User.password_hash))
    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored
    assert acc.authenticate("alice", "correct horse battery").ok
    assert not acc.authenticate("alice", "correct horse batterY").ok
    assert not acc.authenticate("nobody", "correct horse battery").ok


def test_weak_password_and_duplicate_user_are_refused(accounts):
    acc, _, _ = accounts
    with pytest.raises(RecordsError, match="weak_password"):
        acc.add_user("bob", "short")
    with pytest.raises(RecordsError, match="user_exists"):
        acc.add_user("alice", "another long password")
    with pytest.raises(RecordsError, match="bad_username"):
        acc.add_user("a b", "another long password")


def test_lockout_after_repeated_failures_even_for_the_right_password(accounts):
    acc, clock, _ = accounts
    for _ in range(MAX_FAILURES - 1):
        result = acc.authenticate("alice", "wrong")
        assert not result.ok and result.locked_until is None
    result = acc.authenticate("alice", "wrong")
    assert result.locked_until == clock.now + LOCKOUT
    locked = acc.authenticate("alice", "correct horse battery")
    assert not locked.ok and locked.locked_until is not None
    clock.now += LOCKOUT + _dt.timedelta(seconds=1)
    assert acc.authenticate("alice", "correct horse battery").ok


def test_a_success_resets_the_failure_count(accounts):
    acc, _, _ = accounts
    for _ in range(MAX_FAILURES - 1):
        acc.authenticate("alice", "wrong")
    assert acc.authenticate("alice", "correct horse battery").ok
    for _ in range(MAX_FAILURES - 1):
        assert acc.authenticate("alice", "wrong").locked_until is None


def test_new_password_ends_old_sessions(accounts):
    acc, _, _ = accounts
    before = acc.authenticate("alice", "correct horse battery").session_epoch
    acc.add_user("alice", "a brand new passphrase", replace=True)
    assert acc.session_epoch("alice") == before + 1
    assert not acc.authenticate("alice", "correct horse battery").ok
    assert acc.authenticate("alice", "a brand new passphrase").ok


def test_session_tokens_are_signed_and_expire():
    signer = SessionSigner("secret-a", max_age_s=3600)
    token = signer.sign("alice", 3)
    assert signer.read(token) == ("alice", 3)
    assert SessionSigner("secret-b").read(token) is None
    assert signer.read(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert signer.read(None) is None
    assert SessionSigner("secret-a", max_age_s=-1).read(token) is None


def test_production_hasher_is_argon2id_at_library_defaults(monkeypatch):
    from argon2 import PasswordHasher, Type

    from screening.records import auth

    monkeypatch.undo()  # drop the tests' quick hasher (conftest.quick_password_hashes)
    fresh = auth.HASHER
    assert fresh.type is Type.ID
    default = PasswordHasher()
    assert (fresh.time_cost, fresh.memory_cost, fresh.parallelism) == (default.time_cost, default.memory_cost, default.parallelism)
    assert fresh.memory_cost >= 19 * 1024  # OWASP's floor for argon2id
