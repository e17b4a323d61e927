"""`screening deadline --kind appeal --served 1404/01/15 [--served DATE …] [--abroad] [--today DATE] [--json]`.

Prints the last day to act and where today stands. Exit codes: 0 computed (whatever the status),
2 unusable input (an impossible date, an unknown kind, a broken closures file), with one Persian line.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from typing import Any

from screening.checks.deadlines.calculator import STATUS_FA, compute_joint_deadline
from screening.checks.deadlines.calendar import CalendarDataError, CourtCalendar, default_calendar
from screening.knowledge.deadlines import DEADLINE_RULES, UnknownDeadlineKind
from screening.cli.options import add_today_option
from screening.text.digits import to_fa_digits
from screening.text.jalali import InvalidJalaliDate, format_jalali_fa

EXIT_OK = 0
EXIT_UNUSABLE = 2


def register(subparsers: Any) -> None:
    kinds = "، ".join(f"{r.code} ({r.label_fa})" for r in DEADLINE_RULES)
    p = subparsers.add_parser(
        "deadline",
        help="محاسبهٔ آخرین روز مهلت واخواهی، تجدیدنظر، فرجام، اعاده دادرسی، رفع نقص و اعتراض به قرار رد دادخواست",
        description="آخرین روز اقدام از تاریخ ابلاغ، با جمعه‌ها، تعطیلات رسمی و تعطیلی‌های دادگستری (مواد ۴۴۳ تا ۴۴۵ ق.آ.د.م).",
    )
    p.add_argument("--kind", required=True, metavar="KIND", help=f"نوع مهلت: {kinds}")
    p.add_argument("--served", required=True, action="append", metavar="DATE",
                   help="تاریخ ابلاغ (شمسی)، مانند 1404/01/15 یا ۱۴۰۴/۱/۱۵؛ برای چند طرف تکرار شود (ماده ۴۴۷: طولانی‌ترین مهلت برای همه)")
    p.add_argument("--abroad", action="store_true", help="اقدام‌کننده مقیم خارج از کشور است (مهلت دو ماه)")
    add_today_option(p)
    p.add_argument("--json", action="store_true", help="خروجی JSON")
    p.add_argument("--closures", metavar="FILE", help="پرونده تعطیلی‌های دادگستری (پیش‌فرض: پرونده همراه برنامه)")
    p.add_argument("--region", metavar="CODE", help="حوزه دفتر برای تعطیلی‌های محلی، مانند tehran")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.closures or args.region:
            calendar = CourtCalendar.from_file(args.closures, region=args.region)
        else:
            calendar = default_calendar()
        deadline = compute_joint_deadline(
            args.kind, [(served, args.abroad) for served in args.served], today=args.today, calendar=calendar
        )
    except (InvalidJalaliDate, UnknownDeadlineKind, CalendarDataError) as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_UNUSABLE

    if args.json:
        print(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(render_fa(deadline)))
    return EXIT_OK


def render_fa(deadline) -> list[str]:
    """The deadline as lines of Persian for a person at a counter."""

    d = deadline
    period = f"{to_fa_digits(d.period_days)} روز" + (" (مقیم خارج از کشور)" if d.abroad else "")
    lines = [
        d.headline_fa(),
        f"اقدام: {d.rule.label_fa} — مهلت {period} از {d.rule.counts_from_fa}",
        f"تاریخ ابلاغ: {format_jalali_fa(d.served, weekday=True)}",
        f"پایان {to_fa_digits(d.period_days)} روز: {format_jalali_fa(d.period_end, weekday=True)}",
        f"آخرین روز اقدام: {format_jalali_fa(d.last_day, weekday=True)} ({d.last_day.to_gregorian().isoformat()})",
    ]
    if d.rolled_reason_fa:
        lines.append(f"جابه‌جایی: {d.rolled_reason_fa}")
    left = (
        f"{to_fa_digits(d.days_left)} روز مانده" if d.days_left > 0
        else "امروز" if d.days_left == 0 else f"{to_fa_digits(-d.days_left)} روز گذشته"
    )
    lines.append(f"امروز: {format_jalali_fa(d.today, weekday=True)} — وضعیت: {STATUS_FA[d.status]} ({left})")
    if d.interpretation_note_fa:
        lines.append(f"دو برداشت: {d.interpretation_note_fa}")
    lines.extend(f"نکته: {n}" for n in d.notes_fa)
    lines.append(f"مبنا: {d.basis}")
    return lines
