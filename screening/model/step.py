"""The pipeline's last step: score how likely the claim is to be fruitless (the plaintiff gets
nothing at first instance), and say why, how familiar the text is and what real claims of its
type gave."""
from __future__ import annotations

from screening.document import Document
from screening.knowledge.bands import band
from screening.model.scorer import Score, Scorer
from screening.report import Reason


def _is_petition(doc: Document) -> bool:
    # `is_petition` is set by the rule steps when the text is not a petition at all
    # (a NOT_A_PETITION finding); such a text gets no score.
    return bool(getattr(doc, "is_petition", True))


class ScoreFruitlessness:
    """Sets doc.fruitless_probability, risk_band, reasons, model, base_rate, familiarity and
    score_caveat from a Scorer; leaves them empty for a text that is not a petition."""

    name = "score"

    def __init__(self, scorer: Scorer):
        self.scorer = scorer

    def __call__(self, doc: Document) -> Document:
        if not _is_petition(doc):
            return self._unscored(doc)
        return self._apply(doc, self.scorer.score(doc))

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Score a whole batch with one call to the model (texts that are not petitions are left out)."""
        live = [d for d in docs if _is_petition(d)]
        for doc in docs:
            if not _is_petition(doc):
                self._unscored(doc)
        if live:
            for doc, score in zip(live, self.scorer.score_many(live)):
                self._apply(doc, score)
        return docs

    @staticmethod
    def _unscored(doc: Document) -> Document:
        doc.fruitless_probability = None
        doc.risk_band = None
        doc.reasons = []
        doc.familiarity = None
        doc.score_caveat = None
        return doc

    def _apply(self, doc: Document, score: Score | tuple[float, list[Reason]]) -> Document:
        probability, reasons = score
        probability = min(max(float(probability), 0.0), 1.0)
        doc.fruitless_probability = round(probability, 4)
        doc.risk_band = band(probability, self.scorer.thresholds)
        doc.reasons = list(reasons)
        doc.model = self.scorer.info
        if isinstance(score, Score):
            doc.familiarity = None if score.familiarity is None else round(float(score.familiarity), 3)
            doc.base_rate = score.base_rate
            doc.score_caveat = score.caveat
        return doc
