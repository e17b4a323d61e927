"""Bands of a petition's value in rials, cut where the law changes a petition's route or review.

Office records keep the band, not the amount: enough for a supervisor to compare like with like,
and one step further from the person. Each upper bound is a threshold with its article.
"""
from __future__ import annotations

from dataclasses import dataclass

from screening.knowledge.claim_types import PEACE_COURT_CAP_RIAL


@dataclass(frozen=True)
class ValueBand:
    code: str
    label_fa: str
    upper_rial: int | None  # inclusive upper bound; None = no bound
    basis: str


VALUE_BANDS: tuple[ValueBand, ...] = (
    ValueBand("upto_3m", "تا ۳ میلیون ریال", 3_000_000,
              "ماده ۳۳۱ قانون آیین دادرسی مدنی (حد تجدیدنظرخواهی در دادگاه عمومی)"),
    ValueBand("upto_20m", "تا ۲۰ میلیون ریال", 20_000_000,
              "ماده ۳۶۷ قانون آیین دادرسی مدنی (حد فرجام‌خواهی)"),
    ValueBand("upto_500m", "تا ۵۰۰ میلیون ریال", 500_000_000,
              "تبصره ۵ ماده ۱۲ قانون شوراهای حل اختلاف ۱۴۰۲ (قطعیت آرای دادگاه صلح)"),
    ValueBand("upto_peace_cap", "تا یک میلیارد ریال", PEACE_COURT_CAP_RIAL,
              "بند ۱ ماده ۱۲ قانون شوراهای حل اختلاف ۱۴۰۲ (سقف صلاحیت دادگاه صلح)"),
    ValueBand("above_peace_cap", "بیش از یک میلیارد ریال", None,
              "بند ۱ ماده ۱۲ قانون شوراهای حل اختلاف ۱۴۰۲"),
)
NO_VALUE = ValueBand("none", "بدون بها", None, "بند ۳ ماده ۵۱ قانون آیین دادرسی مدنی (خواسته غیرمالی یا بهای ناخوانا)")

VALUE_BAND_BY_CODE: dict[str, ValueBand] = {b.code: b for b in (*VALUE_BANDS, NO_VALUE)}


def value_band(value_rial: int | None) -> str:
    """The code of the band `value_rial` falls in; "none" when the petition names no value."""
    if value_rial is None:
        return NO_VALUE.code
    for b in VALUE_BANDS:
        if b.upper_rial is None or value_rial <= b.upper_rial:
            return b.code
    return VALUE_BANDS[-1].code  # pragma: no cover - the last band has no bound
