"""Options every command reads the same way: `--model`, `--index` and `--today`."""
from __future__ import annotations

import argparse
from collections.abc import Callable
import os
import datetime as _dt
import re

from screening.text.digits import to_ascii_digits
from screening.text.jalali import InvalidJalaliDate, parse_jalali_date

MODEL_HELP = "پوشه مدل؛ default = مدل همراه بسته، none = بدون امتیاز مدل (model directory, 'default' or 'none')"
TODAY_HELP = "امروز برای حساب مهلت‌ها: شمسی (1404/02/06) یا میلادی (2025-04-26)؛ پیش‌فرض امروز"

_GREGORIAN = re.compile(r"^\s*(1[89]\d\d|2\d\d\d)-\d{1,2}-\d{1,2}\s*$")


def parse_today(value: str) -> _dt.date:
    """A Jalali (1404/02/06) or Gregorian (2025-04-26) date, in any digits; a Persian message when it is neither."""
    ascii_value = to_ascii_digits(value)
    if _GREGORIAN.match(ascii_value):
        try:
            return _dt.date.fromisoformat("-".join(f"{int(x):02d}" for x in ascii_value.strip().split("-")))
        except ValueError:
            raise argparse.ArgumentTypeError(f"تاریخ میلادی «{value}» وجود ندارد.") from None
    try:
        return parse_jalali_date(value).to_gregorian()
    except InvalidJalaliDate as exc:
        raise argparse.ArgumentTypeError(exc.message_fa) from None


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default="default", metavar="DIR", help=MODEL_HELP)


INDEX_ENV = "SCREENING_INDEX"  # `make run` and `screening serve` workers read the index directory from it
INDEX_HELP = ("پوشه نمایه آرای مشابه (ساخته‌شده با screening index)؛ پیش‌فرض: متغیر محیطی SCREENING_INDEX، "
              "وگرنه بدون آرای مشابه (similar-rulings index directory; default $SCREENING_INDEX or none)")


def add_index_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", default=os.environ.get(INDEX_ENV) or None, metavar="DIR", help=INDEX_HELP)


def add_today_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", type=parse_today, metavar="DATE", help=TODAY_HELP)


def number_in_range(kind: type[int] | type[float], low: float, high: float | None, message_fa: str,
                    *, open_low: bool = False) -> Callable[[str], int | float]:
    """An argparse type: a number of `kind` from `low` (excluded when `open_low`) to `high` (excluded; None:
    no upper bound), else `message_fa` as the one-line error."""

    def parse(value: str) -> int | float:
        try:
            n = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(message_fa) from None
        if n < low or (open_low and n == low) or (high is not None and n >= high):
            raise argparse.ArgumentTypeError(message_fa)
        return n

    return parse


positive_int = number_in_range(int, 1, None, "یک عدد صحیح مثبت بدهید.")
