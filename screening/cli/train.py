"""`screening train`: train a fruitless-claim model and write a model directory.

    screening train (--corpus DIR | --data FILE | --rulings FILE | --records URL) --out DIR [--name NAME]
                    [--seed 13] [--force] [--backend sklearn|transformers] [--base-model PATH]
                    [--test-size 0.2] [--eval-rulings FILE]

Metrics are printed as tables on stdout; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "train",
        help="آموزش مدل پیش‌بینی دعوای بی‌نتیجه (train the fruitless-claim model)",
        description="آموزش مدل از پیکره، فایل برچسب‌دار یا بایگانی دادنامه‌ها و نوشتن پوشه مدل.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--corpus", type=Path, help="پوشه پیکره (corpus/ با petitions.jsonl)")
    src.add_argument("--data", type=Path, help="فایل CSV یا JSONL برچسب‌دار با ستون‌های text و fruitless")
    src.add_argument("--rulings", type=Path, help="بایگانی دادنامه‌ها (JSONL، هر سطر با فیلد text)")
    src.add_argument("--records", metavar="URL",
                     help="سوابق دفتر (پایگاه داده screening serve --record): نتیجه‌های ثبت‌شده‌ای که متن دارند")
    p.add_argument("--out", type=Path, required=True, help="پوشه خروجی مدل، مثلاً models/NAME")
    p.add_argument("--name", help="نام مدل (پیش‌فرض: نام پوشه خروجی)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--force", action="store_true", help="جایگزینی پوشه مدل موجود")
    p.add_argument("--backend", choices=("sklearn", "transformers"), default="sklearn")
    p.add_argument("--base-model", help="مسیر مدل پایه برای backend transformers")
    p.add_argument("--test-size", type=float, default=0.2)
    p.add_argument("--cv-folds", type=int, default=5, help="تعداد بخش‌های اعتبارسنجی متقابل (0 = بدون آن)")
    tf = p.add_argument_group("transformers", "فقط برای --backend transformers (پیش‌فرض‌های خود backend)")
    tf.add_argument("--epochs", type=int)
    tf.add_argument("--max-length", type=int)
    tf.add_argument("--batch-size", type=int)
    p.add_argument("--eval-rulings", type=Path, help="پس از آموزش، ارزیابی روی بایگانی دادنامه‌ها (در کارت مدل می‌آید)")
    p.add_argument("--no-progress", action="store_true", help="بدون نوار پیشرفت")
    p.set_defaults(func=run)


def _fmt(x: Any, nd: int = 3) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    return "\n".join(out)


def print_report(metrics: dict[str, Any], thresholds: dict[str, Any], data: dict[str, Any], out=None) -> None:
    w = lambda s="": print(s, file=out or sys.stdout)  # noqa: E731
    w(f"داده (data): {data['source']}  rows={data['rows']}  fruitless={data['fruitless']}  "
      f"train={data['train_rows']}  test={data['test_rows']}  sha256={data['sha256'][:12]}")
    if data.get("skipped"):
        w(f"  ردیف‌های کنار گذاشته (rows skipped): {data['skipped']}")
    if data.get("labelling"):
        lab = data["labelling"]
        w(f"  برچسب‌گذاری دادنامه‌ها (rulings): labelled {lab['labelled']}, skipped {lab['skipped_total']} {lab['skipped']}")
        w(f"  outcomes: {lab['outcomes']}")
    w()
    cv = metrics["cv"]
    sets = [("held-out test", metrics["test"])]
    if cv.get("folds"):
        w(f"اعتبارسنجی متقابل (cross-validation, {cv['folds']} folds, mean ± sd):")
        w(_table(["metric", "mean", "sd"],
                 [[k, (cv.get(k) or {}).get("mean"), (cv.get(k) or {}).get("std")] for k in ("roc_auc", "pr_auc", "brier", "accuracy")]))
        w()
        sets.insert(0, ("cv out-of-fold", cv["out_of_fold"]))
    else:
        w("اعتبارسنجی متقابل انجام نشد (cross-validation skipped: --cv-folds 0)")
        w()
    if metrics.get("external") and metrics["external"].get("n"):
        sets.append(("rulings archive", metrics["external"]))
    w("سنجه‌ها (metrics):")
    w(_table(["set", "n", "fruitless", "ROC-AUC", "PR-AUC", "Brier", "ECE", "acc@0.5"],
             [[s, m["n"], m["positives"], m.get("roc_auc"), m.get("pr_auc"), m.get("brier"), m.get("ece"), m.get("accuracy")] for s, m in sets]))
    w()
    w("خط پایه: همیشه دسته اکثریت / نرخ پایه (majority-class baseline):")
    w(_table(["set", "majority", "accuracy", "Brier", "PR-AUC"],
             [[s, m["baseline"]["majority_class"], m["baseline"]["accuracy"], m["baseline"]["brier"], m["baseline"]["pr_auc"]] for s, m in sets]))
    w()
    for s, m in sets:
        if s == "cv out-of-fold":
            continue
        w(f"جدول اطمینان‌پذیری (reliability), {s}:")
        w(_table(["predicted", "n", "mean predicted", "observed"],
                 [[r["bin"], r["n"], r["mean_predicted"], r["observed_rate"]] for r in m["reliability"]]))
        w()
        w(f"به تفکیک نوع دعوا (by claim type), {s}:")
        w(_table(["claim type", "n", "fruitless", "ROC-AUC", "Brier", "mean p"],
                 [[g, r["n"], r["positives"], r.get("roc_auc"), r.get("brier"), r.get("mean_predicted")] for g, r in m["by_claim_type"].items()]))
        w()
    w(f"آستانه‌ها (thresholds): medium={thresholds['medium']}  high={thresholds['high']}  ({thresholds.get('rule')})")
    if metrics.get("external") is not None:
        lab = metrics["external"].get("labelling") or {}
        w(f"بایگانی ارزیابی (evaluation archive): labelled {lab.get('labelled')}, skipped {lab.get('skipped_total')} {lab.get('skipped')}")


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True) if "://" in url else url


def load_records(url: str):
    """Training rows from the office records: texts kept with --keep-text whose court outcome
    was entered; the label is whether that outcome is a fruitless one."""
    from screening.records.db import normalise_url
    from screening.records.store import RecordsError, RecordStore
    from screening.training import train as T
    from sqlalchemy.engine import make_url

    try:
        store = RecordStore.open(url, migrate_to_head=False)
    except RecordsError as exc:
        raise T.TrainingDataError(exc.message_fa) from None
    try:
        shown = make_url(normalise_url(url)).render_as_string(hide_password=True)
        rows = T.rows_from_records(store.training_records(), source=f"records:{shown}")
    finally:
        store.engine.dispose()
    if not rows.texts:
        raise T.TrainingDataError("در سوابق هیچ دادخواستی با متن نگه‌داشته‌شده و نتیجه ثبت‌شده نیست "
                                  "(no recorded outcomes with text: serve with --keep-text and enter outcomes)")
    return rows


def run(args: argparse.Namespace) -> int:
    from screening.training import train as T
    from screening.model.io import ModelWriteError, load_model

    if args.out.exists() and not args.force:
        print(f"خطا: پوشه {args.out} از پیش وجود دارد؛ برای جایگزینی آن --force بدهید. "
              f"(error: {args.out} exists; pass --force to replace it)", file=sys.stderr)
        return 2
    if not 0.05 <= args.test_size <= 0.5:
        print("خطا: --test-size باید بین 0.05 و 0.5 باشد (error: --test-size must be in [0.05, 0.5])", file=sys.stderr)
        return 2
    started = time.perf_counter()
    backend_params = {}
    if args.backend == "transformers":
        backend_params = {k: v for k, v in (("epochs", args.epochs), ("max_length", args.max_length),
                                            ("batch_size", args.batch_size)) if v is not None}
    elif any(v is not None for v in (args.epochs, args.max_length, args.batch_size)):
        print("خطا: --epochs، --max-length و --batch-size فقط برای --backend transformers است "
              "(error: these options are for --backend transformers)", file=sys.stderr)
        return 2
    try:
        backend_factory = lambda: T.make_backend(args.backend, seed=args.seed, base_model=args.base_model,  # noqa: E731
                                                 **backend_params)
        backend_factory()  # fail early (missing base model, missing extra) before screening every row
        if args.corpus:
            rows = T.load_corpus(args.corpus)
        elif args.data:
            rows = T.load_labelled(args.data)
        elif args.records:
            rows = load_records(args.records)
        else:
            rows = T.load_rulings(args.rulings)
            lab = rows.labelling or {}
            print(f"دادنامه‌ها (rulings): labelled {lab.get('labelled')}, skipped {lab.get('skipped_total')} "
                  f"{lab.get('skipped')}", file=sys.stderr)
        eval_rows = T.load_rulings(args.eval_rulings) if args.eval_rulings else None
        result = T.train(rows, backend_factory, seed=args.seed, test_size=args.test_size, cv_folds=args.cv_folds,
                         progress=not args.no_progress, eval_rows=eval_rows)
        argv = [_hide_password(a) if a == args.records else a for a in sys.argv[2:]]  # the command goes into metadata.json
        command = "screening train " + " ".join(shlex.quote(a) for a in argv) if sys.argv[1:2] == ["train"] else None
        meta = T.build_metadata(result, args.name or args.out.name, args.backend, command)
        print_report(result.metrics, result.thresholds, meta["data"])
        path = T.write_model(result, args.out, name=args.name, backend_name=args.backend, force=args.force, command=command)
    except (T.TrainingDataError, ModelWriteError) as exc:
        print(f"خطا: {exc}", file=sys.stderr)
        return 2
    load_model(path)  # what was written loads back
    print(f"\nمدل در {path} نوشته شد ({time.perf_counter() - started:.0f} s). (model written)")
    return 0
