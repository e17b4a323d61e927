"""The laws court rulings cite, their short codes, and which articles are the grounds a claim is dismissed on.

One table for the rulings reader (`screening.training.rulings`, which reads a citation into a code such as
`CPC 197` or `84(4)`) and for whatever shows a ground to people (`ground_fa`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.text.digits import to_fa_digits


@dataclass(frozen=True)
class Law:
    code: str  # short code used in ground strings: «CPC 197», «CC 1257»
    name_fa: str  # the law's name as people read it
    pattern: str  # how rulings write its name (over normalised text: Persian letters, ASCII digits)


# Order matters where names overlap: the Civil Procedure Code («قانون آیین دادرسی مدنی») before the Civil
# Code («قانون مدنی»), the Cheques Law («قانون صدور چک») before anything shorter.
LAWS: tuple[Law, ...] = (
    Law("CPC", "قانون آیین دادرسی مدنی",
        r"(?:قانون\s?)?[آا]\s?[یئ]{1,2}\s?ن\s?دادرس|(?:قانون\s?)?دادرسی\s?مدنی"
        r"|(?:قانون\s?|ق\s?\.?\s?)?[آا]\s?\.?\s?د\s?\.?\s?م(?![\u0600-\u06FF])"),
    Law("DRC", "قانون شوراهای حل اختلاف", r"قانون\s*شوراهای\s*حل\s*اختلاف"),
    Law("LTR", "قانون روابط موجر و مستأجر", r"قانون\s*روابط\s*موجر"),
    Law("EJA", "قانون اجرای احکام مدنی", r"قانون\s*اجرای\s*احکام"),
    Law("RA", "قانون ثبت اسناد و املاک", r"قانون\s*ثبت"),
    Law("CA", "قانون تجارت", r"قانون\s*تجارت"),
    Law("CHQ", "قانون صدور چک", r"قانون\s*صدور\s*چک"),
    Law("FPL", "قانون حمایت خانواده", r"قانون\s*حمایت\s*خانواده"),
    Law("CC", "قانون مدنی", r"قانون\s*مدنی|ق\s*\.?\s*م\b"),
)
LAW_BY_CODE = {law.code: law for law in LAWS}

# The Civil Procedure Code (1379) ends at Article 529: a higher article «of the CPC» in a ruling is a slip
# for the Civil Code (courts write «ماده ۱۲۵۷ قانون آیین دادرسی مدنی» for CC 1257).
CPC_LAST_ARTICLE = 529

# The articles courts dismiss on, most specific first after the CPC 84 items (the bars of Article 84):
# CPC 2 (no claim made as the law requires), CPC 54 (petition not put right in time), CPC 107 (withdrawal),
# CPC 197 and CC 1257 (the claimant did not prove it), CPC 522 (delay damages on a debt that is not money),
# CPC 489 (grounds to annul an arbitral award), CPC 422 (a third party's objection).
DISMISSAL_GROUNDS = ("CPC 2", "CPC 54", "CPC 107", "CPC 197", "CC 1257", "CPC 522", "CPC 489", "CPC 422")

# Articles cited beside the ground that never are the ground when another is cited: how a قرار is worded
# (CPC 89), that costs follow (CPC 198, 502, 503, 515, 519), the objection procedure (CPC 303–306), that
# contracts bind (CC 10, 219–223), Article 84 named without its item.
NOT_THE_GROUND = frozenset({
    "CPC 84", "CPC 89", "CPC 198", "CPC 303", "CPC 305", "CPC 306", "CPC 502", "CPC 503", "CPC 515", "CPC 519",
    "CC 10", "CC 219", "CC 220", "CC 221", "CC 223",
})

_GROUND = re.compile(r"^(?:(?P<law>[A-Z]+) )?(?P<art>\d{1,4})(?:\((?P<item>\d{1,2})\))?$")


def ground_fa(code: str) -> str:
    """A ground code in words: «84(4)» → «بند ۴ ماده ۸۴ قانون آیین دادرسی …», «CC 1257» → «ماده ۱۲۵۷ قانون مدنی»."""
    m = _GROUND.match(code.strip())
    if m is None:
        return code
    law = LAW_BY_CODE.get(m.group("law") or "CPC")
    if law is None:
        return code
    text = f"ماده {m.group('art')} {law.name_fa}"
    if m.group("item"):
        text = f"بند {m.group('item')} {text}"
    return to_fa_digits(text)
