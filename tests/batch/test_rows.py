"""Report → output row, and errors that never quote the petition."""
from __future__ import annotations

import datetime as _dt

from screening.batch.readers import InputRow
from screening.batch.rows import COLUMNS, describe_error, report_to_row, screen_row
from screening.pipeline import UnusableInput
from screening.report import ClaimType, Finding, Forum, ModelInfo, PetitionFields, Report, Severity


def _report() -> Report:
    return Report(
        claim_type=ClaimType("cheque", "مطالبه وجه چک", 0.91),
        forum=Forum("peace_court", "شورای حل اختلاف", "ماده ۱۲ قانون شوراها"),
        missing_fields=["defendant_address"],
        findings=[
            Finding("MISSING_DEFENDANT_ADDRESS", Severity.DEFECT, "CPC 51", "نشانی خوانده نیامده"),
            Finding("NO_SIGNATURE", Severity.WARN, "CPC 51", "امضا ندارد"),
        ],
        fields=PetitionFields(),
        fruitless_probability=0.123456,
        risk_band="medium",
        model=ModelInfo("petition-lr", "3"),
        deadline={"status": "last_day", "days_left": 0, "last_day": "1404/01/15"},
    )


def test_report_becomes_the_issue_columns() -> None:
    row = report_to_row("42", _report())
    assert tuple(k for k in row if not k.startswith("_")) == COLUMNS
    assert row["fruitless_probability"] == 0.1235
    assert row["claim_type"] == "cheque" and row["forum"] == "peace_court"
    assert row["findings"] == ["MISSING_DEFENDANT_ADDRESS", "NO_SIGNATURE"]
    assert row["deadline_status"] == "last_day" and row["_days_left"] == 0
    assert row["model"] == "petition-lr@3" and row["error"] is None


def test_unusable_input_gives_its_persian_message() -> None:
    exc = UnusableInput("empty", "متن دادخواست خالی است")
    assert describe_error(exc, "") == "متن دادخواست خالی است"


def test_error_that_quotes_the_petition_keeps_only_its_class() -> None:
    text = "خواهان: علی رضایی کد ملی 0012345678 ساکن تهران خیابان آزادی"
    assert describe_error(ValueError(f"cannot parse {text[10:40]}"), text) == "ValueError"
    assert describe_error(KeyError("claim"), text) == "KeyError: 'claim'"


class _Failing:
    def screen(self, text: str, today: _dt.date | None = None):
        raise RuntimeError("model exploded")


def test_a_failing_row_becomes_an_error_row() -> None:
    row = screen_row(_Failing(), InputRow(1, "a", "متن"), _dt.date(2025, 1, 1))
    assert row["id"] == "a" and row["error"] == "RuntimeError: model exploded"
    read_error = screen_row(_Failing(), InputRow(2, "b", None, "ردیف خراب"), _dt.date(2025, 1, 1))
    assert read_error["error"] == "ردیف خراب"
