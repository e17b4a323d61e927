"""Which court hears a claim (DOMAIN.md §5.1), and which court the draft addressed."""
from __future__ import annotations

from screening.knowledge.claim_types import PEACE_COURT_CAP_RIAL, ClaimTypeSpec
from screening.knowledge.forums import FORUM_BY_CODE, FORUMS, REVIEW_COURT_NAMES
from screening.report import Forum

_CAP_TEXT = "سقف یک میلیارد ریال"


def _forum(code: str, basis: str) -> Forum:
    return Forum(code, FORUM_BY_CODE[code].label_fa, basis)


def route_forum(spec: ClaimTypeSpec, value_rial: int | None, main_claim: ClaimTypeSpec | None = None) -> tuple[Forum, bool]:
    """The competent court, and whether the answer is uncertain (to be raised as a WARN)."""
    rule = spec.forum_rule
    if rule == "main_claim":
        if main_claim is not None and main_claim.forum_rule != "main_claim":
            forum, uncertain = route_forum(main_claim, value_rial)
            return Forum(forum.code, forum.label_fa, f"ماده ۵۰۵ قانون آیین دادرسی مدنی (دادگاه دعوای اصلی)؛ {forum.basis}"), uncertain
        return _forum("general_civil_court", f"{spec.basis}؛ دعوای اصلی معلوم نیست"), False
    if rule == "family":
        return _forum("family_court", spec.basis), False
    if rule == "peace":
        return _forum("peace_court", spec.basis), False
    if rule == "general":
        return _forum("general_civil_court", spec.basis), False
    if value_rial is None:
        # Without a value the money cap cannot be applied; the general court is the safe default.
        fallback = "family_court" if rule == "family_or_peace" else "general_civil_court"
        return _forum(fallback, f"{spec.basis}؛ بهای خواسته تعیین نشده و سقف صلاحیت دادگاه صلح قابل سنجش نیست"), True
    within_cap = value_rial <= PEACE_COURT_CAP_RIAL
    if rule == "family_or_peace":
        if within_cap:
            return _forum("peace_court", f"بند ۳ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)، تا {_CAP_TEXT}"), False
        return _forum("family_court", f"ماده ۴ قانون حمایت خانواده؛ بیش از {_CAP_TEXT}"), False
    if within_cap:
        uncertain = rule == "immovable_by_value"
        return _forum("peace_court", f"بند ۱ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)، دعاوی مالی تا {_CAP_TEXT}"), uncertain
    return _forum("general_civil_court", f"دعاوی مالی بیش از {_CAP_TEXT} (ماده ۱۲ قانون شوراهای حل اختلاف ۱۴۰۲)"), False


def addressed_forum(addressed_court: str | None) -> str | None:
    """The forum code a draft addressed, or None (unknown, or a court of review)."""
    if not addressed_court:
        return None
    if any(p.search(addressed_court) for p in REVIEW_COURT_NAMES):
        return None
    for spec in FORUMS:
        if any(p.search(addressed_court) for p in spec.names):
            return spec.code
    return None


def is_review_petition(addressed_court: str | None) -> bool:
    return bool(addressed_court) and any(p.search(addressed_court) for p in REVIEW_COURT_NAMES)
