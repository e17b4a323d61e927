"""The screening pipeline: named steps over one `Document`, ending in a `Report`.

text → normalise → parse → petition_kind → claim_type → forum → check → deadline → score → Report

`Screener(steps)` runs them: `screen(text)` for one petition, `pipe(texts, batch_size)` for many
(rule steps per text, and a step with a `pipe(docs)` method — the model's — once per batch).
`resolve_model()` is the one place that reads a `--model` value ("default", "none" or a
directory) and `default_screener()` the one process-wide cache of screeners.
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

__all__ = [
    "MAX_CHARS",
    "Document",
    "ModelLoadError",
    "Screener",
    "Step",
    "UnusableInput",
    "default_model_dir",
    "default_screener",
    "default_steps",
    "resolve_model",
    "screen",
    "validate_input",
]

ModelSpec = str | Path | None  # "default", "none"/None, or a model directory


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


def default_steps(model: ModelSpec | Scorer = "default") -> list[Step]:
    """The rule steps, then the score step when there is a model."""
    steps: list[Step] = [Normalise(), Parse(), ClassifyPetition(), RecogniseClaimType(), RouteForum(), CheckRules(), CheckDeadline()]
    scorer = model if isinstance(model, Scorer) else resolve_model(model)
    if scorer is not None:
        steps.append(ScoreFruitlessness(scorer))
    return steps


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Screener:
    """Runs the pipeline. Parameters in the constructor, as scikit-learn does.

    model_dir: what `resolve_model()` reads ("default", "none"/None, a directory) — used only when
    `steps` is not given; steps: the steps to run, in order (see `default_steps`).
    """

    def __init__(self, model_dir: ModelSpec = "default", steps: list[Step] | None = None):
        self.model_dir = model_dir
        self.steps: list[Step] = steps if steps is not None else default_steps(model_dir)

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


_SCREENERS: dict[str, Screener] = {}
_SCREENERS_LOCK = threading.Lock()


def default_screener(model: ModelSpec = "default") -> Screener:
    """One process-wide screener per model value: hazm and the model load once, under a lock."""
    key = "none" if model is None else str(model)
    with _SCREENERS_LOCK:
        screener = _SCREENERS.get(key)
        if screener is None:
            screener = _SCREENERS[key] = Screener(model_dir=model)
    return screener


def screen(text: str, today: _dt.date | None = None) -> Report:
    """Screen one petition with the shipped model: the entry point everything calls."""
    return default_screener().screen(text, today=today)
