"""The similar rulings in Persian words, the same for the terminal and the web page."""
from __future__ import annotations

from collections import Counter
from typing import Any

from screening.knowledge.ruling_outcomes import grounds_fa
from screening.report import SimilarRuling
from screening.text.digits import fa_percent, to_fa_digits


def share_line(similar: list[SimilarRuling]) -> str | None:
    """«۴ از ۵ رأی مشابه بی‌نتیجه، همه به استناد بند ۴ ماده ۸۴»; None when there is nothing to count."""
    n = len(similar)
    if n == 0:
        return None
    fruitless = [s for s in similar if s.fruitless]
    k = len(fruitless)
    if k == 0:
        return f"هیچ‌یک از {to_fa_digits(n)} رأی مشابه بی‌نتیجه نبود"
    line = f"{to_fa_digits(k)} از {to_fa_digits(n)} رأی مشابه بی‌نتیجه"
    grounds = Counter(g for g in (grounds_fa(s.ground) for s in fruitless) if g)
    if not grounds:
        return line
    ground, count = grounds.most_common(1)[0]
    if count == k:
        return f"{line}، {'همه ' if k > 1 else ''}به استناد {ground}"
    if count >= 2:
        return f"{line}، {to_fa_digits(count)} مورد به استناد {ground}"
    return line


def rate_line(rate: dict[str, Any] | None) -> str | None:
    """The neighbour rate with the count it rests on, or None without one."""
    if not rate:
        return None
    return f"سهم بی‌نتیجه در آرای نزدیک (وزن‌دار به شباهت): {fa_percent(rate['rate'])} — بر پایه {to_fa_digits(rate['n'])} رأی"
