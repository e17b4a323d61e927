"""Metrics for a probability of fruitlessness: ranking, calibration and the baseline to beat.

Plain functions over arrays, returning plain dicts (they go into metadata.json and the card).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Sequence

import numpy as np


def _r(x: float | None, nd: int = 4) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), nd)


def binary_metrics(y: Sequence[int], p: Sequence[float]) -> dict[str, Any]:
    """ROC-AUC, PR-AUC (average precision), Brier score, log loss and accuracy at 0.5."""
    from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

    y = np.asarray(y, dtype=int)
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
    both = len(np.unique(y)) == 2
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "prevalence": _r(y.mean() if len(y) else float("nan")),
        "roc_auc": _r(roc_auc_score(y, p)) if both else None,
        "pr_auc": _r(average_precision_score(y, p)) if both else None,
        "brier": _r(brier_score_loss(y, p, pos_label=1)) if len(y) else None,
        "log_loss": _r(log_loss(y, p, labels=[0, 1])) if len(y) else None,
        "accuracy": _r(((p >= 0.5).astype(int) == y).mean()) if len(y) else None,
    }


def majority_baseline(y_train: Sequence[int], y_eval: Sequence[int]) -> dict[str, Any]:
    """What knowing only the training base rate gives: the score a model must beat."""
    y_train = np.asarray(y_train, dtype=int)
    y_eval = np.asarray(y_eval, dtype=int)
    rate = float(y_train.mean()) if len(y_train) else 0.5
    majority = int(rate >= 0.5)
    const = np.full(len(y_eval), rate)
    from sklearn.metrics import brier_score_loss

    return {
        "majority_class": majority,
        "train_prevalence": _r(rate),
        "accuracy": _r((y_eval == majority).mean()) if len(y_eval) else None,
        "brier": _r(brier_score_loss(y_eval, const, pos_label=1)) if len(y_eval) else None,
        "roc_auc": 0.5,
        "pr_auc": _r(y_eval.mean()) if len(y_eval) else None,
    }


def reliability_table(y: Sequence[int], p: Sequence[float], bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width bins of predicted probability: how often the claim was in fact fruitless."""
    y = np.asarray(y, dtype=int)
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        rows.append(
            {
                "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                "n": n,
                "mean_predicted": _r(p[mask].mean()) if n else None,
                "observed_rate": _r(y[mask].mean()) if n else None,
            }
        )
    return rows


def expected_calibration_error(y: Sequence[int], p: Sequence[float], bins: int = 10) -> float | None:
    table = reliability_table(y, p, bins)
    n = sum(r["n"] for r in table)
    if not n:
        return None
    return _r(sum(r["n"] * abs(r["mean_predicted"] - r["observed_rate"]) for r in table if r["n"]) / n)


def per_group(y: Sequence[int], p: Sequence[float], groups: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Metrics for each claim type (or any grouping); AUC only where both classes occur."""
    idx: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        idx[str(g)].append(i)
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    out = {}
    for g in sorted(idx, key=lambda k: (-len(idx[k]), k)):
        ii = np.asarray(idx[g])
        m = binary_metrics(y[ii], p[ii])
        out[g] = {k: m[k] for k in ("n", "positives", "roc_auc", "brier", "accuracy")}
        out[g]["mean_predicted"] = _r(p[ii].mean())
    return out


def evaluate(y: Sequence[int], p: Sequence[float], y_train: Sequence[int], groups: Sequence[str] | None = None) -> dict[str, Any]:
    """Everything the card reports for one evaluation set."""
    out = binary_metrics(y, p)
    out["ece"] = expected_calibration_error(y, p)
    out["baseline"] = majority_baseline(y_train, y)
    out["reliability"] = reliability_table(y, p)
    if groups is not None:
        out["by_claim_type"] = per_group(y, p, groups)
    return out


def summarise_folds(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean and standard deviation of each scalar metric across CV folds."""
    keys = ("roc_auc", "pr_auc", "brier", "log_loss", "accuracy")
    out: dict[str, Any] = {"folds": len(folds)}
    for k in keys:
        vals = [f[k] for f in folds if f.get(k) is not None]
        out[k] = {"mean": _r(np.mean(vals)), "std": _r(np.std(vals))} if vals else None
    return out


def choose_thresholds(y: Sequence[int], p: Sequence[float], recall_target: float = 0.9, precision_target: float = 0.8) -> dict[str, Any]:
    """Band thresholds from out-of-fold predictions.

    medium: the highest threshold that still flags `recall_target` of fruitless claims
    (catch most of them at «medium» or above); high: the lowest threshold at which
    `precision_target` of flagged claims are fruitless. Clamped so 0 < medium < high < 1.
    """
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    pos = np.sort(p[y == 1])
    medium = float(pos[int(np.floor((1 - recall_target) * len(pos)))]) if len(pos) else 0.3
    high = None
    for t in np.unique(p):
        flagged = p >= t
        if flagged.sum() >= max(3, int(0.02 * len(p))) and y[flagged].mean() >= precision_target:
            high = float(t)
            break
    if high is None:
        high = 0.7
    medium = min(max(medium, 0.05), 0.9)
    high = min(max(high, medium + 0.05), 0.95)
    return {
        "medium": round(medium, 4),
        "high": round(high, 4),
        "rule": f"medium: recall of fruitless ≥ {recall_target} on out-of-fold predictions; "
        f"high: precision ≥ {precision_target}",
    }



def bootstrap_auc(y: Sequence[int], p: Sequence[float], n_boot: int = 1000, seed: int = 13,
                  level: float = 0.95) -> dict[str, Any] | None:
    """Percentile bootstrap interval of ROC-AUC (rows resampled with replacement)."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    if len(np.unique(y)) < 2:
        return None
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n_boot):
        i = rng.integers(0, len(y), len(y))
        if len(np.unique(y[i])) == 2:
            vals.append(roc_auc_score(y[i], p[i]))
    lo, hi = np.quantile(vals, [(1 - level) / 2, 1 - (1 - level) / 2])
    return {"low": _r(lo), "high": _r(hi), "level": level, "resamples": len(vals)}


def extremes(p: Sequence[float], low: float = 0.05, high: float = 0.95) -> dict[str, Any]:
    """How many scores lie above `high` or below `low` (the issue's overconfidence check)."""
    p = np.asarray(p, dtype=float)
    return {"above": int((p > high).sum()), "below": int((p < low).sum()), "high": high, "low": low,
            "min": _r(p.min()) if len(p) else None, "max": _r(p.max()) if len(p) else None}
