from __future__ import annotations

from screening.batch.rows import empty_row, error_row
from screening.batch.summary import Summary


def _row(band: str | None, missing: list[str], findings: list[str]) -> dict:
    row = empty_row("x")
    row.update(risk_band=band, missing_fields=missing, findings=findings)
    return row


def test_counts_bands_and_most_frequent_gaps_and_survives_a_resume() -> None:
    s = Summary(top=2)
    s.add(_row("high", ["defendant", "evidence"], ["MISSING_DEFENDANT"]))
    s.add(_row("low", ["evidence"], []))
    s.add(error_row("e", "متن دادخواست خالی است"))
    resumed = Summary.from_state(s.state(), top=2)
    resumed.add(_row("high", ["evidence", "claim"], ["MISSING_EVIDENCE"]))
    d = resumed.to_dict()
    assert (d["rows_read"], d["rows_scored"], d["rows_errored"]) == (4, 3, 1)
    assert d["risk_bands"] == {"high": 2, "low": 1}
    assert d["top_missing_fields"] == [{"code": "evidence", "count": 3}, {"code": "claim", "count": 1}]
    text = resumed.render_fa()
    assert "پرخطر 2" in text and "evidence (3)" in text
