"""One output row per input row: a `Report` (or the reason there is none) as plain data.

The row is a dict with exactly `COLUMNS` as keys, plus private keys (writers drop keys that start
with "_"): `_days_left` used by `--sort urgency`, `_messages` (the findings' Persian messages, for
`--lang fa`) and `_extra` (the input's other columns, carried through to the output). Lists stay lists here; the CSV and
Excel writers join them with ";".
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from screening.batch.readers import InputRow
from screening.pipeline import UnusableInput
from screening.report import Report

COLUMNS = (
    "id",
    "fruitless_probability",
    "risk_band",
    "claim_type",
    "forum",
    "missing_fields",
    "findings",
    "deadline_status",
    "model",
    # With `--index`: the ids of the similar rulings shown, and the neighbour rate (empty without an index).
    "similar_ids",
    "neighbour_fruitless_rate",
    "error",
)
LIST_COLUMNS = ("missing_fields", "findings", "similar_ids")
# Probabilities are rounded so that every runner (and every machine) writes the same bytes.
PROBABILITY_DIGITS = 4
_MAX_ERROR_CHARS = 160
_PRIVACY_WINDOW = 16


def empty_row(row_id: str) -> dict[str, Any]:
    return {
        "id": row_id,
        "fruitless_probability": None,
        "risk_band": None,
        "claim_type": None,
        "forum": None,
        "missing_fields": [],
        "findings": [],
        "deadline_status": None,
        "model": None,
        "similar_ids": [],
        "neighbour_fruitless_rate": None,
        "error": None,
        "_days_left": None,
    }


def report_to_row(row_id: str, report: Report) -> dict[str, Any]:
    row = empty_row(row_id)
    p = report.fruitless_probability
    deadline = report.deadline or {}
    row.update(
        fruitless_probability=round(float(p), PROBABILITY_DIGITS) if p is not None else None,
        risk_band=report.risk_band,
        claim_type=report.claim_type.code if report.claim_type else None,
        forum=report.forum.code if report.forum else None,
        missing_fields=list(report.missing_fields),
        findings=report.finding_codes,
        deadline_status=deadline.get("status"),
        model=f"{report.model.name}@{report.model.version}" if report.model else None,
        similar_ids=[s.id for s in report.similar_rulings or ()],
        neighbour_fruitless_rate=(report.neighbour_fruitless_rate or {}).get("rate"),
        _days_left=deadline.get("days_left"),
        _messages=[f.message_fa for f in report.findings],
    )
    return row


def error_row(row_id: str, message: str) -> dict[str, Any]:
    row = empty_row(row_id)
    row["error"] = message
    return row


def describe_error(exc: BaseException, text: str | None) -> str:
    """A short, one-line error for the output: the Persian message, or class + message.

    Petitions carry personal data, so a message that quotes the petition is cut back to the class.
    """
    if isinstance(exc, UnusableInput):
        return exc.message_fa
    message = " ".join(str(exc).split())[:_MAX_ERROR_CHARS]
    if text and message and _quotes(message, text):
        message = ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _quotes(message: str, text: str) -> bool:
    if len(message) < _PRIVACY_WINDOW:
        return message in text
    return any(message[i : i + _PRIVACY_WINDOW] in text for i in range(len(message) - _PRIVACY_WINDOW + 1))


def screen_row(screener: Any, item: InputRow, today: _dt.date) -> dict[str, Any]:
    """Screen one input row; any failure becomes that row's error and the run goes on."""
    row = _screen(screener, item, today)
    if item.extra:
        row["_extra"] = dict(item.extra)
    return row


def _screen(screener: Any, item: InputRow, today: _dt.date) -> dict[str, Any]:
    if item.error is not None:
        return error_row(item.id, item.error)
    try:
        report = screener.screen(item.text, today=today)
    except Exception as exc:  # one bad petition must not stop an archive of a million
        return error_row(item.id, describe_error(exc, item.text))
    return report_to_row(item.id, report)


def screen_batch(screener: Any, batch: list[InputRow], today: _dt.date) -> list[dict[str, Any]]:
    return [screen_row(screener, item, today) for item in batch]
