"""The records store on SQLite and PostgreSQL: what a record holds, decisions, outcomes, retention."""
from __future__ import annotations

import datetime as _dt
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from screening.records.models import Record
from screening.records.store import Decision, RecordsError, RecordStore
from screening.text.reference import petition_reference

PETITIONS = Path(__file__).parents[1] / "web" / "petitions"
T0 = _dt.datetime(2026, 11, 1, 9, 30, tzinfo=_dt.timezone.utc)


@pytest.fixture(scope="module")
def cheque() -> str:
    return (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def no_defendant(cheque) -> str:
    return "\n".join(line for line in cheque.splitlines() if not line.startswith("خوانده:")) + "\n"


def _store(url: str, **kw) -> RecordStore:
    return RecordStore.open(url, office_id="tehran-101", clock=lambda: T0, **kw)


def test_reference_is_ten_upper_hex_and_ignores_unicode_form():
    decomposed = unicodedata.normalize("NFD", "آقای علی")
    composed = unicodedata.normalize("NFC", "آقای علی")
    assert decomposed != composed
    ref = petition_reference(composed)
    assert ref == petition_reference(decomposed)
    assert len(ref) == 10 and ref == ref.upper() and int(ref, 16) >= 0
    assert petition_reference(composed + " ") != ref


def test_a_record_holds_codes_and_numbers_but_no_text(db_url, screener, no_defendant):
    store = _store(db_url)
    report = screener.screen(no_defendant)
    ref = store.record(report, no_defendant)
    assert ref == petition_reference(no_defendant)
    [view] = store.find(ref.lower())  # staff may type it in lower case
    assert view.office_id == "tehran-101"
    assert view.screened_at == T0
    assert view.claim_type == report.claim_type.code == "cheque"
    assert view.forum == report.forum.code
    assert view.value_band == "upto_500m"  # 450,000,000 rials
    assert [(f.code, f.severity) for f in view.findings] == [(f.code, f.severity.value) for f in report.findings]
    assert "MISSING_DEFENDANT" in [f.code for f in view.findings]
    assert view.fruitless_probability == report.fruitless_probability
    assert view.risk_band == report.risk_band
    assert view.model.startswith(report.model.name)
    assert not view.has_text
    with store.session() as s:
        assert s.scalar(select(Record.text)) is None
    store.engine.dispose()


def test_the_same_text_again_updates_its_record(db_url, screener, cheque):
    store = _store(db_url)
    report = screener.screen(cheque)
    store.record(report, cheque)
    store.record(report, cheque)
    assert store.count() == 1
    with store.session() as s:
        assert s.scalar(select(Record.screenings)) == 2
    store.engine.dispose()


def test_keep_text_keeps_it_until_the_retention_ends(db_url, screener, cheque):
    store = _store(db_url, keep_text=True, retain_days=30)
    ref = store.record(screener.screen(cheque), cheque)
    with store.session() as s:
        rec = s.scalars(select(Record)).one()
        assert rec.text == cheque
        assert rec.text_expires_at == T0 + _dt.timedelta(days=30)
    assert store.purge(now=T0 + _dt.timedelta(days=29)) == 0
    assert store.find(ref)[0].has_text
    assert store.purge(now=T0 + _dt.timedelta(days=30)) == 1
    view = store.find(ref)[0]
    assert not view.has_text
    assert view.claim_type == "cheque"  # the statistics stay
    store.engine.dispose()


def test_a_shortened_retention_applies_to_texts_already_kept(db_url, screener, cheque):
    store = _store(db_url, keep_text=True, retain_days=365)
    store.record(screener.screen(cheque), cheque)
    assert store.purge(now=T0 + _dt.timedelta(days=10), retain_days=30) == 0
    assert store.purge(now=T0 + _dt.timedelta(days=31), retain_days=30) == 1
    store.engine.dispose()


def test_decisions_handled_and_overridden_with_a_reason(db_url, screener, no_defendant):
    store = _store(db_url)
    report = screener.screen(no_defendant)
    ref = store.record(report, no_defendant)
    pos = report.finding_codes.index("MISSING_DEFENDANT")
    view = store.decide(ref, [Decision("MISSING_DEFENDANT", "overridden", "  خوانده در پیوست آمده است ", pos)])
    f = view.findings[pos]
    assert (f.decision, f.reason) == ("overridden", "خوانده در پیوست آمده است")
    view = store.decide(ref, [Decision("MISSING_DEFENDANT", "handled")])  # by code: every such finding
    assert (view.findings[pos].decision, view.findings[pos].reason) == ("handled", None)
    view = store.decide(ref, [Decision("MISSING_DEFENDANT", None, None, pos)])
    assert view.findings[pos].decision is None

    with pytest.raises(RecordsError) as exc:
        store.decide(ref, [Decision("MISSING_DEFENDANT", "overridden", " ", pos)])
    assert exc.value.code == "reason_required"
    with pytest.raises(RecordsError) as exc:
        store.decide(ref, [Decision("TIME_BARRED", "handled")])
    assert exc.value.code == "unknown_finding"
    with pytest.raises(RecordsError) as exc:
        store.decide(ref, [Decision("MISSING_PLAINTIFF", "handled", None, pos)])  # position of another code
    assert exc.value.code == "unknown_finding"
    with pytest.raises(RecordsError) as exc:
        store.decide("0000000000", [Decision("MISSING_DEFENDANT", "handled")])
    assert exc.value.code == "not_found"
    store.engine.dispose()


def test_outcome_entered_then_corrected(db_url, screener, cheque):
    store = _store(db_url)
    ref = store.record(screener.screen(cheque), cheque)
    store.set_outcome(ref, "not_heard", ruling_number=" 140468390001 ", ruling_date=_dt.date(2025, 8, 3), entered_by="alice")
    view = store.set_outcome(ref, "accepted", ruling_number="140468390002", ruling_date=None, entered_by="bob")
    assert (view.outcome, view.ruling_number, view.ruling_date) == ("accepted", "140468390002", None)
    with pytest.raises(RecordsError) as exc:
        store.set_outcome(ref, "won", ruling_number=None, ruling_date=None, entered_by="alice")
    assert exc.value.code == "invalid_outcome"
    store.engine.dispose()


def test_export_and_training_rows(db_url, screener, cheque, no_defendant):
    store = _store(db_url, keep_text=True)
    a = store.record(screener.screen(cheque), cheque)
    b = store.record(screener.screen(no_defendant), no_defendant)
    store.set_outcome(b, "rejected_petition", ruling_number="9", ruling_date=_dt.date(2025, 1, 2), entered_by="alice")
    rows = list(store.export_rows())
    assert [r["reference"] for r in rows] == [a, b]
    assert "text" not in rows[0]
    assert rows[1]["outcome"] == "rejected_petition" and rows[1]["fruitless"] == 1
    assert rows[1]["ruling_date"] == "2025-01-02"
    assert "MISSING_DEFENDANT:DEFECT" in rows[1]["findings"]
    assert [r["text"] for r in store.export_rows(with_text=True)] == [cheque, no_defendant]
    training = store.training_records()
    assert training == [{"id": b, "text": no_defendant, "outcome": "rejected_petition", "fruitless": 1,
                         "today": T0.date().isoformat()}]
    store.engine.dispose()


def test_a_store_that_is_not_migrated_is_refused(tmp_path):
    from screening.records.store import SchemaOutOfDate

    with pytest.raises(SchemaOutOfDate):
        RecordStore.open(str(tmp_path / "new.sqlite3"), migrate_to_head=False)


def test_the_writer_writes_in_batches_and_after_close(tmp_path, screener, cheque, no_defendant):
    from screening.records.writer import RecordWriter

    store = _store(str(tmp_path / "w.sqlite3"))
    writer = RecordWriter(store)
    refs = [writer.submit(screener.screen(t), t) for t in (cheque, no_defendant, cheque)]
    assert refs[0] == refs[2] == petition_reference(cheque)
    assert writer.flush()
    assert store.count() == 2
    with store.session() as s:
        assert s.scalar(select(Record.screenings).where(Record.reference == refs[0])) == 2
    writer.close()
    third = cheque + "\nپیوست"
    writer.submit(screener.screen(third), third)  # after close: written in place, not lost
    assert store.count() == 3
    store.engine.dispose()


def test_the_process_writer_writes_from_a_child_and_flushes(tmp_path, screener, cheque, no_defendant):
    from screening.records.writer import ProcessRecordWriter

    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    store = _store(url)
    writer = ProcessRecordWriter(store, url)
    try:
        refs = [writer.submit(screener.screen(t), t) for t in (cheque, no_defendant, cheque)]
        assert refs[0] == refs[2]
        assert writer.flush(timeout_s=60)  # the child starts (imports) first
        assert store.count() == 2
        with store.session() as s:
            assert s.scalar(select(Record.screenings).where(Record.reference == refs[0])) == 2
    finally:
        writer.close()
    assert not writer._process.is_alive()
    store.engine.dispose()
