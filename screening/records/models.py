"""The tables of the office records (SQLAlchemy 2 declarative models); migrations build them.

What is kept is deliberately narrow: codes, bands and numbers about a screening, never the parsed
fields (names, IDs, addresses) or finding messages, which quote the petition. The text itself is
kept only when the office chose `--keep-text`, and only until `text_expires_at`.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from screening.records.types import UTCDateTime

# Named constraints, so migrations can drop and alter them the same way on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """One screened petition (one distinct text) at one office."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), index=True)  # shown on the citizen's notice
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the NFC text: same text, same record
    office_id: Mapped[str] = mapped_column(String(64), index=True)
    screened_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime(), index=True)
    last_screened_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime())
    screenings: Mapped[int] = mapped_column(Integer, default=1)
    claim_type: Mapped[str] = mapped_column(String(64), index=True)
    petition_kind: Mapped[str | None] = mapped_column(String(64))
    forum: Mapped[str] = mapped_column(String(64))
    value_band: Mapped[str] = mapped_column(String(32))
    fruitless_probability: Mapped[float | None] = mapped_column(Float)
    risk_band: Mapped[str | None] = mapped_column(String(16))
    model_name: Mapped[str | None] = mapped_column(String(128))
    model_version: Mapped[str | None] = mapped_column(String(64))
    blockers: Mapped[int] = mapped_column(Integer, default=0)  # count of BLOCKER findings, for quick shares
    text: Mapped[str | None] = mapped_column(Text)  # only with --keep-text
    text_expires_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime(), index=True)

    findings: Mapped[list[RecordFinding]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="RecordFinding.position"
    )
    outcome: Mapped[Outcome | None] = relationship(back_populates="record", cascade="all, delete-orphan")


class RecordFinding(Base):
    """A finding of a record (code and severity only) and what the expert decided about it."""

    __tablename__ = "record_findings"
    __table_args__ = (UniqueConstraint("record_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in the report's `findings` list
    code: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str | None] = mapped_column(String(16))  # None (open) | handled | overridden
    reason: Mapped[str | None] = mapped_column(String(500))  # why it was overridden
    decided_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime())

    record: Mapped[Record] = relationship(back_populates="findings")


class Outcome(Base):
    """What the court did with the petition, entered by staff when the ruling arrives."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), unique=True)
    outcome: Mapped[str] = mapped_column(String(32), index=True)
    ruling_number: Mapped[str | None] = mapped_column(String(64))
    ruling_date: Mapped[_dt.date | None] = mapped_column(Date)  # Gregorian; shown in Jalali
    entered_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime())
    entered_by: Mapped[str] = mapped_column(String(64))

    record: Mapped[Record] = relationship(back_populates="outcome")


class User(Base):
    """Staff who may open the dashboard, enter outcomes and export."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, PHC string
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime())
    # Bumped when the password changes: sessions signed with an older value stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
