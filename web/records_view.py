"""What the records pages show: Persian labels for stored codes, and the dashboard as charts + tables."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from screening.knowledge.bands import BAND_BY_CODE
from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE
from screening.knowledge.findings import FINDING_TYPES
from screening.knowledge.forums import FORUM_BY_CODE
from screening.knowledge.value_bands import VALUE_BAND_BY_CODE
from screening.records.dashboard import Dashboard
from screening.report import SEVERITY_LABELS_FA, Severity
from screening.text.digits import fa_number, fa_percent, to_fa_digits
from screening.text.jalali import as_jalali, format_jalali_fa
from screening.training.card import OUTCOME_FA
from screening.training.rulings import FRUITLESS_OUTCOMES, OUTCOMES
from screening_web.charts import Bar, ColumnGroup, columns, hbars

DECISION_FA = {"handled": "بررسی شد", "overridden": "نادیده گرفته شد", "open": "بدون تصمیم"}
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_BARE_PLACEHOLDER = re.compile(r"\s*\(…\)")


def outcome_label(code: str | None) -> str:
    return OUTCOME_FA.get(code or "", code or "—")


def claim_type_label(code: str) -> str:
    spec = CLAIM_TYPE_BY_CODE.get(code)
    return spec.label_fa if spec else code


def forum_label(code: str) -> str:
    spec = FORUM_BY_CODE.get(code)
    return spec.label_fa if spec else code


def value_band_label(code: str) -> str:
    band = VALUE_BAND_BY_CODE.get(code)
    return band.label_fa if band else code


def risk_band_label(code: str | None) -> str:
    band = BAND_BY_CODE.get(code or "none")
    return band.label_fa if band else (code or "—")


def severity_label(code: str) -> str:
    try:
        return SEVERITY_LABELS_FA[Severity(code)]
    except ValueError:
        return code


def finding_title(code: str) -> str:
    """The first clause of the finding's guidance, without its placeholders: a short Persian name."""
    row = FINDING_TYPES.get(code)
    if row is None:
        return code
    first = re.split(r"[.؛]", row.message_fa, maxsplit=1)[0]
    first = _BARE_PLACEHOLDER.sub("", _PLACEHOLDER.sub("…", first)).strip()
    return first if len(first) <= 70 else first[:68].rstrip() + "…"


def jalali(value: _dt.date | _dt.datetime | None) -> str:
    if value is None:
        return "—"
    return format_jalali_fa(as_jalali(value.date() if isinstance(value, _dt.datetime) else value))


def pct(share: float | None) -> str:
    return "—" if share is None else fa_percent(share)


OUTCOME_CHOICES = [(code, OUTCOME_FA[code]) for code in OUTCOMES]


@dataclass
class DashboardView:
    board: Dashboard
    weekly_chart: Markup
    blocker_chart: Markup
    findings_chart: Markup
    office_chart: Markup
    claim_chart: Markup
    outcome_chart: Markup
    calibration_chart: Markup


def dashboard_view(board: Dashboard) -> DashboardView:
    # A week is labelled by its Saturday, month/day in Jalali («۰۹/۱۰»).
    weeks = [ColumnGroup(format_jalali_fa(as_jalali(w.week_start))[5:], (w.petitions, w.findings),
                         (fa_number(w.petitions), fa_number(w.findings)))
             for w in board.weeks]
    blocker_weeks = [ColumnGroup(g.label, (w.blocker_share,), (pct(w.blocker_share),)) for g, w in zip(weeks, board.weeks)]
    top = [Bar(f"{finding_title(code)} ({severity_label(sev)})", n, fa_number(n)) for code, sev, n in board.top_findings]
    offices = [Bar(g.key, g.blocker_share or 0, pct(g.blocker_share)) for g in board.by_office]
    claims = [Bar(claim_type_label(g.key), g.blocker_share or 0, pct(g.blocker_share)) for g in board.by_claim_type]
    total = board.outcomes_entered or 1
    outcomes = [Bar(outcome_label(code), n / total, f"{fa_number(n)} ({fa_percent(n / total)})") for code, n in board.outcomes]
    calib = [ColumnGroup(f"{to_fa_digits(round(r.low * 100))}–{to_fa_digits(round(r.high * 100))}٪",
                         (r.mean_predicted, r.observed), (pct(r.mean_predicted), pct(r.observed)))
             for r in board.calibration]
    return DashboardView(
        board=board,
        weekly_chart=columns(weeks, ("دادخواست", "یافته"), "دادخواست‌ها و یافته‌ها در هر هفته"),
        blocker_chart=columns(blocker_weeks, ("سهم دادخواست‌های دارای ایراد ردکننده",),
                              "سهم دادخواست‌های دارای ایراد ردکننده در هر هفته", max_value=1.0, percent_axis=True),
        findings_chart=hbars(top, "پرتکرارترین ایرادها"),
        office_chart=hbars(offices, "سهم دادخواست‌های دارای ایراد ردکننده به تفکیک دفتر", max_value=1.0),
        claim_chart=hbars(claims, "سهم دادخواست‌های دارای ایراد ردکننده به تفکیک نوع دعوا", max_value=1.0),
        outcome_chart=hbars(outcomes, "نتیجه رسیدگی دادگاه (نتیجه‌های ثبت‌شده)", max_value=1.0),
        calibration_chart=columns(calib, ("احتمال پیش‌بینی‌شده", "نرخ واقعی بی‌نتیجه"),
                                  "درستی امتیاز: پیش‌بینی در برابر نتیجه ثبت‌شده", max_value=1.0, percent_axis=True),
    )


FRUITLESS_FA = "، ".join(OUTCOME_FA[c] for c in OUTCOMES if c in FRUITLESS_OUTCOMES)
