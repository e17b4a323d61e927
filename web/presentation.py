"""Turn a `Report` into what the page shows: Persian digits, labels, highlights, checklist.

Nothing here decides anything about the petition: the report says what is wrong; this module
only says how to show it to office staff. The petition text is the user's own input, so it is
escaped piece by piece with markupsafe and only our own <mark> tags are added around it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from screening.knowledge.bands import BAND_LABELS_FA
from screening.knowledge.fields import FIELD_BY_CODE
from screening.knowledge.findings import MISSING_FIELD_FINDING
from screening.knowledge.form_sections import CITIZEN_ASK_FA, CureRule, FormSection, cure_rule, fix_section
from screening.petition_writer import Questions, questions
from screening.report import SEVERITY_RANK, Finding, Report, Severity
from screening.text.digits import fa_number, fa_percent, fa_text
from screening.text.jalali import as_jalali, format_jalali_long_fa

NOT_A_PETITION = "NOT_A_PETITION"



def fa_digits(value: Any) -> Any:
    """Write ASCII digits as Persian ones, for text people read.

    Markup is returned untouched: it may hold character references such as `&#39;` whose
    digits must stay ASCII. Convert plain text first; autoescaping happens after.
    """
    if value is None or isinstance(value, Markup):
        return value
    return fa_text(str(value))


def fa_number_or_blank(value: int | float | None) -> str:
    return "" if value is None else fa_number(value)


def fa_percent_or_blank(probability: float | None) -> str:
    return "" if probability is None else fa_percent(probability)



def field_label(code: str) -> str:
    """An Article 51 item's Persian name (the one table in screening.knowledge.fields)."""
    field = FIELD_BY_CODE.get(code)
    return field.label_fa if field else code


SEVERITY_CSS = {
    Severity.BLOCKER: "sev-blocker",
    Severity.FRUITLESS: "sev-fruitless",
    Severity.DEFECT: "sev-defect",
    Severity.WARN: "sev-warn",
}


