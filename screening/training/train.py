"""Train a fruitless-claim model: rows → Documents → held-out split → CV → model directory.

Backend-agnostic (MODEL_SPEC.md): a backend is an estimator-like object with
`fit(docs, y)`, `predict_proba(docs)`, `explain(doc)`, `save(dir)`; `make_backend(name, ...)`
builds one (the transformers one is imported only when asked for).

Reproducible: the split, the folds and the models are seeded, the documents are screened
with a fixed "today", and the data are hashed into the metadata. Same seed, same data →
same metrics.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from screening.knowledge.bands import band
from screening.model.io import SCHEMA, library_versions, save_model_dir
from screening.model.scorer import TrainingDataError
from screening.model.sklearn_backend import SklearnBackend
from screening.model.transformers_backend import TransformersBackend  # imports torch only when it trains
from screening.pipeline import Screener, UnusableInput
from screening.training import metrics as M
from screening.training.card import render_card
from screening.training.rulings import FRUITLESS_OUTCOMES, NOT_FRUITLESS_OUTCOMES, OUTCOMES, label_rulings

# The date training documents are screened as of, unless a row gives its own ("today"):
# findings that depend on the date must not change from one training day to the next.
TRAINING_TODAY = _dt.date(2026, 1, 1)

_TRUE = {"1", "true", "yes", "y", "t", "بله", "آری"}
_FALSE = {"0", "false", "no", "n", "f", "خیر", "نه"}


@dataclass
class Rows:
    """Labelled texts, where they came from, and what was dropped on the way."""

    texts: list[str]
    labels: list[int]
    ids: list[str]
    todays: list[_dt.date]
    source: str
    skipped: dict[str, int] = field(default_factory=dict)
    labelling: dict[str, Any] | None = None  # rulings archives: labelled/skipped counts

    def sha256(self) -> str:
        h = hashlib.sha256()
        for t, y in zip(self.texts, self.labels):
            h.update(json.dumps([t, int(y)], ensure_ascii=False).encode("utf-8"))
            h.update(b"\n")
        return h.hexdigest()


# --- loading rows ---------------------------------------------------------------------------


def _label(value: Any, outcome: Any = None) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return int(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in _TRUE:
            return 1
        if v in _FALSE:
            return 0
    if isinstance(outcome, str) and outcome:
        return int(outcome in FRUITLESS_OUTCOMES)
    return None


def _today(value: Any) -> _dt.date:
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    return TRAINING_TODAY


def rows_from_records(records: Iterable[dict], source: str) -> Rows:
    rows = Rows([], [], [], [], source)
    skipped: dict[str, int] = {}
    for i, rec in enumerate(records):
        text = rec.get("text") if isinstance(rec, dict) else None
        if not isinstance(text, str) or not text.strip():
            skipped["no_text"] = skipped.get("no_text", 0) + 1
            continue
        y = _label(rec.get("fruitless"), rec.get("outcome"))
        if y is None:
            skipped["no_label"] = skipped.get("no_label", 0) + 1
            continue
        rows.texts.append(text)
        rows.labels.append(y)
        rows.ids.append(str(rec.get("id", i)))
        rows.todays.append(_today(rec.get("today") or rec.get("filed_on")))
    rows.skipped = skipped
    return rows


def read_jsonl(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise TrainingDataError(f"سطر {n} فایل {path} JSON معتبر نیست (line {n} of {path} is not JSON: {exc})") from exc
    return records


def load_corpus(directory: str | Path) -> Rows:
    path = Path(directory) / "petitions.jsonl"
    if not path.is_file():
        raise TrainingDataError(f"فایل {path} پیدا نشد (corpus file not found)")
    records = read_jsonl(path)
    # The corpus's `fruitless` column predates the one definition (merits_rejected written as 0):
    # the label comes from `outcome` (corpus/README.md §4).
    for rec in records:
        if isinstance(rec, dict) and rec.get("outcome") in OUTCOMES:
            rec["fruitless"] = int(rec["outcome"] in FRUITLESS_OUTCOMES)
    return rows_from_records(records, source=f"corpus:{Path(directory).name}/petitions.jsonl")


def load_labelled(file: str | Path) -> Rows:
    path = Path(file)
    if not path.is_file():
        raise TrainingDataError(f"فایل {path} پیدا نشد (data file not found)")
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            records = list(csv.DictReader(fh))
        if records and ("text" not in records[0] or "fruitless" not in records[0]):
            raise TrainingDataError("فایل CSV باید ستون‌های text و fruitless داشته باشد (CSV needs text and fruitless columns)")
    else:
        records = read_jsonl(path)
    return rows_from_records(records, source=f"data:{path.name}")


def load_rulings(file: str | Path) -> Rows:
    path = Path(file)
    if not path.is_file():
        raise TrainingDataError(f"فایل {path} پیدا نشد (rulings file not found)")
    labelled, summary = label_rulings(read_jsonl(path))
    rows = rows_from_records(labelled, source=f"rulings:{path.name}")
    rows.labelling = summary.to_dict()
    return rows


# --- backends -------------------------------------------------------------------------------


def make_backend(name: str = "sklearn", seed: int = 13, base_model: str | None = None, **params: Any):
    if name == "sklearn":
        return SklearnBackend(seed=seed, **params)
    if name == "transformers":
        if not base_model:
            raise TrainingDataError("برای --backend transformers مسیر --base-model لازم است (--base-model is required)")
        return TransformersBackend(base_model=base_model, seed=seed, **params)
    raise TrainingDataError(f"backend ناشناخته: {name} (unknown backend)")


# --- documents ------------------------------------------------------------------------------


def screen_documents(texts: Sequence[str], todays: Sequence[_dt.date], progress: bool = False, desc: str = "screening") -> tuple[list[Any], list[int]]:
    """Run the core pipeline without a model. Returns (documents, indices kept)."""

    screener = Screener(model_dir=None)
    docs, kept = [], []
    it: Iterable[int] = range(len(texts))
    if progress:
        from tqdm import tqdm

        it = tqdm(it, desc=desc, unit="doc", file=sys.stderr, leave=False)
    for i in it:
        try:
            docs.append(screener.run(texts[i], today=todays[i]))
        except UnusableInput:
            continue
        kept.append(i)
    return docs, kept


def claim_type_of(doc: Any) -> str:
    ct = getattr(doc, "claim_type", None)
    return ct.code if ct is not None else "unknown"


# --- training -------------------------------------------------------------------------------


@dataclass
class TrainResult:
    backend: Any
    metrics: dict[str, Any]
    thresholds: dict[str, Any]
    rows: Rows
    n_train: int
    n_test: int
    seed: int


def train(
    rows: Rows,
    backend_factory: Callable[[], Any],
    seed: int = 13,
    test_size: float = 0.2,
    cv_folds: int = 5,
    progress: bool = False,
    eval_rows: Rows | None = None,
) -> TrainResult:
    """Hold out a stratified test split, cross-validate on the rest, fit, evaluate."""
    from sklearn.model_selection import StratifiedKFold, train_test_split

    docs, kept = screen_documents(rows.texts, rows.todays, progress=progress, desc="screening")
    if len(kept) < len(rows.texts):
        rows.skipped["unusable"] = rows.skipped.get("unusable", 0) + len(rows.texts) - len(kept)
    y = np.asarray([rows.labels[i] for i in kept], dtype=int)
    counts = np.bincount(y, minlength=2)
    if min(counts) < 4:
        raise TrainingDataError(
            f"داده برای آموزش کافی نیست: {counts[1]} نمونه بی‌نتیجه و {counts[0]} نمونه دیگر؛ از هر دسته دست‌کم ۴ نمونه لازم است. "
            f"(not enough data: {counts[1]} fruitless and {counts[0]} other rows; need at least 4 of each)"
        )
    groups = [claim_type_of(d) for d in docs]
    idx = np.arange(len(docs))
    tr, te = train_test_split(idx, test_size=test_size, stratify=y, random_state=seed)
    tr, te = np.sort(tr), np.sort(te)
    y_tr, y_te = y[tr], y[te]

    # Cross-validation on the training part: out-of-fold probabilities for every row.
    # cv_folds=0 skips it (a transformer fine-tune per fold can cost hours).
    n_splits = int(min(cv_folds, np.bincount(y_tr, minlength=2).min()))
    oof = np.zeros(len(tr))
    fold_metrics = []
    splits = list(StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed).split(tr, y_tr)) if n_splits >= 2 else []
    it: Iterable = splits
    if progress:
        from tqdm import tqdm

        it = tqdm(splits, desc="cross-validation", unit="fold", file=sys.stderr, leave=False)
    for a, b in it:
        model = backend_factory().fit([docs[i] for i in tr[a]], y_tr[a])
        oof[b] = model.predict_proba([docs[i] for i in tr[b]])
        fold_metrics.append(M.binary_metrics(y_tr[b], oof[b]))

    if progress:
        print("آموزش مدل نهایی... (fitting the final model)", file=sys.stderr)
    backend = backend_factory().fit([docs[i] for i in tr], y_tr)
    p_te = backend.predict_proba([docs[i] for i in te])

    if splits:
        thresholds = M.choose_thresholds(y_tr, oof)
        cv = dict(M.summarise_folds(fold_metrics), out_of_fold=M.evaluate(y_tr, oof, y_tr, [groups[i] for i in tr]))
    else:
        # Without CV the only unseen predictions are the test split's: the bands are chosen
        # there, and the card says so (the band table on the test split is then optimistic).
        thresholds = M.choose_thresholds(y_te, p_te)
        thresholds["rule"] += " (no cross-validation: chosen on the held-out test split)"
        cv = {"folds": 0}
    metrics: dict[str, Any] = {"cv": cv, "test": M.evaluate(y_te, p_te, y_tr, [groups[i] for i in te])}
    metrics["test"]["bands"] = _band_table(y_te, p_te, thresholds)
    if eval_rows is not None:
        e_docs, e_kept = screen_documents(eval_rows.texts, eval_rows.todays, progress=progress, desc="evaluation set")
        e_y = np.asarray([eval_rows.labels[i] for i in e_kept], dtype=int)
        e_p = backend.predict_proba(e_docs) if e_docs else np.zeros(0)
        ev = M.evaluate(e_y, e_p, y_tr, [claim_type_of(d) for d in e_docs]) if len(e_y) else {"n": 0}
        ev["source"] = eval_rows.source
        ev["labelling"] = eval_rows.labelling
        if len(e_y):
            ev["bands"] = _band_table(e_y, e_p, thresholds)
        metrics["external"] = ev
    return TrainResult(backend, metrics, thresholds, rows, len(tr), len(te), seed)


def _band_table(y: np.ndarray, p: np.ndarray, thresholds: dict[str, float]) -> dict[str, dict[str, Any]]:
    out = {}
    bands = [band(float(x), thresholds) for x in p]
    for b in ("low", "medium", "high"):
        ii = [i for i, x in enumerate(bands) if x == b]
        out[b] = {"n": len(ii), "fruitless": int(sum(y[i] for i in ii)),
                  "fruitless_rate": round(float(np.mean([y[i] for i in ii])), 4) if ii else None}
    return out


# --- writing the model directory ------------------------------------------------------------


def build_metadata(result: TrainResult, name: str, backend_name: str, command: str | None) -> dict[str, Any]:
    extra = ("torch", "transformers", "tokenizers") if backend_name == "transformers" else ()
    versions = library_versions(extra)
    sha = result.rows.sha256()
    pkg = versions.get("petition-screening") or "0"
    params = result.backend.params() if hasattr(result.backend, "params") else {}
    meta: dict[str, Any] = {
        "schema": SCHEMA,
        "name": name,
        "version": f"{pkg}+{sha[:8]}",
        "backend": backend_name,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "seed": result.seed,
        "versions": versions,
        "data": {
            "source": result.rows.source,
            "rows": len(result.rows.texts),
            "fruitless": int(sum(result.rows.labels)),
            "sha256": sha,
            "skipped": dict(result.rows.skipped),
            "labelling": result.rows.labelling,
            "train_rows": result.n_train,
            "test_rows": result.n_test,
            "screened_as_of": TRAINING_TODAY.isoformat(),
        },
        "params": params,
        "label": {
            "fruitless_outcomes": sorted(FRUITLESS_OUTCOMES),
            "not_fruitless": sorted(NOT_FRUITLESS_OUTCOMES),
        },
        "thresholds": {"medium": result.thresholds["medium"], "high": result.thresholds["high"]},
        "threshold_rule": result.thresholds.get("rule"),
        "metrics": result.metrics,
        "command": command,
    }
    if hasattr(result.backend, "metadata_extra"):
        # MODEL_SPEC.md changes: "versions" merge into ours, the rest goes at the top level.
        extra = dict(result.backend.metadata_extra())
        meta["versions"].update(extra.pop("versions", {}) or {})
        meta.update(extra)
    return meta


def write_model(result: TrainResult, out: str | Path, name: str | None = None, backend_name: str = "sklearn",
                force: bool = False, command: str | None = None) -> Path:
    out = Path(out)
    meta = build_metadata(result, name or out.name, backend_name, command)
    return save_model_dir(out, lambda d: result.backend.save(d), meta, card=render_card, force=force)
