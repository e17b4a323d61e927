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

FORUM_BY_CODE: dict[str, ForumSpec] = {f.code: f for f in FORUMS}

# Courts of review: petitions addressed to them (appeal, cassation) are not first-instance filings,
# so the first-instance forum check does not apply.
REVIEW_COURT_NAMES = (cue(r"دادگاه_تجدید_?نظر"), cue(r"دیوان_عالی_کشور"))
