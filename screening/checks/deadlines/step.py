"""Pipeline step «deadline»: for an objection or appeal that names a service date, how long is left."""
from __future__ import annotations

from screening.checks.deadlines.calculator import EXPIRED, LAST_DAY, Deadline, compute_deadline
from screening.checks.deadlines.calendar import CourtCalendar
from screening.checks.deadlines.detect import DeadlineCues, detect
from screening.knowledge.deadlines import TIME_BAR_BASIS
from screening.text.digits import to_ascii_digits, to_fa_digits
from screening.text.jalali import InvalidJalaliDate, JalaliDate, find_jalali_dates, format_jalali_fa, parse_jalali_date
from screening.report import Finding, Severity, Span


class CheckDeadline:
    """Adds `doc.deadline` and one finding: TIME_BARRED, LAST_DAY or DEADLINE.

    The service date is the parser's `fields.service_date` when it has one, else this step's own
    detection. `doc.today` (Gregorian) is the day the deadline is judged on.
    """

    name = "deadline"

    def __init__(self, calendar: CourtCalendar | None = None):
        self.calendar = calendar  # None: the shipped calendar (Fridays, official holidays, closures file)

    def __call__(self, doc):
        nt = getattr(doc, "normalised", None)
        # Folding digits keeps every offset, so without a normalised text positions are the original's.
        text = nt.text if nt is not None else to_ascii_digits(doc.text)
        cues = detect(text)
        if cues.kind is None:
            return doc
        served, span = self._service_date(doc, text, cues)
        if served is None:
            return doc
        deadline = compute_deadline(cues.kind, served, abroad=cues.abroad, today=doc.today, calendar=self.calendar)
        doc.deadline = deadline.to_dict()
        where = span or cues.kind_span
        original = (nt.span_to_original(*where) if nt is not None else where) if where else None
        doc.findings.append(deadline_finding(deadline, Span(*original) if original else None))
        return doc

    @staticmethod
    def _service_date(doc, text: str, cues: DeadlineCues) -> tuple[JalaliDate | None, tuple[int, int] | None]:
        fields = getattr(doc, "fields", None)
        raw = getattr(fields, "service_date", None) if fields is not None else None
        if raw:
            try:
                served = parse_jalali_date(raw)
            except InvalidJalaliDate:
                return None, None  # the date check reports impossible dates; nothing to count from
            if cues.service_date == served:
                return served, cues.service_span
            same = [(s, e) for s, e, d in find_jalali_dates(text) if d == served]
            return served, same[0] if same else None
        return cues.service_date, cues.service_span


def deadline_finding(deadline: Deadline, span: Span | None) -> Finding:
    rule = deadline.rule
    period = f"{to_fa_digits(deadline.period_days)} روز"
    if deadline.abroad:
        period += "، مقیم خارج از کشور"
    context = f"(ابلاغ: {format_jalali_fa(deadline.served, weekday=True)}؛ مهلت {period})"
    parts = [deadline.headline_fa(), context]
    if deadline.rolled_reason_fa:
        parts.append(deadline.rolled_reason_fa)

    if deadline.status == EXPIRED:
        code, severity, basis = "TIME_BARRED", Severity.FRUITLESS, f"{TIME_BAR_BASIS}؛ {rule.basis}"
        parts.append("دادخواستی که پس از پایان مهلت داده شود به نتیجه نمی‌رسد و رد می‌شود.")
        if rule.excusable:
            parts.append(rule.note_fa)
    elif deadline.status == LAST_DAY or deadline.interpretation_matters_today:
        code, severity, basis = "LAST_DAY", Severity.WARN, rule.basis
        parts.append("این پرونده فوری است؛ دادخواست همین امروز ثبت شود.")
    else:
        code, severity, basis = "DEADLINE", Severity.WARN, rule.basis
    if deadline.interpretation_note_fa:
        parts.append(deadline.interpretation_note_fa)
    return Finding(code=code, severity=severity, basis=basis, message_fa=" ".join(parts), span=span)
