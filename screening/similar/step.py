"""The pipeline step `similar`: the published rulings whose claims read most like this petition's."""
from __future__ import annotations

from screening.document import Document
from screening.similar.index import SimilarIndex


def claim_text(doc: Document) -> str:
    """What is compared with the courts' restated claims: the petition's claim and its account of
    the facts (a ruling restates both); the whole normalised text when the parser found neither."""
    fields = doc.fields
    parts = [p for p in ((fields.claim, fields.facts) if fields else ()) if p]
    if parts:
        return "\n".join(parts)
    return doc.normalised.text if doc.normalised is not None else doc.text


class FindSimilarRulings:
    """Sets doc.similar_rulings (up to 5 above the index's threshold) and doc.neighbour_fruitless_rate."""

    name = "similar"

    def __init__(self, index: SimilarIndex):
        self.index = index

    def __call__(self, doc: Document) -> Document:
        if not doc.is_petition:  # «سلام» or a shopping list: nothing to compare, like the score step
            doc.similar_rulings, doc.neighbour_fruitless_rate = [], None
            return doc
        doc.similar_rulings, doc.neighbour_fruitless_rate = self.index.search(claim_text(doc))
        return doc
