"""The pipeline's last step: score how likely the court is to end the claim without a hearing
of its merits or with a loss (a fruitless claim), and say why."""
from __future__ import annotations

from typing import Any

from screening.model.metrics import band


class ScoreFruitlessness:
    """Sets doc.fruitless_probability, doc.risk_band, doc.reasons and doc.model from a Scorer."""

    name = "score"

    def __init__(self, scorer: Any):
        self.scorer = scorer

    def __call__(self, doc: Any) -> Any:
        probability, reasons = self.scorer.score(doc)
        probability = min(max(float(probability), 0.0), 1.0)
        doc.fruitless_probability = round(probability, 4)
        doc.risk_band = band(probability, self.scorer.thresholds)
        doc.reasons = list(reasons)
        doc.model = self.scorer.info
        return doc
