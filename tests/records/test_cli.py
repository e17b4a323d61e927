"""`screening records …`, `screening serve` recording options, and `screening train --records`."""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import random


from screening.cli import serve
from screening.cli.main import build_parser, main
from screening.records.auth import Accounts
from screening.records.store import RecordStore
from tests.petition_factory import make_petition
from tests.records.seed import seed

NOW = _dt.datetime(2026, 11, 18, 12, 0, tzinfo=_dt.timezone.utc)


def test_migrate_then_down_and_up(tmp_path, capsys):
    db = str(tmp_path / "r.sqlite3")
    assert main(["records", "migrate", "--db", db]) == 0
    assert "0001" in capsys.readouterr().out
    assert main(["records", "migrate", "--db", db, "--to", "base"]) == 0
    assert main(["records", "migrate", "--db", db]) == 0


def test_add_user_from_stdin(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "r.sqlite3")
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["records", "add-user", "alice", "--db", db, "--password-stdin"]) == 0
    store = RecordStore.open(db)
    assert Accounts(store.sessions).authenticate("alice", "correct horse battery").ok
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["records", "add-user", "bob", "--db", db, "--password-stdin"]) == 2
    assert "گذرواژه" in capsys.readouterr().err


def test_export_and_purge(tmp_path, screener, capsys):
    db = str(tmp_path / "r.sqlite3")
    store = RecordStore.open(db, keep_text=True, retain_days=400)
    refs = seed(store, screener, n=6, now=NOW, weeks=2)
    store.engine.dispose()
    out = tmp_path / "records.csv"
    assert main(["records", "export", "--db", db, "-o", str(out)]) == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert sorted(r["reference"] for r in rows) == sorted(refs)
    assert "text" not in rows[0]
    out = tmp_path / "records.jsonl"
    assert main(["records", "export", "--db", db, "-o", str(out), "--with-text"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["text"] for r in rows)
    # seeded up to two weeks before NOW, which is in the past: a 1-day retention drops every text
    assert main(["records", "purge", "--db", db, "--retain-days", "1"]) == 0
    assert "متن ۶ دادخواست حذف شد" in capsys.readouterr().out
    assert main(["records", "export", "--db", db, "-o", str(out), "--with-text"]) == 0
    assert all(json.loads(line)["text"] is None for line in out.read_text(encoding="utf-8").splitlines())


def test_export_of_a_missing_database_creates_nothing(tmp_path, capsys):
    db = tmp_path / "none.sqlite3"
    assert main(["records", "export", "--db", str(db)]) == 2
    assert "وجود ندارد" in capsys.readouterr().err
    assert not db.exists()


def test_serve_refuses_keep_text_without_record(capsys):
    args = build_parser().parse_args(["serve", "--keep-text"])
    assert serve.run(args) == 2
    assert "--record" in capsys.readouterr().err


def test_serve_record_migrates_purges_and_passes_settings_to_workers(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "r.sqlite3")
    args = build_parser().parse_args(["serve", "--record", "--keep-text", "--retain-days", "30", "--db", db,
                                      "--office", "tehran-101"])
    settings = serve.start_recording(args)
    assert (settings.db_url, settings.office_id, settings.keep_text, settings.retain_days) == (db, "tehran-101", True, 30)
    assert settings.to_env()["SCREENING_RECORD"] == "1"
    assert "ثبت سوابق روشن است" in capsys.readouterr().out
    assert RecordStore.open(db, migrate_to_head=False).count() == 0  # migrated


def test_serve_without_record_records_nothing(monkeypatch):
    args = build_parser().parse_args(["serve"])
    assert serve.start_recording(args) is None


def test_train_from_records(tmp_path, screener, capsys):
    """Texts kept with --keep-text and their entered outcomes train a model."""
    db = str(tmp_path / "r.sqlite3")
    store = RecordStore.open(db, keep_text=True)
    rng = random.Random(3)
    for i in range(40):
        complete = i % 2 == 0
        text = make_petition(rng, ("cheque", "mahr", "eviction")[i % 3], complete) + f"\nشماره {i}\n"
        ref = store.record(screener.screen(text), text)
        store.set_outcome(ref, "accepted" if complete else "not_heard", ruling_number=None, ruling_date=None,
                          entered_by="t")
    store.record(screener.screen("برگ دادخواست بدون نتیجه\nخواهان: کسی"), "برگ دادخواست بدون نتیجه\nخواهان: کسی")
    store.engine.dispose()
    out = tmp_path / "model"
    code = main(["train", "--records", db, "--out", str(out), "--cv-folds", "0", "--no-progress", "--test-size", "0.25"])
    assert code == 0, capsys.readouterr().err
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["data"]["rows"] == 40
    assert meta["data"]["source"].startswith("records:")


def test_train_from_records_without_outcomes_is_a_clear_error(tmp_path, capsys):
    db = str(tmp_path / "r.sqlite3")
    RecordStore.open(db).engine.dispose()
    assert main(["train", "--records", db, "--out", str(tmp_path / "m"), "--no-progress"]) == 2
    assert "نتیجه ثبت‌شده" in capsys.readouterr().err


def test_train_hides_the_database_password_in_metadata():
    from screening.cli.train import _hide_password

    assert "secret" not in _hide_password("postgresql://u:secret@host/db")
    assert _hide_password("/tmp/r.sqlite3") == "/tmp/r.sqlite3"
