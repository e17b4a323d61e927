"""`screening index --rulings FILE... -o DIR`: build a similar-claim index from rulings archives."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from screening.cli.options import MODEL_HELP, number_in_range
from screening.model.files import ModelLoadError
from screening.similar.index import DEFAULT_THRESHOLD, IndexWriteError

EXIT_UNUSABLE = 2
_similarity = number_in_range(float, 0.0, 1.0, "آستانه شباهت باید عددی بین ۰ و ۱ باشد.", open_low=True)



def register(sub: Any) -> None:
    p = sub.add_parser(
        "index",
        help="ساخت نمایه آرای مشابه از بایگانی آرا (build a similar-rulings index)",
        description=(
            "هر رأی حقوقی که نتیجه‌اش از بخش تصمیم خوانده شود یک ردیف نمایه می‌شود: شناسه، نتیجه، مستند قانونی، "
            "دادگاه، تاریخ، پیوند و چند واژه از خواسته. متن رأی در نمایه نوشته نمی‌شود."
        ),
    )
    p.add_argument("--rulings", nargs="+", required=True, metavar="FILE",
                   help='پرونده‌های JSONL آرا، هر سطر {"id", "text", "date"?, "court"?, "link"?}')
    p.add_argument("-o", "--out", required=True, metavar="DIR", help="پوشه نمایه")
    p.add_argument("--force", action="store_true", help="جایگزینی پوشه موجود")
    p.add_argument("--threshold", type=_similarity, default=DEFAULT_THRESHOLD,
                   help=f"کمترین شباهت رأی نمایش‌دادنی (پیش‌فرض {DEFAULT_THRESHOLD})")
    p.add_argument("--evaluate", action="store_true",
                   help="سنجش leave-one-out روی آرای توسعه: ROC-AUC نرخ همسایه‌ها و مدل، و سهم دادخواست‌های دارای رأی مشابه")
    p.add_argument("--model", default="default", metavar="DIR", help="مدلی که در سنجش کنار نرخ همسایه‌ها سنجیده می‌شود؛ " + MODEL_HELP)
    p.set_defaults(func=run)


def _model_probabilities(model: str, texts: list[str]) -> list[float | None] | None:
    from screening.document import UnusableInput
    from screening.pipeline import Screener

    screener = Screener(model_dir=model)
    if not any(s.name == "score" for s in screener.steps):
        return None
    return [None if isinstance(r, UnusableInput) else r.fruitless_probability for r in screener.pipe(texts)]


def run(args: argparse.Namespace) -> int:
    from screening.training.similar_index import (
        RulingsInputError,
        build_index,
        collect,
        evaluate,
        read_records,
        render_evaluation,
    )

    try:
        rows, summary = collect(read_records(args.rulings))
        skipped = "، ".join(f"{k}: {v}" for k, v in sorted(summary.skipped.items())) or "هیچ"
        print(f"آرای خوانده‌شده: {summary.read}؛ نمایه‌شده: {summary.indexed}؛ کنار گذاشته: {skipped}", file=sys.stderr)
        print("نتیجه‌ها: " + json.dumps(dict(sorted(summary.outcomes.items())), ensure_ascii=False), file=sys.stderr)
        evaluation = None
        if args.evaluate:
            probabilities = _model_probabilities(args.model, [r.claim_text for r in rows])
            evaluation = evaluate(rows, probabilities, threshold=args.threshold)
            sys.stdout.write(render_evaluation(evaluation))
        index = build_index(rows, summary, args.out, threshold=args.threshold, force=args.force,
                            sources=args.rulings, evaluation=evaluation)
    except RulingsInputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except (IndexWriteError, ModelLoadError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"نمایه {len(index)} رأی در «{args.out}» نوشته شد (واژه‌نامه {len(index.vectorizer.vocabulary_)} اصطلاح).",
          file=sys.stderr)
    return 0
