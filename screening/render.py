"""A readable Persian plain-text report (for the terminal and for `make run`'s example)."""
from __future__ import annotations

from screening.knowledge.fields import FIELD_BY_CODE
from screening.knowledge.bands import BAND_LABELS_FA
from screening.report import PetitionKind, Report
from screening.knowledge.ruling_outcomes import grounds_fa, outcome_label_fa
from screening.similar.describe import rate_line, share_line
from screening.text.digits import fa_number, fa_percent, fa_text, to_fa_digits

DEADLINE_STATUS_FA = {"open": "در جریان", "last_day": "امروز آخرین روز مهلت", "expired": "مهلت گذشته"}


def fa_rial(n: int) -> str:
    return fa_number(n) + " ریال"


def render_text(report: Report) -> str:
    lines: list[str] = ["گزارش غربالگری دادخواست", "=" * 24]
    if not report.is_petition:
        # No claim type, court or score is guessed for text that is not a petition: only the finding.
        for f in report.findings:
            lines.append(f"[{f.severity.label_fa}] {f.code}: {f.message_fa}")
            lines.append(f"    مبنای قانونی: {f.basis}")
        return "\n".join(lines) + "\n"
    ct = report.claim_type
    lines.append(f"نوع دعوا: {ct.label_fa} (اطمینان {fa_percent(ct.confidence)})")
    kind = PetitionKind(report.petition_kind)
    if kind.is_review:
        lines.append(f"نوع دادخواست: {kind.label_fa} (نوع دعوا همان دعوای اصلی است)")
    lines.append(f"دادگاه صالح: {report.forum.label_fa} — مبنا: {report.forum.basis}")
    if report.fields.claim_value_rial is not None:
        lines.append(f"بهای خواسته: {fa_rial(report.fields.claim_value_rial)}")
    if report.fruitless_probability is None:
        lines.append("احتمال بی‌نتیجه بودن دعوا: مدل امتیازدهی در دسترس نیست")
    else:
        band = BAND_LABELS_FA.get(report.risk_band or "", report.risk_band or "")
        lines.append(f"احتمال بی‌نتیجه بودن دعوا: {fa_percent(report.fruitless_probability)} ({band})")
    if report.deadline:
        d = report.deadline
        status = DEADLINE_STATUS_FA.get(d.get("status", ""), d.get("status", ""))
        lines.append(f"مهلت {d.get('kind_fa', '')}: آخرین روز {to_fa_digits(d.get('last_day', ''))} — {status}")
    lines.append("")
    if report.missing_fields:
        labels = "، ".join(FIELD_BY_CODE[c].label_fa for c in report.missing_fields)
        lines.append(f"موارد ناقص ماده ۵۱ قانون آیین دادرسی مدنی: {labels}")
    else:
        lines.append("همه موارد ماده ۵۱ قانون آیین دادرسی مدنی در دادخواست آمده است.")
    lines.append("")
    if report.findings:
        lines.append("یافته‌ها:")
        for f in report.findings:
            lines.append(f"  [{f.severity.label_fa}] {f.code}: {f.message_fa}")
            lines.append(f"      مبنای قانونی: {f.basis}")
    else:
        lines.append("یافته‌ای نیست.")
    if report.evidence_checklist:
        lines.append("")
        lines.append(f"فهرست مدارک «{kind.label_fa if kind.is_review else ct.label_fa}»:")
        for e in report.evidence_checklist:
            mark = "✓ هست" if e.present else ("✗ نیست" if e.key else "– نیست (توصیه‌شده)")
            lines.append(f"  {mark}: {e.label_fa}")
    if report.reasons:
        lines.append("")
        lines.append("آنچه بر امتیاز اثر گذاشت:")
        for r in report.reasons[:8]:
            arrow = "↑" if r.direction == "raises" else "↓"
            lines.append(f"  {arrow} {r.label_fa}")
    lines.extend(render_similar(report))
    return "\n".join(lines) + "\n"


def render_similar(report: Report) -> list[str]:
    """The «آرای مشابه» section: nothing without an index, one line when no ruling is close enough."""
    if report.similar_rulings is None:
        return []
    lines = ["", "آرای مشابه:"]
    if not report.similar_rulings:
        lines.append("  رأی منتشرشده‌ای با خواسته‌ای به‌قدر کافی مشابه در نمایه نیست.")
        return lines
    for s in report.similar_rulings:
        ground = grounds_fa(s.ground)
        head = f"  [{outcome_label_fa(s.outcome)}]" + (f" به استناد {ground}" if ground else "")
        when = "، ".join(to_fa_digits(x) for x in (s.court, s.date) if x)
        lines.append(f"{head} — {fa_text(s.claim)}" + (f" ({when})" if when else "") + f" — شباهت {fa_percent(s.similarity)}")
        if s.link:
            lines.append(f"      {s.link}")
    for line in (share_line(report.similar_rulings), rate_line(report.neighbour_fruitless_rate)):
        if line:
            lines.append(f"  {line}")
    return lines
