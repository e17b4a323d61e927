"""Turn a `Report` into what the page shows: Persian digits, labels, highlights, checklist.

Nothing here decides anything about the petition: the report says what is wrong; this module
only says how to show it to office staff. The petition text is the user's own input, so it is
escaped piece by piece with markupsafe and only our own <mark> tags are added around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from screening.knowledge.bands import BAND_LABELS_FA
from screening.knowledge.fields import FIELD_BY_CODE
from screening.knowledge.findings import MISSING_FIELD_FINDING
from screening.report import SEVERITY_RANK, Finding, Report, Severity
from screening.text.digits import fa_number, fa_percent, fa_text



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
        id_attr = Markup(' id="span-{}"').format(new_anchors[0]) if new_anchors else Markup("")
        # Other findings starting here get their own empty anchor so every link has a target.
        extra = Markup("").join(Markup('<a class="anchor" id="span-{}"></a>').format(i) for i in new_anchors[1:])
        out.append(
            Markup('{}<mark class="{}" title="{}"{}>{}</mark>').format(
                extra, SEVERITY_CSS[worst.severity], titles, id_attr, piece
            )
        )
    return Markup("").join(out)


@dataclass
class ChecklistItem:
    """One thing to ask the citizen for, printed as a tick box."""

    label: str
    detail: str = ""


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


def to_ask_citizen(report: Report) -> list[ChecklistItem]:
    """What the office should ask the citizen for: missing items, absent key evidence, curable defects.

    Findings that cannot be cured by bringing something (FRUITLESS, WARN) are not on it; the
    screen shows them with their legal basis instead.
    """
    items: list[ChecklistItem] = []
    seen: set[str] = set()

    def add(label: str, detail: str = "") -> None:
        key = label.strip()
        if key and key not in seen:
            seen.add(key)
            items.append(ChecklistItem(label=label, detail=detail))

    for name in report.missing_fields:
        add(field_label(name))
    for check in report.evidence_checklist:
        if not check.present and check.key:
            add(check.label_fa, "مدرک کلیدی این نوع دعوا")
    # A missing field already has its short line above; its finding would say it again.
    said = {MISSING_FIELD_FINDING.get(name) for name in report.missing_fields}
    for finding in report.findings:
        if finding.severity in (Severity.BLOCKER, Severity.DEFECT) and finding.code not in said:
            add(fa_digits(finding.message_fa), fa_digits(finding.basis))
    return items


def build_view(report: Report, text: str) -> ReportView:
    indexed = sorted(enumerate(report.findings), key=lambda p: (SEVERITY_RANK[p[1].severity], p[0]))
    p = report.fruitless_probability
    band = report.risk_band
    return ReportView(
        report=report,
        highlighted=highlight(text, report.findings),
        findings=indexed,
        missing=[(name, field_label(name)) for name in report.missing_fields],
        to_ask=to_ask_citizen(report),
        risk_label=BAND_LABELS_FA.get(band or "", band) if p is not None else None,
        risk_percent=fa_percent(p) if p is not None else None,
        risk_class=f"risk-{band}" if band in BAND_LABELS_FA else "risk-unknown",
        risk_bar=int(round((p or 0.0) * 20) * 5),
        reasons_raise=[r for r in report.reasons if r.direction == "raises"],
        reasons_lower=[r for r in report.reasons if r.direction != "raises"],
    )
