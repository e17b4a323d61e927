"""Screening off the event loop, with a time limit on every request.

Two kinds of pool, one interface (`screen`, `screen_many`):
- processes (what `screening serve` runs): each worker process of the server has a few screening
  processes, started at startup, each with its own screener for the served model. Screening is
  CPU work, and Python's `re` holds the interpreter lock for a whole search: a search over a
  200,000-character petition can take a few hundred milliseconds, during which no other thread of
  the process runs. In another process it cannot hold up the event loop, so /healthz and the other
  connections are answered meanwhile.
- threads (an app built around a given `Screener` object, as the tests and library users do):
  the screener cannot be handed to another process, so it runs in a thread.

A screening past its limit cannot be stopped from outside; its client gets a 503 at once, the
texts of a batch that have not started are dropped, and the one running finishes on its own
(screening is linear in the text's length, so that is bounded).
"""
from __future__ import annotations

import asyncio
import datetime as _dt
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from starlette.requests import Request

from screening.pipeline import Screener, UnusableInput, default_screener
from screening.report import Report


class ScreeningTimeout(Exception):
    """Screening took longer than the request's time limit; answered with a 503."""

    def __init__(self, limit_s: float):
        super().__init__(limit_s)
        self.limit_s = limit_s


# --- in a screening process ------------------------------------------------------------------------

_PROCESS_SCREENER: list[tuple[str, str | None]] = []  # (model, index) of this screening process


def _start_process(model: str, index: str | None = None) -> None:
    # Ctrl+C reaches the whole process group; the server stops its pool itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _PROCESS_SCREENER.append((model, index))
    default_screener(model, index)  # hazm, the model and the index load now, not on the first request


def _screen_in_process(text: str, today: _dt.date | None) -> Report | tuple[str, str]:
    try:
        return default_screener(*_PROCESS_SCREENER[0]).screen(text, today=today)
    except UnusableInput as exc:  # its constructor takes two arguments: sent back as a plain pair
        return exc.code, exc.message_fa


def _ready() -> int:
    time.sleep(0.2)  # long enough that each warm-up task lands on a process of its own
    return os.getpid()


def _unwrap(result: Report | tuple[str, str]) -> Report:
    if isinstance(result, tuple):
        raise UnusableInput(*result)
    return result


# --- the pool ------------------------------------------------------------------------------------


class ScreeningPool:
    """Screening in `processes` processes for `model` (and a similar-rulings `index`), or (processes=0) in `threads` threads."""

    def __init__(self, *, time_limit_s: float, threads: int = 4, processes: int = 0, model: str | None = None,
                 index: str | None = None):
        self.time_limit_s = time_limit_s
        self.threads = threads
        self.processes = processes
        self.model = model
        self.index = index
        self._executor: Executor | None = None

    @property
    def uses_processes(self) -> bool:
        return self.processes > 0

    def _get_executor(self) -> Executor:
        if self._executor is None:
            if self.uses_processes:
                method = "forkserver" if sys.platform != "win32" else "spawn"
                self._executor = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context(method),
                    initializer=_start_process,
                    initargs=(str(self.model), self.index),
                )
            else:
                self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="screening")
        return self._executor

    def start(self) -> None:
        """Start every screening process now (each loads hazm and the model), not on the first request."""
        if self.uses_processes:
            executor = self._get_executor()
            for future in [executor.submit(_ready) for _ in range(self.processes)]:
                future.result()

    def _submit(self, screener: Screener, text: str, today: _dt.date | None) -> Future:
        executor = self._get_executor()
        if self.uses_processes:
            return executor.submit(_screen_in_process, text, today)
        return executor.submit(screener.screen, text, today)

    async def screen(self, screener: Screener, text: str, today: _dt.date | None = None) -> Report:
        """One petition's report; `UnusableInput` as screen() raises it; `ScreeningTimeout` past the limit."""
        (result,) = await self._gather(screener, [text], today, self.time_limit_s)
        if isinstance(result, UnusableInput):
            raise result
        return result

    async def screen_many(self, screener: Screener, texts: list[str], today: _dt.date | None,
                          time_limit_s: float) -> list[Report | UnusableInput]:
        """Each text's report or its `UnusableInput`, in order, all within one time limit."""
        return await self._gather(screener, texts, today, time_limit_s)

    async def _gather(self, screener: Screener, texts: list[str], today: _dt.date | None,
                      time_limit_s: float) -> list[Report | UnusableInput]:
        try:
            futures = [self._submit(screener, text, today) for text in texts]
        except BrokenProcessPool:
            self._reset()
            raise ScreeningTimeout(time_limit_s) from None
        waiting = [asyncio.wrap_future(f) for f in futures]
        try:
            results = await asyncio.wait_for(asyncio.gather(*waiting, return_exceptions=True), timeout=time_limit_s)
        except TimeoutError:
            for f in futures:
                f.cancel()  # the ones not started yet never start
            raise ScreeningTimeout(time_limit_s) from None
        out: list[Report | UnusableInput] = []
        for result in results:
            if isinstance(result, UnusableInput):
                out.append(result)
            elif isinstance(result, BrokenProcessPool):  # a screening process died (killed, out of memory)
                self._reset()
                raise ScreeningTimeout(time_limit_s)
            elif isinstance(result, BaseException):
                raise result
            else:
                try:
                    out.append(_unwrap(result))
                except UnusableInput as exc:
                    out.append(exc)
        return out

    def _reset(self, wait: bool = False) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)

    def close(self) -> None:
        """Stop the pool: texts not started are dropped; a running one finishes, then its process exits."""
        self._reset(wait=True)


def screening_pool(request: Request) -> ScreeningPool:
    return request.app.state.screening_pool


__all__ = ["ScreeningPool", "ScreeningTimeout", "screening_pool"]
