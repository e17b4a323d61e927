"""The dashboard's numbers from seeded records: weeks, frequent defects, blockers, offices, outcomes, calibration."""
from __future__ import annotations

import datetime as _dt

import pytest

from screening.records.dashboard import Filters, build_dashboard, calibration, week_start
from screening.records.store import RecordStore
from tests.records.seed import OFFICES, seed

NOW = _dt.datetime(2026, 11, 18, 12, 0, tzinfo=_dt.timezone.utc)  # a Wednesday


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, screener):
    store = RecordStore.open(str(tmp_path_factory.mktemp("dash") / "r.sqlite3"), clock=lambda: NOW)
    refs = seed(store, screener, n=24, now=NOW, weeks=4)
    yield store, refs
    store.engine.dispose()


def test_week_starts_on_saturday():
    assert week_start(_dt.date(2026, 11, 18)) == _dt.date(2026, 11, 14)  # Wed → Sat before
    assert week_start(_dt.date(2026, 11, 14)) == _dt.date(2026, 11, 14)
    assert week_start(_dt.date(2026, 11, 13)) == _dt.date(2026, 11, 7)  # Friday ends the week


def test_totals_add_up(seeded):
    store, refs = seeded
    board = build_dashboard(store, Filters(weeks=5))
    assert board.petitions == len(refs) == 24
    assert sum(w.petitions for w in board.weeks) == 24
    rows = list(store.export_rows())
    findings = sum(len(r["findings"]) for r in rows)
    assert sum(w.findings for w in board.weeks) == findings
    blockers = sum(any(f.endswith(":BLOCKER") for f in r["findings"]) for r in rows)
    assert board.with_blockers == blockers > 0
    assert board.blocker_share == pytest.approx(blockers / 24)
    assert {g.key for g in board.by_office} == set(OFFICES)
    assert sum(g.petitions for g in board.by_claim_type) == 24
    assert board.outcomes_entered == 12
    assert dict(board.outcomes) == {o: sum(r["outcome"] == o for r in rows) for o in ("accepted", "not_heard") if any(r["outcome"] == o for r in rows)}
    assert sum(r.n for r in board.calibration) == 12


def test_most_frequent_defects_are_counted_per_code(seeded):
    store, _ = seeded
    board = build_dashboard(store, Filters(weeks=5))
    counts = {}
    for r in store.export_rows():
        for f in r["findings"]:
            code, sev = f.split(":")
            counts[(code, sev)] = counts.get((code, sev), 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))[:10]
    assert [(c, s, n) for (c, s), n in top] == board.top_findings


def test_filters_narrow_to_one_office(seeded):
    store, _ = seeded
    board = build_dashboard(store, Filters(weeks=5, office_id=OFFICES[0]))
    assert board.petitions == 8
    assert [g.key for g in board.by_office] == [OFFICES[0]]
    assert board.offices == sorted(OFFICES)  # the choice list still offers every office


def test_old_records_fall_outside_the_period(seeded):
    store, _ = seeded
    board = build_dashboard(store, Filters(weeks=1))
    assert board.petitions == sum(1 for r in store.export_rows()
                                  if _dt.datetime.fromisoformat(r["screened_at"]).date() >= week_start(NOW.date()))


def test_calibration_bins():
    rows = calibration([(0.1, 0), (0.15, 1), (0.9, 1), (1.0, 1), (0.5, 0)])
    assert [r.n for r in rows] == [2, 0, 1, 0, 2]
    assert rows[0].mean_predicted == pytest.approx(0.125) and rows[0].observed == 0.5
    assert rows[1].mean_predicted is None and rows[1].observed is None
    assert rows[4].observed == 1.0
