"""What the pipeline's score step needs from a loaded model: the `Scorer` protocol, the `Score`
it returns, and the model floor's errors (docs/MODEL_SPEC.md)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from screening.document import Document
from screening.report import ModelInfo, Reason


class TrainingDataError(ValueError):
    """Rows that cannot train a model (too few, one class only, unreadable); the message is for people."""


@dataclass
class Score:
    """One document's score: the probability, the reasons, and what qualifies them.

    `familiarity` (0–1) says how much the text resembles the model's training texts; `base_rate`
    is the real fruitless rate of the claim's type in the training rulings; `caveat` is a
    {"code", "message_fa"} warning for people (e.g. an unfamiliar text whose score was pulled
    toward the base rate). Unpacks as `(probability, reasons)`, as scorers returned before.
    """

    probability: float
    reasons: list[Reason] = field(default_factory=list)
    familiarity: float | None = None
    base_rate: dict[str, Any] | None = None
    caveat: dict[str, str] | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.probability, self.reasons))


@runtime_checkable
class Scorer(Protocol):
    """A loaded model directory (sklearn or transformers backend).

    `score`/`score_many` return a `Score` or a `(probability, reasons)` pair; `score_many` does
    one vectorisation and one prediction over the whole batch.
    """

    info: ModelInfo
    thresholds: dict[str, float]  # the `medium` and `high` band thresholds

    def score(self, doc: Document) -> Score | tuple[float, list[Reason]]: ...

    def score_many(self, docs: Sequence[Document]) -> Sequence[Score | tuple[float, list[Reason]]]: ...
