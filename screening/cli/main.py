"""Entry point of the `screening` console script."""
from __future__ import annotations

import argparse
import importlib
import sys

# Each name is a module in screening.cli with `register(subparsers)`; the order is the help order.
COMMANDS = ("check", "deadline", "train", "score", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screening",
        description="غربالگری دادخواست‌های حقوقی پیش از ثبت (petition screening before filing)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"screening.cli.{name}")
        except ModuleNotFoundError as exc:  # a command still being built in this checkout
            if exc.name == f"screening.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
