"""The typed result of screening one petition, and its stable JSON form.

Everything downstream (CLI, web, batch) reads a `Report`; `Report.to_dict()` is the
JSON contract `petition-screening/report/v1`. Add keys, never rename or remove them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

SCHEMA = "petition-screening/report/v1"


class Severity(str, Enum):
    """DOMAIN.md §0: how bad a finding is for the petition."""

    BLOCKER = "BLOCKER"  # outright rejection, no cure (CPC 56)
    DEFECT = "DEFECT"  # defect notice, 10 days to cure (CPC 53-54)
    FRUITLESS = "FRUITLESS"  # likely dismissal (CPC 84, 89)
    WARN = "WARN"  # risk or uncertain rule

    @property
    def label_fa(self) -> str:
        return SEVERITY_LABELS_FA[self]


SEVERITY_LABELS_FA = {
    Severity.BLOCKER: "رد فوری",
    Severity.DEFECT: "نقص",
    Severity.FRUITLESS: "بی‌نتیجه",
    Severity.WARN: "هشدار",
}

# Ordering used when sorting findings for people: the worst first.
SEVERITY_RANK = {Severity.BLOCKER: 0, Severity.FRUITLESS: 1, Severity.DEFECT: 2, Severity.WARN: 3}


class PetitionKind(str, Enum):
    """What the petition asks for: a first-instance judgment, or the review of a ruling already given."""

    FIRST_INSTANCE = "first_instance"
    APPEAL = "appeal"  # تجدیدنظرخواهی
    OBJECTION = "objection"  # واخواهی from a default ruling; objection to a clerk's rejection order (CPC 54)
    OTHER_REVIEW = "other_review"  # فرجام‌خواهی, اعاده دادرسی

    @property
    def is_review(self) -> bool:
        return self is not PetitionKind.FIRST_INSTANCE

    @property
    def label_fa(self) -> str:
        return PETITION_KIND_LABELS_FA[self]


PETITION_KIND_LABELS_FA = {
    PetitionKind.FIRST_INSTANCE: "دادخواست بدوی",
    PetitionKind.APPEAL: "دادخواست تجدیدنظر",
    PetitionKind.OBJECTION: "واخواهی یا اعتراض به قرار",
    PetitionKind.OTHER_REVIEW: "فرجام‌خواهی یا اعاده دادرسی",
}


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) in the *original* text the user gave."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    basis: str  # legal basis as people cite it, e.g. "ماده ۵۱ قانون آیین دادرسی مدنی"
    message_fa: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "basis": self.basis,
            "message_fa": self.message_fa,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass
class Party:
    role: str  # plaintiff | defendant | representative
    name: str | None = None
    father_name: str | None = None
    national_id: str | None = None
    legal_id: str | None = None
    address: str | None = None
    address_unknown: bool = False  # declared مجهول‌المکان
    mobile: str | None = None
    postal_code: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = self.span.to_dict() if self.span else None
        return d


@dataclass
class PetitionFields:
    """What the parser extracted. Values are normalised (ASCII digits, rial integers)."""

    addressed_court: str | None = None  # raw heading/addressee, e.g. "دادگاه صلح"
    plaintiffs: list[Party] = field(default_factory=list)
    defendants: list[Party] = field(default_factory=list)
    representatives: list[Party] = field(default_factory=list)
    claim: str | None = None
    claim_value_rial: int | None = None
    claim_value_text: str | None = None  # the amount as written
    claim_value_words_rial: int | None = None  # the amount spelled in words, if any
    evidence: list[str] = field(default_factory=list)
    facts: str | None = None
    request: str | None = None
    signature: str | None = None
    date: str | None = None  # Jalali YYYY/MM/DD
    service_date: str | None = None  # Jalali YYYY/MM/DD of a served ruling/notice, if named
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> where it was found

    def to_dict(self) -> dict[str, Any]:
        return {
            "addressed_court": self.addressed_court,
            "plaintiffs": [p.to_dict() for p in self.plaintiffs],
            "defendants": [p.to_dict() for p in self.defendants],
            "representatives": [p.to_dict() for p in self.representatives],
            "claim": self.claim,
            "claim_value_rial": self.claim_value_rial,
            "claim_value_text": self.claim_value_text,
            "claim_value_words_rial": self.claim_value_words_rial,
            "evidence": list(self.evidence),
            "facts": self.facts,
            "request": self.request,
            "signature": self.signature,
            "date": self.date,
            "service_date": self.service_date,
            "spans": {k: v.to_dict() for k, v in self.spans.items()},
        }


@dataclass(frozen=True)
class ClaimType:
    code: str
    label_fa: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label_fa": self.label_fa, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class Forum:
    code: str  # peace_court | family_court | general_civil_court; for a review: appeal_court | supreme_court
    label_fa: str
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label_fa": self.label_fa, "basis": self.basis}


@dataclass(frozen=True)
class EvidenceCheck:
    """One line of a claim type's evidence checklist."""

    code: str
    label_fa: str
    present: bool
    key: bool  # key evidence: its absence is a MISSING_EVIDENCE finding

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Reason:
    """Why the model's score moved: a feature, its direction and weight, and where in the text."""

    feature: str
    label_fa: str
    direction: str  # "raises" | "lowers"
    weight: float
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "label_fa": self.label_fa,
            "direction": self.direction,
            "weight": round(self.weight, 4),
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str
    backend: str = "sklearn"
    # One Persian line with the model's own figure on real rulings (from its metadata.json).
    quality_fa: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "backend": self.backend, "quality_fa": self.quality_fa}


