"""`screening serve [--host --port --workers]`: the web form and JSON API with the shipped model.

The access log is our own (screening_web.middleware.AccessLogMiddleware): method, route pattern, status
and milliseconds. Uvicorn's own access log is off because it writes the raw path with its query
string, which could carry text a client put there.
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from typing import TYPE_CHECKING, Any

from screening.cli.options import INDEX_ENV, add_index_option, add_model_option, number_in_range
from screening.model.files import ModelLoadError
from screening.pipeline import IndexLoadError, resolve_index, resolve_model
from screening.cli.records import add_db_option, positive_days
from screening.records.policy import DEFAULT_RETAIN_DAYS
from screening.text.digits import to_fa_digits

if TYPE_CHECKING:
    from screening.records.service import RecordingSettings

EXIT_OK = 0
EXIT_UNUSABLE = 2
_port = number_in_range(int, 1, 65536, "شماره درگاه (port) باید عددی بین ۱ و ۶۵۵۳۵ باشد.")
_workers = number_in_range(int, 1, None, "تعداد پردازه‌ها باید عدد صحیح مثبت باشد.")




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
    p.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="نام میزبانی که سرور به آن پاسخ می‌دهد، افزون بر نشانی شنود (تکرارپذیر؛ مثلاً نام سرور در شبکه اداره)",
    )
    add_model_option(p)
    add_index_option(p)
    p.add_argument(
        "--office-name",
        help="نام دفتر برای سربرگ صفحه و برگه متقاضی (یا متغیر محیطی SCREENING_OFFICE_NAME)",
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    rec = p.add_argument_group("سوابق دفتر (office records)", "ثبت سوابق فقط با --record روشن می‌شود.")
    rec.add_argument("--record", action="store_true",
                     help="ثبت سابقه هر غربالگری (کدها، امتیاز و تصمیم کارشناس؛ بدون متن) در پایگاه داده")
    rec.add_argument("--keep-text", action="store_true",
                     help="متن دادخواست هم برای آموزش دوباره مدل نگه داشته شود (فقط با --record)")
    rec.add_argument("--retain-days", type=positive_days, default=DEFAULT_RETAIN_DAYS,
                     help=f"مدت نگهداری متن به روز (پیش‌فرض {DEFAULT_RETAIN_DAYS})")
    rec.add_argument("--office", default="office", help="شناسه دفتر که روی هر سابقه نوشته می‌شود")
    add_db_option(rec)
    p.set_defaults(func=run)


def start_recording(args: argparse.Namespace) -> "RecordingSettings | None":
    """Migrates the records database and purges expired text once, before any worker starts;
    returns the settings the workers get through the environment (None: recording off)."""
    from sqlalchemy.engine import make_url

    from screening.records.db import normalise_url
    from screening.records.service import Recording, RecordingSettings

    if not args.record:
        if args.keep_text or args.db:
            raise ValueError("--keep-text و --db فقط همراه --record معنا دارند.")
        return None
    settings = RecordingSettings(db_url=args.db, office_id=args.office, keep_text=args.keep_text,
                                 retain_days=args.retain_days)
    recording = Recording.open(settings)
    try:
        purged = recording.store.purge(retain_days=args.retain_days)
    finally:
        recording.close()
    where = make_url(normalise_url(args.db)).render_as_string(hide_password=True)  # never print a password
    kept = (f"متن دادخواست {to_fa_digits(args.retain_days)} روز نگه داشته می‌شود" if args.keep_text
            else "متن دادخواست نگه داشته نمی‌شود")
    print(f"ثبت سوابق روشن است ({where}؛ {kept}؛ متن {to_fa_digits(purged)} دادخواست منقضی حذف شد).", flush=True)
    return settings


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


def uvicorn_options(log_level: str) -> dict[str, Any]:
    """What every server process runs with, one worker or several."""
    return dict(
        access_log=False,
        log_config=log_config(log_level),
        server_header=False,
        # Our protocol: TCP_NODELAY, a 32 KB cap on a request's head and 10 s to send it (web/protocol.py).
        http="screening_web.protocol:NoDelayHttpToolsProtocol",
        loop="auto",  # uvloop when installed
        timeout_keep_alive=5,  # an idle kept-alive connection is closed after 5 s
        h11_max_incomplete_event_size=32 * 1024,  # the same head cap, should the h11 protocol be used
    )


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """Host names the server answers to: the one it listens on, loopback names, and `--allowed-host`.

    Listening on every interface (0.0.0.0, ::), the machine's own names and addresses are added.
    """
    names = ["localhost", "127.0.0.1", "::1"]
    if host in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
        try:
            names += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)]
        except OSError:
            pass
    else:
        names.append(host.strip("[]"))
    names += extra
    # An IPv6 address arrives in the Host header in brackets: «[::1]:8000».
    names = [f"[{n.split('%')[0]}]" if ":" in n and not n.startswith("[") else n for n in names]
    return list(dict.fromkeys(n.lower() for n in names if n))


class PortInUse(OSError):
    """The port is served already (by this program or any other)."""


def bind_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """Listening sockets for `count` workers, or `PortInUse` when anything else listens there.

    Each worker gets its own SO_REUSEPORT socket, so that the kernel spreads new connections over
    the workers (with one shared socket, one worker accepts most connections while the others
    idle: measured, 2 workers served 16 clients no faster than 1). SO_REUSEPORT would also let a
    second `screening serve` join the same port, and the kernel would then split the connections
    between two servers with different CSRF secrets; so the port is first probed with a plain
    socket, which any listener on it, ours or another program's, refuses.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address = (host, port)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as exc:
            raise PortInUse(exc.errno, exc.strerror) from None
    reuseport = count > 1 and hasattr(socket, "SO_REUSEPORT")
    sockets: list[socket.socket] = []
    try:
        for _ in range(count if reuseport else 1):
            # proto=IPPROTO_TCP: asyncio then turns Nagle's algorithm off on every accepted connection.
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuseport:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            try:
                sock.bind(address)
            except OSError as exc:  # taken between the probe and now
                raise PortInUse(exc.errno, exc.strerror) from None
            sock.listen(2048)
            sock.set_inheritable(True)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn  # noqa: F401
    except ImportError:  # pragma: no cover - uvicorn is a dependency
        print("uvicorn نصب نیست؛ `make setup` را اجرا کنید.", file=sys.stderr)
        return EXIT_UNUSABLE

    # Refuse a model that does not load before anything listens (each worker loads it again).
    try:
        resolve_model(args.model)
        resolve_index(args.index)
    except (ModelLoadError, IndexLoadError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    # The records database is migrated (or refused) before anything listens or the environment changes.
    try:
        recording = start_recording(args)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # the database cannot be reached or migrated: say so before listening
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        print(f"پایگاه داده سوابق در دسترس نیست: {detail}", file=sys.stderr)
        return EXIT_UNUSABLE
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    try:
        sockets = bind_sockets(args.host, args.port, args.workers)
    except PortInUse as exc:
        print(
            f"درگاه {args.port} روی {shown_host} در دسترس نیست: برنامه دیگری (یا سرور دیگری از همین سامانه) به آن گوش می‌دهد "
            f"یا نشانی نادرست است ({exc.strerror}). درگاه دیگری با --port بدهید یا آن برنامه را ببندید.",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    if getattr(args, "office_name", None):
        os.environ["SCREENING_OFFICE_NAME"] = args.office_name  # read by the pages in every worker
    os.environ["SCREENING_MODEL"] = str(args.model)  # read by screening_web.app:create_served_app in every worker
    os.environ[INDEX_ENV] = str(args.index or "none")  # likewise
    os.environ["SCREENING_ALLOWED_HOSTS"] = ",".join(allowed_hosts(args.host, args.allowed_host or []))
    # Off unless --record: an inherited SCREENING_RECORD=1 must not turn recording on unseen.
    os.environ.update(recording.to_env() if recording else {"SCREENING_RECORD": "0"})
    os.environ.setdefault("SCREENING_SESSION_SECRET", secrets.token_urlsafe(32))  # one login for all workers
    # Worker processes must sign and check CSRF cookies with the same secret.
    os.environ.setdefault("SCREENING_CSRF_SECRET", secrets.token_urlsafe(32))
    print(f"سامانه غربالگری دادخواست در این نشانی در دسترس است: http://{shown_host}:{args.port}/", flush=True)
    print("(بارگذاری مدل و واژه‌نامه چند ثانیه طول می‌کشد؛ برای توقف Ctrl+C را بزنید.)", flush=True)
    try:
        if args.workers == 1:
            _serve_one(sockets[0], args.log_level)
            return EXIT_OK
        return serve_workers(sockets, args.workers, args.log_level)
    finally:
        for sock in sockets:
            sock.close()


# --- several workers ------------------------------------------------------------------------------


def serve_workers(sockets: list[socket.socket], workers: int, log_level: str) -> int:
    """`workers` processes, each serving its own socket (or all sharing one, without SO_REUSEPORT)."""
    import multiprocessing
    import signal

    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_serve_one, args=(sockets[i % len(sockets)], log_level), name=f"screening-web-{i}")
        for i in range(workers)
    ]
    for proc in procs:
        proc.start()

    def stop(signum: int, frame: object) -> None:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # One worker gone (crashed, or stopped by a signal) ends the service, visibly, rather than
    # leaving it running at part strength.
    while all(proc.is_alive() for proc in procs):
        procs[0].join(timeout=0.5)
    stop(signal.SIGTERM, None)
    for proc in procs:
        proc.join()
    codes = [proc.exitcode or 0 for proc in procs]
    return EXIT_OK if all(code in (0, -signal.SIGTERM, -signal.SIGINT) for code in codes) else 1


def _serve_one(sock: socket.socket, log_level: str) -> None:
    import uvicorn

    config = uvicorn.Config("screening_web.app:create_served_app", factory=True, **uvicorn_options(log_level))
    uvicorn.Server(config).run(sockets=[sock])
