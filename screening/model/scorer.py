"""What the pipeline's score step needs from a loaded model: the `Scorer` protocol, and the model floor's errors."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from screening.document import Document
from screening.report import ModelInfo, Reason


class TrainingDataError(ValueError):
    """Rows that cannot train a model (too few, one class only, unreadable); the message is for people."""


@runtime_checkable
class Scorer(Protocol):
    """A loaded model directory (sklearn or transformers backend)."""

    info: ModelInfo
    thresholds: dict[str, float]  # the `medium` and `high` band thresholds

    def score(self, doc: Document) -> tuple[float, list[Reason]]: ...

    def score_many(self, docs: Sequence[Document]) -> list[tuple[float, list[Reason]]]: ...
