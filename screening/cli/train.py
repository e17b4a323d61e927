"""`screening train`: train a fruitless-claim model and write a model directory.

    screening train (--corpus DIR | --data FILE | --rulings FILE [FILE ...] | --records URL) --out DIR [--name NAME]
                    [--seed 13] [--force] [--backend sklearn|transformers] [--base-model PATH]
                    [--test-size 0.2] [--eval-rulings FILE] [--gold CSV] [--with-corpus DIR] [--no-learning-curve]

With --rulings the model is trained and judged on real rulings (docs/MODEL_SPEC.md): grouped
cross-validation on the development split, the holdout split once at the end, and the issue's
acceptance lines printed. The labeller's agreement with hand labels is printed when hand labels are
found: --gold CSV, else tests/data/ruling_labels.csv of the source checkout the package runs from.

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
    src.add_argument("--rulings", type=Path, nargs="+", help="بایگانی دادنامه‌ها (JSONL، هر سطر با فیلد text)؛ چند فایل مجاز است")
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
    p.add_argument("--with-corpus", type=Path,
                   help="با --rulings: بسنج که افزودن پیکره ساختگی به آموزش کمک می‌کند یا نه (فقط اگر کمک کند به کار می‌رود)")
    p.add_argument("--no-learning-curve", action="store_true", help="با --rulings: بدون منحنی یادگیری (سریع‌تر)")
    p.add_argument("--gold", type=Path,
                   help="برچسب‌های دستی دادنامه‌ها (CSV با ستون‌های id، outcome، fruitless، ground) برای سنجش توافق "
                        "برچسب‌گذار؛ پیش‌فرض: tests/data/ruling_labels.csv در مخزن، اگر باشد")
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


def print_rulings_report(metrics: dict[str, Any], thresholds: dict[str, Any], data: dict[str, Any], out=None) -> None:
    """The real-rulings figures, the issue's acceptance lines first."""
    w = lambda s="": print(s, file=out or sys.stdout)  # noqa: E731
    lab = data.get("labelling") or {}
    w(f"داده (data): {data['source']}  rulings={data['rows']}  fruitless={data['fruitless']}  "
      f"development={data['train_rows']}  holdout={data['test_rows']}  sha256={data['sha256'][:12]}")
    w(f"  برچسب‌گذاری (labelling): labelled {lab.get('labelled')}, skipped {lab.get('skipped_total')} {lab.get('skipped')}, "
      f"duplicates dropped {lab.get('duplicates_dropped')}, left out {lab.get('outcomes_left_out')}")
    w(f"  outcomes: {lab.get('outcomes')}")
    cv, acc = metrics["cv"], metrics["acceptance"]
    ci = cv.get("roc_auc_ci") or {}
    w()
    w(f"پذیرش (acceptance), grouped {cv.get('folds')}-fold CV on {cv['n']} real rulings ({cv['groups']['rule']}):")
    yes = lambda ok: "OK " if ok else "MISS"  # noqa: E731
    w(f"  [{yes(acc['roc_auc']['met'])}] ROC-AUC {_fmt(cv.get('roc_auc'))} (95% CI {_fmt(ci.get('low'))}-{_fmt(ci.get('high'))}) "
      f">= 0.70 (stretch 0.75)")
    w(f"  [{yes(acc['brier']['met'])}] Brier {_fmt(cv.get('brier'))} < constant base-rate Brier {_fmt(cv.get('base_rate_brier'))}")
    w(f"  [{yes(acc['ece']['met'])}] ECE {_fmt(cv.get('ece'))} <= 0.05")
    ext = cv.get("extremes") or {}
    w(f"  [{yes(acc['extremes']['met'])}] scores < 0.05: {ext.get('below')}, > 0.95: {ext.get('above')} "
      f"(range {_fmt(ext.get('min'))}-{_fmt(ext.get('max'))})")
    w(f"  {acc.get('note')}")
    w()
    sets = [("grouped CV (dev)", cv)]
    if metrics.get("holdout"):
        sets.append(("holdout (final)", metrics["holdout"]))
    w("سنجه‌ها (metrics):")
    w(_table(["set", "n", "fruitless", "ROC-AUC", "PR-AUC", "Brier", "base Brier", "ECE"],
             [[s, m["n"], m["positives"], m.get("roc_auc"), m.get("pr_auc"), m.get("brier"), m.get("base_rate_brier"), m.get("ece")]
              for s, m in sets]))
    w()
    if metrics.get("learning_curve"):
        w("منحنی یادگیری (learning curve, grouped CV):")
        w(_table(["share", "rulings/fit", "ROC-AUC", "Brier"],
                 [[f"{int(c['fraction'] * 100)}%", c["rows"], c.get("roc_auc"), c.get("brier")] for c in metrics["learning_curve"]]))
        w()
    syn = metrics.get("synthetic")
    if syn:
        w(f"پیکره ساختگی (synthetic corpus, {syn['rows']} rows): real only AUC {_fmt(syn['real_only']['roc_auc'])} "
          f"Brier {_fmt(syn['real_only']['brier'])}; real + synthetic AUC {_fmt(syn['real_plus_synthetic']['roc_auc'])} "
          f"Brier {_fmt(syn['real_plus_synthetic']['brier'])} -> {'used' if syn['used'] else 'not used'}")
        w()
    w("جدول اطمینان‌پذیری (reliability), grouped CV:")
    w(_table(["predicted", "n", "mean predicted", "observed"],
             [[r["bin"], r["n"], r["mean_predicted"], r["observed_rate"]] for r in cv["reliability"]]))
    w()
    w("به تفکیک نوع دعوا (by claim type), grouped CV:")
    w(_table(["claim type", "n", "fruitless", "ROC-AUC", "Brier", "mean p"],
             [[g, r["n"], r["positives"], r.get("roc_auc"), r.get("brier"), r.get("mean_predicted")] for g, r in cv["by_claim_type"].items()]))
    w()
    w(f"آستانه‌ها (thresholds): medium={thresholds['medium']}  high={thresholds['high']}  ({thresholds.get('rule')})")


