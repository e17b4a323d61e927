"""`screening check FILE|-`: screen one petition and print the report."""
from __future__ import annotations

import argparse
import json
import sys

from screening.cli.options import add_index_option, add_model_option, add_today_option
from screening.document import UnusableInput, validate_input
from screening.model.files import ModelLoadError
from screening.pipeline import IndexLoadError, default_screener
from screening.render import render_text

EXIT_UNUSABLE = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="screen one petition (غربالگری یک دادخواست)")
    p.add_argument("file", help="petition text file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the report as JSON (schema petition-screening/report/v1)")
    add_model_option(p)
    add_index_option(p)
    add_today_option(p)
    p.set_defaults(func=run)


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def run(args: argparse.Namespace) -> int:
    try:
        raw = read_input(args.file)
    except OSError:
        print(f"پرونده «{args.file}» خوانده نشد؛ نشانی پرونده را بررسی کنید.", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        text = validate_input(_decode(raw))
        report = default_screener(args.model, args.index).screen(text, today=args.today)
    except UnusableInput as exc:
        print(exc.message_fa, file=sys.stderr)
        return EXIT_UNUSABLE
    except (ModelLoadError, IndexLoadError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(report))
    return 0


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise UnusableInput("not_text", "ورودی متن نیست (پرونده دودویی است)؛ متن دادخواست را به صورت متن ساده بدهید.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput("not_text", "متن با کدگذاری UTF-8 خوانده نشد؛ پرونده را با کدگذاری UTF-8 ذخیره کنید.")
