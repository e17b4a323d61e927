"""The bottom floor: the `Document` a petition becomes, the `Step` protocol, and input validation.

Nothing here imports from the rest of the package except the report's plain data types, so every
floor above (text, knowledge, checks, model, pipeline, front ends) can name a `Document`.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from screening.report import (
    SEVERITY_RANK,
    ClaimType,
    EvidenceCheck,
    Finding,
    Forum,
    ModelInfo,
    PetitionFields,
    PetitionKind,
    Reason,
    Report,
    SimilarRuling,
)

MAX_CHARS = 200_000

REPLACEMENT_CHARACTER = "\ufffd"
# What cannot be a character of a text: UTF-16 surrogates (in a Python str they are always lone:
# half of a character, left by a broken copy or a JSON "\\ud800" escape; they cannot be encoded,
# so a report quoting one cannot be sent) and Unicode's noncharacters (U+FDD0-U+FDEF and the last
# two code points of every plane), which are reserved for a program's own use.
_INVALID_CHARACTERS_RE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


# The same set within the Basic Multilingual Plane: a class of BMP ranges only is a bitmap test per
# character, about ten times faster than the full class above (which also lists astral code points).
_INVALID_BMP_RE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _has_astral(text: str) -> bool:
    # A character beyond U+FFFF takes two UTF-16 units; "surrogatepass" lets lone surrogates through.
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def make_valid(text: str) -> str:
    """`text` with every invalid character replaced by U+FFFD, one for one (offsets still hold)."""
    pattern = _INVALID_CHARACTERS_RE if _has_astral(text) else _INVALID_BMP_RE
    if pattern.search(text) is None:
        return text
    return pattern.sub(REPLACEMENT_CHARACTER, text)


class UnusableInput(ValueError):
    """Input that cannot be screened at all. `message_fa` is shown to people."""

    def __init__(self, code: str, message_fa: str):
        super().__init__(code)
        self.code = code
        self.message_fa = message_fa


@dataclass
class Document:
    """Everything known about one petition while it moves through the pipeline."""

    text: str  # what the user gave, with invalid characters replaced one for one (see make_valid)
    today: _dt.date  # Gregorian "today" for deadline arithmetic
    # Quoted annotations name types of the floors above (text, checks, knowledge); as strings they
    # document each field without this bottom floor importing upward.
    normalised: "NormalisedText | None" = None  # noqa: F821 - screening.text.normalize
    parsed: "ParsedPetition | None" = None  # noqa: F821 - screening.checks.parse: sections and matches
    fields: PetitionFields | None = None
    petition_kind: PetitionKind = PetitionKind.FIRST_INSTANCE
    review_cues: "DeadlineCues | None" = None  # noqa: F821 - screening.checks.deadlines.detect: what the review/deadline detector read (kind, service dates, abroad)
    claim_type: ClaimType | None = None
    claim_ranking: "list[tuple[float, ClaimTypeSpec]]" = field(default_factory=list)  # noqa: F821 - best first
    forum: Forum | None = None
    forum_uncertain: bool = False
    ruling_court: str | None = None  # for a review petition: the forum code of the court whose ruling is reviewed
    evidence_checklist: list[EvidenceCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    deadline: dict | None = None
    fruitless_probability: float | None = None
    risk_band: str | None = None
    reasons: list[Reason] = field(default_factory=list)
    model: ModelInfo | None = None
    base_rate: dict | None = None  # see Report.base_rate
    familiarity: float | None = None
    score_caveat: dict | None = None
    similar_rulings: list[SimilarRuling] | None = None  # None: no index configured
    neighbour_fruitless_rate: dict | None = None
    is_petition: bool = True  # set by the parse step; False → no claim type, forum or score
    # U+FFFD in the text: characters that were invalid, replaced here or by whoever read the file.
    replaced_characters: int = 0
    first_replaced: int | None = None

    def __post_init__(self) -> None:
        # Before anything else reads the text: every front end builds a Document, so each gets this.
        self.text = make_valid(self.text)
        if REPLACEMENT_CHARACTER in self.text:
            self.replaced_characters = self.text.count(REPLACEMENT_CHARACTER)
            self.first_replaced = self.text.index(REPLACEMENT_CHARACTER)

    def to_report(self) -> Report:
        assert self.fields is not None
        assert not self.is_petition or (self.claim_type is not None and self.forum is not None)
        findings = sorted(self.findings, key=lambda f: SEVERITY_RANK[f.severity])
        return Report(
            claim_type=self.claim_type,
            forum=self.forum,
            missing_fields=list(self.missing_fields),
            findings=findings,
            fields=self.fields,
            evidence_checklist=list(self.evidence_checklist),
            fruitless_probability=self.fruitless_probability,
            risk_band=self.risk_band,
            reasons=list(self.reasons),
            model=self.model,
            deadline=self.deadline,
            base_rate=self.base_rate,
            familiarity=self.familiarity,
            score_caveat=self.score_caveat,
            similar_rulings=None if self.similar_rulings is None else list(self.similar_rulings),
            neighbour_fruitless_rate=self.neighbour_fruitless_rate,
            petition_kind=self.petition_kind,
            is_petition=self.is_petition,
        )


class Step(Protocol):
    """One named step of the pipeline: takes a Document, fills in its part, returns it."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


@runtime_checkable
class BatchStep(Step, Protocol):
    """A step that is cheaper over many documents at once (the model's); `Screener.pipe` uses `pipe`."""

    def pipe(self, docs: list[Document]) -> list[Document]: ...


# Why a text cannot be screened, by code: shown to people (the web API answers with the same codes).
UNUSABLE_MESSAGES = {
    "not_text": "ورودی متن نیست؛ لطفاً متن دادخواست را وارد کنید.",
    "not_utf8": "ورودی متن نیست؛ لطفاً متن دادخواست را با کدگذاری UTF-8 وارد کنید.",
    "binary": "ورودی شامل داده‌های دودویی است و متن دادخواست نیست.",
    "empty": "متن دادخواست خالی است؛ لطفاً متن را وارد کنید.",
    "too_long": f"متن دادخواست بیش از حد طولانی است (بیش از {MAX_CHARS:,} نویسه)؛ لطفاً فقط متن دادخواست را وارد کنید.",
}


def validate_input(text: object) -> str:
    """Reject what cannot be a petition, with a Persian message for people; invalid characters
    are replaced (see `make_valid`), not refused."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise UnusableInput("not_text", UNUSABLE_MESSAGES["not_utf8"])
    if not isinstance(text, str):
        raise UnusableInput("not_text", UNUSABLE_MESSAGES["not_text"])
    text = make_valid(text)  # the Document reports the replacements (finding INVALID_CHARACTERS)
    if "\x00" in text:
        raise UnusableInput("not_text", UNUSABLE_MESSAGES["binary"])
    if not text.strip():
        raise UnusableInput("empty", UNUSABLE_MESSAGES["empty"])
    if len(text) > MAX_CHARS:
        raise UnusableInput("too_long", UNUSABLE_MESSAGES["too_long"])
    return text
