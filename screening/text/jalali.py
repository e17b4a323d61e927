"""Jalali (Solar Hijri) dates: reading them as petitions write them, and showing them to people.

Formats met in petitions (DOMAIN.md §9): `1402/06/22`, `۱۴۰۲/۶/۲۲`, `١٤٠٢-٦-٢٢`, day-first `11/2/1384`,
two-digit years `85/3/23`; separators `/`, `-`, `.`. Calendar arithmetic is `jdatetime`'s.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import jdatetime

from screening.text.digits import to_ascii_digits, to_fa_digits

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits → ASCII, one character for one: offsets survive.

MONTH_NAMES_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
# jdatetime numbers weekdays from Saturday (0) to Friday (6).
WEEKDAY_NAMES_FA = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
SATURDAY, FRIDAY = 0, 6

# A year written with four digits above this is taken for a Gregorian year given by mistake.
_MAX_JALALI_YEAR = 1500
_MIN_JALALI_YEAR = 1200


class InvalidJalaliDate(ValueError):
    """A date that cannot be read or does not exist. `message_fa` is for people."""

    def __init__(self, text: str, message_fa: str):
        super().__init__(f"invalid Jalali date: {text!r}")
        self.text = text
        self.message_fa = message_fa


@dataclass(frozen=True, order=True)
class JalaliDate:
    """A valid Jalali date. Compares and hashes by (year, month, day) only.

    two_digit_year: the year was written with two digits (callers WARN: the century was guessed).
    day_first: it was written day-first (`11/2/1384`).
    """

    year: int
    month: int
    day: int
    two_digit_year: bool = field(default=False, compare=False)
    day_first: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        _validate(self.year, self.month, self.day, f"{self.year}/{self.month}/{self.day}")

    # --- conversions ---------------------------------------------------------------------------
    def to_jdate(self) -> jdatetime.date:
        return jdatetime.date(self.year, self.month, self.day)

    def to_gregorian(self) -> _dt.date:
        return self.to_jdate().togregorian()

    @classmethod
    def from_jdate(cls, d: jdatetime.date) -> JalaliDate:
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_gregorian(cls, d: _dt.date) -> JalaliDate:
        return cls.from_jdate(jdatetime.date.fromgregorian(date=d))

    @classmethod
    def today(cls) -> JalaliDate:
        return cls.from_gregorian(_dt.date.today())

    # --- arithmetic ----------------------------------------------------------------------------
    def plus_days(self, n: int) -> JalaliDate:
        return JalaliDate.from_jdate(self.to_jdate() + _dt.timedelta(days=n))

    def days_until(self, other: JalaliDate) -> int:
        """Whole days from self to other (negative when other is earlier)."""
        return (other.to_gregorian() - self.to_gregorian()).days

    @property
    def weekday(self) -> int:
        """0 = Saturday … 6 = Friday."""
        return self.to_jdate().weekday()

    @property
    def weekday_fa(self) -> str:
        return WEEKDAY_NAMES_FA[self.weekday]

    @property
    def is_leap_year(self) -> bool:
        return jdatetime.date(self.year, 1, 1).isleap()

    def __str__(self) -> str:
        return format_jalali(self)


def is_leap(year: int) -> bool:
    return jdatetime.date(year, 1, 1).isleap()


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def _validate(year: int, month: int, day: int, text: str) -> None:
    if not _MIN_JALALI_YEAR <= year <= _MAX_JALALI_YEAR:
        if year > 1900:
            msg = f"سال {to_fa_digits(year)} در تاریخ «{text}» میلادی به نظر می‌رسد؛ تاریخ را به شمسی بنویسید."
        else:
            msg = f"سال {to_fa_digits(year)} در تاریخ «{text}» پذیرفتنی نیست."
        raise InvalidJalaliDate(text, msg)
    if not 1 <= month <= 12:
        raise InvalidJalaliDate(
            text, f"تاریخ «{text}» نادرست است: ماه {to_fa_digits(month)} وجود ندارد (ماه باید از ۱ تا ۱۲ باشد)."
        )
    length = month_length(year, month)
    if not 1 <= day <= length:
        if month == 12 and day == 30:
            msg = (f"تاریخ «{text}» نادرست است: سال {to_fa_digits(year)} کبیسه نیست و اسفند آن "
                   f"{to_fa_digits(29)} روز دارد.")
        else:
            msg = (f"تاریخ «{text}» نادرست است: {MONTH_NAMES_FA[month - 1]} سال {to_fa_digits(year)} "
                   f"{to_fa_digits(length)} روز دارد و روز {to_fa_digits(day)} ندارد.")
        raise InvalidJalaliDate(text, msg)


_DATE_SHAPE = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})\s*$")


def _current_jalali_year() -> int:
    return jdatetime.date.today().year


def parse_jalali_date(s: str, *, reference_year: int | None = None) -> JalaliDate:
    """Read one Jalali date written as people write them.

    The part with four digits (≥ 1300 in practice) is the year; when it comes last the date is
    day-first. A two-digit year gets the century that puts it no later than a year after
    `reference_year` (default: this Jalali year), and the result is flagged `two_digit_year`.
    Raises `InvalidJalaliDate` (with `message_fa`) for anything that is not a real date.
    """
    if not isinstance(s, str):
        raise InvalidJalaliDate(repr(s), "تاریخ باید به صورت متن مانند ۱۴۰۴/۰۱/۱۵ نوشته شود.")
    text = s.strip()
    m = _DATE_SHAPE.match(to_ascii_digits(text))
    if not m:
        raise InvalidJalaliDate(
            text, f"«{text}» تاریخ خوانایی نیست؛ تاریخ را به صورت سال/ماه/روز بنویسید، مانند ۱۴۰۴/۰۱/۱۵."
        )
    a, b, c = m.group(1), m.group(2), m.group(3)
    day_first = two_digit = False
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        year, month, day, day_first = int(c), int(b), int(a), True
    elif len(a) == 3 or len(c) == 3:
        raise InvalidJalaliDate(text, f"سال در تاریخ «{text}» کامل نیست؛ سال را چهاررقمی بنویسید.")
    else:
        # Two-digit year: written first (85/3/23) unless only the last part can be a year.
        if int(a) > 31 or int(c) <= 31:
            yy, month, day = int(a), int(b), int(c)
        else:
            yy, month, day, day_first = int(c), int(b), int(a), True
        ref = reference_year or _current_jalali_year()
        year = (ref // 100) * 100 + yy
        if year > ref + 1:
            year -= 100
        two_digit = True
    _validate(year, month, day, text)
    return JalaliDate(year, month, day, two_digit_year=two_digit, day_first=day_first)


# In ASCII-digit text: three numeric parts with a separator; the middle part is a month (1–2 digits)
# so amounts such as 3/000/000 never match. The look-behind (no digit or separator before the
# first digit) stands after the first digit, so that the pattern opens with \d and the regex engine
# skips the letters in C (2.5 × faster; the same matches).
_FIND_RE = re.compile(r"(\d(?<![\d/\-.]\d)\d{0,3})([/\-.])(\d{1,2})\2(\d{1,4})(?![\d/\-]|\.\d)")


def find_jalali_dates(text: str) -> list[tuple[int, int, JalaliDate]]:
    """Every valid Jalali date in ASCII-digit text, as (start, end, date); impossible ones are skipped."""
    out: list[tuple[int, int, JalaliDate]] = []
    for m in _FIND_RE.finditer(text):
        a, c = m.group(1), m.group(4)
        if not (len(a) == 4 or len(c) == 4 or (len(a) == 2 and len(c) <= 2)):
            continue  # 1/2/3 and the like: not a date shape
        try:
            out.append((m.start(), m.end(), parse_jalali_date(m.group())))
        except InvalidJalaliDate:
            continue
    return out


def as_jalali(value: JalaliDate | jdatetime.date | _dt.date | str) -> JalaliDate:
    """A JalaliDate from whatever a caller holds: a Jalali string, a jdatetime date or a Gregorian date."""
    if isinstance(value, JalaliDate):
        return value
    if isinstance(value, jdatetime.date):
        return JalaliDate.from_jdate(value)
    if isinstance(value, _dt.datetime):
        return JalaliDate.from_gregorian(value.date())
    if isinstance(value, _dt.date):
        return JalaliDate.from_gregorian(value)
    return parse_jalali_date(value)


def format_jalali(d: JalaliDate) -> str:
    """`1404/02/06`."""
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def format_jalali_fa(d: JalaliDate, weekday: bool = False) -> str:
    """`۱۴۰۴/۰۲/۰۶`, or `شنبه ۱۴۰۴/۰۲/۰۶` with the weekday."""
    s = to_fa_digits(format_jalali(d))
    return f"{d.weekday_fa} {s}" if weekday else s


def format_jalali_long_fa(d: JalaliDate) -> str:
    """`شنبه ۶ اردیبهشت ۱۴۰۴`."""
    return f"{d.weekday_fa} {to_fa_digits(d.day)} {MONTH_NAMES_FA[d.month - 1]} {to_fa_digits(d.year)}"
