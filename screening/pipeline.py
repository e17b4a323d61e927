"""The screening pipeline: named steps over one `Document`, ending in a `Report`.

text → normalise → parse → petition_kind → claim_type → forum → check → deadline → score → [similar] → Report

`Screener(steps)` runs them: `screen(text)` for one petition, `pipe(texts, batch_size)` for many
(rule steps per text, and a step with a `pipe(docs)` method — the model's — once per batch).
`resolve_model()` is the one place that reads a `--model` value ("default", "none" or a
directory), `resolve_index()` the one that reads an `--index` value (a similar-rulings index
directory or "none"), and `default_screener()` the one process-wide cache of screeners.
"""
from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Iterable, Iterator
from importlib.resources import files
from itertools import islice
from pathlib import Path

from screening.checks.deadlines.step import CheckDeadline
from screening.checks.steps import CheckRules, ClassifyPetition, Normalise, Parse, RecogniseClaimType, RouteForum
from screening.document import MAX_CHARS, BatchStep, Document, Step, UnusableInput, validate_input
from screening.model.io import METADATA_FILE, ModelLoadError, load_model
from screening.model.scorer import Scorer
from screening.model.step import ScoreFruitlessness
from screening.report import Report
from screening.similar import index as similar_index
from screening.similar.index import IndexLoadError, SimilarIndex, load_index
from screening.similar.step import FindSimilarRulings

__all__ = [
    "MAX_CHARS",
    "Document",
    "IndexLoadError",
    "ModelLoadError",
    "Screener",
    "Step",
    "UnusableInput",
    "default_model_dir",
    "default_screener",
    "default_steps",
    "resolve_index",
    "resolve_model",
    "screen",
    "validate_input",
]

ModelSpec = str | Path | None  # "default", "none"/None, or a model directory
IndexSpec = str | Path | None  # None/"none" (no similar rulings) or an index directory


def default_model_dir() -> Path:
    """Where the shipped model lives: `models/default/`, installed as package data of `screening_models`."""
    return Path(str(files("screening_models") / "default"))


_SCORERS: dict[tuple[str, float], Scorer] = {}
_SCORERS_LOCK = threading.Lock()


def resolve_model(model: ModelSpec = "default") -> Scorer | None:
    """Read a `--model` value: None or "none" → no model; "default" → the shipped model; else a directory.

    A model that is asked for and cannot be loaded raises `ModelLoadError` (never a silent report
    without a score). Loaded scorers are cached per directory and metadata time.
    """
    if model is None or str(model).lower() == "none":
        return None
    path = default_model_dir() if str(model) == "default" else Path(model)
    meta = path / METADATA_FILE
    if not meta.is_file():
        raise ModelLoadError(f"پوشه مدل «{path}» یافت نشد یا metadata.json ندارد (no model directory at {path})")
    key = (str(path.resolve()), meta.stat().st_mtime)
    with _SCORERS_LOCK:
        scorer = _SCORERS.get(key)
        if scorer is None:
            scorer = _SCORERS[key] = load_model(path)
    return scorer


_INDEXES: dict[tuple[str, float], SimilarIndex] = {}
_INDEXES_LOCK = threading.Lock()


def resolve_index(index: IndexSpec = None) -> SimilarIndex | None:
    """Read an `--index` value: None or "none" → no similar rulings; else an index directory.

    An index that is asked for and cannot be loaded raises `IndexLoadError`. Loaded indexes are
    cached per directory and metadata time, like models.
    """
    if index is None or str(index).strip() == "" or str(index).lower() == "none":
        return None
    path = Path(index)
    meta = path / similar_index.METADATA_FILE
    if not meta.is_file():
        return load_index(path)  # raises the Persian message for a missing directory
    key = (str(path.resolve()), meta.stat().st_mtime)
    with _INDEXES_LOCK:
        loaded = _INDEXES.get(key)
        if loaded is None:
            loaded = _INDEXES[key] = load_index(path)
    return loaded


