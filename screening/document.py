"""The bottom floor: the `Document` a petition becomes, the `Step` protocol, and input validation.

Nothing here imports from the rest of the package except the report's plain data types, so every
floor above (text, knowledge, checks, model, pipeline, front ends) can name a `Document`.
"""
from __future__ import annotations

import datetime as _dt
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


class UnusableInput(ValueError):
    """Input that cannot be screened at all. `message_fa` is shown to people."""

    def __init__(self, code: str, message_fa: str):
        super().__init__(code)
        self.code = code
        self.message_fa = message_fa


@dataclass
class Document:
    """Everything known about one petition while it moves through the pipeline."""

    text: str  # exactly what the user gave
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


def validate_input(text: object) -> str:
    """Reject what cannot be a petition, with a Persian message for people."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise UnusableInput("not_text", "ورودی متن نیست؛ لطفاً متن دادخواست را با کدگذاری UTF-8 وارد کنید.")
    if not isinstance(text, str):
        raise UnusableInput("not_text", "ورودی متن نیست؛ لطفاً متن دادخواست را وارد کنید.")
    if "\x00" in text:
        raise UnusableInput("not_text", "ورودی شامل داده‌های دودویی است و متن دادخواست نیست.")
    if not text.strip():
        raise UnusableInput("empty", "متن دادخواست خالی است؛ لطفاً متن را وارد کنید.")
    if len(text) > MAX_CHARS:
        raise UnusableInput(
            "too_long",
            f"متن دادخواست بیش از حد طولانی است (بیش از {MAX_CHARS:,} نویسه)؛ لطفاً فقط متن دادخواست را وارد کنید.",
        )
    return text
