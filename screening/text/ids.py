"""Iranian identity numbers (DOMAIN.md §8): کد ملی, شناسه ملی, کد پستی, mobile, شبا.

Every function accepts Persian, Arabic-Indic or ASCII digits, with stray spaces, dashes, half-spaces
and direction marks inside (as people type or copy them), and never raises on odd input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from screening.text.digits import NON_ASCII_DIGITS

__all__ = [
    "PostalCheck",
    "check_postal_code",
    "is_valid_iban",
    "is_valid_legal_id",
    "is_valid_national_id",
    "normalise_mobile",
    "normalise_national_id",
]

# One translate pass: fold digits to ASCII and delete separators people put inside numbers.
_STRAY = " \t\n\r\u00a0\u2009\u202f-_\u2010\u2011\u2012\u2013\u2014\u2212\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_CLEAN = str.maketrans(NON_ASCII_DIGITS + "＋", "0123456789" * 2 + "+", _STRAY)

_DIGITS_8_TO_10 = re.compile(r"[0-9]{8,10}")
_DIGITS_11 = re.compile(r"[0-9]{11}")
_DIGITS_10 = re.compile(r"[0-9]{10}")
_MOBILE = re.compile(r"(?:\+98|0098|98|0)?(9[0-9]{9})")
_IBAN = re.compile(r"IR([0-9]{2})([0-9]{22})")
# [S93] stricter shape; failing it is only a warning.
_POSTAL_STRICT = re.compile(r"(?!(\d)\1{3})[13-9]{4}[1346-9][013-9]{5}", re.ASCII)

_LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17)


def _clean(s: str) -> str:
    return s.translate(_CLEAN) if isinstance(s, str) else ""


def normalise_national_id(s: str) -> str | None:
    """کد ملی as 10 ASCII digits (8–9 digits are left-padded with zeros), or None if invalid.

    Rules (DOMAIN §8): not all the same digit; digits 4–9 not all zero;
    s = Σ d[i]·(10−i) for i < 9, r = s % 11; check digit = r if r < 2 else 11 − r.
    """
    t = _clean(s)
    if not _DIGITS_8_TO_10.fullmatch(t):
        return None
    t = t.zfill(10)
    if t == t[0] * 10 or t[3:9] == "000000":
        return None
    total = sum(int(t[i]) * (10 - i) for i in range(9))
    r = total % 11
    check = r if r < 2 else 11 - r
    return t if int(t[9]) == check else None


def is_valid_national_id(s: str) -> bool:
    """True for a valid کد ملی (natural person, 10 digits; 8–9 digits are left-padded)."""
    return normalise_national_id(s) is not None


def is_valid_legal_id(s: str) -> bool:
    """True for a valid شناسه ملی (legal person, 11 digits).

    DOMAIN §8: digits 4–9 not all zero; d = digit[9] + 2; s = Σ_{i<10} (d + digit[i])·w[i % 5] with
    w = 29, 27, 23, 19, 17; r = s % 11, 10 → 0; valid iff r == digit[10].
    """
    t = _clean(s)
    if not _DIGITS_11.fullmatch(t) or t[3:9] == "000000":
        return False
    digits = [int(c) for c in t]
    d = digits[9] + 2
    total = sum((d + digits[i]) * _LEGAL_ID_WEIGHTS[i % 5] for i in range(10))
    r = total % 11
    if r == 10:
        r = 0
    return r == digits[10]


@dataclass(frozen=True, slots=True)
class PostalCheck:
    """Result of checking a کد پستی.

    `valid`: 10 digits with no 0 or 2 in the first five [S92] (failing this is a defect).
    `suspicious`: valid, but not the stricter shape of [S93] (a warning only).
    `code`: the 10 ASCII digits when `valid`, else None.
    """

    valid: bool
    suspicious: bool
    code: str | None


def check_postal_code(s: str) -> PostalCheck:
    t = _clean(s)
    if not _DIGITS_10.fullmatch(t) or "0" in t[:5] or "2" in t[:5]:
        return PostalCheck(False, False, None)
    return PostalCheck(True, _POSTAL_STRICT.fullmatch(t) is None, t)


def normalise_mobile(s: str) -> str | None:
    """An Iranian mobile number as 09xxxxxxxxx; prefixes +98, 0098, 98 or 0 are accepted. None if invalid."""
    m = _MOBILE.fullmatch(_clean(s))
    return "0" + m.group(1) if m else None


def is_valid_iban(s: str) -> bool:
    """True for a valid شبا: IR + 24 digits, ISO 13616 mod-97 check (I=18, R=27).

    Accepts lower-case «ir», spaces/dashes between blocks, and Persian digits.
    """
    m = _IBAN.fullmatch(_clean(s).upper())
    if not m:
        return False
    # Move "IR" + check digits to the end; I → 18, R → 27.
    return int(m.group(2) + "1827" + m.group(1)) % 97 == 1
