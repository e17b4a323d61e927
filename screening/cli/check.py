"""`screening check FILE|-`: screen one petition and print the report."""
from __future__ import annotations

import argparse
import json
import sys

EXIT_UNUSABLE = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="screen one petition (غربالگری یک دادخواست)")
    p.add_argument("file", help="petition text file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the report as JSON (schema petition-screening/report/v1)")
    p.add_argument("--model", default="default", help="model directory; 'default' = shipped model; 'none' = no scoring")
    p.add_argument("--today", help="Jalali date to count deadlines from (default: today)")
    p.set_defaults(func=run)


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def run(args: argparse.Namespace) -> int:
    from screening.pipeline import Screener, UnusableInput, validate_input

    try:
        raw = read_input(args.file)
    except OSError:
        print(f"پرونده «{args.file}» خوانده نشد؛ نشانی پرونده را بررسی کنید.", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = validate_input(_decode(raw))
        today = _parse_today(args.today)
        model = None if args.model.lower() == "none" else args.model
        report = Screener(model_dir=model).screen(text, today=today)
    except UnusableInput as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_UNUSABLE
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from screening.render import render_text

        sys.stdout.write(render_text(report))
    return 0


def _decode(raw: bytes) -> str:
    from screening.pipeline import UnusableInput

    if b"\x00" in raw:
        raise UnusableInput("not_text", "ورودی متن نیست (پرونده دودویی است)؛ متن دادخواست را به صورت متن ساده بدهید.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput("not_text", "متن با کدگذاری UTF-8 خوانده نشد؛ پرونده را با کدگذاری UTF-8 ذخیره کنید.")


def _parse_today(value: str | None):
    if not value:
        return None
    from screening.jalali import InvalidJalaliDate, parse_jalali_date
    from screening.pipeline import UnusableInput

    try:
        return parse_jalali_date(value).to_gregorian()
    except InvalidJalaliDate as exc:
        raise UnusableInput("bad_date", exc.message_fa)
