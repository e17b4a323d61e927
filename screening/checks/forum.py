"""Which court hears a petition (DOMAIN.md §5.1), which court the draft addressed, and for a review
petition which court's ruling it attacks."""
from __future__ import annotations

from screening.knowledge.claim_types import (
    GOODWILL_CUE,
    IMMOVABLE_CUE,
    MOVABLE_CLAIM_CUE,
    PEACE_COURT_CAP_RIAL,
    ClaimTypeSpec,
    ForumRule,
)
from screening.knowledge.deadlines import DEADLINE_RULES, RULE_BY_CODE, HeardBy
from screening.knowledge.forums import APPEAL_FINALITY, FORUM_BY_CODE, FORUMS, REVIEW_COURT_NAMES, AppealFinality
from screening.report import Forum, PetitionKind

_CAP_TEXT = "سقف یک میلیارد ریال"
_ART12 = "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)"
_ITEM1 = f"بند ۱ {_ART12}، دعاوی مالی تا {_CAP_TEXT}"
_OVER_CAP = f"دعاوی مالی بیش از {_CAP_TEXT} ({_ART12})"


def _forum(code: str, basis: str) -> Forum:
    return Forum(code, FORUM_BY_CODE[code].label_fa, basis)


def route_forum(spec: ClaimTypeSpec, value_rial: int | None, main_claim: ClaimTypeSpec | None = None,
                claim_text: str = "", facts: str = "") -> tuple[Forum, bool]:
    """The competent first-instance court, and whether the answer is uncertain (raised as a WARN).

    claim_text, facts: the claim and its grounds as written (normalised); some routes depend on them
    (goodwill in an eviction, immovables in an estate or an unrecognised claim, a claim for a thing).
    """
    rule = ForumRule(spec.forum_rule)
    if rule is ForumRule.MAIN_CLAIM:
        if main_claim is not None and main_claim.forum_rule is not ForumRule.MAIN_CLAIM:
            forum, uncertain = route_forum(main_claim, value_rial, claim_text=claim_text, facts=facts)
            return Forum(forum.code, forum.label_fa, f"ماده ۵۰۵ قانون آیین دادرسی مدنی (دادگاه دعوای اصلی)؛ {forum.basis}"), uncertain
        return _forum("general_civil_court", f"{spec.basis}؛ دعوای اصلی معلوم نیست"), False
    if rule is ForumRule.FAMILY:
        return _forum("family_court", spec.basis), False
    if rule is ForumRule.PEACE:
        return _forum("peace_court", spec.basis), False
    if rule is ForumRule.LEASE_EVICTION:
        if GOODWILL_CUE.search(claim_text) or GOODWILL_CUE.search(facts):
            return _forum("general_civil_court",
                          f"بند ۴ {_ART12}: تخلیه‌ای که سرقفلی یا حق کسب یا پیشه یا تجارت در آن مطرح است از صلاحیت دادگاه صلح بیرون است"), False
        return _forum("peace_court", spec.basis), False
    immovable = bool(IMMOVABLE_CUE.search(claim_text))
    if rule is ForumRule.RESIDUAL:
        financial = value_rial is not None or bool(MOVABLE_CLAIM_CUE.search(claim_text))
        if not financial:
            return _forum("general_civil_court", spec.basis), False
        return _by_value(value_rial, immovable, spec.basis)
    if rule is ForumRule.ESTATE_PARTITION:
        forum, uncertain = _by_value(value_rial, immovable, spec.basis)
        return Forum(forum.code, forum.label_fa, f"{forum.basis}؛ ماده ۲۰ قانون آیین دادرسی مدنی (آخرین اقامتگاه متوفی)"), uncertain
    if value_rial is None:
        # Without a value the money cap cannot be applied; the general court is the safe default.
        fallback = "family_court" if rule is ForumRule.FAMILY_OR_PEACE else "general_civil_court"
        return _forum(fallback, f"{spec.basis}؛ بهای خواسته تعیین نشده و سقف صلاحیت دادگاه صلح قابل سنجش نیست"), True
    within_cap = value_rial <= PEACE_COURT_CAP_RIAL
    if rule is ForumRule.FAMILY_OR_PEACE:
        if within_cap:
            return _forum("peace_court", f"بند ۳ {_ART12}، تا {_CAP_TEXT}"), False
        return _forum("family_court", f"ماده ۴ قانون حمایت خانواده؛ بیش از {_CAP_TEXT}"), False
    return _by_value(value_rial, rule is ForumRule.IMMOVABLE_BY_VALUE, spec.basis)


