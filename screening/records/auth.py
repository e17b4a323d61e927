"""Staff accounts: argon2id password hashes, lockout after repeated failures, signed session tokens."""
from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from screening.records.models import User
from screening.records.store import RecordsError
from screening.records.types import utcnow

MAX_FAILURES = 5  # wrong passwords in a row before the account locks
LOCKOUT = _dt.timedelta(minutes=15)
SESSION_MAX_AGE_S = 8 * 3600  # one working day
MIN_PASSWORD_CHARS = 10
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters (RFC 9106)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a wrong name costs as long as a wrong
    password (made on first use: hashing takes a noticeable moment, on purpose)."""
    return HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    username: str | None = None
    session_epoch: int = 0
    locked_until: _dt.datetime | None = None


class Accounts:
    """Users of one records database."""

    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], _dt.datetime] = utcnow) -> None:
        self._session = sessions
        self.clock = clock

    def add_user(self, username: str, password: str, *, replace: bool = False) -> None:
        if not USERNAME_RE.match(username):
            raise RecordsError("bad_username", "نام کاربری باید ۲ تا ۶۴ نویسه لاتین، رقم یا . _ - @ باشد.")
        if len(password) < MIN_PASSWORD_CHARS:
            raise RecordsError("weak_password", f"گذرواژه دست‌کم {MIN_PASSWORD_CHARS} نویسه باشد.")
        hashed = HASHER.hash(password)
        with self._session() as s, s.begin():
            user = s.scalars(select(User).where(User.username == username)).one_or_none()
            if user is not None and not replace:
                raise RecordsError("user_exists", f"کاربر {username} از پیش وجود دارد (برای تغییر گذرواژه --replace بدهید).")
            if user is None:
                s.add(User(username=username, password_hash=hashed, created_at=self.clock(), failed_logins=0,
                           session_epoch=0))
            else:
                user.password_hash = hashed
                user.failed_logins = 0
                user.locked_until = None
                user.session_epoch += 1  # sessions opened with the old password end
            try:
                s.flush()
            except IntegrityError:
                raise RecordsError("user_exists", f"کاربر {username} از پیش وجود دارد.") from None

    def authenticate(self, username: str, password: str) -> LoginResult:
        """Checks a password; MAX_FAILURES wrong ones in a row lock the account for LOCKOUT.

        A locked account refuses even the right password until the lock runs out, so guessing
        cannot go on in the background.
        """
        now = self.clock()
        with self._session() as s, s.begin():
            user = s.scalars(select(User).where(User.username == username)).one_or_none()
            if user is None:
                _verify(_dummy_hash(), password)
                return LoginResult(False)
            if user.locked_until is not None and user.locked_until > now:
                return LoginResult(False, locked_until=user.locked_until)
            if not _verify(user.password_hash, password):
                user.failed_logins += 1
                if user.failed_logins >= MAX_FAILURES:
                    user.locked_until = now + LOCKOUT
                    user.failed_logins = 0
                    return LoginResult(False, locked_until=user.locked_until)
                return LoginResult(False)
            user.failed_logins = 0
            user.locked_until = None
            if HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = HASHER.hash(password)
            return LoginResult(True, username=user.username, session_epoch=user.session_epoch)

    def session_epoch(self, username: str) -> int | None:
        with self._session() as s:
            return s.scalar(select(User.session_epoch).where(User.username == username))

    def usernames(self) -> list[str]:
        with self._session() as s:
            return list(s.scalars(select(User.username).order_by(User.username)))


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class SessionSigner:
    """Session cookies: the user name and session epoch, signed and time-stamped (itsdangerous)."""

    def __init__(self, secret: str, max_age_s: int = SESSION_MAX_AGE_S) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="screening.records.session")
        self.max_age_s = max_age_s

    def sign(self, username: str, epoch: int) -> str:
        return self._serializer.dumps({"u": username, "e": epoch})

    def read(self, token: str | None) -> tuple[str, int] | None:
        if not token:
            return None
        try:
            data = self._serializer.loads(token, max_age=self.max_age_s)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), str) or not isinstance(data.get("e"), int):
            return None
        return data["u"], data["e"]
