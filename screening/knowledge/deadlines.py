"""Statutory periods for acting on a served notice or ruling (DOMAIN.md §6), as data.

Counting is the same for every row (CPC 443–447): a month is 30 days, the day of service and the
day of acting are not counted, and a last day that is a holiday moves to the next open day.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from screening.report import PetitionKind

CPC = "قانون آیین دادرسی مدنی"  # as the findings table names it
COUNTING_ARTICLES = "مواد ۴۴۳ تا ۴۴۵"  # how the days are counted, for every row
ABROAD_ARTICLE = "ماده ۴۴۶"  # two months for residents abroad: every CPC period (DOMAIN §1, §6)
SEVERAL_PARTIES_ARTICLE = "ماده ۴۴۷"  # several parties: the longest period runs for all (DOMAIN §6.5)


class HeardBy(str, Enum):
    """The court that hears the review (DOMAIN §5.1 "Appeals"); values are forum codes or «the ruling's court»."""

    APPEAL_COURT = "appeal_court"
    SUPREME_COURT = "supreme_court"
    RULING_COURT = "ruling_court"  # the court that gave the ruling (واخواهی، اعتراض به قرار رد دادخواست، اعاده دادرسی)


@dataclass(frozen=True)
class DeadlineRule:
    code: str  # stable key used by the CLI, the API and doc.deadline["kind"]
    label_fa: str  # the action, as staff name it
    aliases_fa: tuple[str, ...]  # other Persian names accepted for the kind
    days_iran: int
    days_abroad: int  # CPC 446: residents abroad have two months, for every CPC period
    counts_from_fa: str
    article: str  # the article that sets the period, e.g. «ماده ۳۳۶»
    source: str  # DOMAIN.md source tag(s) the period was checked against
    note_fa: str = ""  # what staff should know beyond the arithmetic
    excusable: bool = False  # late filing may still be heard with a legal excuse
    # What a late filing meets, and on which article (not CPC 84(11): that is about the claim itself).
    late_article: str = ""
    late_fa: str = ""
    petition_kind: PetitionKind = PetitionKind.FIRST_INSTANCE  # the petition that acts within this period
    heard_by: HeardBy = HeardBy.RULING_COURT
    names_other_side: bool = True  # the petition names an opposing party (not so for an objection to a clerk's order)

    @property
    def basis(self) -> str:
        """The period's article and the counting articles, as one citation."""
        return self.period_basis()

    def period_basis(self, abroad: bool = False, several: bool = False) -> str:
        """The period's citation; with CPC 446 for a resident abroad and CPC 447 for several parties."""
        articles = [self.article, COUNTING_ARTICLES]
        if abroad:
            articles.append(ABROAD_ARTICLE)
        if several:
            articles.append(SEVERAL_PARTIES_ARTICLE)
        return f"{'، '.join(articles[:-1])} و {articles[-1]} {CPC}"

    @property
    def late_basis(self) -> str:
        return f"{self.late_article} {CPC}"


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
        late_article="ماده ۳۰۶",
        late_fa="واخواهی پس از مهلت شنیده نمی‌شود.",
        petition_kind=PetitionKind.OBJECTION,
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
        late_article="تبصره ۲ ماده ۳۳۹",
        late_fa="دادخواست تجدیدنظری که پس از مهلت داده شود با قرار رد دادخواست تجدیدنظر رد می‌شود.",
        petition_kind=PetitionKind.APPEAL,
        heard_by=HeardBy.APPEAL_COURT,
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
        late_article="ماده ۳۹۷",
        late_fa="فرجام‌خواهی پس از مهلت پذیرفته نمی‌شود و دادخواست آن رد می‌شود.",
        petition_kind=PetitionKind.OTHER_REVIEW,
        heard_by=HeardBy.SUPREME_COURT,
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
        late_article="ماده ۴۲۷",
        late_fa="درخواست اعاده دادرسی پس از مهلت پذیرفته نمی‌شود.",
        petition_kind=PetitionKind.OTHER_REVIEW,
    ),
    DeadlineRule(
        code="defect_cure",
        label_fa="رفع نقص دادخواست",
        aliases_fa=("رفع نقص", "رفع نقص دادخواست", "اخطار رفع نقص"),
        days_iran=10,
        days_abroad=60,
        counts_from_fa="ابلاغ اخطار رفع نقص",
        article="ماده ۵۴",
        source="S07 S09",
        late_article="ماده ۵۴",
        late_fa="اگر نقص در مهلت رفع نشود، مدیر دفتر قرار رد دادخواست صادر می‌کند.",
    ),
    DeadlineRule(
        code="rejection_objection",
        label_fa="اعتراض به قرار رد دادخواست",
        aliases_fa=("اعتراض به قرار رد دادخواست", "اعتراض به رد دادخواست", "قرار رد دادخواست"),
        days_iran=10,
        days_abroad=60,  # CPC 446 covers every CPC period, this one included
        counts_from_fa="ابلاغ قرار رد دادخواست",
        article="ماده ۵۴",
        source="S07 S09",
        note_fa="اعتراض در همان دادگاه رسیدگی می‌شود و رأی آن قطعی است.",
        late_article="ماده ۵۴",
        late_fa="اعتراضی که پس از مهلت داده شود پذیرفته نمی‌شود و قرار رد دادخواست پابرجا می‌ماند.",
        petition_kind=PetitionKind.OBJECTION,
        names_other_side=False,  # CPC 54: the objection is to the clerk's order, before the same court
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