def highlight(text: str, findings: list[Finding]) -> Markup:
    """The petition as HTML with each finding's span wrapped in <mark>.

    Spans are offsets into the original text and may overlap; the text is cut at every span
    edge and each piece is marked with the worst severity covering it. The first piece of
    finding i carries id="span-i" so the finding can link to it.
    """
    length = len(text)
    spans: list[tuple[int, int, int, Finding]] = []  # (start, end, finding index, finding)
    for i, finding in enumerate(findings):
        if finding.span is None:
            continue
        start = max(0, min(finding.span.start, length))
        end = max(0, min(finding.span.end, length))
        if start < end:
            spans.append((start, end, i, finding))
    if not spans:
        return escape(text)

    edges = sorted({0, length, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    anchored: set[int] = set()
    out: list[Markup | str] = []
    for left, right in zip(edges, edges[1:]):
        piece = text[left:right]
        covering = [(i, f) for s, e, i, f in spans if s <= left and right <= e]
        if not covering:
            out.append(escape(piece))
            continue
        worst = min(covering, key=lambda c: SEVERITY_RANK[c[1].severity])[1]
        titles = "؛ ".join(dict.fromkeys(fa_digits(f.message_fa) for _, f in covering))
        new_anchors = [i for i, _ in covering if i not in anchored]
        anchored.update(new_anchors)
        # The first piece of a finding is a keyboard stop (tabindex) that leads to the finding;
        # every piece names the finding it belongs to (the worst one covering it).
        target = new_anchors[0] if new_anchors else min(covering, key=lambda c: (SEVERITY_RANK[c[1].severity], c[0]))[0]
        id_attr = Markup(' id="span-{}" tabindex="0"').format(new_anchors[0]) if new_anchors else Markup("")
        # Other findings starting here get their own empty anchor so every link has a target.
        extra = Markup("").join(Markup('<a class="anchor" id="span-{}"></a>').format(i) for i in new_anchors[1:])
        out.append(
            Markup('{}<mark class="{}" title="{}"{} data-finding="{}">{}</mark>').format(
                extra, SEVERITY_CSS[worst.severity], titles, id_attr, target, piece
            )
        )
    return Markup("").join(out)


# What each band means for the person acting on it (the thresholds are the model's own).
BAND_MEANINGS_FA = {
    "low": "در رأی‌های آموزشی، دعواهای مشابه کمتر بی‌نتیجه مانده‌اند؛ با این حال ایرادهای بالا را رفع کنید.",
    "medium": "نشانه‌هایی از بی‌نتیجه ماندن هست؛ ایرادها و مدارک کلیدی را پیش از ثبت بازبینی کنید.",
    "high": "دعواهای مشابه در داده‌های آموزشی بیشتر بی‌نتیجه مانده‌اند؛ پیش از ثبت، با متقاضی درباره ایرادها گفت‌وگو کنید.",
}
NO_PROBABILITY_NOT_PETITION_FA = "این متن دادخواست به نظر نمی‌رسد؛ برای آن احتمالی محاسبه نمی‌شود."
NO_PROBABILITY_UNFAMILIAR_FA = "این متن با دادخواست‌هایی که مدل دیده فاصله دارد؛ احتمال مدل برای آن قابل اتکا نیست و نشان داده نمی‌شود."


@dataclass
class ChecklistItem:
    """One thing to ask the citizen for, printed as a tick box."""

    label: str
    detail: str = ""
    citizen_label: str = ""  # the same, in the citizen's terms, for the printed notice
    deadline_fa: str = ""  # by when, as the citizen's notice says it
    findings: list[int] = field(default_factory=list)  # report.findings indices this item answers


@dataclass
class FindingView:
    """One finding as the expert reads it: what, why (basis), the fix, where it goes, the cure cycle."""

    index: int  # into report.findings (anchors span-i / finding-i)
    finding: Finding
    section: FormSection | None
    cure: CureRule | None


@dataclass
class ReportView:
    """Everything the result part of the page needs, already in display form."""

    report: Report
    highlighted: Markup
    findings: list[tuple[int, Finding]]  # (index into report.findings, finding), worst first
    missing: list[tuple[str, str]]  # (field name, Persian label)
    to_ask: list[ChecklistItem]
    risk_label: str | None
    risk_percent: str | None
    risk_class: str
    risk_bar: int  # percentage rounded to 5, for a CSS width class (no inline styles under our CSP)
    reasons_raise: list = field(default_factory=list)
    reasons_lower: list = field(default_factory=list)
    finding_views: list[FindingView] = field(default_factory=list)
    blockers: list[FindingView] = field(default_factory=list)
    is_petition: bool = True
    not_petition_message: str = ""
    no_probability_reason: str = ""  # why the probability is withheld (not a petition, unfamiliar text)
    band_meaning: str = ""
    quality_fa: str = ""
    base_rate_fa: str = ""
    reference: str = ""
    date_fa: str = ""
    questions: Questions | None = None
    deadline_fa: str = ""  # the legal deadline in one line, for the citizen's notice

    @property
    def show_probability(self) -> bool:
        return self.risk_percent is not None and not self.no_probability_reason


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """An attribute or key that other parts of the report contract may not have yet."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def is_petition(report: Report) -> bool:
    """False when the core says the text is not a petition (`is_petition`, or its NOT_A_PETITION finding)."""
    flag = _get(report, "is_petition")
    if flag is not None:
        return bool(flag)
    return NOT_A_PETITION not in report.finding_codes


def reference_for(text: str) -> str:
    """A short reference for the notice: a hash of the text (not the text), e.g. «A1B2-C3D4»."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


def base_rate_line(base_rate: Any) -> str:
    """«از ۸۵ رأی واقعی این نوع، ۲۲٪ بی‌نتیجه» from the report's `base_rate`, or ""."""
    n = _get(base_rate, "n")
    rate = _get(base_rate, "fruitless_rate")
    if not n or rate is None:
        return ""
    return f"از {fa_number(n)} رأی واقعی این نوع، {fa_percent(rate)} بی‌نتیجه"


def model_quality_fa(info: Any, model_dir: Path | None = None) -> str:
    """The model's one-line real-data figure: its own `quality_fa`, else read from its metadata."""
    line = _get(info, "quality_fa")
    if line:
        return str(line)
    if model_dir is None:
        return ""
    try:
        meta = json.loads((Path(model_dir) / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    external = (meta.get("metrics") or {}).get("external") or {}
    n, auc = external.get("n"), external.get("roc_auc")
    if not n or auc is None:
        return "این مدل روی رأی‌های واقعی دادگاه سنجیده نشده است؛ احتمال آن را فقط راهنما بدانید."
    auc_fa = fa_text(f"{auc:.2f}").replace(".", "٫")
    return (
        f"روی {fa_number(n)} رأی واقعی دادگاه، توان تفکیک این مدل (ROC-AUC) {auc_fa} بود؛ "
        "۰٫۵ یعنی حدس تصادفی و ۱ یعنی بی‌خطا."
    )


def deadline_line(report: Report) -> str:
    d = report.deadline or {}
    last = " ".join(x for x in (d.get("last_day_weekday_fa", ""), d.get("last_day", "")) if x).strip()
    what = d.get("kind_fa") or "اقدام"
    status = d.get("status")
    if not last:
        return ""
    if status == "expired":
        return fa_digits(f"مهلت {what} گذشته است (آخرین روز: {last}).")
    return fa_digits(f"آخرین روز مهلت {what}: {last}")


def _item_deadline(report: Report, severity: Severity | None) -> str:
    d = report.deadline or {}
    if d.get("status") in ("open", "last_day") and d.get("last_day"):
        return fa_digits(f"پیش از {d.get('last_day')} (آخرین روز مهلت {d.get('kind_fa') or 'اقدام'})")
    if severity is Severity.BLOCKER:
        return "پیش از ثبت؛ بدون آن دادخواست رد می‌شود"
    if severity is Severity.DEFECT:
        return "پیش از ثبت؛ وگرنه ۱۰ روز پس از ابلاغ اخطار رفع نقص"
    return "پیش از ثبت"


def to_ask_citizen(report: Report) -> list[ChecklistItem]:
    """What the office should ask the citizen for: missing items, absent key evidence, curable defects.

    Findings that cannot be cured by bringing something (FRUITLESS, WARN) are not on it; the
    screen shows them with their legal basis instead. Each item says by when, and which findings
    it answers (so the expert's «نادیده گرفته شود» can take it off the citizen's copy).
    """
    items: list[ChecklistItem] = []
    seen: dict[str, ChecklistItem] = {}
    index_of = {f.code: i for i, f in enumerate(report.findings)}
    severity_of = {f.code: f.severity for f in report.findings}

    def add(label: str, detail: str = "", severity: Severity | None = None, findings: list[int] | None = None,
            citizen: str = "") -> None:
        key = label.strip()
        if not key:
            return
        if key in seen:
            seen[key].findings.extend(i for i in findings or [] if i not in seen[key].findings)
            return
        item = ChecklistItem(label=label, detail=detail, citizen_label=citizen or label,
                             deadline_fa=_item_deadline(report, severity), findings=list(findings or []))
        seen[key] = item
        items.append(item)

    for name in report.missing_fields:
        code = MISSING_FIELD_FINDING.get(name)
        add(field_label(name), severity=severity_of.get(code, Severity.DEFECT),
            findings=[index_of[code]] if code in index_of else [], citizen=CITIZEN_ASK_FA.get(code or "", ""))
    for check in report.evidence_checklist:
        if not check.present and check.key:
            linked = [i for i, f in enumerate(report.findings) if f.code == "MISSING_EVIDENCE" and check.label_fa in f.message_fa]
            add(check.label_fa, "مدرک کلیدی این نوع دعوا", findings=linked,
                citizen=CITIZEN_ASK_FA["MISSING_EVIDENCE"].format(evidence=check.label_fa))
    # A missing field already has its short line above; its finding would say it again.
    said = {MISSING_FIELD_FINDING.get(name) for name in report.missing_fields}
    for i, finding in enumerate(report.findings):
        if finding.severity in (Severity.BLOCKER, Severity.DEFECT) and finding.code not in said:
            add(fa_digits(finding.message_fa), fa_digits(finding.basis), finding.severity, [i],
                citizen=fa_digits(CITIZEN_ASK_FA.get(finding.code, "")))
    return items


def build_view(report: Report, text: str, *, quality_fa: str = "", today: _dt.date | None = None) -> ReportView:
    indexed = sorted(enumerate(report.findings), key=lambda p: (SEVERITY_RANK[p[1].severity], p[0]))
    p = report.fruitless_probability
    band = report.risk_band
    petition = is_petition(report)
    caveat = _get(report, "score_caveat")
    if not petition:
        withheld = NO_PROBABILITY_NOT_PETITION_FA
    elif _get(caveat, "code") == "unfamiliar":
        withheld = fa_digits(_get(caveat, "message_fa") or NO_PROBABILITY_UNFAMILIAR_FA)
    else:
        withheld = ""
    not_petition_message = ""
    if not petition:
        found = next((f for f in report.findings if f.code == NOT_A_PETITION), None)
        not_petition_message = fa_digits(found.message_fa) if found else NO_PROBABILITY_NOT_PETITION_FA
    views = [FindingView(i, f, fix_section(f.code), cure_rule(f.severity)) for i, f in indexed]
    return ReportView(
        report=report,
        highlighted=highlight(text, report.findings),
        findings=indexed,
        missing=[(name, field_label(name)) for name in report.missing_fields],
        to_ask=to_ask_citizen(report) if petition else [],
        risk_label=BAND_LABELS_FA.get(band or "", band) if p is not None else None,
        risk_percent=fa_percent(p) if p is not None else None,
        risk_class=f"risk-{band}" if band in BAND_LABELS_FA else "risk-unknown",
        risk_bar=int(round((p or 0.0) * 20) * 5),
        reasons_raise=[r for r in report.reasons if r.direction == "raises"],
        reasons_lower=[r for r in report.reasons if r.direction != "raises"],
        finding_views=views,
        blockers=[v for v in views if v.finding.severity is Severity.BLOCKER],
        is_petition=petition,
        not_petition_message=not_petition_message,
        no_probability_reason=withheld,
        band_meaning=BAND_MEANINGS_FA.get(band or "", ""),
        quality_fa=model_quality_fa(report.model) or quality_fa,
        base_rate_fa=base_rate_line(_get(report, "base_rate")),
        reference=reference_for(text),
        date_fa=format_jalali_long_fa(as_jalali(today or _dt.date.today())),
        questions=questions(report) if petition else None,
        deadline_fa=deadline_line(report),
    )
