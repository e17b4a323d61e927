"""screening_web.presentation: Persian digits, safe highlighting and the citizen checklist, on hand-built reports."""
from __future__ import annotations

from markupsafe import Markup

from screening.report import (
    ClaimType,
    EvidenceCheck,
    Finding,
    Forum,
    PetitionFields,
    Report,
    Severity,
    Span,
)
from screening_web.presentation import build_view, fa_digits, fa_number, fa_percent, highlight, to_ask_citizen

BASIS_51 = "ماده ۵۱ قانون آیین دادرسی مدنی"


def _report(findings=(), missing=(), evidence=(), p=None, band=None) -> Report:
    return Report(
        claim_type=ClaimType("cheque", "مطالبه وجه چک", 0.9),
        forum=Forum("peace_court", "دادگاه صلح", "بند ۱ ماده ۱۲ قانون شوراهای حل اختلاف"),
        missing_fields=list(missing),
        findings=list(findings),
        fields=PetitionFields(),
        evidence_checklist=list(evidence),
        fruitless_probability=p,
        risk_band=band,
    )


def test_digits_become_persian_with_persian_thousands_separator():
    assert fa_digits("مبلغ 450,000,000 ریال در 1403/02/20") == "مبلغ ۴۵۰٬۰۰۰٬۰۰۰ ریال در ۱۴۰۳/۰۲/۲۰"
    assert fa_number(1_000_000_000) == "۱٬۰۰۰٬۰۰۰٬۰۰۰"
    assert fa_percent(0.724) == "۷۲٪"


def test_markup_is_not_touched_so_character_references_survive():
    escaped = Markup("&#39;ماده 51&#39;")
    assert fa_digits(escaped) == escaped


def test_highlight_escapes_html_in_the_petition_and_marks_the_span():
    text = "خوانده: <script>alert(1)</script> پایان"
    start = text.index("<script>")
    end = text.index("</script>") + len("</script>")
    finding = Finding("X", Severity.DEFECT, BASIS_51, "ایراد «x»", Span(start, end))
    html = str(highlight(text, [finding]))
    assert "<script>" not in html
    assert '<mark class="sev-defect" title="ایراد «x»" id="span-0" tabindex="0" data-finding="0">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert html.startswith("خوانده: ") and html.endswith(" پایان")


def test_overlapping_spans_take_the_worst_severity_and_each_finding_gets_an_anchor():
    text = "0123456789"
    warn = Finding("W", Severity.WARN, "b", "w", Span(0, 6))
    blocker = Finding("B", Severity.BLOCKER, "b", "b", Span(4, 8))
    html = str(highlight(text, [warn, blocker]))
    assert '<mark class="sev-warn" title="w" id="span-0" tabindex="0" data-finding="0">0123</mark>' in html
    assert 'id="span-1" tabindex="0" data-finding="1">45</mark>' in html and '<mark class="sev-blocker"' in html
    # A piece that continues a finding is not another keyboard stop, but still leads to its finding.
    assert '<mark class="sev-blocker" title="b" data-finding="1">67</mark>89' in html


def test_spans_outside_the_text_are_clipped_or_ignored():
    text = "abc"
    findings = [
        Finding("A", Severity.WARN, "b", "m", Span(1, 99)),
        Finding("B", Severity.WARN, "b", "m", Span(50, 60)),
        Finding("C", Severity.WARN, "b", "m", None),
    ]
    assert str(highlight(text, findings)) == 'a<mark class="sev-warn" title="m" id="span-0" tabindex="0" data-finding="0">bc</mark>'


def test_checklist_asks_for_missing_items_absent_key_evidence_and_curable_defects_only():
    report = _report(
        findings=[
            Finding("MISSING_DEFENDANT", Severity.DEFECT, BASIS_51, "خوانده مشخص نشده است."),
            Finding("INVALID_NATIONAL_ID", Severity.DEFECT, BASIS_51, "کد ملی خواهان (0076229646) معتبر نیست."),
            Finding("TIME_BARRED", Severity.FRUITLESS, "بند ۱۱ ماده ۸۴", "مهلت گذشته است."),
        ],
        missing=["defendant"],
        evidence=[
            EvidenceCheck("cheque", "تصویر مصدق چک", present=True, key=True),
            EvidenceCheck("nonpayment", "گواهی عدم پرداخت", present=False, key=True),
            EvidenceCheck("id_card", "کارت ملی", present=False, key=False),
        ],
    )
    labels = [item.label for item in to_ask_citizen(report)]
    # The missing defendant is asked for once (its finding repeats it); digits are Persian.
    assert labels == ["مشخصات خوانده", "گواهی عدم پرداخت", "کد ملی خواهان (۰۰۷۶۲۲۹۶۴۶) معتبر نیست."]


def test_view_without_a_model_has_no_risk_band():
    view = build_view(_report(), "متن")
    assert view.risk_percent is None and view.risk_label is None and view.risk_class == "risk-unknown"


def test_view_with_a_model_shows_band_and_percentage():
    view = build_view(_report(p=0.83, band="high"), "متن")
    assert (view.risk_label, view.risk_percent, view.risk_class, view.risk_bar) == ("زیاد", "۸۳٪", "risk-high", 85)


def test_findings_are_listed_worst_first_keeping_their_span_index():
    findings = [
        Finding("W", Severity.WARN, "b", "w"),
        Finding("B", Severity.BLOCKER, "b", "b"),
        Finding("D", Severity.DEFECT, "b", "d"),
    ]
    view = build_view(_report(findings=findings), "متن")
    assert [(i, f.code) for i, f in view.findings] == [(1, "B"), (2, "D"), (0, "W")]
