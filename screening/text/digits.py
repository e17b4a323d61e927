"""Digits in the three scripts petitions mix (ASCII, Persian ۰–۹, Arabic-Indic ٠–٩): one conversion module.

Every conversion keeps one character for one character, so offsets into the user's text never move.
"""
from __future__ import annotations

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
NON_ASCII_DIGITS = PERSIAN_DIGITS + ARABIC_INDIC_DIGITS
# Arabic letter forms that copied text carries where Persian has its own (ي ك ى → ی ک ی).
ARABIC_LETTERS = "يكى"

TO_ASCII = str.maketrans(NON_ASCII_DIGITS, "0123456789" * 2)
TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
# Digits to ASCII and Arabic letter forms to Persian, for parsing free input.
FOLD_FOR_PARSING = str.maketrans(NON_ASCII_DIGITS + ARABIC_LETTERS, "0123456789" * 2 + "یکی")

_NON_ASCII_DIGIT_RE = re.compile(f"[{NON_ASCII_DIGITS}]")
_DIGIT_VALUE = {c: str(i % 10) for i, c in enumerate(NON_ASCII_DIGITS)}
# A thousands comma between digits reads as the Persian separator «٬».
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3})")


def to_ascii_digits(s: str) -> str:
    """۰–۹ and ٠–٩ → 0–9; everything else unchanged, same length."""
    return s.translate(TO_ASCII)


def fold_digits(text: str) -> str:
    """Same result as `to_ascii_digits`; faster on long Persian text with few digits (a regex finds them)."""
    return _NON_ASCII_DIGIT_RE.sub(lambda m: _DIGIT_VALUE[m.group()], text)


def to_fa_digits(value: object) -> str:
    """ASCII digits written as Persian ones, for text people read."""
    return str(value).translate(TO_PERSIAN)


def fa_number(n: int | float) -> str:
    """An integer with Persian digits and the Persian thousands separator: 450000000 → ۴۵۰٬۰۰۰٬۰۰۰."""
    return to_fa_digits(f"{int(n):,}").replace(",", "٬")


def fa_text(text: str) -> str:
    """A sentence for people: thousands commas between digits as «٬», digits Persian."""
    return to_fa_digits(_THOUSANDS_COMMA.sub("٬", text))


def fa_percent(probability: float) -> str:
    """0.724 → «۷۲٪»."""
    return to_fa_digits(round(probability * 100)) + "٪"
