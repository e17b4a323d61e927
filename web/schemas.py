"""Pydantic models at the JSON API boundary.

Requests are validated here. Responses are the Report contract `petition-screening/report/v1`
exactly as `Report.to_dict()` writes it; the models below describe it for the OpenAPI page and
are not used to re-validate each response (the contract lives in screening/report.py, and
keys may be added there without the API dropping them).
"""
from __future__ import annotations

import datetime as _dt
import re
import sys
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from screening.document import make_valid
from screening.pipeline import MAX_CHARS
from screening_web.limits import MAX_BATCH_TEXTS

# What the screener accepts as a petition, said in the schema so that schema and behaviour agree:
# at least one character that is not white space (as Python's str.strip counts it) and no NUL.
_PY_SPACE = "".join(sorted({chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}))
_SPACE_CLASS = "".join(f"\\u{ord(c):04x}" for c in _PY_SPACE)
TEXT_PATTERN = f"^[^\\u0000]*[^\\u0000{_SPACE_CLASS}][^\\u0000]*$"

# Deadlines are counted from `today` with the Jalali calendar and the court holidays; they are
# defined for the years an office can mean (and not, e.g., for year 1 or 9999).
FIRST_DAY = _dt.date(1900, 1, 1)
LAST_DAY = _dt.date(2099, 12, 31)
TODAY_PATTERN = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _valid_text(value: object) -> object:
    # Before any other check: a lone surrogate becomes U+FFFD (reported as a finding), so that a
    # text with one is screened instead of failing the length checks or the report's encoding.
    return make_valid(value) if isinstance(value, str) else value


def _date_text(value: object) -> object:
    # Only "YYYY-MM-DD": pydantic alone would also take a number (0 is 1970-01-01) or a datetime.
    if isinstance(value, _dt.date) or (isinstance(value, str) and re.fullmatch(TODAY_PATTERN, value)):
        return value
    raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")


def _in_range(day: _dt.date) -> _dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError("date_out_of_range")
    return day


PetitionText = Annotated[
    str,
    BeforeValidator(_valid_text),
    Field(
        min_length=1,
        max_length=MAX_CHARS,
        json_schema_extra={"pattern": TEXT_PATTERN},
        description=f"The petition text as written (Persian): 1 to {MAX_CHARS:,} characters, not only white space, "
        "no NUL. Invalid characters (lone surrogates) are replaced with U+FFFD and reported as INVALID_CHARACTERS.",
        examples=["برگ دادخواست به دادگاه صلح\nخواهان: ...\nخوانده: ...\nخواسته: ..."],
    ),
]
Today = Annotated[
    _dt.date,
    BeforeValidator(_date_text),
    AfterValidator(_in_range),
    Field(
        json_schema_extra={"pattern": TODAY_PATTERN},
        description="Gregorian date to count deadlines from, YYYY-MM-DD between 1900-01-01 and 2099-12-31; "
        "default: the server's today.",
    ),
]


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: PetitionText
    today: Today | None = None


class BatchScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[Annotated[str, BeforeValidator(_valid_text)]] = Field(
        min_length=1,
        max_length=MAX_BATCH_TEXTS,
        description=f"1 to {MAX_BATCH_TEXTS} petition texts; each is screened on its own, and one that cannot be "
        "screened (empty, too long, not text) gets its own error in the results without failing the others.",
    )
    today: Today | None = None


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
