"""Train a fruitless-claim model: rows → Documents → evaluation → model directory.

Two ways (docs/MODEL_SPEC.md):
- `train_rulings`: real court rulings (the default model). Labels from the first-instance
  decision, texts deduplicated, a fixed holdout split (`sha256(id) % 5 == 0`) kept out of
  everything until one final check, grouped cross-validation on the rest (groups = near-duplicate
  texts), a bootstrap interval, a learning curve, and a measured decision on whether the
  synthetic corpus helps.
- `train`: any labelled rows (the synthetic corpus, an office's own petitions): a stratified
  held-out split and cross-validation on the rest.

Backend-agnostic: a backend is an estimator-like object with `fit(docs, y, groups=None)`,
`predict_proba(docs)`, `explain(doc)`, `save(dir)`; `make_backend(name, ...)` builds one (the
transformers one is imported only when asked for).

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
from screening.model.features import doc_text
from screening.model.sklearn_backend import SklearnBackend, base_rate_table
from screening.model.transformers_backend import TransformersBackend  # imports torch only when it trains
from screening.pipeline import Screener, UnusableInput
from screening.training import metrics as M
from screening.training.card import render_card
from screening.text.digits import fa_number, to_fa_digits
from screening.training.rulings import FRUITLESS_OUTCOMES, NOT_FRUITLESS_OUTCOMES, OUTCOMES, label_rulings

# Issue 11's one definition, from the rulings reader: the plaintiff gets nothing at first instance
# (a dismissal on the merits included); the rest is left out of training.
FRUITLESS = frozenset(FRUITLESS_OUTCOMES)
NOT_FRUITLESS = frozenset(NOT_FRUITLESS_OUTCOMES)

# Acceptance targets (issue 11), checked by grouped cross-validation on real rulings.
TARGETS = {"roc_auc": 0.70, "roc_auc_stretch": 0.75, "ece": 0.05, "low": 0.05, "high": 0.95}
# Backend parameters for labelled full petitions (`--corpus`, `--data`): there the Article 51
# completeness features describe the text the model will see (docs/MODEL_SPEC.md §7).
PETITION_PARAMS: dict[str, Any] = {"completeness": True, "structured_scale": 1.0, "word_ngram_range": (1, 2), "C": 4.0}
# Texts whose word tf-idf cosine reaches this are one group (the same case told twice).
NEAR_DUPLICATE_COSINE = 0.6

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
    outcomes: list[str | None] = field(default_factory=list)  # each row's outcome, when the records name one

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
        return int(outcome in FRUITLESS)
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
        rows.outcomes.append(rec.get("outcome"))
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


def _dedupe_key(text: str) -> str:
    return " ".join(text.split())


def is_holdout(ruling_id: Any) -> bool:
    """The fixed final-check split: `int(sha256(id), 16) % 5 == 0` (about a fifth of the rulings)."""
    return int(hashlib.sha256(str(ruling_id).encode("utf-8")).hexdigest(), 16) % 5 == 0


def load_rulings(files: str | Path | Sequence[str | Path]) -> Rows:
    """Label one or more rulings archives, keep fruitless/not-fruitless outcomes, drop duplicate texts."""
    paths = [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
    labelled: list[dict] = []
    summary: dict[str, Any] = {"labelled": 0, "skipped": {}, "skipped_total": 0, "outcomes": {}, "files": []}
    seen: set[str] = set()
    duplicates = 0
    left_out: dict[str, int] = {}
    for path in paths:
        if not path.is_file():
            raise TrainingDataError(f"فایل {path} پیدا نشد (rulings file not found)")
        rows, s = label_rulings(read_jsonl(path))
        d = s.to_dict()
        summary["files"].append(path.name)
        summary["labelled"] += d["labelled"]
        summary["skipped_total"] += d["skipped_total"]
        for k, v in d["skipped"].items():
            summary["skipped"][k] = summary["skipped"].get(k, 0) + v
        for k, v in d["outcomes"].items():
            summary["outcomes"][k] = summary["outcomes"].get(k, 0) + v
        for r in rows:
            outcome = r.get("outcome")
            if outcome not in FRUITLESS and outcome not in NOT_FRUITLESS:
                left_out[str(outcome)] = left_out.get(str(outcome), 0) + 1
                continue
            key = _dedupe_key(r["text"])
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            labelled.append(dict(r, fruitless=int(outcome in FRUITLESS)))
    summary["duplicates_dropped"] = duplicates
    summary["outcomes_left_out"] = left_out
    summary["fruitless_outcomes"] = sorted(FRUITLESS)
    rows = rows_from_records(labelled, source="rulings:" + "+".join(p.name for p in paths))
    rows.labelling = summary
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
    """Run the core pipeline without a model. Returns (documents, indices kept); unusable texts and texts
    that do not read as a petition (NOT_A_PETITION) are left out and counted as `unusable` by the callers."""

    screener = Screener(model_dir=None)
    docs, kept = [], []
    it: Iterable[int] = range(len(texts))
    if progress:
        from tqdm import tqdm

        it = tqdm(it, desc=desc, unit="doc", file=sys.stderr, leave=False)
    for i in it:
        try:
            doc = screener.run(texts[i], today=todays[i])
        except UnusableInput:
            continue
        if not getattr(doc, "is_petition", True):
            continue  # the score step never scores such a text, so the model does not learn from it
        docs.append(doc)
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
    metrics["base_rates"] = {k: {"n": int(v[0]), "fruitless_rate": round(v[1], 4)}
                             for k, v in base_rate_table([docs[i] for i in tr], y_tr).items()}
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


def near_duplicate_groups(texts: Sequence[str], threshold: float = NEAR_DUPLICATE_COSINE) -> np.ndarray:
    """Group ids: texts joined when their word tf-idf cosine reaches `threshold` (connected components).

    Cross-validation keeps a group on one side, so the same case told twice (a ruling published in
    both archives, a retrial, a co-plaintiff's twin suit) is never both trained on and tested on."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return np.zeros(len(texts), dtype=int)
    X = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    S = (X @ X.T).tocsr()
    S.data[S.data < threshold] = 0.0
    S.eliminate_zeros()
    _, labels = connected_components(S, directed=False)
    return labels


def _fit_predict(backend_factory: Callable[[], Any], docs: Sequence[Any], y: np.ndarray, groups: np.ndarray,
                 fit_idx: np.ndarray, pred_idx: np.ndarray, extra: tuple[list[Any], np.ndarray] | None = None) -> np.ndarray:
    fit_docs = [docs[i] for i in fit_idx]
    fit_y = y[fit_idx]
    fit_groups = list(groups[fit_idx])
    if extra is not None:
        # Extra rows (the synthetic corpus) each form their own group, after the real ones.
        fit_docs = fit_docs + list(extra[0])
        fit_y = np.concatenate([fit_y, extra[1]])
        base = int(groups.max()) + 1
        fit_groups = fit_groups + list(range(base, base + len(extra[0])))
    model = backend_factory().fit(fit_docs, fit_y, groups=fit_groups)
    return model.predict_proba([docs[i] for i in pred_idx])


def _grouped_oof(backend_factory, docs, y, groups, idx, splits, extra=None, fraction=1.0, seed=13) -> np.ndarray:
    """Out-of-fold probabilities over `idx`; with `fraction` < 1 each training part is subsampled (stratified)."""
    oof = np.zeros(len(idx))
    rng = np.random.default_rng(seed)
    for a, b in splits:
        fit = idx[a]
        if fraction < 1.0:
            keep = []
            for label in (0, 1):
                members = fit[y[fit] == label]
                k = max(2, int(round(len(members) * fraction)))
                keep.append(rng.choice(members, size=min(k, len(members)), replace=False))
            fit = np.sort(np.concatenate(keep))
        oof[b] = _fit_predict(backend_factory, docs, y, groups, fit, idx[b], extra)
    return oof


def _constant_oof(y: np.ndarray, idx: np.ndarray, splits: list) -> np.ndarray:
    """What the constant base-rate predictor says out of fold: each fold's training prevalence."""
    out = np.zeros(len(idx))
    for a, b in splits:
        out[b] = y[idx[a]].mean()
    return out


def _real_evaluation(y: np.ndarray, p: np.ndarray, const: np.ndarray, claim_types: list[str], thresholds: dict | None,
                     seed: int) -> dict[str, Any]:
    from sklearn.metrics import brier_score_loss

    ev = M.evaluate(y, p, y, claim_types)
    ev["roc_auc_ci"] = M.bootstrap_auc(y, p, seed=seed)
    ev["base_rate_brier"] = M._r(brier_score_loss(y, const, pos_label=1))
    ev["extremes"] = M.extremes(p, TARGETS["low"], TARGETS["high"])
    if thresholds is not None:
        ev["bands"] = _band_table(y, p, thresholds)
    return ev


def acceptance(cv: dict[str, Any], learning_curve: list[dict[str, Any]]) -> dict[str, Any]:
    """Issue 11's targets against the grouped-CV figures, and a note on what a miss means."""
    auc, brier, base, ece = cv.get("roc_auc"), cv.get("brier"), cv.get("base_rate_brier"), cv.get("ece")
    ext = cv.get("extremes") or {}
    out: dict[str, Any] = {
        "roc_auc": {"value": auc, "target": TARGETS["roc_auc"], "stretch": TARGETS["roc_auc_stretch"],
                    "met": auc is not None and auc >= TARGETS["roc_auc"]},
        "brier": {"value": brier, "base_rate_brier": base, "met": None not in (brier, base) and brier < base},
        "ece": {"value": ece, "target": TARGETS["ece"], "met": ece is not None and ece <= TARGETS["ece"]},
        "extremes": {"above": ext.get("above"), "below": ext.get("below"),
                     "met": not ext.get("above") and not ext.get("below")},
    }
    notes = []
    if auc is not None and not out["roc_auc"]["met"]:
        note = f"ROC-AUC {auc:.3f} is {TARGETS['roc_auc'] - auc:.3f} below the {TARGETS['roc_auc']:.2f} target."
        pts = [(c["rows"], c["roc_auc"]) for c in learning_curve if c.get("roc_auc") is not None]
        if len(pts) >= 2:
            # Least-squares slope of ROC-AUC against log2(rulings) over every point of the curve.
            x = np.log2([n for n, _ in pts])
            slope = float(np.polyfit(x, [a for _, a in pts], 1)[0]) if np.ptp(x) > 0 else 0.0
            n1, a1 = pts[-1]
            note += (f" The learning curve goes from {pts[0][1]:.3f} ({pts[0][0]} rulings per fit) to {a1:.3f} ({n1}); "
                     f"a straight line through it in log2(rulings) gains {slope:+.3f} per doubling")
            half = next((c for c in learning_curve if c.get("fraction") == 0.5 and c.get("roc_auc") is not None), None)
            if half is not None:
                note += (f"; from {half['rows']} to {n1} rulings per fit it moves {a1 - half['roc_auc']:+.3f}")
            if half is not None and a1 - half["roc_auc"] < 0.01:
                note += (", so the second half of the data added nothing: more rulings of the same kind are unlikely to "
                         "reach the target; other features or a stronger text model would be needed.")
            elif slope > 0.002:
                doublings = (TARGETS["roc_auc"] - auc) / slope
                note += (f", so about {int(round(n1 * 2 ** doublings, -1))} labelled rulings per fit would reach it if the "
                         "curve kept that slope (an extrapolation from four noisy points, not a promise).")
            else:
                note += ", so more rulings of the same kind would not reach the target: better labels or features would."
        notes.append(note)
    if brier is not None and base is not None and not out["brier"]["met"]:
        notes.append(f"Brier {brier:.3f} is not below the constant base-rate Brier {base:.3f}.")
    if ece is not None and not out["ece"]["met"]:
        notes.append(f"ECE {ece:.3f} is {ece - TARGETS['ece']:.3f} above the {TARGETS['ece']:.2f} target.")
    out["note"] = " ".join(notes) or "All targets met."
    return out


@dataclass
class RulingsData:
    """Labelled rulings screened into Documents, with their near-duplicate groups and the fixed split."""

    docs: list[Any]
    y: np.ndarray
    ids: list[str]
    outcomes: list[str | None]
    groups: np.ndarray
    dev_idx: np.ndarray  # development rulings (cross-validation, the final fit)
    ho_idx: np.ndarray  # the holdout fifth (`is_holdout`), read once at the end


def prepare_rulings(rows: Rows, progress: bool = False) -> RulingsData:
    """Screen the rows (unusable texts and texts that are not petitions counted in `rows.skipped`),
    group near-duplicates and split off the holdout: what `train_rulings` and bench/search_models.py share."""
    docs, kept = screen_documents(rows.texts, rows.todays, progress=progress, desc="screening rulings")
    if len(kept) < len(rows.texts):
        rows.skipped["unusable"] = rows.skipped.get("unusable", 0) + len(rows.texts) - len(kept)
    ids = [rows.ids[i] for i in kept]
    holdout = np.array([is_holdout(i) for i in ids], dtype=bool)
    return RulingsData(
        docs=docs,
        y=np.asarray([rows.labels[i] for i in kept], dtype=int),
        ids=ids,
        outcomes=[rows.outcomes[i] if rows.outcomes else None for i in kept],
        groups=near_duplicate_groups([doc_text(d) for d in docs]),
        dev_idx=np.flatnonzero(~holdout),
        ho_idx=np.flatnonzero(holdout),
    )


def train_rulings(
    rows: Rows,
    backend_factory: Callable[[], Any],
    seed: int = 13,
    cv_folds: int = 5,
    progress: bool = False,
    corpus_rows: Rows | None = None,
    learning_curve: bool = True,
) -> "TrainResult":
    """Train on real rulings (see the module docstring); the holdout split is predicted once, at the end."""
    from sklearn.model_selection import StratifiedGroupKFold

    data = prepare_rulings(rows, progress=progress)
    docs, y, groups, dev_idx, ho_idx = data.docs, data.y, data.groups, data.dev_idx, data.ho_idx
    counts = np.bincount(y[dev_idx], minlength=2)
    if min(counts) < max(4, cv_folds):
        raise TrainingDataError(
            f"داده برای آموزش کافی نیست: {counts[1]} رأی بی‌نتیجه و {counts[0]} رأی دیگر در بخش توسعه. "
            f"(not enough rulings: {counts[1]} fruitless and {counts[0]} other in the development split)"
        )
    claim_types = [claim_type_of(d) for d in docs]
    y_dev = y[dev_idx]
    # Each class must reach every fold through distinct groups.
    per_class = min(len(np.unique(groups[dev_idx][y_dev == c])) for c in (0, 1))
    cv_folds = min(cv_folds, per_class)
    if cv_folds < 2:
        raise TrainingDataError("رأی‌ها برای اعتبارسنجی متقابل گروهی بیش از حد به هم شبیه‌اند "
                                "(not enough distinct cases for grouped cross-validation)")
    splits = list(StratifiedGroupKFold(n_splits=cv_folds, shuffle=True, random_state=seed)
                  .split(dev_idx, y_dev, groups[dev_idx]))
    say = (lambda m: print(m, file=sys.stderr)) if progress else (lambda m: None)  # noqa: E731

    say("اعتبارسنجی متقابل گروهی روی آرای واقعی... (grouped cross-validation on real rulings)")
    oof = _grouped_oof(backend_factory, docs, y, groups, dev_idx, splits, seed=seed)
    const = _constant_oof(y, dev_idx, splits)
    thresholds = M.choose_thresholds(y_dev, oof)
    cv = _real_evaluation(y_dev, oof, const, [claim_types[i] for i in dev_idx], thresholds, seed)
    cv["folds"] = cv_folds
    cv["groups"] = {"rule": f"near-duplicate texts (word tf-idf cosine >= {NEAR_DUPLICATE_COSINE}) form one group",
                    "groups": int(len(np.unique(groups[dev_idx]))), "rows": int(len(dev_idx))}

    curve: list[dict[str, Any]] = []
    if learning_curve:
        say("منحنی یادگیری... (learning curve)")
        from sklearn.metrics import brier_score_loss, roc_auc_score

        for frac in (0.25, 0.5, 0.75, 1.0):
            p = oof if frac == 1.0 else _grouped_oof(backend_factory, docs, y, groups, dev_idx, splits, fraction=frac, seed=seed)
            rows_used = int(round(np.mean([len(a) for a, _ in splits]) * frac))
            curve.append({"fraction": frac, "rows": rows_used, "roc_auc": M._r(roc_auc_score(y_dev, p)),
                          "brier": M._r(brier_score_loss(y_dev, p, pos_label=1))})

    synthetic: dict[str, Any] | None = None
    extra = None
    if corpus_rows is not None:
        say("آیا پیکره ساختگی کمک می‌کند؟ (does the synthetic corpus help?)")
        c_docs, c_kept = screen_documents(corpus_rows.texts, corpus_rows.todays, progress=progress, desc="screening corpus")
        c_y = np.asarray([corpus_rows.labels[i] for i in c_kept], dtype=int)
        with_corpus = _grouped_oof(backend_factory, docs, y, groups, dev_idx, splits, extra=(c_docs, c_y), seed=seed)
        ev = _real_evaluation(y_dev, with_corpus, const, [claim_types[i] for i in dev_idx], None, seed)
        helps = (ev["roc_auc"] or 0) > (cv["roc_auc"] or 0) and (ev["brier"] or 1) <= (cv["brier"] or 1)
        synthetic = {"source": corpus_rows.source, "rows": len(c_docs),
                     "real_only": {k: cv[k] for k in ("roc_auc", "brier", "ece")},
                     "real_plus_synthetic": {k: ev[k] for k in ("roc_auc", "brier", "ece")},
                     "used": bool(helps),
                     "what_it_measures": "grouped cross-validation on the real development rulings, the synthetic "
                                         "petitions added to every training fold (never to a test fold)"}
        if helps:
            extra = (c_docs, c_y)

    say("آموزش مدل نهایی... (fitting the final model on every development ruling)")
    fit_docs = [docs[i] for i in dev_idx]
    fit_y = y_dev
    fit_groups = list(groups[dev_idx])
    if extra is not None:
        base = int(groups.max()) + 1
        fit_docs += list(extra[0])
        fit_y = np.concatenate([fit_y, extra[1]])
        fit_groups += list(range(base, base + len(extra[0])))
    backend = backend_factory().fit(fit_docs, fit_y, groups=fit_groups)

    metrics: dict[str, Any] = {"kind": "rulings", "cv": cv, "learning_curve": curve, "synthetic": synthetic,
                               "acceptance": acceptance(cv, curve)}
    if len(ho_idx):
        p_ho = backend.predict_proba([docs[i] for i in ho_idx])
        y_ho = y[ho_idx]
        metrics["holdout"] = _real_evaluation(y_ho, p_ho, np.full(len(ho_idx), y_dev.mean()),
                                              [claim_types[i] for i in ho_idx], thresholds, seed)
    metrics["base_rates"] = {k: {"n": int(v[0]), "fruitless_rate": round(v[1], 4)}
                             for k, v in base_rate_table([docs[i] for i in dev_idx], y_dev).items()}
    return TrainResult(backend, metrics, thresholds, rows, len(dev_idx), len(ho_idx), seed)


def quality_line_fa(metrics: dict[str, Any]) -> str | None:
    """One Persian line with the model's own real-data figure, for people (ModelInfo.quality_fa)."""
    if metrics.get("kind") == "rulings":
        cv = metrics["cv"]
        return (f"سنجش روی {fa_number(cv['n'])} رأی واقعی (اعتبارسنجی متقابل گروهی): "
                f"ROC-AUC {_fa_dec(cv.get('roc_auc'))}، Brier {_fa_dec(cv.get('brier'))} "
                f"در برابر {_fa_dec(cv.get('base_rate_brier'))} نرخ پایه")
    ext = metrics.get("external")
    if ext and ext.get("n"):
        return (f"سنجش روی {fa_number(ext['n'])} رأی واقعی: ROC-AUC {_fa_dec(ext.get('roc_auc'))}، "
                f"Brier {_fa_dec(ext.get('brier'))} در برابر {_fa_dec((ext.get('baseline') or {}).get('brier'))} نرخ پایه")
    return "این مدل روی رأی واقعی سنجیده نشده است؛ ارقام آن فقط از داده آموزشی خودش است."


def _fa_dec(x: float | None) -> str:
    return "—" if x is None else to_fa_digits(f"{x:.2f}").replace(".", "٫")


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
            "fruitless_outcomes": sorted(FRUITLESS),
            "not_fruitless": sorted(NOT_FRUITLESS),
        },
        "thresholds": {"medium": result.thresholds["medium"], "high": result.thresholds["high"]},
        "threshold_rule": result.thresholds.get("rule"),
        "metrics": result.metrics,
        "quality_fa": quality_line_fa(result.metrics),
        "base_rates": result.metrics.get("base_rates"),
        "command": command,
    }
    if hasattr(result.backend, "metadata_extra"):
        # docs/MODEL_SPEC.md, metadata_extra(): "versions" merge into ours, the rest goes at the top level.
        extra = dict(result.backend.metadata_extra())
        meta["versions"].update(extra.pop("versions", {}) or {})
        meta.update(extra)
    return meta


def write_model(result: TrainResult, out: str | Path, name: str | None = None, backend_name: str = "sklearn",
                force: bool = False, command: str | None = None) -> Path:
    out = Path(out)
    meta = build_metadata(result, name or out.name, backend_name, command)
    return save_model_dir(out, lambda d: result.backend.save(d), meta, card=render_card, force=force)
