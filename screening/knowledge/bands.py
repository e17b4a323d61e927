"""Risk bands of the fruitless-claim score: their order, Persian labels, and the rule that picks one.

The thresholds are the model's own (its `metadata.json`); this table is the one place the bands'
names and labels live, for the CLI, the web page and the batch summary alike.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RiskBand:
    code: str  # as in the JSON report's `risk_band`
    label_fa: str  # short label beside a probability («زیاد ۸۱٪»)
    summary_fa: str  # label in a count of many petitions («پرخطر ۱۲»)


RISK_BANDS: tuple[RiskBand, ...] = (
    RiskBand("low", "کم", "کم‌خطر"),
    RiskBand("medium", "متوسط", "خطر متوسط"),
    RiskBand("high", "زیاد", "پرخطر"),
)
NO_SCORE = RiskBand("none", "بدون امتیاز", "بدون امتیاز مدل")  # screened without a model

BAND_BY_CODE: dict[str, RiskBand] = {b.code: b for b in (*RISK_BANDS, NO_SCORE)}
BAND_LABELS_FA: dict[str, str] = {b.code: b.label_fa for b in RISK_BANDS}


def band(p: float, thresholds: dict[str, float]) -> str:
    """The band of probability `p` under a model's `medium` and `high` thresholds."""
    if p >= thresholds["high"]:
        return "high"
    if p >= thresholds["medium"]:
        return "medium"
    return "low"
