"""The «آرای مشابه» panel in display form: outcome badges, grounds and the share line in Persian."""
from __future__ import annotations

from dataclasses import dataclass

from screening.knowledge.ruling_outcomes import grounds_fa, outcome_label_fa
from screening.report import Report
from screening.similar.describe import rate_line, share_line
from screening.text.digits import fa_percent, fa_text


@dataclass(frozen=True)
class SimilarRow:
    id: str
    outcome: str
    outcome_fa: str
    fruitless: bool
    ground_fa: str | None
    claim: str
    court: str | None
    date: str | None
    similarity: str  # «۴۱٪»
    link: str | None  # only http(s): a link from an archive file must not run script in the page


@dataclass(frozen=True)
class SimilarView:
    rows: list[SimilarRow]
    share: str | None
    rate: str | None


def _safe_link(link: str | None) -> str | None:
    return link if link and link.lower().startswith(("https://", "http://")) else None


def similar_view(report: Report) -> SimilarView:
    rulings = report.similar_rulings or []
    rows = [
        SimilarRow(
            id=s.id, outcome=s.outcome, outcome_fa=outcome_label_fa(s.outcome), fruitless=s.fruitless,
            ground_fa=grounds_fa(s.ground), claim=fa_text(s.claim), court=s.court,
            date=fa_text(s.date) if s.date else None, similarity=fa_percent(s.similarity), link=_safe_link(s.link),
        )
        for s in rulings
    ]
    return SimilarView(rows=rows, share=share_line(rulings), rate=rate_line(report.neighbour_fruitless_rate))
