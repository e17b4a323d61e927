"""`screening serve [--host --port --workers]`: the web form and JSON API with the shipped model.

The access log is our own (web.middleware.AccessLogMiddleware): method, route pattern, status
and milliseconds. Uvicorn's own access log is off because it writes the raw path with its query
string, which could carry text a client put there.
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from typing import Any

EXIT_OK = 0
EXIT_UNUSABLE = 2


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("شماره درگاه (port) باید عدد باشد.") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError("شماره درگاه (port) باید بین ۱ و ۶۵۵۳۵ باشد.")
    return port


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("تعداد پردازه‌ها باید عدد صحیح مثبت باشد.") from None
    if n < 1:
        raise argparse.ArgumentTypeError("تعداد پردازه‌ها باید عدد صحیح مثبت باشد.")
    return n


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve",
        help="راه‌اندازی فرم وب و API (web form and JSON API)",
        description="فرم وب غربالگری دادخواست و API آن را با مدل همراه بسته راه‌اندازی می‌کند.",
    )
    p.add_argument("--host", default="127.0.0.1", help="نشانی شنود (پیش‌فرض 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="درگاه (پیش‌فرض 8000)")
    p.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="تعداد پردازه‌های سرور (پیش‌فرض ۱؛ هر پردازه hazm و مدل را جداگانه بار می‌کند)",
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def log_config(level: str) -> dict[str, Any]:
    """Uvicorn's startup/error logs plus our access and error loggers, one line each, to stderr."""
    fmt = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": fmt},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            # Off for good: it logs the raw request line, query string included.
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "screening.web": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
        },
    }


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - uvicorn is a dependency
        print("uvicorn نصب نیست؛ `make setup` را اجرا کنید.", file=sys.stderr)
        return EXIT_UNUSABLE

    # Worker processes must sign and check CSRF cookies with the same secret.
    os.environ.setdefault("SCREENING_CSRF_SECRET", secrets.token_urlsafe(32))
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"سامانه غربالگری دادخواست در این نشانی در دسترس است: http://{shown_host}:{args.port}/", flush=True)
    print("(بارگذاری مدل و واژه‌نامه چند ثانیه طول می‌کشد؛ برای توقف Ctrl+C را بزنید.)", flush=True)
    uvicorn.run(
        "web.app:create_served_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_config=log_config(args.log_level),
        server_header=False,
        http="web.protocol:NoDelayHttpToolsProtocol",
        loop="auto",  # uvloop when installed
    )
    return EXIT_OK
