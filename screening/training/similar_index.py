"""Build a similar-claim index from rulings archives, and measure it against the model.

Each civil ruling with an outcome the operative-part reader can derive becomes one row: its claim
as the court restates it (vectorised, never stored), the outcome, the operative ground, the court,
the date, the portal link and a few words of the «خواسته». The query side is screening.similar.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from screening.similar.index import (
    DEFAULT_THRESHOLD,
    RATE_NEIGHBOURS,
    RULING_COLUMNS,
    SHOWN,
    TOKEN_PATTERN,
    SimilarIndex,
    matching_form,
    save_index,
)
from screening.training.rulings import read_ruling

# The claim phrase a match shows: the «خواسته» in at most this many words (never the court's text).
PHRASE_WORDS = 8
# Vectoriser: words and word pairs; a term in more than half the rulings («خواهان», «دعوی») tells
# them apart no better than chance; sublinear tf keeps a repeated word from dominating.
VECTORIZER_PARAMS: dict[str, Any] = {
    "token_pattern": TOKEN_PATTERN,
    "ngram_range": (1, 2),
    "min_df": 2,
    "max_df": 0.5,
    "sublinear_tf": True,
}
EVALUATION_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)


class RulingsInputError(ValueError):
    """A rulings file that cannot be read; the message is for people."""


def split_of(ruling_id: str) -> str:
    """The project's fixed development/holdout split of rulings: a fifth held out by id hash."""
    return "holdout" if int(hashlib.sha256(ruling_id.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "dev"


@dataclass(frozen=True)
class IndexRow:
    id: str
    claim_text: str  # kept in memory to vectorise and evaluate; never written
    outcome: str
    fruitless: int
    ground: str | None
    date: str | None
    court: str | None
    link: str | None
    claim: str  # the few-word phrase that is written


@dataclass
class CollectSummary:
    read: int = 0
    indexed: int = 0
    skipped: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "indexed": self.indexed, "skipped": dict(sorted(self.skipped.items())),
                "outcomes": dict(sorted(self.outcomes.items()))}


def read_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Records of JSONL rulings files ({id, text, date?, court?, link?} per line), in order."""
    for path in paths:
        try:
            fh = open(path, encoding="utf-8-sig")
        except OSError as exc:
            raise RulingsInputError(f"پرونده آرا «{path}» خوانده نشد ({exc.strerror}).") from None
        with fh:
            try:
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        raise RulingsInputError(f"سطر {number} پرونده «{path}» JSON نیست.") from None
                    yield rec if isinstance(rec, dict) else {"text": rec}
            except UnicodeDecodeError:
                raise RulingsInputError(f"پرونده «{path}» با کدگذاری UTF-8 خوانده نشد.") from None


_PHRASE_END = re.compile(r"[)»،.؛\n]|\s(?:بدین|نظر|با\s*توجه|مقوم|به\s*طرفیت|بطرفیت|با\s*احتساب)\s")
_KHASTEH_IN_CLAIM = re.compile(r"به?\s*خواسته(?:\s*های)?[\s:(«]*(\S.*)", re.S)  # one run of blanks: linear


def claim_phrase(khasteh: str | None, claim_text: str) -> str:
    """A few words naming the claim: the «خواسته» as the reader found it, else the words after
    «به خواسته» in the restated claim, else its first words (party initials and all)."""
    m = None if khasteh else _KHASTEH_IN_CLAIM.search(claim_text)
    found = _PHRASE_END.split(m.group(1), maxsplit=1)[0] if m else ""
    words = (khasteh or found or claim_text).split()
    phrase = " ".join(words[:PHRASE_WORDS]).strip(" .،:؛()«»")
    return phrase + ("…" if len(words) > PHRASE_WORDS else "")


def _text_field(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    return value.strip() or None if isinstance(value, str) else None


def collect(records: Iterable[dict[str, Any]]) -> tuple[list[IndexRow], CollectSummary]:
    """The index rows of the rulings that have a derived outcome; the others counted by reason.

    The same ruling published twice (same restated claim) is indexed once.
    """
    rows: list[IndexRow] = []
    summary = CollectSummary()
    seen_claims: set[str] = set()
    seen_ids: set[str] = set()
    for i, rec in enumerate(records):
        summary.read += 1
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            summary.skipped["bad_row"] += 1
            continue
        reading = read_ruling(text)
        if reading.outcome is None or reading.fruitless is None or not reading.claim_text.strip():
            summary.skipped[reading.skip_reason or "unclear"] += 1
            continue
        ruling_id = str(rec.get("id") or f"row-{i + 1}")
        key = " ".join(re.findall(TOKEN_PATTERN, matching_form(reading.claim_text)))  # digits' script aside
        if key in seen_claims or ruling_id in seen_ids:
            summary.skipped["duplicate"] += 1
            continue
        seen_claims.add(key)
        seen_ids.add(ruling_id)
        rows.append(IndexRow(
            id=ruling_id, claim_text=reading.claim_text, outcome=reading.outcome, fruitless=int(reading.fruitless),
            ground=reading.ground, date=_text_field(rec, "date"), court=_text_field(rec, "court"),
            link=_text_field(rec, "link"), claim=claim_phrase(reading.khasteh, reading.claim_text),
        ))
        summary.indexed += 1
        summary.outcomes[reading.outcome] += 1
    return rows, summary


def fit_index(rows: list[IndexRow], threshold: float = DEFAULT_THRESHOLD,
              vectorizer_params: dict[str, Any] | None = None) -> SimilarIndex:
    """Fit the vectoriser on the rows' claims and hold their vectors term by term."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not rows:
        raise RulingsInputError("هیچ رأیی با نتیجه روشن برای ساختن نمایه پیدا نشد.")
    params = dict(VECTORIZER_PARAMS, **(vectorizer_params or {}))
    if len(rows) < 2 * params["min_df"]:  # a tiny archive (a test, a first try): keep every word
        params.update(min_df=1, max_df=1.0)
    vectorizer = TfidfVectorizer(dtype=np.float32, **params)
    matrix = vectorizer.fit_transform([matching_form(r.claim_text) for r in rows])
    vectorizer.stop_words_ = None  # the pruned terms: only for introspection, and they are ruling text
    postings = sp.csr_matrix(matrix.T, dtype=np.float32)
    columns = {c: [getattr(r, c) for r in rows] for c in RULING_COLUMNS}
    return SimilarIndex(vectorizer=vectorizer, postings=postings, rulings=columns, threshold=threshold)


def build_index(rows: list[IndexRow], summary: CollectSummary, out: str | Path, *, threshold: float = DEFAULT_THRESHOLD,
                force: bool = False, sources: list[str] | None = None,
                evaluation: dict[str, Any] | None = None) -> SimilarIndex:
    """Fit and write the index directory (atomically; refuses an existing one without `force`)."""
    index = fit_index(rows, threshold)
    metadata = {
        "name": Path(out).name,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "rulings": len(rows),
        "sources": [Path(s).name for s in sources or []],
        "threshold": threshold,
        "shown": SHOWN,
        "rate_neighbours": RATE_NEIGHBOURS,
        "vocabulary": len(index.vectorizer.vocabulary_),
        "vectorizer": {k: list(v) if isinstance(v, tuple) else v for k, v in VECTORIZER_PARAMS.items()},
        "summary": summary.to_dict(),
        "evaluation": evaluation,
    }
    save_index(out, index.vectorizer, index.postings, index.rulings, metadata, force=force)
    index.metadata = metadata
    return index


# --- evaluation -----------------------------------------------------------------------------------


def _auc(y: list[int], score: list[float]) -> float | None:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, score)), 3) if len(set(y)) == 2 else None