def print_report(metrics: dict[str, Any], thresholds: dict[str, Any], data: dict[str, Any], out=None) -> None:
    if metrics.get("kind") == "rulings":
        return print_rulings_report(metrics, thresholds, data, out)
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


def print_agreement(rulings: Any, gold: Path | None, out=None) -> dict[str, Any] | None:
    """Agreement of the rulings reader with hand labels on the rulings in `rulings` (one file or several)."""
    from screening.training import rulings as RL
    from screening.training.train import read_jsonl

    w = lambda s="": print(s, file=out or sys.stdout)  # noqa: E731
    path = gold or RL.find_gold()
    if path is None:
        return None
    if not Path(path).is_file():
        raise FileNotFoundError(path)
    files = rulings if isinstance(rulings, (list, tuple)) else [rulings]
    records = [rec for f in files for rec in read_jsonl(Path(f))]
    ag = RL.agreement(records, RL.load_gold(path))
    if not ag.usable and not ag.left_out_gold:
        w(f"برچسب دستی برای این دادنامه‌ها در {path} نیست (no hand labels for these rulings)")
        return ag.to_dict()
    for line in ag.lines():
        w(line)
    return ag.to_dict()


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
    from screening.model.io import ModelLoadError, ModelWriteError, load_model

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
    elif not args.rulings:
        # Labelled full petitions: the Article 51 completeness features describe what will be scored.
        backend_params = dict(T.PETITION_PARAMS)
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
            try:
                agreement = print_agreement(args.rulings, args.gold)
            except FileNotFoundError as exc:
                print(f"خطا: فایل برچسب‌های دستی {exc} پیدا نشد (error: gold labels file not found)", file=sys.stderr)
                return 2
            if agreement is not None:
                lab["agreement"] = agreement
        if args.with_corpus and not args.rulings:
            print("خطا: --with-corpus فقط همراه --rulings معنا دارد (error: --with-corpus needs --rulings)", file=sys.stderr)
            return 2
        if args.rulings:
            corpus_rows = T.load_corpus(args.with_corpus) if args.with_corpus else None
            result = T.train_rulings(rows, backend_factory, seed=args.seed, cv_folds=max(2, args.cv_folds),
                                     progress=not args.no_progress, corpus_rows=corpus_rows,
                                     learning_curve=not args.no_learning_curve)
        else:
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
    try:
        load_model(path)  # what was written loads back
    except ModelLoadError as exc:
        print(f"خطا: {exc}", file=sys.stderr)
        return 2
    print(f"\nمدل در {path} نوشته شد ({time.perf_counter() - started:.0f} s). (model written)")
    return 0
