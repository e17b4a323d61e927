"""The records store: write a screening, the expert's decisions and the court's outcome; purge old text.

One `RecordStore` per process; its methods are thread-safe (one short session each), so the web
app calls them from its thread pool.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from screening.knowledge.value_bands import value_band
from screening.records import migrate
from screening.records.db import make_engine, normalise_url
from screening.records.models import Outcome, Record, RecordFinding
from screening.records.policy import DEFAULT_RETAIN_DAYS
from screening.records.types import utcnow
from screening.report import Report, Severity
from screening.text.reference import petition_digest, petition_reference
from screening.training.rulings import FRUITLESS_OUTCOMES, OUTCOMES

DECISIONS = ("handled", "overridden")
MAX_REASON_CHARS = 500


class RecordsError(Exception):
    """A request the records cannot carry out; `message_fa` is for people."""

    def __init__(self, code: str, message_fa: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_fa = message_fa


class SchemaOutOfDate(RecordsError):
    def __init__(self, at: str | None, head: str) -> None:
        super().__init__(
            "schema_out_of_date",
            f"پایگاه داده سوابق به‌روز نیست (نسخه {at or 'خالی'}، نسخه لازم {head}). "
            "فرمان `screening records migrate` را اجرا کنید.",
        )


@dataclass(frozen=True)
class Decision:
    """What the expert decided about a finding: `position` in the report's findings, or every
    finding with `code` when no position is given."""

    code: str
    decision: str | None  # handled | overridden | None (open again)
    reason: str | None = None
    position: int | None = None


@dataclass(frozen=True)
class Screening:
    """One screening as it will be written: no report object, and the text only if it is kept."""

    digest: str
    reference: str
    at: _dt.datetime
    values: dict[str, Any]
    findings: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class FindingView:
    position: int
    code: str
    severity: str
    decision: str | None
    reason: str | None


@dataclass(frozen=True)
class RecordView:
    """A record as staff see it: no text, ever."""

    id: int
    reference: str
    office_id: str
    screened_at: _dt.datetime
    claim_type: str
    petition_kind: str | None
    forum: str
    value_band: str
    fruitless_probability: float | None
    risk_band: str | None
    model: str | None
    has_text: bool
    findings: tuple[FindingView, ...]
    outcome: str | None
    ruling_number: str | None
    ruling_date: _dt.date | None


def _petition_kind(report: Report) -> str | None:
    kind = report.to_dict().get("petition_kind")  # added by a later issue; absent in older reports
    if isinstance(kind, dict):
        kind = kind.get("code")
    return str(kind)[:64] if kind else None


class RecordStore:
    """Reads and writes the office records of one database.

    office_id: written on every record this process makes; keep_text: keep the petition text
    (for retraining) until `retain_days` after it was screened; clock: for tests.
    """

    def __init__(self, engine: Engine, *, office_id: str = "office", keep_text: bool = False,
                 retain_days: int = DEFAULT_RETAIN_DAYS, clock: Callable[[], _dt.datetime] = utcnow) -> None:
        if retain_days < 1:
            raise ValueError("retain_days must be at least 1")
        self.engine = engine
        self.office_id = office_id
        self.keep_text = keep_text
        self.retain_days = retain_days
        self.clock = clock
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None, *, migrate_to_head: bool = True, **options: Any) -> "RecordStore":
        """The store of `url` (None: the default SQLite file), migrated to the newest schema
        (or, with migrate_to_head=False, refused when it is not there)."""
        engine = make_engine(normalise_url(url))
        if migrate_to_head:
            migrate.upgrade(engine)
        else:
            at, head = migrate.current(engine), migrate.head()
            if at != head:
                raise SchemaOutOfDate(at, head)
        return cls(engine, **options)

    def session(self) -> Session:
        return self.sessions()

    # --- writing a screening ----------------------------------------------------------------

    def snapshot(self, report: Report, text: str) -> Screening:
        """What will be written about this screening, taken now (cheap: a hash and a few codes).
        The text goes in only when the office keeps texts."""
        now = self.clock()
        keep = self.keep_text
        return Screening(
            digest=petition_digest(text),
            reference=petition_reference(text),
            at=now,
            values=dict(
                office_id=self.office_id,
                last_screened_at=now,
                claim_type=report.claim_type.code,
                petition_kind=_petition_kind(report),
                forum=report.forum.code,
                value_band=value_band(report.fields.claim_value_rial),
                fruitless_probability=report.fruitless_probability,
                risk_band=report.risk_band,
                model_name=report.model.name if report.model else None,
                model_version=report.model.version if report.model else None,
                blockers=sum(f.severity is Severity.BLOCKER for f in report.findings),
                text=text if keep else None,
                text_expires_at=now + _dt.timedelta(days=self.retain_days) if keep else None,
            ),
            findings=tuple((i, f.code, f.severity.value) for i, f in enumerate(report.findings)),
        )

    def record(self, report: Report, text: str) -> str:
        """Keep what the report says about `text`; returns its reference.

        The same text screened again (a reload, a second look) updates its record instead of
        adding one; decisions and the outcome stay with it.
        """
        snap = self.snapshot(report, text)
        self.write([snap])
        return snap.reference

    def write(self, screenings: Sequence[Screening]) -> None:
        """Write several screenings in one transaction (one commit: what makes a busy office cheap);
        if another process inserted one of the same texts meanwhile, write them one by one."""
        try:
            self._write(screenings)
        except IntegrityError:
            if len(screenings) == 1:
                self._write(screenings)  # the other insert is committed now: this one updates it
                return
            for snap in screenings:
                self.write([snap])

    def _write(self, screenings: Sequence[Screening]) -> None:
        # SQL expressions, not ORM objects: a record is two INSERTs (the record, its findings) sent
        # in bulk for the batch, which costs a fraction of the ORM's unit of work per row.
        records, findings = Record.__table__, RecordFinding.__table__
        with self.engine.begin() as conn:
            known = dict(conn.execute(
                select(records.c.digest, records.c.id).where(records.c.digest.in_({s.digest for s in screenings}))
            ).all())
            new: dict[str, Screening] = {}
            again: list[Screening] = []
            for snap in screenings:
                if snap.digest in known or snap.digest in new:
                    again.append(snap)
                else:
                    new[snap.digest] = snap
            if new:
                inserted = conn.execute(
                    insert(records).returning(records.c.id, records.c.digest, sort_by_parameter_order=True),
                    [dict(reference=snap.reference, digest=snap.digest, screened_at=snap.at, screenings=1, **snap.values)
                     for snap in new.values()],
                ).all()
                ids = {digest: rid for rid, digest in inserted}
                rows = [dict(record_id=ids[snap.digest], position=i, code=c, severity=sev)
                        for snap in new.values() for i, c, sev in snap.findings]
                if rows:
                    conn.execute(insert(findings), rows)
                known.update(ids)
            for snap in again:  # the same text screened again: update it, keep decisions if findings agree
                rid = known[snap.digest]
                conn.execute(update(records).where(records.c.id == rid)
                             .values(screenings=records.c.screenings + 1, **snap.values))
                old = conn.execute(select(findings.c.position, findings.c.code, findings.c.severity)
                                   .where(findings.c.record_id == rid).order_by(findings.c.position)).all()
                if [tuple(r) for r in old] != list(snap.findings):
                    # another model or rule version: the old decisions no longer apply
                    conn.execute(delete(findings).where(findings.c.record_id == rid))
                    if snap.findings:
                        conn.execute(insert(findings), [dict(record_id=rid, position=i, code=c, severity=sev)
                                                        for i, c, sev in snap.findings])

    # --- reading ----------------------------------------------------------------------------

    def find(self, reference: str) -> list[RecordView]:
        """Records with this reference, newest first (more than one only if two texts share it)."""
        ref = reference.strip().upper()
        with self.session() as s:
            recs = s.scalars(
                select(Record).where(Record.reference == ref)
                .options(selectinload(Record.findings), selectinload(Record.outcome))
                .order_by(Record.screened_at.desc())
            ).all()
            return [self._view(r) for r in recs]

    @staticmethod
    def _view(r: Record) -> RecordView:
        return RecordView(
            id=r.id, reference=r.reference, office_id=r.office_id, screened_at=r.screened_at,
            claim_type=r.claim_type, petition_kind=r.petition_kind, forum=r.forum, value_band=r.value_band,
            fruitless_probability=r.fruitless_probability, risk_band=r.risk_band,
            model=f"{r.model_name} {r.model_version}" if r.model_name else None,
            has_text=r.text is not None,
            findings=tuple(FindingView(f.position, f.code, f.severity, f.decision, f.reason) for f in r.findings),
            outcome=r.outcome.outcome if r.outcome else None,
            ruling_number=r.outcome.ruling_number if r.outcome else None,
            ruling_date=r.outcome.ruling_date if r.outcome else None,
        )

    def count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(Record.id))) or 0

    # --- the expert's decisions -------------------------------------------------------------

    def decide(self, reference: str, decisions: Sequence[Decision]) -> RecordView:
        """Apply decisions to the newest record with `reference`; every decision must name a
        finding of that record, and an override needs its reason."""
        for d in decisions:
            if d.decision is not None and d.decision not in DECISIONS:
                raise RecordsError("invalid_decision", "تصمیم باید «بررسی شد» (handled) یا «نادیده گرفته شود» (overridden) باشد.")
            if d.decision == "overridden" and not (d.reason or "").strip():
                raise RecordsError("reason_required", "برای نادیده گرفتن یک یافته، دلیل آن را بنویسید.")
            if d.reason and len(d.reason) > MAX_REASON_CHARS:
                raise RecordsError("reason_too_long", f"دلیل حداکثر {MAX_REASON_CHARS} نویسه است.")
        now = self.clock()
        with self.session() as s, s.begin():
            rec = self._newest(s, reference)
            by_position = {f.position: f for f in rec.findings}
            for d in decisions:
                if d.position is not None:
                    targets = [by_position[d.position]] if d.position in by_position and by_position[d.position].code == d.code else []
                else:
                    targets = [f for f in rec.findings if f.code == d.code]
                if not targets:
                    raise RecordsError("unknown_finding", f"یافته {d.code} در این سابقه نیست.")
                for f in targets:
                    f.decision = d.decision
                    f.reason = (d.reason or "").strip() or None if d.decision == "overridden" else None
                    f.decided_at = now if d.decision else None
            s.flush()
            return self._view(rec)

    def _newest(self, s: Session, reference: str) -> Record:
        rec = s.scalars(
            select(Record).where(Record.reference == reference.strip().upper())
            .options(selectinload(Record.findings), selectinload(Record.outcome))
            .order_by(Record.screened_at.desc()).limit(1)
        ).one_or_none()
        if rec is None:
            raise RecordsError("not_found", "سابقه‌ای با این شماره پیگیری پیدا نشد.")
        return rec

    # --- the court's outcome ----------------------------------------------------------------

    def set_outcome(self, reference: str, outcome: str, *, ruling_number: str | None, ruling_date: _dt.date | None,
                    entered_by: str, record_id: int | None = None) -> RecordView:
        if outcome not in OUTCOMES:
            raise RecordsError("invalid_outcome", "نتیجه رسیدگی باید یکی از گزینه‌های فهرست باشد.")
        ruling_number = (ruling_number or "").strip()[:64] or None
        with self.session() as s, s.begin():
            if record_id is not None:
                rec = s.get(Record, record_id, options=[selectinload(Record.findings), selectinload(Record.outcome)])
                if rec is None or rec.reference != reference.strip().upper():
                    raise RecordsError("not_found", "سابقه‌ای با این شماره پیگیری پیدا نشد.")
            else:
                rec = self._newest(s, reference)
            if rec.outcome is None:
                rec.outcome = Outcome(outcome=outcome, ruling_number=ruling_number, ruling_date=ruling_date,
                                      entered_at=self.clock(), entered_by=entered_by)
            else:
                rec.outcome.outcome = outcome
                rec.outcome.ruling_number = ruling_number
                rec.outcome.ruling_date = ruling_date
                rec.outcome.entered_at = self.clock()
                rec.outcome.entered_by = entered_by
            s.flush()
            return self._view(rec)

    # --- retention --------------------------------------------------------------------------

    def purge(self, now: _dt.datetime | None = None, retain_days: int | None = None) -> int:
        """Drop the petition text of every record whose retention has run out; returns how many.

        retain_days: also drop text screened longer ago than this, so a shortened retention
        applies to texts kept under the old one (`--retain-days` at start-up does this).
        """
        now = now or self.clock()
        expired = Record.text_expires_at <= now
        if retain_days is not None:
            expired = expired | (Record.screened_at <= now - _dt.timedelta(days=retain_days))
        with self.session() as s, s.begin():
            result = s.execute(
                update(Record).where(Record.text.is_not(None), expired).values(text=None, text_expires_at=None)
            )
            return result.rowcount or 0

    def forget_all_text(self) -> int:
        """Drop every kept text (an office that turns --keep-text off)."""
        with self.session() as s, s.begin():
            return s.execute(update(Record).where(Record.text.is_not(None)).values(text=None, text_expires_at=None)).rowcount or 0

    def delete_record(self, reference: str) -> int:
        with self.session() as s, s.begin():
            return s.execute(delete(Record).where(Record.reference == reference.strip().upper())).rowcount or 0

    # --- export and training ----------------------------------------------------------------

    def export_rows(self, *, with_text: bool = False, batch: int = 500) -> Iterator[dict[str, Any]]:
        """One flat dict per record, oldest first, streamed in batches."""
        last_id = 0
        while True:
            with self.session() as s:
                recs = s.scalars(
                    select(Record).where(Record.id > last_id).order_by(Record.id).limit(batch)
                    .options(selectinload(Record.findings), selectinload(Record.outcome))
                ).all()
                if not recs:
                    return
                for r in recs:
                    yield export_row(r, with_text=with_text)
                last_id = recs[-1].id

    def training_records(self) -> list[dict[str, Any]]:
        """Records with a kept text and an entered outcome, as `rows_from_records` reads them."""
        with self.session() as s:
            rows = s.execute(
                select(Record.reference, Record.text, Record.screened_at, Outcome.outcome)
                .join(Outcome, Outcome.record_id == Record.id)
                .where(Record.text.is_not(None)).order_by(Record.id)
            ).all()
        return [
            {"id": ref, "text": text, "outcome": outcome, "fruitless": int(outcome in FRUITLESS_OUTCOMES),
             "today": screened_at.date().isoformat()}
            for ref, text, screened_at, outcome in rows
        ]


EXPORT_COLUMNS = (
    "reference", "office_id", "screened_at", "screenings", "claim_type", "petition_kind", "forum", "value_band",
    "fruitless_probability", "risk_band", "model", "findings", "decisions", "outcome", "fruitless",
    "ruling_number", "ruling_date",
)


def export_row(r: Record, *, with_text: bool = False) -> dict[str, Any]:
    out = r.outcome
    row: dict[str, Any] = {
        "reference": r.reference,
        "office_id": r.office_id,
        "screened_at": r.screened_at.isoformat(timespec="seconds"),
        "screenings": r.screenings,
        "claim_type": r.claim_type,
        "petition_kind": r.petition_kind,
        "forum": r.forum,
        "value_band": r.value_band,
        "fruitless_probability": r.fruitless_probability,
        "risk_band": r.risk_band,
        "model": f"{r.model_name} {r.model_version}" if r.model_name else None,
        "findings": [f"{f.code}:{f.severity}" for f in r.findings],
        "decisions": [
            f"{f.code}:{f.decision}" + (f":{f.reason}" if f.reason else "") for f in r.findings if f.decision
        ],
        "outcome": out.outcome if out else None,
        "fruitless": (int(out.outcome in FRUITLESS_OUTCOMES) if out else None),
        "ruling_number": out.ruling_number if out else None,
        "ruling_date": out.ruling_date.isoformat() if out and out.ruling_date else None,
    }
    if with_text:
        row["text"] = r.text
    return row
