"""Scoring on a Dask cluster: `--dask local` starts one here, `--dask tcp://HOST:PORT` joins one.

Batches are submitted a bounded number ahead and their results taken in submission order, so
the output is the same rows, in the same order, with the same numbers as `--jobs 1`. Each worker
process builds its Screener once (module-level cache below) and reuses it for every batch.
Workers need this package (and the model directory named by `--model`) installed.
"""
from __future__ import annotations

import datetime as _dt
import logging
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from screening.batch.readers import InputRow
from screening.batch.rows import screen_batch
from screening.batch.runner import ScreenerUnavailable, make_screener

def _worker_screener(model: str | Path | None, index: str | Path | None = None) -> Any:
    # make_screener caches per process and model (under a lock: a worker may run several threads),
    # so a Dask worker builds its Screener on its first task and reuses it for every later batch.
    return make_screener(model, index)


def _warm_worker(model: str | Path | None, index: str | Path | None = None) -> str:
    """Run once on every worker before scoring: loads the model, or says why it cannot."""
    try:
        _worker_screener(model, index)
    except ScreenerUnavailable as exc:
        return str(exc)
    return ""


def _score_on_worker(batch: list[InputRow], model: str | Path | None, today: _dt.date,
                     index: str | Path | None = None) -> list[dict[str, Any]]:
    return screen_batch(_worker_screener(model, index), batch, today)


class DaskRunner:
    def __init__(
        self,
        address: str,
        jobs: int,
        model: str | Path | None,
        today: _dt.date,
        max_inflight: int | None = None,
        index: str | Path | None = None,
    ):
        self.address = address
        self.jobs = jobs
        self.model = model
        self.index = index
        self.today = today
        self.max_inflight = max_inflight
        self._cluster: Any = None
        self._client: Any = None
        self._run_id = uuid.uuid4().hex  # distinct task keys: Dask would reuse results of equal keys

    def start(self) -> None:
        from distributed import Client, LocalCluster

        if self.address == "local":
            self._cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(self.address, timeout="30s")
            except OSError as exc:
                raise ScreenerUnavailable(f"خوشهٔ Dask در {self.address} در دسترس نیست ({type(exc).__name__}).") from None
        problems = {w: msg for w, msg in self._client.run(_warm_worker, self.model, self.index).items() if msg}
        if problems:
            raise ScreenerUnavailable(next(iter(problems.values())))
        if self.max_inflight is None:
            workers = max(1, len(self._client.scheduler_info().get("workers", {})))
            self.max_inflight = 3 * workers

    def map(self, batches: Iterable[list[InputRow]]) -> Iterator[list[dict[str, Any]]]:
        pending: deque[Any] = deque()
        for i, batch in enumerate(batches):
            if len(pending) >= (self.max_inflight or 1):
                yield self._take(pending.popleft())
            pending.append(
                self._client.submit(_score_on_worker, batch, self.model, self.today, self.index, key=f"screen-{self._run_id}-{i}")
            )
        while pending:
            yield self._take(pending.popleft())

    @staticmethod
    def _take(future: Any) -> list[dict[str, Any]]:
        result = future.result()
        future.release()
        return result

    def close(self, abort: bool = False) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
