"""The «deadline» step inside the real pipeline, and on a hand-built Document."""
import datetime as dt

import pytest

from screening.checks.deadlines.calendar import CourtCalendar
from screening.checks.deadlines.step import CheckDeadline
from screening.pipeline import Document, default_screener, screen
from screening.report import PetitionFields, Severity

from .petitions import APPEAL_NO_SERVICE_DATE, APPEAL_PERSIAN_DIGITS, FIRST_INSTANCE, OBJECTION_ABROAD

# Served 1404/01/15: last day Sat 1404/02/06 (2025-04-26).
LAST_DAY = dt.date(2025, 4, 26)


def _deadline_findings(report):
    return [f for f in report.findings if f.code in ("TIME_BARRED", "LAST_DAY", "DEADLINE")]


def test_step_is_in_the_default_pipeline():
    assert "deadline" in default_screener().step_names


def test_late_appeal_is_time_barred_with_the_last_day_in_persian():
    report = screen(APPEAL_PERSIAN_DIGITS, today=dt.date(2025, 4, 29))
    assert report.deadline["status"] == "expired" and report.deadline["days_left"] == -3
    assert report.deadline["last_day"] == "1404/02/06" and report.deadline["kind"] == "appeal"
    [f] = _deadline_findings(report)
    assert f.code == "TIME_BARRED" and f.severity is Severity.FRUITLESS
    # A late appeal is rejected under CPC 339 note 2; CPC 84(11) is about the claim, not the appeal.
    assert "تبصره ۲ ماده ۳۳۹" in f.basis and "ماده ۳۳۶" in f.basis and "بند ۱۱ ماده ۸۴" not in f.basis
    assert "شنبه ۱۴۰۴/۰۲/۰۶" in f.message_fa
    # The span points at the service date as the user wrote it (Persian digits).
    assert APPEAL_PERSIAN_DIGITS[f.span.start:f.span.end] == "۱۴۰۴/۰۱/۱۵"
    assert report.to_dict()["deadline"]["status"] == "expired"


def test_appeal_on_its_last_day_is_urgent():
    report = screen(APPEAL_PERSIAN_DIGITS, today=LAST_DAY)
    [f] = _deadline_findings(report)
    assert f.code == "LAST_DAY" and f.severity is Severity.WARN
    assert "امروز" in f.message_fa and "۱۴۰۴/۰۲/۰۶" in f.message_fa


def test_appeal_in_time_gets_a_deadline_note():
    report = screen(APPEAL_PERSIAN_DIGITS, today=dt.date(2025, 4, 20))
    [f] = _deadline_findings(report)
    assert f.code == "DEADLINE" and "۶ روز مانده" in f.message_fa


def test_objection_from_abroad_counts_two_months():
    report = screen(OBJECTION_ABROAD, today=LAST_DAY)
    assert report.deadline["kind"] == "objection" and report.deadline["abroad"] is True
    assert report.deadline["period_days"] == 60 and report.deadline["status"] == "open"
    [f] = _deadline_findings(report)
    assert f.code == "DEADLINE" and "مقیم خارج از کشور" in f.message_fa


@pytest.mark.parametrize("text", [FIRST_INSTANCE, APPEAL_NO_SERVICE_DATE])
def test_no_deadline_without_a_review_petition_and_a_service_date(text):
    report = screen(text, today=LAST_DAY)
    assert report.deadline is None and not _deadline_findings(report)


# --- on a hand-built Document (no normaliser, injected calendar) -----------------------------------
FRIDAYS_ONLY = CourtCalendar(official_holidays={})


def test_step_reads_the_service_date_from_the_one_detector_and_maps_spans_without_a_normalised_text():
    text = "دادخواست تجدیدنظر\nتجدیدنظرخواه: مریم\nرأی در ۱۴۰۴/۰۱/۱۵ صادر و در ۱۴۰۴/۰۱/۲۰ به من ابلاغ شد."
    # A service date the parser might have put in the fields is not a second source.
    doc = Document(text=text, today=dt.date(2025, 4, 26), fields=PetitionFields(service_date="1404/01/02"))
    doc = CheckDeadline(calendar=FRIDAYS_ONLY)(doc)
    assert doc.deadline["served"] == "1404/01/20"
    assert doc.deadline["last_day"] == "1404/02/10"  # 01/20 + 21 = 02/10, a Wednesday
    [f] = doc.findings
    assert f.code == "DEADLINE" and text[f.span.start:f.span.end] == "۱۴۰۴/۰۱/۲۰"


def test_step_ignores_an_impossible_service_date():
    doc = Document(text="دادخواست تجدیدنظر\nتجدیدنظرخواه: مریم\nتاریخ ابلاغ: 1404/13/40", today=LAST_DAY,
                   fields=PetitionFields())
    doc = CheckDeadline(calendar=FRIDAYS_ONLY)(doc)
    assert doc.deadline is None and doc.findings == []


def test_the_reports_service_date_is_the_detectors():
    report = screen(APPEAL_PERSIAN_DIGITS, today=LAST_DAY)
    assert report.fields.service_date == "1404/01/15" == report.deadline["served"]
