"""`screening records …`: the office records database — migrate, add staff, purge old text, export.

    screening records migrate   [--db URL] [--to REVISION]
    screening records add-user  NAME [--db URL] [--replace] [--password-stdin]
    screening records purge     [--db URL] [--retain-days N]
    screening records export    [--db URL] [--format csv|jsonl] [-o FILE] [--with-text]

--db takes a SQLAlchemy URL (postgresql://user@host/db) or a file path; the default is the SQLite
file in the user's data folder (the one `screening serve --record` uses).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from screening.cli.options import number_in_range
from screening.text.digits import to_fa_digits

# The records library (SQLAlchemy, Alembic, argon2) is imported by the commands that use it, not
# here: every `screening` command builds this parser, and `screening check` should not pay for it.
FORMATS = ("csv", "jsonl")

EXIT_OK = 0
EXIT_ERROR = 2



positive_days = number_in_range(int, 1, None, "تعداد روزها باید عدد صحیح مثبت باشد.")


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help="پایگاه داده سوابق: نشانی SQLAlchemy (postgresql://…) یا مسیر فایل SQLite "
                        "(پیش‌فرض: records.sqlite3 در پوشه داده‌های کاربر، زیر petition-screening)")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "records",
        help="سوابق دفتر: مهاجرت پایگاه داده، کاربران، پاک‌سازی و خروجی (office records)",
        description="مدیریت پایگاه داده سوابق غربالگری دفتر.",
    )
    sub = p.add_subparsers(dest="records_command", required=True)

    m = sub.add_parser("migrate", help="ساخت یا به‌روزرسانی جدول‌ها (run the migrations)")
    add_db_option(m)
    m.add_argument("--to", default="head", help="نسخه مقصد (head، base یا شماره نسخه)")
    m.set_defaults(func=run_migrate)

    u = sub.add_parser("add-user", help="افزودن کاربر برای داشبورد و ثبت نتیجه (add a staff user)")
    add_db_option(u)
    u.add_argument("username")
    u.add_argument("--replace", action="store_true", help="تغییر گذرواژه کاربر موجود")
    u.add_argument("--password-stdin", action="store_true", help="خواندن گذرواژه از ورودی استاندارد (برای اسکریپت‌ها)")
    u.set_defaults(func=run_add_user)

    g = sub.add_parser("purge", help="حذف متن دادخواست‌هایی که مهلت نگهداری آن‌ها گذشته است")
    add_db_option(g)
    g.add_argument("--retain-days", type=positive_days, default=None,
                   help="متن‌هایی را هم که بیش از این تعداد روز پیش غربال شده‌اند حذف کن")
    g.set_defaults(func=run_purge)

    e = sub.add_parser("export", help="خروجی سوابق به CSV یا JSONL")
    add_db_option(e)
    e.add_argument("--format", choices=FORMATS, default=None, help="قالب (پیش‌فرض: از پسوند فایل، وگرنه csv)")
    e.add_argument("-o", "--output", default="-", help="فایل خروجی (- یعنی خروجی استاندارد)")
    e.add_argument("--with-text", action="store_true", help="متن دادخواست‌های نگه‌داشته‌شده را هم بنویس")
    e.set_defaults(func=run_export)


def _store(url: str | None):
    """The store of an existing database; never creates a default file just to read from it."""
    from screening.records.db import normalise_url, sqlite_path
    from screening.records.store import RecordsError, RecordStore

    resolved = normalise_url(url)
    path = sqlite_path(resolved)
    if path is not None and not path.exists():
        raise RecordsError("no_database", f"پایگاه داده سوابق در {path} وجود ندارد؛ نخست `screening records migrate` "
                                          "یا `screening serve --record` را اجرا کنید.")
    return RecordStore.open(resolved, migrate_to_head=False)


def run_migrate(args: argparse.Namespace) -> int:
    from screening.records import migrate
    from screening.records.db import make_engine

    engine = make_engine(args.db)
    try:
        before = migrate.current(engine)
        if args.to == "base" or (before and args.to != "head" and args.to < before):
            migrate.downgrade(engine, args.to)
        else:
            migrate.upgrade(engine, args.to)
        print(f"پایگاه داده سوابق: نسخه {before or 'خالی'} ← {migrate.current(engine) or 'خالی'}")
    finally:
        engine.dispose()
    return EXIT_OK


def run_add_user(args: argparse.Namespace) -> int:
    from screening.records.auth import Accounts
    from screening.records.store import RecordsError, RecordStore

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("گذرواژه: ")
        if getpass.getpass("تکرار گذرواژه: ") != password:
            print("دو گذرواژه یکسان نیستند.", file=sys.stderr)
            return EXIT_ERROR
    try:
        store = RecordStore.open(args.db)  # a first user may come before the first screening
        Accounts(store.sessions).add_user(args.username, password, replace=args.replace)
    except RecordsError as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_ERROR
    print(f"کاربر {args.username} {'به‌روز شد' if args.replace else 'افزوده شد'}.")
    return EXIT_OK


def run_purge(args: argparse.Namespace) -> int:
    from screening.records.store import RecordsError

    try:
        store = _store(args.db)
    except RecordsError as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_ERROR
    n = store.purge(retain_days=args.retain_days)
    print(f"متن {to_fa_digits(n)} دادخواست حذف شد.")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from screening.records.export import write_records
    from screening.records.store import RecordsError

    fmt = args.format or ("jsonl" if str(args.output).endswith(".jsonl") else "csv")
    try:
        store = _store(args.db)
    except RecordsError as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_ERROR
    rows = store.export_rows(with_text=args.with_text)
    if args.output == "-":
        n = write_records(rows, sys.stdout, fmt, with_text=args.with_text)
    else:
        out = Path(args.output)
        partial = out.with_name(out.name + ".partial")
        with open(partial, "w", encoding="utf-8", newline="") as fh:
            n = write_records(rows, fh, fmt, with_text=args.with_text)
        partial.replace(out)  # a complete file or none
    print(f"{to_fa_digits(n)} سابقه نوشته شد.", file=sys.stderr)
    return EXIT_OK
