"""The fruitless-claim model: features, backends, training, model directories.

`load_default_scorer(model_dir)` is what `screening.steps.build_default_steps` calls:
"default" → `<repo>/models/default` when it exists (else None: no score), a path → that
directory (errors are raised), None → None. Loaded scorers are cached per directory, so
building many Screeners loads a model once.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "default"

_CACHE: dict[tuple[str, float], Any] = {}
_LOCK = threading.Lock()


def load_default_scorer(model_dir: str | Path | None = "default") -> Any | None:
    if model_dir is None:
        return None
    if str(model_dir) == "default":
        path = DEFAULT_MODEL_DIR
        if not (path / "metadata.json").is_file():
            return None
    else:
        path = Path(model_dir)
    from screening.model.io import METADATA_FILE, load_model

    meta = path / METADATA_FILE
    key = (str(path.resolve()), meta.stat().st_mtime if meta.exists() else 0.0)
    with _LOCK:
        scorer = _CACHE.get(key)
        if scorer is None:
            scorer = load_model(path)
            _CACHE[key] = scorer
    return scorer


def score_step(model_dir: str | Path | None = "default") -> Any | None:
    """The pipeline step for `model_dir`, or None when there is no model to score with."""
    scorer = load_default_scorer(model_dir)
    if scorer is None:
        return None
    from screening.model.step import ScoreFruitlessness

    return ScoreFruitlessness(scorer)
