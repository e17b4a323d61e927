"""Statutory periods for acting on a served notice or ruling (DOMAIN.md §6), as data.

Counting is the same for every row (CPC 443–447): a month is 30 days, the day of service and the
day of acting are not counted, and a last day that is a holiday moves to the next open day.
"""
from __future__ import annotations

from dataclasses import dataclass

CPC = "قانون آیین دادرسی مدنی"  # as the findings table names it
COUNTING_ARTICLES = "مواد ۴۴۳ تا ۴۴۵"  # how the days are counted, for every row
TIME_BAR_BASIS = f"بند ۱۱ ماده ۸۴ {CPC}"


@dataclass(frozen=True)
class DeadlineRule:
    code: str  # stable key used by the CLI, the API and doc.deadline["kind"]
    label_fa: str  # the action, as staff name it
    aliases_fa: tuple[str, ...]  # other Persian names accepted for the kind
    days_iran: int
    days_abroad: int | None  # None: no separate period for residents abroad is known to us
    counts_from_fa: str
    article: str  # the article that sets the period, e.g. «ماده ۳۳۶»
    source: str  # DOMAIN.md source tag(s) the period was checked against
    note_fa: str = ""  # what staff should know beyond the arithmetic
    excusable: bool = False  # late filing may still be heard with a legal excuse

    @property
    def basis(self) -> str:
        """The period's article and the counting articles, as one citation."""
        return f"{self.article} و {COUNTING_ARTICLES} {CPC}"


# Article numbers 306/336/397/427 name the periods in the CPC; DOMAIN.md gives the periods with
# their sources (S48–S51) but not these numbers, so the lead should confirm them before release.
DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        code="objection",
        label_fa="واخواهی",
        aliases_fa=("واخواهی", "اعتراض به حکم غیابی", "اعتراض به رأی غیابی"),  # not «واخواست»: that is a cheque/note protest
        days_iran=20,
        days_abroad=60,
        counts_from_fa="ابلاغ واقعی رأی غیابی",
        article="ماده ۳۰۶",
        source="S48",
        note_fa="اگر واخواه عذر موجه داشته باشد (بیماری، فوت پدر، مادر، همسر یا فرزند، حوادث قهری، بازداشت)، "
                "واخواهی پس از مهلت هم ممکن است پذیرفته شود؛ دلیل عذر را پیوست کنید.",
        excusable=True,
    ),
    DeadlineRule(
        code="appeal",
        label_fa="تجدیدنظرخواهی",
        aliases_fa=("تجدیدنظر", "تجدیدنظرخواهی", "تجدید نظر", "تجدید نظرخواهی"),
        days_iran=20,
        days_abroad=60,
        counts_from_fa="ابلاغ رأی، یا پایان مهلت واخواهی اگر رأی غیابی باشد",
        article="ماده ۳۳۶",
        source="S49",
        note_fa="اگر رأی غیابی است، مهلت تجدیدنظر از پایان مهلت واخواهی شمرده می‌شود.",
    ),
    DeadlineRule(
        code="cassation",
        label_fa="فرجام‌خواهی",
        aliases_fa=("فرجام", "فرجام‌خواهی", "فرجامخواهی", "فرجام خواهی"),
        days_iran=20,
        days_abroad=60,
        counts_from_fa="ابلاغ رأی",
        article="ماده ۳۹۷",
        source="S50",
    ),
    DeadlineRule(
        code="retrial",
        label_fa="اعاده دادرسی",
        aliases_fa=("اعاده دادرسی", "اعاده‌دادرسی", "اعاده"),
        days_iran=20,
        days_abroad=60,
        counts_from_fa="ابلاغ رأی (در رأی غیابی، پس از پایان مهلت‌های واخواهی و تجدیدنظر)",
        article="ماده ۴۲۷",
        source="S51",
        note_fa="در رأی غیابی، مهلت اعاده دادرسی پس از پایان مهلت‌های واخواهی و تجدیدنظر آغاز می‌شود.",
    ),
    DeadlineRule(
        code="defect_cure",
        label_fa="رفع نقص دادخواست",
        aliases_fa=("رفع نقص", "رفع نقص دادخواست", "اخطار رفع نقص"),
        days_iran=10,
        days_abroad=60,
        counts_from_fa="ابلاغ اخطار رفع نقص",
        article="ماده ۵۴ (مقیم خارج: ماده ۴۴۶)",
        source="S07 S09",
        note_fa="اگر نقص در مهلت رفع نشود، مدیر دفتر قرار رد دادخواست صادر می‌کند.",
    ),
    DeadlineRule(
        code="rejection_objection",
        label_fa="اعتراض به قرار رد دادخواست",
        aliases_fa=("اعتراض به قرار رد دادخواست", "اعتراض به رد دادخواست", "قرار رد دادخواست"),
        days_iran=10,
        days_abroad=None,
        counts_from_fa="ابلاغ قرار رد دادخواست",
        article="ماده ۵۴",
        source="S07",
        note_fa="اعتراض در همان دادگاه رسیدگی می‌شود و رأی آن قطعی است.",
    ),
)

RULE_BY_CODE: dict[str, DeadlineRule] = {r.code: r for r in DEADLINE_RULES}


def _key(s: str) -> str:
    # Half-space, space and Arabic letter variants must not matter when someone types a kind.
    return "".join(s.replace("ي", "ی").replace("ك", "ک").split()).replace("\u200c", "").lower()


_RULE_BY_NAME: dict[str, DeadlineRule] = {}
for _r in DEADLINE_RULES:
    for _name in (_r.code, _r.label_fa, *_r.aliases_fa):
        _RULE_BY_NAME.setdefault(_key(_name), _r)


class UnknownDeadlineKind(ValueError):
    def __init__(self, kind: str):
        names = "، ".join(f"{r.code} ({r.label_fa})" for r in DEADLINE_RULES)
        super().__init__(f"unknown deadline kind: {kind!r}")
        self.message_fa = f"نوع مهلت «{kind}» شناخته نیست؛ یکی از این‌ها را بنویسید: {names}."


def rule_for(kind: str | DeadlineRule) -> DeadlineRule:
    """The rule for a kind code (`appeal`) or a Persian name (`تجدیدنظر`)."""
    if isinstance(kind, DeadlineRule):
        return kind
    rule = _RULE_BY_NAME.get(_key(kind))
    if rule is None:
        raise UnknownDeadlineKind(kind)
    return rule
