"""Does a petition act against a served ruling or notice, which kind, served when, and from abroad?

The one service-date detector of the package: the report's `fields.service_date` and the deadline
step both come from here. Reads normalised text (ASCII digits). The cue tables are data: a strong cue (a heading such as
«تجدیدنظرخواه:», «دادخواست تجدیدنظر») decides the kind on its own; weak cues (a bare mention of
«تجدیدنظر», as in a first-instance ruling quoted in the facts) never do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.text.jalali import JalaliDate, find_jalali_dates
from screening.knowledge.claim_types import cue  # `_` = a space, a half-space or nothing


@dataclass(frozen=True)
class KindCues:
    kind: str  # a code of screening.knowledge.deadlines
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...] = ()


STRONG_WEIGHT, WEAK_WEIGHT, WEAK_CAP, THRESHOLD = 3, 1, 2, 3

# Most specific first: on a tie the earlier kind wins.
KIND_CUES: tuple[KindCues, ...] = (
    KindCues("retrial", (cue(r"اعاده_(?:ی_)?دادرسی"),)),
    KindCues("rejection_objection", (cue(r"اعتراض_به_قرار_رد_دادخواست"),)),
    KindCues(
        "cassation",
        (cue(r"دادخواست_فرجام"), cue(r"(?:^|\n)\s*فرجام_خواه(?:ان)?\s*:"), cue(r"فرجام_خواهی_(?:از|نسبت_به)")),
        (cue(r"فرجام"), cue(r"دیوان_عالی_کشور")),
    ),
    KindCues(
        "objection",
        (cue(r"دادخواست_واخواهی"), cue(r"(?:^|\n)\s*واخواه(?:ان)?\s*:"), cue(r"واخواهی_(?:از|نسبت_به)"),
         cue(r"اعتراض_به_(?:حکم|رای|رأی|دادنامه)_غیابی")),
        (cue(r"واخواهی"), cue(r"غیابی")),
    ),
    KindCues(
        "appeal",
        (cue(r"دادخواست_تجدید_نظر"), cue(r"(?:^|\n)\s*تجدید_نظر_خواه(?:ان)?\s*:"),
         cue(r"تجدید_نظر_خواهی_(?:از|نسبت_به)"), cue(r"درخواست_تجدید_نظر")),
        (cue(r"تجدید_نظر"),),
    ),
)

STRONG_CUE_WORDS = ("اعاده", "اعتراض", "فرجام", "واخواه", "تجدید")
assert all(any(w in p.pattern for w in STRONG_CUE_WORDS) for row in KIND_CUES for p in row.strong)

# «ابلاغ», «ابلاغیه», «ابلاغ‌شده» …; a date after it is the service date when a date cue sits between.
_SERVICE_WORD = cue(r"ابلاغ")
_DATE_CUE_AFTER = cue(r"(?:تاریخ|مورخ|مورخه|در|:)")
_SENTENCE_BREAK = re.compile(r"[.\n؛]")
AFTER_WINDOW, BEFORE_WINDOW = 45, 60

# The applicant (not the other side) living abroad: an applicant word, then a residence-abroad cue.
_APPLICANT = cue(r"(?:اینجانب|این_جانب|موکل|تجدید_نظر_خواه(?!_?خوانده)|واخواه(?!_?خوانده)|فرجام_خواه(?!_?خوانده)|معترض(?!_?علیه)|خواهان)")
_ABROAD = cue(r"(?:مقیم|ساکن|اقامت(?:_دارد|_دارم|_داریم)?(?:_در)?)_(?:در_)?خارج_(?:از_)?کشور")
_OTHER_SIDE = cue(r"خوانده|علیه")
APPLICANT_WINDOW = 120


@dataclass(frozen=True)
class Service:
    """One service of the ruling or notice: when, where in the text, and whether to a resident abroad."""

    date: JalaliDate
    span: tuple[int, int]
    abroad: bool = False


@dataclass(frozen=True)
class DeadlineCues:
    kind: str | None = None
    kind_span: tuple[int, int] | None = None  # in the normalised text
    service_date: JalaliDate | None = None  # the first service named
    service_span: tuple[int, int] | None = None
    abroad: bool = False
    abroad_span: tuple[int, int] | None = None
    services: tuple[Service, ...] = ()  # every distinct service named (several parties: CPC 447)


def detect_kind(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The kind of review the petition asks for, and where its first strong cue is."""
    # Every strong cue holds one of these words; most petitions hold none, and a substring test
    # is far cheaper than the cue patterns.
    if not any(word in text for word in STRONG_CUE_WORDS):
        return None, None
    best: tuple[int, str, tuple[int, int]] | None = None
    for row in KIND_CUES:
        strong = [m for p in row.strong for m in p.finditer(text)]
        weak = [m for p in row.weak for m in p.finditer(text)]
        score = STRONG_WEIGHT * len(strong) + min(WEAK_CAP, WEAK_WEIGHT * len(weak))
        if not strong or score < THRESHOLD:
            continue
        first = min(strong, key=lambda m: m.start())
        if best is None or score > best[0]:
            best = (score, row.kind, (first.start(), first.end()))
    return (best[1], best[2]) if best else (None, None)


