"""Runners turn batches of input rows into batches of output rows, in input order.

- `SequentialRunner`: one Screener in this process (`--jobs 1`).
- `ProcessPoolRunner`: N worker processes, each with ONE Screener (built once in this process and
  inherited by fork on Linux, or built in each worker's initializer where workers spawn); batches
  are submitted a bounded number ahead and collected in submission order, so memory stays flat
  however long the archive is (`Pool.imap` would read the whole input ahead).
- `screening.batch.dask_runner.DaskRunner`: the same contract on a Dask cluster (`job.make_runner` picks one).

Every runner has `start()` (load the model; fail before any output is written), `map(batches)`
and `close()`.
"""
from __future__ import annotations

import datetime as _dt
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from screening.batch.readers import InputRow
from screening.batch.rows import screen_batch
from screening.pipeline import Screener, default_screener

Batch = list[InputRow]
RowBatch = list[dict[str, Any]]


class ScreenerUnavailable(Exception):
    """The screener (model, hazm) could not be built; nothing can be scored."""


def make_screener(model: str | Path | None, index: str | Path | None = None) -> Screener:
    """The process-wide Screener for `--model` and `--index` (see `resolve_model`, `resolve_index`);
    forked workers inherit it."""
    try:
        return default_screener(model, index)
    except Exception as exc:
        raise ScreenerUnavailable(f"{type(exc).__name__}: {exc}") from None


class SequentialRunner:
    def __init__(self, model: str | Path | None, today: _dt.date, index: str | Path | None = None):
        self.model = model
        self.today = today
        self.index = index
        self._screener: Any = None

    def start(self) -> None:
        self._screener = make_screener(self.model, self.index)

    def map(self, batches: Iterable[Batch]) -> Iterator[RowBatch]:
        for batch in batches:
            yield screen_batch(self._screener, batch, self.today)

    def close(self, abort: bool = False) -> None:
        self._screener = None


# -- worker side of the process pool ----------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _exit_with_parent(parent_pid: int) -> None:
    """A worker whose parent was killed (SIGKILL, power cut of the shell) must not linger."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(1)


def _init_worker(model: str | Path | None, today: _dt.date, parent_pid: int, index: str | Path | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    _WORKER["today"] = today
    try:
        _WORKER["screener"] = make_screener(model, index)
    except ScreenerUnavailable as exc:
        # Raising here would make the pool respawn workers forever; report it on the first task.
        _WORKER["error"] = str(exc)


def _score_in_worker(batch: Batch) -> RowBatch:
    if "error" in _WORKER:
        raise ScreenerUnavailable(_WORKER["error"])
    return screen_batch(_WORKER["screener"], batch, _WORKER["today"])


def _can_fork() -> bool:
    # Only where fork is the platform's tested default (Linux); macOS and Windows spawn.
    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


class ProcessPoolRunner:
    def __init__(self, jobs: int, model: str | Path | None, today: _dt.date, max_inflight: int | None = None,
                 index: str | Path | None = None):
        self.jobs = jobs
        self.model = model
        self.index = index
        self.today = today
        self.max_inflight = max_inflight or 3 * jobs
        self._pool: Any = None

    def start(self) -> None:
        if _can_fork():
            # Load hazm and the model once here; forked workers share it instead of each loading it.
            make_screener(self.model, self.index)
            ctx = mp.get_context("fork")
        else:
            ctx = mp.get_context("spawn")
        self._pool = ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.model, self.today, os.getpid(), self.index))
        # One empty task per worker surfaces a model that does not load before output is opened.
        for r in [self._pool.apply_async(_score_in_worker, ([],)) for _ in range(self.jobs)]:
            r.get()

    def map(self, batches: Iterable[Batch]) -> Iterator[RowBatch]:
        pending: deque[Any] = deque()
        for batch in batches:
            if len(pending) >= self.max_inflight:
                yield pending.popleft().get()
            pending.append(self._pool.apply_async(_score_in_worker, (batch,)))
        while pending:
            yield pending.popleft().get()

    def close(self, abort: bool = False) -> None:
        if self._pool is None:
            return
        if abort:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()
        self._pool = None
