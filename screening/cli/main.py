"""Entry point of the `screening` console script."""
from __future__ import annotations

import argparse
import importlib
import sys

# Each name is a module in screening.cli with `register(subparsers)`; the order is the help order.
COMMANDS = ("check", "deadline", "train", "index", "score", "serve", "records")
EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command line; the message is one line for people."""


class _Parser(argparse.ArgumentParser):
    # A bad option value is one line on stderr and exit 2, like every other unusable input,
    # not argparse's usage block (main() prints it).
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="screening",
        description="غربالگری دادخواست‌های حقوقی پیش از ثبت (petition screening before filing)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"screening.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
