"""`screening score INPUT... -o OUTPUT`: screen whole archives of petitions.

Data goes to the output file (or stdout with `-o -`); the progress bar, messages and the
closing summary go to stderr. Exit codes: 0 the run completed (row errors included, they are in
the output), 1 a file could not be written or read mid-run (disk full; resumable), 2 unusable
invocation or malformed input (nothing written), 130 interrupted (re-run with --resume).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import signal
import sys
from typing import Any

from screening.cli.options import add_index_option, add_model_option, add_today_option, positive_int

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130



def _cores() -> int:
    """Cores this process may use (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "score",
        help="غربالگری دسته‌ای بایگانی دادخواست‌ها (CSV، JSONL، xlsx، پوشهٔ txt/docx)",
        description=(
            "هر ردیف ورودی یک ردیف خروجی می‌شود، به همان ترتیب. خروجی بر پایهٔ پسوند: ‎.csv، ‎.jsonl یا ‎.xlsx؛ "
            "«-» یعنی JSONL روی خروجی استاندارد."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="فایل CSV/JSONL/xlsx/txt/docx یا پوشه‌ای از txt/docx")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="فایل خروجی (.csv، .jsonl، .xlsx) یا -")
    p.add_argument("--text-column", help="نام ستون متن دادخواست (اگر ندهید، حدس زده می‌شود)")
    p.add_argument("--id-column", help="نام ستون شناسه (اگر ندهید، حدس زده می‌شود یا شمارهٔ ردیف)")
    p.add_argument("--jobs", type=positive_int, default=_cores(), help="شمار فرایندها (پیش‌فرض: شمار هسته‌ها)")
    p.add_argument("--dask", metavar="local|tcp://HOST:PORT", help="اجرا روی خوشهٔ Dask محلی یا موجود")
    add_model_option(p)
    add_index_option(p)
    p.add_argument("--resume", action="store_true", help="ادامهٔ اجرای قطع‌شده با همان فرمان")
    p.add_argument("--quiet", action="store_true", help="بدون نوار پیشرفت (خلاصهٔ پایانی همچنان روی stderr می‌آید)")
    p.add_argument("--summary-json", metavar="FILE", help="خلاصهٔ اجرا به JSON در این فایل")
    p.add_argument("--sort", choices=["urgency"], help="urgency: مهلت روز آخر و نزدیک‌ترین مهلت‌ها اول (خروجی در پایان نوشته می‌شود)")
    add_today_option(p)
    p.add_argument("--lang", choices=["en", "fa"], default="en",
                   help="fa: سرستون‌ها و مقدارهای فارسی برای کارکنان (برچسب سطح خطر، نوع دعوا، پیام ایرادها) و برگهٔ اکسل راست‌به‌چپ")
    p.add_argument("--drop-columns", action="store_true",
                   help="ستون‌های دیگر ورودی را به خروجی نیاور (پیش‌فرض: همه، به همان ترتیب، پیش از ستون‌های نتیجه)")
    p.add_argument("--batch-size", type=positive_int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--checkpoint-every", type=float, default=1.0, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _terminate_as_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM: stop workers and leave a resumable checkpoint, like Ctrl-C


def run(args: argparse.Namespace) -> int:
    from screening.batch.job import BadInvocation, BatchOptions, run_batch, write_summary_json
    from screening.batch.readers import MalformedInput
    from screening.batch.resume import ResumeError
    from screening.batch.runner import ScreenerUnavailable

    opts = BatchOptions(
        inputs=args.inputs,
        output=args.output,
        text_column=args.text_column,
        id_column=args.id_column,
        jobs=args.jobs,
        dask=args.dask,
        model=args.model,
        index=args.index,
        resume=args.resume,
        quiet=args.quiet,
        summary_json=args.summary_json,
        sort=args.sort,
        today=args.today,
        batch_size=args.batch_size,
        checkpoint_every_s=args.checkpoint_every,
        lang=args.lang,
        drop_columns=args.drop_columns,
    )
    previous = signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        result = run_batch(opts)
    except (MalformedInput, BadInvocation, ResumeError) as exc:
        print(f"خطا: {exc.message_fa}", file=sys.stderr)
        return EXIT_UNUSABLE
    except ScreenerUnavailable as exc:
        print(f"خطا: غربالگر آماده نشد ({exc}).", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:  # disk full, output folder removed mid-run: the checkpoint stays for --resume
        print(f"خطا: نوشتن یا خواندن فایل ممکن نشد ({exc.strerror or type(exc).__name__}: {exc.filename or ''}).", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\nاجرا متوقف شد؛ برای ادامه همان فرمان را با --resume بدهید.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    # The closing summary is part of every run; --quiet only drops the progress bar.
    print(result.summary.render_fa(), file=sys.stderr)
    rate = result.summary.rows_read / result.elapsed_s if result.elapsed_s > 0 else 0.0
    print(f"  زمان: {result.elapsed_s:.1f} ثانیه ({rate:.1f} ردیف در ثانیه)", file=sys.stderr)
    if args.summary_json:
        write_summary_json(args.summary_json, result, opts)
    return EXIT_OK