def detect_service_date(text: str) -> tuple[JalaliDate | None, tuple[int, int] | None]:
    """The first date something was served, from «تاریخ ابلاغ: …», «ابلاغ شده در …» or «در تاریخ … ابلاغ».

    A date after the service word wins when a date cue (تاریخ، مورخ، در، :) stands between them;
    otherwise the nearest date before it in the same sentence.
    """
    found = detect_service_dates(text)
    return (found[0][0], found[0][1]) if found else (None, None)


def detect_service_dates(text: str) -> list[tuple[JalaliDate, tuple[int, int]]]:
    """Every service date named, in text order, one per service word (several parties, CPC 447)."""
    dates = find_jalali_dates(text)
    if not dates:
        return []
    out: list[tuple[JalaliDate, tuple[int, int]]] = []
    for w in _SERVICE_WORD.finditer(text):
        hit = _service_date_at(text, dates, w)
        if hit is not None and all(hit[1] != span for _, span in out):
            out.append(hit)
    return sorted(out, key=lambda x: x[1][0])


def _service_date_at(text: str, dates, w: re.Match[str]) -> tuple[JalaliDate, tuple[int, int]] | None:
    after = [(s, e, d) for s, e, d in dates if w.end() <= s <= w.end() + AFTER_WINDOW]
    for s, e, d in after:
        between = text[w.end():s]
        if _DATE_CUE_AFTER.search(between) and not _SENTENCE_BREAK.search(between):
            return d, (s, e)
    before = [(s, e, d) for s, e, d in dates if w.start() - BEFORE_WINDOW <= e <= w.start()]
    before = [x for x in before if not _SENTENCE_BREAK.search(text[x[1]:w.start()])]
    if before:
        s, e, d = max(before, key=lambda x: x[0])
        return d, (s, e)
    for s, e, d in after:
        if not _SENTENCE_BREAK.search(text[w.end():s]):
            return d, (s, e)
    return None


def detect_abroad(text: str) -> tuple[bool, tuple[int, int] | None]:
    """True when the applicant is said to live abroad («اینجانب مقیم خارج از کشور …»)."""
    for m in _ABROAD.finditer(text):
        window = text[max(0, m.start() - APPLICANT_WINDOW): m.start()]
        applicants = list(_APPLICANT.finditer(window))
        if not applicants:
            continue
        # The nearest party named before the cue must be the applicant, not the other side.
        tail = window[applicants[-1].end():]
        if _OTHER_SIDE.search(tail):
            continue
        return True, (m.start(), m.end())
    return False, None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)]
    after = _SENTENCE_BREAK.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def detect(text: str, default_kind: str | None = None) -> DeadlineCues:
    """The review kind, every service date and whether the applicant lives abroad.

    `default_kind` is used when the wording names no kind. Service dates are read whatever the kind
    (they fill `fields.service_date`); the kind and the
    residence abroad only for a review petition. With several service dates, a date is taken as served
    abroad when the residence-abroad cue is in its own sentence; with one, the petition's cue decides.
    """
    kind, kind_span = detect_kind(text)
    if kind is None:
        kind = default_kind  # e.g. the petition is addressed to a court of review without naming the action
    found = detect_service_dates(text)
    if kind is None:
        return DeadlineCues(service_date=found[0][0] if found else None, service_span=found[0][1] if found else None,
                            services=tuple(Service(d, span) for d, span in found))
    abroad, abroad_span = detect_abroad(text)
    services = []
    for d, span in found:
        if len(found) == 1:
            services.append(Service(d, span, abroad))
            continue
        lo, hi = _sentence(text, *span)
        services.append(Service(d, span, abroad and abroad_span is not None and lo <= abroad_span[0] < hi))
    first = services[0] if services else None
    return DeadlineCues(kind, kind_span, first.date if first else None, first.span if first else None,
                        abroad, abroad_span, tuple(services))
