"""The items Article 51 CPC requires in a petition (DOMAIN.md §1), with their Persian labels.

The codes are the stable `missing_fields` values of the report.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article51Field:
    code: str
    label_fa: str  # the item, as office staff call it
    basis: str
    missing_fa: str  # the item said missing, as a model reason reads it


ARTICLE_51_FIELDS: tuple[Article51Field, ...] = (
    Article51Field("plaintiff", "مشخصات خواهان", "بند ۱ ماده ۵۱ قانون آیین دادرسی مدنی", "خواهان مشخص نشده"),
    Article51Field("defendant", "مشخصات خوانده", "بند ۲ ماده ۵۱ قانون آیین دادرسی مدنی", "خوانده مشخص نشده"),
    Article51Field("claim", "تعیین خواسته", "بند ۳ ماده ۵۱ قانون آیین دادرسی مدنی", "خواسته روشن نیست"),
    Article51Field("claim_value", "بهای خواسته", "بند ۳ ماده ۵۱ قانون آیین دادرسی مدنی", "بهای خواسته تعیین نشده"),
    Article51Field("facts", "شرح تعهدات و جهات دعوا", "بند ۴ ماده ۵۱ قانون آیین دادرسی مدنی", "شرح دعوا و جهات آن نیامده"),
    Article51Field("request", "درخواست از دادگاه", "بند ۵ ماده ۵۱ قانون آیین دادرسی مدنی", "درخواست از دادگاه نیامده"),
    Article51Field("evidence", "دلایل و منضمات", "بند ۶ ماده ۵۱ قانون آیین دادرسی مدنی", "دلایل و منضمات فهرست نشده"),
    Article51Field("signature", "امضا یا اثر انگشت", "بند ۷ ماده ۵۱ قانون آیین دادرسی مدنی", "امضا ندارد"),
)

FIELD_BY_CODE: dict[str, Article51Field] = {f.code: f for f in ARTICLE_51_FIELDS}
