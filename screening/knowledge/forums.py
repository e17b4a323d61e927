"""Courts that hear civil petitions, how drafts name them, and how claim types route to them.

DOMAIN.md §5.1. The Peace Court replaced Council adjudication under the 1402 law (DRC-1402
art. 12); the Family Court hears the FPL art. 4 list; the general civil court hears the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.knowledge.claim_types import cue


@dataclass(frozen=True)
class ForumSpec:
    code: str
    label_fa: str
    names: tuple[re.Pattern[str], ...]  # how a draft addresses this court
    basis: str


FORUMS: tuple[ForumSpec, ...] = (
    ForumSpec("peace_court", "دادگاه صلح",
              (cue(r"دادگاه_(?:های_)?صلح"), cue(r"شورا(?:ی)?_حل_اختلاف"), cue(r"شورای_محترم")),
              "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)"),
    ForumSpec("family_court", "دادگاه خانواده",
              (cue(r"دادگاه_(?:های_)?خانواده"),),
              "ماده ۴ قانون حمایت خانواده (۱۳۹۱)"),
    ForumSpec("general_civil_court", "دادگاه عمومی حقوقی",
              (cue(r"دادگاه_(?:های_)?عمومی(?:_و_انقلاب)?(?:_حقوقی)?"), cue(r"دادگاه_حقوقی"), cue(r"دادگاه_(?:عمومی_)?بخش")),
              "صلاحیت عام دادگاه عمومی حقوقی (ماده ۱۰ قانون آیین دادرسی مدنی)"),
)

# Courts of review (DOMAIN §5.1 "Appeals"): an appeal goes to the provincial appeal court, a
# cassation petition to the Supreme Court. Petitions addressed to them are not first-instance filings.
REVIEW_FORUMS: tuple[ForumSpec, ...] = (
    ForumSpec("appeal_court", "دادگاه تجدیدنظر استان",
              (cue(r"دادگاه_(?:های_)?تجدید_?نظر"),),
              "تبصره ۵ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ ماده ۳۳۱ قانون آیین دادرسی مدنی"),
    ForumSpec("supreme_court", "دیوان عالی کشور",
              (cue(r"دیوان_عالی_کشور"),),
              "مواد ۳۶۷ و ۳۶۸ قانون آیین دادرسی مدنی"),
)

FORUM_BY_CODE: dict[str, ForumSpec] = {f.code: f for f in (*FORUMS, *REVIEW_FORUMS)}

REVIEW_COURT_NAMES = tuple(p for f in REVIEW_FORUMS for p in f.names)


@dataclass(frozen=True)
class AppealFinality:
    """Which rulings of a first-instance court the law makes final (no appeal), DOMAIN §5.1."""

    ruling_court: str  # forum code of the court that gave the ruling
    final_up_to_rial: int  # financial rulings up to this value are final
    appealable_claim_types: tuple[str, ...]  # appealable whatever their value
    basis: str


APPEAL_FINALITY: dict[str, AppealFinality] = {
    row.ruling_court: row
    for row in (
        # DRC-1402 art. 12 note 5: Peace Court rulings are final except over 500M rial, items 2–4
        # (possessory claims; mahr, nafaqa, dowry; eviction), and item 5 when the main claim is appealable.
        AppealFinality("peace_court", 500_000_000,
                       ("wrongful_occupation", "disturbance", "obstruction_of_right", "mahr", "nafaqa", "eviction", "insolvency"),
                       "تبصره ۵ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)"),
        # CPC 331: general-court rulings are appealable when financial over 3M rial, or non-financial.
        AppealFinality("general_civil_court", 3_000_000, (), "ماده ۳۳۱ قانون آیین دادرسی مدنی"),
        AppealFinality("family_court", 3_000_000, (), "ماده ۳۳۱ قانون آیین دادرسی مدنی"),
    )
}
