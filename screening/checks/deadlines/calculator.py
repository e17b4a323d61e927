"""The last day to act on a served ruling or notice (DOMAIN.md §6, CPC 443–447).

t0 = the service date (for e-service, the day it was posted in ثنا). The period is N days (a month
counts 30 days, CPC 443). The day of service and the day of acting are not counted (CPC 445), and the
common reading of that is: filing on t0+N+1 is still in time. That day, if the courts are closed,
moves to the next open day (CPC 444). Holidays inside the period change nothing.

The strict reading (last day t0+N) is computed too, so the output can say when the two differ.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import Any

import jdatetime

from screening.checks.deadlines.calendar import CourtCalendar, default_calendar
from screening.knowledge.deadlines import DeadlineRule, rule_for
from screening.text.digits import to_fa_digits
from screening.text.jalali import JalaliDate, as_jalali, format_jalali, format_jalali_fa

OPEN, LAST_DAY, EXPIRED = "open", "last_day", "expired"
STATUS_FA = {OPEN: "در مهلت", LAST_DAY: "امروز آخرین روز مهلت", EXPIRED: "مهلت گذشته"}

DateLike = JalaliDate | jdatetime.date | _dt.date | str


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    served: JalaliDate
    abroad: bool
    period_days: int
    period_end: JalaliDate  # t0+N: the last day counted in the period
    last_day: JalaliDate  # common reading (t0+N+1), moved past closed days
    strict_last_day: JalaliDate  # strict reading (t0+N), moved past closed days
    skipped: tuple[tuple[JalaliDate, str], ...]  # closed days the common-reading last day moved over
    today: JalaliDate
    notes_fa: tuple[str, ...] = ()
    several_parties: bool = False  # CPC 447: this is the longest of several parties' periods, and runs for all

    # --- derived -------------------------------------------------------------------------------
    @property
    def days_left(self) -> int:
        """Days from today to the last day: 0 on the last day, negative once it has passed."""
        return self.today.days_until(self.last_day)

    @property
    def status(self) -> str:
        left = self.days_left
        return EXPIRED if left < 0 else LAST_DAY if left == 0 else OPEN

    @property
    def rolled_from(self) -> JalaliDate | None:
        return self.skipped[0][0] if self.skipped else None

    @property
    def rolled_reason_fa(self) -> str | None:
        if not self.skipped:
            return None
        days = "؛ ".join(f"{format_jalali_fa(d, weekday=True)}: {why}" for d, why in self.skipped)
        return f"روز پایانی مهلت تعطیل بود و به نخستین روز کاری بعد منتقل شد ({days})."

    @property
    def readings_differ(self) -> bool:
        return self.strict_last_day != self.last_day

    @property
    def interpretation_matters_today(self) -> bool:
        """Today is the strict reading's last day or after it, yet within the common reading."""
        return self.readings_differ and self.strict_last_day <= self.today <= self.last_day

    @property
    def interpretation_note_fa(self) -> str | None:
        if not self.readings_differ:
            return None
        note = (
            f"ماده ۴۴۵: روز ابلاغ و روز اقدام جزو مهلت شمرده نمی‌شود. به برداشت رایج، اقدام در "
            f"{format_jalali_fa(self.last_day, weekday=True)} هنوز در مهلت است؛ به برداشت سخت‌گیرانه، "
            f"آخرین روز {format_jalali_fa(self.strict_last_day, weekday=True)} است."
        )
        if self.today == self.strict_last_day:
            note += " امروز به برداشت سخت‌گیرانه آخرین روز است؛ همین امروز اقدام شود."
        elif self.interpretation_matters_today:
            note += " امروز فقط به برداشت رایج در مهلت است؛ اقدام را به تأخیر نیندازید."
        return note

    @property
    def basis(self) -> str:
        """The period's articles: its own, the counting rules, CPC 446 abroad, CPC 447 for several parties."""
        return self.rule.period_basis(abroad=self.abroad, several=self.several_parties)

    @property
    def late_basis(self) -> str:
        return self.rule.late_basis

    def headline_fa(self) -> str:
        """One Persian sentence: the action, its last day and where today stands."""
        action = f"مهلت {self.rule.label_fa}"
        last = format_jalali_fa(self.last_day, weekday=True)
        if self.status == EXPIRED:
            return f"{action} در {last} به پایان رسیده است ({to_fa_digits(-self.days_left)} روز پیش)."
        if self.status == LAST_DAY:
            return f"امروز {last} آخرین روز {action} است."
        return f"آخرین روز {action} {last} است ({to_fa_digits(self.days_left)} روز مانده)."

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.rule.code,
            "kind_fa": self.rule.label_fa,
            "served": format_jalali(self.served),
            "abroad": self.abroad,
            "period_days": self.period_days,
            "period_end": format_jalali(self.period_end),
            "last_day": format_jalali(self.last_day),
            "last_day_weekday_fa": self.last_day.weekday_fa,
            "last_day_gregorian": self.last_day.to_gregorian().isoformat(),
            "today": format_jalali(self.today),
            "days_left": self.days_left,
            "status": self.status,
            "rolled_from": format_jalali(self.rolled_from) if self.rolled_from else None,
            "rolled_reason_fa": self.rolled_reason_fa,
            "strict_last_day": format_jalali(self.strict_last_day),
            "interpretation_matters_today": self.interpretation_matters_today,
            "interpretation_note_fa": self.interpretation_note_fa,
            "counts_from_fa": self.rule.counts_from_fa,
            "notes_fa": list(self.notes_fa),
            "basis": self.basis,
            "source": self.rule.source,
            "several_parties": self.several_parties,
            "late_basis": self.late_basis,
        }


