"""Pipeline step «deadline»: for a review petition (appeal, objection, …) that names a service date, how long is left."""
from __future__ import annotations

from screening.checks.deadlines.calculator import EXPIRED, LAST_DAY, Deadline, compute_joint_deadline
from screening.checks.deadlines.calendar import CourtCalendar
from screening.checks.deadlines.detect import detect
from screening.checks.rules import make_finding
from screening.text.digits import to_ascii_digits, to_fa_digits
from screening.text.jalali import format_jalali_fa
from screening.report import Finding, Span


class CheckDeadline:
    """Adds `doc.deadline` and one finding: TIME_BARRED, LAST_DAY or DEADLINE (rows of the findings table).

    The kind and the service dates come from the one detector (`deadlines.detect`), read once by the
    petition-kind step (`doc.review_cues`) or here when that step did not run. Several service dates, or
    several applicants one of whom lives abroad, give the longest period to all (CPC 447).
    `doc.today` (Gregorian) is the day the deadline is judged on.
    """

    name = "deadline"

    def __init__(self, calendar: CourtCalendar | None = None):
        self.calendar = calendar  # None: the shipped calendar (Fridays, official holidays, closures file)

    def __call__(self, doc):
        nt = getattr(doc, "normalised", None)
        cues = getattr(doc, "review_cues", None)
        if cues is None:
            # Folding digits keeps every offset, so without a normalised text positions are the original's.
            cues = detect(nt.text if nt is not None else to_ascii_digits(doc.text))
        if cues.kind is None or not cues.services:
            return doc
        fields = getattr(doc, "fields", None)
        several = fields is not None and len(fields.plaintiffs) > 1
        deadline = compute_joint_deadline(cues.kind, [(s.date, s.abroad) for s in cues.services],
                                          today=doc.today, calendar=self.calendar, several_parties=several)
        doc.deadline = deadline.to_dict()
        where = next((s.span for s in cues.services if s.date == deadline.served), None) or cues.kind_span
        original = (nt.span_to_original(*where) if nt is not None else where) if where else None
        doc.findings.append(deadline_finding(deadline, Span(*original) if original else None))
        return doc


def deadline_finding(deadline: Deadline, span: Span | None) -> Finding:
    """The deadline's finding, from its row of the findings table (severity, basis and wording there)."""
    rule = deadline.rule
    period = f"{to_fa_digits(deadline.period_days)} روز"
    if deadline.abroad:
        period += "، مقیم خارج از کشور"
    if deadline.several_parties:
        period += "، چند طرف: طولانی‌ترین مهلت برای همه (ماده ۴۴۷)"
    values = dict(
        headline=deadline.headline_fa(),
        context=f"(ابلاغ: {format_jalali_fa(deadline.served, weekday=True)}؛ مهلت {period})",
        rolled=f" {deadline.rolled_reason_fa}" if deadline.rolled_reason_fa else "",
        interpretation=f" {deadline.interpretation_note_fa}" if deadline.interpretation_note_fa else "",
        period_basis=deadline.basis,
        late_basis=deadline.late_basis,
        late_fa=rule.late_fa,
        excuse=f" {rule.note_fa}" if rule.excusable and rule.note_fa else "",
    )
    if deadline.status == EXPIRED:
        code = "TIME_BARRED"
    elif deadline.status == LAST_DAY or deadline.interpretation_matters_today:
        code = "LAST_DAY"
    else:
        code = "DEADLINE"
    return make_finding(code, span, **values)
