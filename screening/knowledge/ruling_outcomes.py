"""How a first-instance civil ruling ended and on which ground, in the words people read.

Outcome codes are those of the operative-part reader (screening.training.rulings); the Persian
names are the decision forms themselves. Grounds are written by that reader as short codes: a
bare number or «CPC n» is an article of the Civil Procedure Code (قانون آیین دادرسی مدنی, CPC),
«84(4)» an item of CPC Article 84, «CC n» the Civil Code, «DRC n» the 1402 Dispute Resolution
Councils law; several may be joined with «;».
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.text.digits import to_fa_digits


@dataclass(frozen=True)
class RulingOutcome:
    code: str
    label_fa: str  # the decision as courts write it
    bar: bool  # the claim was shut out or lost: the badge is red


RULING_OUTCOMES: tuple[RulingOutcome, ...] = (
    RulingOutcome("accepted", "حکم به نفع خواهان", False),
    RulingOutcome("partially_accepted", "پذیرش بخشی از خواسته", False),
    RulingOutcome("rejected_petition", "قرار رد دادخواست", True),  # CPC 54
    RulingOutcome("not_heard", "قرار عدم استماع دعوا", True),  # CPC 84, 89, 2
    RulingOutcome("claim_rejected", "قرار رد دعوا", True),  # CPC 84, 89
    RulingOutcome("invalid", "حکم بطلان دعوا", True),  # CPC 197
    RulingOutcome("no_right", "حکم بی‌حقی خواهان", True),  # CPC 197
    RulingOutcome("merits_rejected", "حکم رد دعوا در ماهیت", True),
)
OUTCOME_BY_CODE: dict[str, RulingOutcome] = {o.code: o for o in RULING_OUTCOMES}


def outcome_label_fa(code: str | None) -> str:
    outcome = OUTCOME_BY_CODE.get(code or "")
    return outcome.label_fa if outcome else "نامعلوم"


# Law prefixes of a ground code → the law's name as a citation reads. CPC is left unnamed in the
# short form: «بند ۴ ماده ۸۴» is how offices cite it.
LAW_NAMES_FA: dict[str, str] = {
    "CPC": "",
    "CC": "قانون مدنی",
    "DRC": "قانون شوراهای حل اختلاف ۱۴۰۲",
    "RA": "قانون ثبت اسناد و املاک",
    "LTR": "قانون روابط موجر و مستأجر",
    "EJA": "قانون اجرای احکام مدنی",
}

_GROUND = re.compile(r"^\s*(?:([A-Za-z]+)\s*)?(\d{1,4})\s*(?:\(\s*(\d{1,2})\s*\))?\s*$")


def ground_fa(ground: str | None) -> str | None:
    """«84(4)» → «بند ۴ ماده ۸۴»; «CC 1257» → «ماده ۱۲۵۷ قانون مدنی»; several joined with «، ».

    A code this table does not know is shown as written (digits in Persian), never dropped.
    """
    if not ground or not ground.strip():
        return None
    parts = []
    for piece in re.split(r"\s*[;؛,]\s*", ground.strip()):
        if not piece:
            continue
        m = _GROUND.match(piece)
        if not m or (m.group(1) and m.group(1).upper() not in LAW_NAMES_FA):
            parts.append(to_fa_digits(piece))
            continue
        law = LAW_NAMES_FA[(m.group(1) or "CPC").upper()]
        text = f"ماده {to_fa_digits(m.group(2))}"
        if m.group(3):
            text = f"بند {to_fa_digits(m.group(3))} {text}"
        parts.append(f"{text} {law}".strip())
    return "، ".join(parts) or None