def compute_deadline(
    kind: str | DeadlineRule,
    served: DateLike,
    abroad: bool = False,
    today: DateLike | None = None,
    calendar: CourtCalendar | None = None,
) -> Deadline:
    """The deadline to act on something served on `served` (a Jalali string/date or a Gregorian date).

    kind: a code of `screening.knowledge.deadlines` (`appeal`) or a Persian name (`تجدیدنظر`).
    Raises `InvalidJalaliDate` / `UnknownDeadlineKind` (both carry `message_fa`).
    """
    rule = rule_for(kind)
    calendar = calendar or default_calendar()
    t0 = as_jalali(served)
    today_j = as_jalali(today) if today is not None else JalaliDate.today()
    notes: list[str] = []

    n = rule.days_abroad if abroad else rule.days_iran  # CPC 446 for a resident abroad

    period_end = t0.plus_days(n)
    last_day, skipped = calendar.next_open_day(period_end.plus_days(1))
    strict_last_day, _ = calendar.next_open_day(period_end)

    if t0 > today_j:
        notes.append("تاریخ ابلاغ پس از امروز است؛ تاریخ ابلاغ را بررسی کنید.")
    if any("تخمینی" in why for _, why in skipped):
        notes.append("تاریخ برخی تعطیلات مذهبی تخمینی است (وابسته به رؤیت ماه)؛ با تقویم رسمی تطبیق دهید.")
    for c in calendar.closures_on(last_day, applying=False):
        notes.append(
            f"{format_jalali_fa(last_day, weekday=True)} برای {c.scope_fa} تعطیل اعلام شده است ({c.reason_fa})؛ "
            f"اگر دفتر در این حوزه است، آخرین روز روز کاری بعد از آن است (office_region را در پرونده تعطیلی‌ها تنظیم کنید)."
        )
    if rule.note_fa:
        notes.append(rule.note_fa)

    return Deadline(
        rule=rule,
        served=t0,
        abroad=abroad,
        period_days=n,
        period_end=period_end,
        last_day=last_day,
        strict_last_day=strict_last_day,
        skipped=tuple(skipped),
        today=today_j,
        notes_fa=tuple(notes),
    )


def compute_joint_deadline(
    kind: str | DeadlineRule,
    services: list[tuple[DateLike, bool]],
    today: DateLike | None = None,
    calendar: CourtCalendar | None = None,
    several_parties: bool = False,
) -> Deadline:
    """The deadline for several parties on one side (CPC 447): the longest of their periods runs for all.

    services: (service date, resident abroad) for each party served. `several_parties` marks one
    service to several parties (one of them abroad gives all of them the two months).
    """
    if not services:
        raise ValueError("no service date")
    distinct = list(dict.fromkeys((as_jalali(d), bool(a)) for d, a in services))
    if several_parties and any(a for _, a in distinct):
        distinct = [(d, True) for d, _ in distinct]
    each = [compute_deadline(kind, d, abroad=a, today=today, calendar=calendar) for d, a in distinct]
    longest = max(each, key=lambda x: x.last_day.to_gregorian())
    if len(each) == 1 and not several_parties:
        return longest
    dates = "، ".join(format_jalali_fa(x.served) for x in each)
    note = (f"ماده ۴۴۷: مهلت برای همه طرف‌های یک سو تا پایان طولانی‌ترین مهلت ادامه دارد"
            f"{f' (ابلاغ‌ها: {dates})' if len(each) > 1 else ' (یکی از آنان مقیم خارج از کشور است)'}.")
    return replace(longest, several_parties=True, notes_fa=(*longest.notes_fa, note))
