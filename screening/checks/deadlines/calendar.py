"""Which days a court is closed: weekly rest days, Iran's official holidays and ad-hoc closures.

All three are data (DOMAIN.md §6.6): official holidays come from the maintained `holidays` package
(Iran calendar, Gregorian dates converted to Jalali); weekly rest days and ad-hoc closures come from
`screening/data/court_closures.json`, which an office edits. Tests inject their own.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import holidays as _holidays

from screening.text.jalali import JalaliDate, as_jalali

DEFAULT_CLOSURES_FILE = Path(__file__).resolve().parents[2] / "data" / "court_closures.json"
NATIONAL = "national"

WEEKDAY_CODES = {"saturday": 0, "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6}
MAX_ROLL_DAYS = 60  # a run of closed days longer than this means the calendar data is wrong


class CalendarDataError(ValueError):
    def __init__(self, message_fa: str):
        super().__init__(message_fa)
        self.message_fa = message_fa


@dataclass(frozen=True)
class Closure:
    """A day the courts of `scope` did not sit (an office-maintained record)."""

    date: JalaliDate
    scope: str = NATIONAL  # "national" or a region code such as "tehran"
    scope_fa: str = "سراسر کشور"
    reason_fa: str = "تعطیلی دادگستری"
    source: str = ""

    @classmethod
    def from_dict(cls, d: Mapping) -> Closure:
        return cls(
            date=as_jalali(d["date"]),
            scope=str(d.get("scope") or NATIONAL),
            scope_fa=str(d.get("scope_fa") or "سراسر کشور"),
            reason_fa=str(d.get("reason_fa") or "تعطیلی دادگستری"),
            source=str(d.get("source") or ""),
        )


class OfficialHolidays:
    """Iran's official holidays from the `holidays` package, looked up by Jalali date."""

    def __init__(self, language: str = "fa_IR"):
        self._calendar = _holidays.country_holidays("IR", language=language)

    def name(self, d: JalaliDate) -> str | None:
        return self._calendar.get(d.to_gregorian())


class CourtCalendar:
    """Answers «is the court open on this Jalali day, and if not why».

    weekend_days: jdatetime weekday numbers (0 = Saturday … 6 = Friday) the courts rest on.
    official_holidays: None → Iran's calendar from the `holidays` package; otherwise a mapping
        {date: name} or an iterable of dates that replaces it (tests, or an office's own list).
    closures: ad-hoc closures (Closure objects or dicts as in court_closures.json).
    region: the office's region code; closures scoped to another region do not apply.
    """

    def __init__(
        self,
        weekend_days: Iterable[int] = (6,),
        official_holidays: Mapping | Iterable | None = None,
        closures: Iterable[Closure | Mapping] = (),
        region: str | None = None,
    ):
        self.weekend_days = frozenset(weekend_days)
        if official_holidays is None:
            self._official: OfficialHolidays | dict[JalaliDate, str] = _package_holidays()
        elif isinstance(official_holidays, Mapping):
            self._official = {as_jalali(k): str(v) for k, v in official_holidays.items()}
        else:
            self._official = {as_jalali(k): "تعطیل رسمی" for k in official_holidays}
        self.closures = tuple(c if isinstance(c, Closure) else Closure.from_dict(c) for c in closures)
        self.region = region

    @classmethod
    def from_file(cls, path: str | Path | None = None, **overrides) -> CourtCalendar:
        """The calendar an office configured in its closures file (default: the shipped one)."""
        data = load_closures_file(path or DEFAULT_CLOSURES_FILE)
        kwargs = dict(data)
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kwargs)

    # --- questions -----------------------------------------------------------------------------
    def official_holiday(self, d: JalaliDate) -> str | None:
        if isinstance(self._official, OfficialHolidays):
            return self._official.name(d)
        return self._official.get(d)

    def closures_on(self, d: JalaliDate, *, applying: bool = True) -> list[Closure]:
        """Closures on `d` that apply to this office (or, with applying=False, those that do not)."""
        return [c for c in self.closures if c.date == d and self._applies(c) == applying]

    def _applies(self, c: Closure) -> bool:
        return c.scope == NATIONAL or (self.region is not None and c.scope == self.region)

    def closed_reasons_fa(self, d: JalaliDate) -> list[str]:
        """Why the courts are closed on `d`; empty when they sit."""
        reasons = []
        if d.weekday in self.weekend_days:
            reasons.append("تعطیل هفتگی")
        if name := self.official_holiday(d):
            reasons.append(f"تعطیل رسمی: {name}")
        reasons.extend(f"{c.reason_fa} ({c.scope_fa})" for c in self.closures_on(d))
        return reasons

    def is_open(self, d: JalaliDate) -> bool:
        return not self.closed_reasons_fa(d)

    def next_open_day(self, d: JalaliDate) -> tuple[JalaliDate, list[tuple[JalaliDate, str]]]:
        """`d` if the courts sit then, else the first later day they do, with the days skipped and why."""
        skipped: list[tuple[JalaliDate, str]] = []
        day = d
        for _ in range(MAX_ROLL_DAYS):
            reasons = self.closed_reasons_fa(day)
            if not reasons:
                return day, skipped
            skipped.append((day, "، ".join(reasons)))
            day = day.plus_days(1)
        raise CalendarDataError(
            f"از {day} به مدت {MAX_ROLL_DAYS} روز هیچ روز کاری یافت نشد؛ داده‌های تعطیلی را بررسی کنید."
        )


@lru_cache(maxsize=1)
def _package_holidays() -> OfficialHolidays:
    return OfficialHolidays()


def load_closures_file(path: str | Path) -> dict:
    """Read an office's closures file into CourtCalendar keyword arguments (typed Persian error if malformed)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalendarDataError(f"پرونده تعطیلی‌ها یافت نشد: {path}")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarDataError(f"پرونده تعطیلی‌ها ({path}) خوانا نیست: {exc}")
    if not isinstance(raw, dict):
        raise CalendarDataError(f"پرونده تعطیلی‌ها ({path}) باید یک شیء JSON باشد.")
    try:
        weekend = tuple(WEEKDAY_CODES[str(w).lower()] for w in raw.get("weekend_days", ["friday"]))
    except KeyError as exc:
        raise CalendarDataError(f"روز هفته ناشناخته در weekend_days پرونده تعطیلی‌ها: {exc.args[0]}")
    closures = []
    for i, item in enumerate(raw.get("closures", [])):
        try:
            closures.append(Closure.from_dict(item))
        except (KeyError, TypeError, ValueError) as exc:
            detail = getattr(exc, "message_fa", None) or "تاریخ (date) ندارد یا نادرست است"
            raise CalendarDataError(f"تعطیلی شماره {i + 1} در پرونده تعطیلی‌ها نادرست است: {detail}")
    return {"weekend_days": weekend, "closures": tuple(closures), "region": raw.get("office_region")}


@lru_cache(maxsize=1)
def default_calendar() -> CourtCalendar:
    """The shipped configuration: Fridays, Iran's official holidays, the shipped closures file."""
    return CourtCalendar.from_file()
