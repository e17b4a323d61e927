"""How a first-instance civil ruling ended and on which ground, in the words people read.

Outcome codes are those of the operative-part reader (screening.training.rulings); the Persian
names are the decision forms themselves. Grounds are the reader's short codes («84(4)»,
«CPC 2», «CC 1257»); the laws they name live in screening.knowledge.laws.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.knowledge.laws import ground_fa


@dataclass(frozen=True)
class RulingOutcome:
    code: str
    label_fa: str  # the decision as courts write it (which count as fruitless is the reader's: each ruling's row says)


RULING_OUTCOMES: tuple[RulingOutcome, ...] = (
    RulingOutcome("accepted", "حکم به نفع خواهان"),
    RulingOutcome("partially_accepted", "پذیرش بخشی از خواسته"),
    RulingOutcome("rejected_petition", "قرار رد دادخواست"),  # CPC 54
    RulingOutcome("not_heard", "قرار عدم استماع دعوا"),  # CPC 84, 89, 2
    RulingOutcome("claim_rejected", "قرار رد دعوا"),  # CPC 84, 89
    RulingOutcome("invalid", "حکم بطلان دعوا"),  # CPC 197
    RulingOutcome("no_right", "حکم بی‌حقی خواهان"),  # CPC 197
    RulingOutcome("merits_rejected", "حکم رد دعوا در ماهیت"),
)
OUTCOME_BY_CODE: dict[str, RulingOutcome] = {o.code: o for o in RULING_OUTCOMES}


def outcome_label_fa(code: str | None) -> str:
    outcome = OUTCOME_BY_CODE.get(code or "")
    return outcome.label_fa if outcome else "نامعلوم"


def grounds_fa(ground: str | None) -> str | None:
    """A ground as read («84(4)», «CC 1257», several joined with «;») in words, through the one law table
    (`screening.knowledge.laws.ground_fa`); None when the ruling named none."""
    if not ground or not ground.strip():
        return None
    return "، ".join(ground_fa(g) for g in re.split(r"\s*[;؛]\s*", ground.strip()) if g) or None
