"""Pydantic models at the JSON API boundary.

Requests are validated here. Responses are the Report contract `petition-screening/report/v1`
exactly as `Report.to_dict()` writes it; the models below describe it for the OpenAPI page and
are not used to re-validate each response (the contract lives in screening/report.py, and
keys may be added there without the API dropping them).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from screening.pipeline import MAX_CHARS
from screening_web.limits import MAX_BATCH_TEXTS


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description=f"The petition text as written (Persian). At most {MAX_CHARS:,} characters.",
        examples=["برگ دادخواست به دادگاه صلح\nخواهان: ...\nخوانده: ...\nخواسته: ..."],
    )
    today: _dt.date | None = Field(
        default=None,
        description="Gregorian date to count deadlines from (YYYY-MM-DD); default: the server's today.",
    )


class BatchScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[str] = Field(
        min_length=1,
        max_length=MAX_BATCH_TEXTS,
        description=f"1 to {MAX_BATCH_TEXTS} petition texts; each is screened on its own.",
    )
    today: _dt.date | None = None


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine code, e.g. too_long, empty, invalid_request, body_too_large.")
    message_fa: str = Field(description="What went wrong, in Persian, for people.")
    details: list[dict[str, Any]] | None = Field(
        default=None, description="Where a request failed validation (never echoes the submitted text)."
    )


class ErrorResponse(BaseModel):
    error: ErrorDetail


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanOut(_Open):
    start: int
    end: int


class FindingOut(_Open):
    code: str
    severity: Literal["BLOCKER", "DEFECT", "FRUITLESS", "WARN"]
    basis: str
    message_fa: str
    span: SpanOut | None


class ClaimTypeOut(_Open):
    code: str
    label_fa: str
    confidence: float


class ForumOut(_Open):
    code: str
    label_fa: str
    basis: str


class EvidenceCheckOut(_Open):
    code: str
    label_fa: str
    present: bool
    key: bool


class ReasonOut(_Open):
    feature: str
    label_fa: str
    direction: Literal["raises", "lowers"]
    weight: float
    span: SpanOut | None


class SimilarRulingOut(_Open):
    id: str
    similarity: float = Field(description="Cosine similarity of the claims' TF-IDF vectors, 0 to 1.")
    outcome: str = Field(description="First-instance outcome: accepted, partially_accepted, rejected_petition, not_heard, "
                                     "claim_rejected, invalid, no_right or merits_rejected.")
    fruitless: bool
    ground: str | None = Field(description='Operative ground as read, e.g. "84(4)", "CPC 2", "CC 1257".')
    date: str | None
    court: str | None
    link: str | None = Field(description="The ruling's public page, when the archive has one.")
    claim: str = Field(description="A few words of the claim («خواسته»).")


class NeighbourRateOut(_Open):
    rate: float = Field(description="Share of fruitless outcomes among the 20 nearest rulings, weighted by similarity.")
    n: int = Field(description="How many rulings the rate rests on.")


class ReportOut(_Open):
    """The report of one petition (schema petition-screening/report/v1)."""

    schema_: str = Field(alias="schema", examples=["petition-screening/report/v1"])
    claim_type: ClaimTypeOut | None = Field(description="null when the text is not a petition (is_petition false)")
    forum: ForumOut | None = Field(description="null when the text is not a petition (is_petition false)")
    missing_fields: list[str]
    findings: list[FindingOut]
    fields: dict[str, Any]
    evidence_checklist: list[EvidenceCheckOut]
    fruitless_probability: float | None
    risk_band: Literal["low", "medium", "high"] | None
    reasons: list[ReasonOut]
    model: dict[str, Any] | None
    deadline: dict[str, Any] | None
    petition_kind: Literal["first_instance", "appeal", "objection", "other_review"] = Field(
        default="first_instance", description="A first-instance petition, or the review of a ruling (appeal, objection, cassation or retrial).")
    similar_rulings: list[SimilarRulingOut] | None = Field(
        default=None, description="With a similar-rulings index: up to 5 published rulings above the similarity "
                                  "threshold ([] when none is); null without an index.")
    neighbour_fruitless_rate: NeighbourRateOut | None = Field(
        default=None, description="With an index and at least one similar ruling; null otherwise.")
    is_petition: bool = Field(default=True, description="false when the text does not read as a petition: one NOT_A_PETITION finding, no claim type, forum or probability")


class BatchItemOut(BaseModel):
    index: int = Field(description="Position of the text in the request.")
    report: ReportOut | None = None
    error: ErrorDetail | None = Field(default=None, description="Set instead of report when this text was unusable.")


class BatchResponse(BaseModel):
    results: list[BatchItemOut]


class HealthResponse(BaseModel):
    status: Literal["ok"]
    version: str
    screener_loaded: bool
    steps: list[str] = Field(default_factory=list, description="Pipeline steps of the loaded screener.")
