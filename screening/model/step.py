"""The pipeline's last step: score how likely the claim is to be fruitless (the plaintiff gets
nothing at first instance), and say why."""
from __future__ import annotations

from screening.document import Document
from screening.knowledge.bands import band
from screening.model.scorer import Scorer
from screening.report import Reason


class ScoreFruitlessness:
    """Sets doc.fruitless_probability, doc.risk_band, doc.reasons and doc.model from a Scorer."""

    name = "score"

    def __init__(self, scorer: Scorer):
        self.scorer = scorer

    def __call__(self, doc: Document) -> Document:
        if not doc.is_petition:
            return doc  # no probability for text that is not a petition
        return self._apply(doc, *self.scorer.score(doc))

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Score a whole batch with one call to the model."""
        if not docs:
            return docs
        petitions = [doc for doc in docs if doc.is_petition]  # non-petitions get no score
        if petitions:
            for doc, (p, reasons) in zip(petitions, self.scorer.score_many(petitions)):
                self._apply(doc, p, reasons)
        return docs

    def _apply(self, doc: Document, probability: float, reasons: list[Reason]) -> Document:
        probability = min(max(float(probability), 0.0), 1.0)
        doc.fruitless_probability = round(probability, 4)
        doc.risk_band = band(probability, self.scorer.thresholds)
        doc.reasons = list(reasons)
        doc.model = self.scorer.info
        return doc
