"""The screening pipeline: named steps over one `Document`, ending in a `Report`.

text → normalise → parse → claim_type → forum → check → deadline → score → Report

Each step is a small object with a `name` and `__call__(doc) -> doc`; a reader can list
them with `Screener().step_names`. The web app, the batch scorer and the CLI all call
`screen()` (or a `Screener` they were handed); none re-implements a step.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from screening.report import (
    SEVERITY_RANK,
    ClaimType,
    EvidenceCheck,
    Finding,
    Forum,
    ModelInfo,
    PetitionFields,
    Reason,
    Report,
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
    normalised: "NormalisedText | None" = None  # noqa: F821 - see screening.normalize
    parsed: "ParsedPetition | None" = None  # noqa: F821 - sections and matches, see screening.parse
    fields: PetitionFields | None = None
    claim_type: ClaimType | None = None
    claim_ranking: list = field(default_factory=list)  # (score, ClaimTypeSpec), best first
    forum: Forum | None = None
    forum_uncertain: bool = False
    evidence_checklist: list[EvidenceCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    deadline: dict | None = None
    fruitless_probability: float | None = None
    risk_band: str | None = None
    reasons: list[Reason] = field(default_factory=list)
    model: ModelInfo | None = None

    def to_report(self) -> Report:
        assert self.fields is not None and self.claim_type is not None and self.forum is not None
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
        )


class Step(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


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


class Screener:
    """Runs the pipeline. Parameters in the constructor, as scikit-learn does.

    model_dir: a model directory to score with; "default" loads the shipped model when it
    exists; None screens without a model (fruitless_probability stays null).
    """

    def __init__(self, model_dir: str | Path | None = "default", steps: list[Step] | None = None):
        self.model_dir = model_dir
        self.steps: list[Step] = steps if steps is not None else default_steps(model_dir)

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def screen(self, text: str, today: _dt.date | None = None) -> Report:
        return self.run(text, today=today).to_report()

    def run(self, text: str, today: _dt.date | None = None) -> Document:
        """Like `screen`, but returns the whole `Document` (for feature extraction and training)."""
        doc = Document(text=validate_input(text), today=today or _dt.date.today())
        for step in self.steps:
            doc = step(doc)
        return doc


def default_steps(model_dir: str | Path | None = "default") -> list[Step]:
    # Imported here so that `import screening.pipeline` stays cheap for tools that only need types.
    from screening.steps import build_default_steps

    return build_default_steps(model_dir)


_DEFAULT: dict[str, Screener] = {}


def get_default_screener() -> Screener:
    """One process-wide screener with the shipped model: hazm and the model load once."""
    if "s" not in _DEFAULT:
        _DEFAULT["s"] = Screener()
    return _DEFAULT["s"]


def screen(text: str, today: _dt.date | None = None) -> Report:
    """Screen one petition with the shipped model: the entry point everything calls."""
    return get_default_screener().screen(text, today=today)
