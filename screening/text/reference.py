"""The short reference of a petition text: what the citizen's notice shows and the office records key on."""
from __future__ import annotations

import hashlib
import unicodedata

REFERENCE_LENGTH = 10  # hex characters: 40 bits, short enough to read out over a counter


def petition_digest(text: str) -> str:
    """SHA-256 (hex) of the text in Unicode NFC, so the same words typed two ways hash alike."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def petition_reference(text: str) -> str:
    """The first 10 hex characters of `petition_digest(text)`, upper-cased, e.g. «3FA01C9B7E».

    It cannot be turned back into the text; two different texts share one only by chance
    (records key on the full digest, so such a clash never merges two records).
    """
    return petition_digest(text)[:REFERENCE_LENGTH].upper()
