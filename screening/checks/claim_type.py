"""Recognise the claim type from weighted cues (knowledge.claim_types).

Cues found in the claim itself (خواسته) count three times as much as cues elsewhere, because a
cheque petition also talks about delay damages and a mahr petition about coins.
"""
from __future__ import annotations

from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE, CLAIM_TYPES, OTHER, ClaimTypeSpec
from screening.report import ClaimType

CLAIM_WEIGHT = 3.0
MIN_SCORE = 2.0  # below this nothing is recognised: "other"


class ClaimTypeRecogniser:
    def __init__(self, claim_weight: float = CLAIM_WEIGHT, min_score: float = MIN_SCORE):
        self.claim_weight = claim_weight
        self.min_score = min_score

    def scores(self, text: str, claim_text: str) -> list[tuple[float, ClaimTypeSpec]]:
        ranked = []
        for spec in CLAIM_TYPES:
            score = 0.0
            for pattern, weight in spec.cues:
                # The claim is part of the text: a cue absent from the text is absent from both.
                if not pattern.search(text):
                    continue
                score += weight * self.claim_weight if claim_text and pattern.search(claim_text) else weight
            if score > 0:
                ranked.append((score, spec))
        ranked.sort(key=lambda pair: -pair[0])
        return ranked

    def predict(self, text: str, claim_text: str) -> tuple[ClaimType, list[tuple[float, ClaimTypeSpec]]]:
        ranked = self.scores(text, claim_text)
        if not ranked or ranked[0][0] < self.min_score:
            best = ranked[0][0] if ranked else 0.0
            return ClaimType(OTHER.code, OTHER.label_fa, round(1.0 - best / (best + self.min_score), 3) if best else 0.5), ranked
        best, spec = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        confidence = best / (best + second + 1.0)
        return ClaimType(spec.code, spec.label_fa, confidence), ranked


def spec_of(code: str) -> ClaimTypeSpec:
    return CLAIM_TYPE_BY_CODE[code]