def neighbour_rates(index: SimilarIndex, texts: list[str], leave_one_out: bool) -> list[tuple[dict | None, int]]:
    """Each text's neighbour rate and its number of rulings above the threshold (itself left out
    when the text is the index's own row i)."""
    out = []
    for i, text in enumerate(texts):
        shown, rate = index.search(text, exclude=i if leave_one_out else None)
        out.append((rate, len(shown)))
    return out


def evaluate(rows: list[IndexRow], model_probability: list[float | None] | None,
             threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """Leave-one-out on the development rulings: ROC-AUC of the neighbour rate and of the model on
    the same claim texts, and the share with at least one neighbour above the threshold; then the
    held-out rulings queried against an index of the development ones."""
    dev = [i for i, r in enumerate(rows) if split_of(r.id) == "dev"]
    hold = [i for i, r in enumerate(rows) if split_of(r.id) == "holdout"]
    if len(dev) < 2:
        raise RulingsInputError("برای سنجش دست‌کم دو رأی توسعه (dev) لازم است.")
    dev_rows = [rows[i] for i in dev]
    index = fit_index(dev_rows, threshold)
    result: dict[str, Any] = {"threshold": threshold, "rate_neighbours": RATE_NEIGHBOURS}

    def block(rates: list[tuple[dict | None, int]], idx: list[int]) -> dict[str, Any]:
        y = [rows[i].fruitless for i in idx]
        covered = [k for k, (rate, _) in enumerate(rates) if rate is not None]
        base = sum(y) / len(y)
        b: dict[str, Any] = {
            "rulings": len(idx),
            "fruitless_share": round(base, 3),
            "with_neighbour_share": round(len(covered) / len(idx), 3),
            "neighbour_auc_covered": _auc([y[k] for k in covered], [rates[k][0]["rate"] for k in covered]),
            # On every ruling: one without a neighbour gets the archive's base rate.
            "neighbour_auc_all": _auc(y, [r["rate"] if r else base for r, _ in rates]),
        }
        if model_probability is not None:
            p = [model_probability[i] for i in idx]
            scored = [k for k in range(len(idx)) if p[k] is not None]
            b["model_auc_all"] = _auc([y[k] for k in scored], [p[k] for k in scored])
            both = [k for k in covered if p[k] is not None]
            b["model_auc_covered"] = _auc([y[k] for k in both], [p[k] for k in both])
        return b

    dev_texts = [r.claim_text for r in dev_rows]
    result["dev_leave_one_out"] = block(neighbour_rates(index, dev_texts, leave_one_out=True), dev)
    if hold:
        result["holdout_against_dev"] = block(
            neighbour_rates(index, [rows[i].claim_text for i in hold], leave_one_out=False), hold)
    sweep = []
    for t in EVALUATION_THRESHOLDS:
        index.threshold = t
        rates = neighbour_rates(index, dev_texts, leave_one_out=True)
        b = block(rates, dev)
        sweep.append({"threshold": t, "with_neighbour_share": b["with_neighbour_share"],
                      "neighbour_auc_covered": b["neighbour_auc_covered"], "neighbour_auc_all": b["neighbour_auc_all"]})
    result["dev_threshold_sweep"] = sweep
    return result


def render_evaluation(ev: dict[str, Any]) -> str:
    """The evaluation as a few lines for the terminal (figures as numbers; labels in Persian and English)."""
    def fmt(v: Any) -> str:
        return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = [f"سنجش نمایه (threshold {ev['threshold']}; rate over the {ev['rate_neighbours']} nearest when one reaches it)"]
    names = {"dev_leave_one_out": "dev, leave-one-out", "holdout_against_dev": "holdout → dev index"}
    for key, title in names.items():
        b = ev.get(key)
        if not b:
            continue
        lines.append(f"  {title}: {b['rulings']} rulings, fruitless share {fmt(b['fruitless_share'])}, "
                     f"with ≥1 neighbour above threshold {fmt(b['with_neighbour_share'])}")
        lines.append(f"    ROC-AUC neighbour rate: {fmt(b['neighbour_auc_covered'])} (rulings with a neighbour), "
                     f"{fmt(b['neighbour_auc_all'])} (all, base rate where none)")
        if "model_auc_all" in b:
            lines.append(f"    ROC-AUC model:          {fmt(b['model_auc_covered'])} (same rulings), "
                         f"{fmt(b['model_auc_all'])} (all)")
    lines.append("  dev threshold sweep (threshold: share with a neighbour, AUC covered, AUC all):")
    for s in ev.get("dev_threshold_sweep", []):
        lines.append(f"    {s['threshold']:.2f}: {fmt(s['with_neighbour_share'])}  "
                     f"{fmt(s['neighbour_auc_covered'])}  {fmt(s['neighbour_auc_all'])}")
    return "\n".join(lines) + "\n"