@dataclass(frozen=True)
class SimilarRuling:
    """A published ruling whose restated claim is close to this petition's, and how it ended."""

    id: str
    similarity: float  # cosine similarity of the two claims' TF-IDF vectors, 0..1
    outcome: str  # the operative-part reader's code (accepted, not_heard, invalid, ...)
    fruitless: bool  # the claim was fruitless for the plaintiff under the index's labelling
    ground: str | None  # the operative ground as read, e.g. "84(4)", "CC 1257"
    date: str | None
    court: str | None
    link: str | None  # the ruling's public page, when the archive has one
    claim: str  # a few words: the «خواسته» as the court restated it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "similarity": round(self.similarity, 4),
            "outcome": self.outcome,
            "fruitless": self.fruitless,
            "ground": self.ground,
            "date": self.date,
            "court": self.court,
            "link": self.link,
            "claim": self.claim,
        }


@dataclass
class Report:
    claim_type: ClaimType | None  # None when the text is not a petition (no guess is made)
    forum: Forum | None  # None when the text is not a petition
    missing_fields: list[str]
    findings: list[Finding]
    fields: PetitionFields
    evidence_checklist: list[EvidenceCheck] = field(default_factory=list)
    fruitless_probability: float | None = None
    risk_band: str | None = None  # low | medium | high, once a model scored it
    reasons: list[Reason] = field(default_factory=list)
    model: ModelInfo | None = None
    deadline: dict[str, Any] | None = None  # filled by the deadline step when one applies
    # How often real claims of this type were fruitless in the model's training rulings:
    # {"claim_type": code or "all", "n": rulings, "fruitless_rate": 0..1}.
    base_rate: dict[str, Any] | None = None
    familiarity: float | None = None  # 0..1: how much the text resembles what the model was trained on
    score_caveat: dict[str, str] | None = None  # {"code", "message_fa"} when the score needs a warning
    # Filled by the `similar` step when an index is configured: None without one; [] and a None
    # rate when no indexed ruling is close enough.
    similar_rulings: list[SimilarRuling] | None = None
    neighbour_fruitless_rate: dict[str, Any] | None = None  # {"rate": 0..1, "n": rulings it rests on}
    petition_kind: PetitionKind = PetitionKind.FIRST_INSTANCE
    is_petition: bool = True  # False: the text does not read as a petition (one NOT_A_PETITION finding)

    @property
    def finding_codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "claim_type": self.claim_type.to_dict() if self.claim_type else None,
            "forum": self.forum.to_dict() if self.forum else None,
            "missing_fields": list(self.missing_fields),
            "findings": [f.to_dict() for f in self.findings],
            "fields": self.fields.to_dict(),
            "evidence_checklist": [e.to_dict() for e in self.evidence_checklist],
            "fruitless_probability": self.fruitless_probability,
            "risk_band": self.risk_band,
            "reasons": [r.to_dict() for r in self.reasons],
            "model": self.model.to_dict() if self.model else None,
            "deadline": self.deadline,
            "base_rate": dict(self.base_rate) if self.base_rate else None,
            "familiarity": None if self.familiarity is None else round(self.familiarity, 3),
            "score_caveat": dict(self.score_caveat) if self.score_caveat else None,
            "similar_rulings": None if self.similar_rulings is None else [s.to_dict() for s in self.similar_rulings],
            "neighbour_fruitless_rate": self.neighbour_fruitless_rate,
            "petition_kind": PetitionKind(self.petition_kind).value,
            "is_petition": self.is_petition,
        }