def default_steps(model: ModelSpec | Scorer = "default", index: IndexSpec | SimilarIndex = None) -> list[Step]:
    """The rule steps, then the score step when there is a model, then `similar` when there is an index."""
    steps: list[Step] = [Normalise(), Parse(), ClassifyPetition(), RecogniseClaimType(), RouteForum(), CheckRules(), CheckDeadline()]
    scorer = model if isinstance(model, Scorer) else resolve_model(model)
    if scorer is not None:
        steps.append(ScoreFruitlessness(scorer))
    similar = index if isinstance(index, SimilarIndex) else resolve_index(index)
    if similar is not None:
        steps.append(FindSimilarRulings(similar))
    return steps


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Screener:
    """Runs the pipeline. Parameters in the constructor, as scikit-learn does.

    model_dir: what `resolve_model()` reads ("default", "none"/None, a directory) — used only when
    `steps` is not given; steps: the steps to run, in order (see `default_steps`); index_dir: what
    `resolve_index()` reads (None: no similar rulings) — used only when `steps` is not given.
    """

    def __init__(self, model_dir: ModelSpec = "default", steps: list[Step] | None = None,
                 index_dir: IndexSpec = None):
        self.model_dir = model_dir
        self.index_dir = index_dir
        self.steps: list[Step] = steps if steps is not None else default_steps(model_dir, index_dir)

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def screen(self, text: str, today: _dt.date | None = None) -> Report:
        return self.run(text, today=today).to_report()

    def run(self, text: str, today: _dt.date | None = None) -> Document:
        """Like `screen`, but returns the whole `Document` (for feature extraction and training)."""
        doc = Document(text=validate_input(text), today=today or _dt.date.today())
        for step in self.steps:
            doc = step(doc)
        return doc

    def pipe_docs(self, texts: Iterable[str], batch_size: int = 64,
                  today: _dt.date | None = None) -> Iterator[Document | UnusableInput]:
        """Each text's `Document`, in order, or the `UnusableInput` that stopped it (a batch loses nothing).

        Steps that have `pipe(docs)` (the model's score step) run once per batch on the documents
        that got that far; the others run text by text.
        """
        day = today or _dt.date.today()
        for texts_batch in _batches(texts, batch_size):
            results: list[Document | UnusableInput] = []
            for text in texts_batch:
                try:
                    results.append(Document(text=validate_input(text), today=day))
                except UnusableInput as exc:
                    results.append(exc)
            live = [i for i, d in enumerate(results) if isinstance(d, Document)]
            for step in self.steps:
                if isinstance(step, BatchStep):
                    docs = step.pipe([results[i] for i in live])
                    for i, doc in zip(live, docs):
                        results[i] = doc
                else:
                    for i in live:
                        results[i] = step(results[i])
            yield from results

    def pipe(self, texts: Iterable[str], batch_size: int = 64,
             today: _dt.date | None = None) -> Iterator[Report | UnusableInput]:
        """`screen()` for many texts, like spaCy's `nlp.pipe`: reports in input order, errors in place."""
        for item in self.pipe_docs(texts, batch_size=batch_size, today=today):
            yield item.to_report() if isinstance(item, Document) else item


_SCREENERS: dict[tuple[str, str], Screener] = {}
_SCREENERS_LOCK = threading.Lock()


def default_screener(model: ModelSpec = "default", index: IndexSpec = None) -> Screener:
    """One process-wide screener per model and index value: hazm, the model and the index load once, under a lock."""
    key = ("none" if model is None else str(model), "none" if index is None else str(index))
    with _SCREENERS_LOCK:
        screener = _SCREENERS.get(key)
        if screener is None:
            screener = _SCREENERS[key] = Screener(model_dir=model, index_dir=index)
    return screener


def screen(text: str, today: _dt.date | None = None) -> Report:
    """Screen one petition with the shipped model: the entry point everything calls."""
    return default_screener().screen(text, today=today)