def _by_value(value_rial: int | None, immovable: bool, basis: str) -> tuple[Forum, bool]:
    """Art. 12(1): a financial claim up to the cap goes to the Peace Court; over immovables that reach is unverified."""
    if value_rial is None:
        return _forum("general_civil_court", f"{basis}؛ بهای خواسته تعیین نشده و سقف صلاحیت دادگاه صلح قابل سنجش نیست"), True
    if value_rial <= PEACE_COURT_CAP_RIAL:
        return _forum("peace_court", _ITEM1), immovable
    return _forum("general_civil_court", _OVER_CAP), False


def addressed_forum(addressed_court: str | None) -> str | None:
    """The first-instance forum code a draft addressed, or None (unknown, or a court of review)."""
    if not addressed_court:
        return None
    if any(p.search(addressed_court) for p in REVIEW_COURT_NAMES):
        return None
    for spec in FORUMS:
        if any(p.search(addressed_court) for p in spec.names):
            return spec.code
    return None


def review_kind_of_addressee(addressed_court: str | None) -> str | None:
    """The review a petition asks for when it only says which court of review it is addressed to."""
    if addressed_court:
        for rule in DEADLINE_RULES:
            if rule.heard_by is not HeardBy.RULING_COURT and any(p.search(addressed_court) for p in FORUM_BY_CODE[rule.heard_by.value].names):
                return rule.code
    return None


def petition_kind_of(review_kind: str | None) -> PetitionKind:
    """The petition's kind from the review it asks for (a row of knowledge.deadlines), if any."""
    return PetitionKind(RULE_BY_CODE[review_kind].petition_kind) if review_kind else PetitionKind.FIRST_INSTANCE


def ruling_court_named(text: str, skip: tuple[int, int] | None = None) -> str | None:
    """The first-instance court a review petition names as the one that ruled («… صادره از شعبه ۳ دادگاه صلح»).

    The first mention outside the petition's own addressee (`skip`, a span of `text`) wins.
    """
    best: tuple[int, str] | None = None
    for spec in FORUMS:
        for p in spec.names:
            for m in p.finditer(text):
                if skip and skip[0] <= m.start() < skip[1]:
                    continue
                if best is None or m.start() < best[0]:
                    best = (m.start(), spec.code)
                break
    return best[1] if best else None


def review_forum(review_kind: str, ruling_court: Forum) -> Forum:
    """The court that hears a review petition (DOMAIN §5.1 "Appeals"), given the court that ruled."""
    heard_by = RULE_BY_CODE[review_kind].heard_by
    if heard_by is HeardBy.APPEAL_COURT:
        finality = APPEAL_FINALITY.get(ruling_court.code)
        basis = finality.basis if finality else FORUM_BY_CODE["appeal_court"].basis
        return _forum("appeal_court", f"{basis} (تجدیدنظر از رأی {ruling_court.label_fa})")
    if heard_by is HeardBy.SUPREME_COURT:
        return _forum("supreme_court", FORUM_BY_CODE["supreme_court"].basis)
    article = RULE_BY_CODE[review_kind].article
    return Forum(ruling_court.code, ruling_court.label_fa,
                 f"دادگاه صادرکننده رأی مورد اعتراض ({article} قانون آیین دادرسی مدنی)؛ {ruling_court.basis}")


def final_ruling(spec: ClaimTypeSpec, value_rial: int | None, ruling_court: str | None) -> AppealFinality | None:
    """The finality rule that makes this ruling unappealable, or None (appealable, or not knowable)."""
    finality = APPEAL_FINALITY.get(ruling_court or "")
    if finality is None or value_rial is None or not spec.financial:
        return None  # non-financial rulings are appealable (CPC 331); without a value nothing can be said
    if spec.code in finality.appealable_claim_types:
        return None
    return finality if value_rial <= finality.final_up_to_rial else None
