"""Screening off the event loop: a small thread pool per app, and a time limit on every request."""
from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from starlette.requests import Request

T = TypeVar("T")


class ScreeningTimeout(Exception):
    """Screening took longer than the request's time limit; answered with a 503."""

    def __init__(self, limit_s: float):
        super().__init__(limit_s)
        self.limit_s = limit_s


class ScreeningPool:
    """Runs screening in worker threads; the event loop only waits, with a time limit.

    A thread cannot be stopped from outside, so a screening that passes its limit runs on to
    its end (bounded: screening is linear in the text's length) while its client already has
    the 503; `on_timeout` lets the caller ask a long job (a batch) to stop between texts.
    """

    def __init__(self, threads: int, time_limit_s: float):
        self.threads = threads
        self.time_limit_s = time_limit_s
        self._executor: ThreadPoolExecutor | None = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="screening")
        return self._executor

    async def run(self, fn: Callable[..., T], *args: object, time_limit_s: float | None = None,
                  on_timeout: Callable[[], None] | None = None) -> T:
        limit = self.time_limit_s if time_limit_s is None else time_limit_s
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.executor, functools.partial(fn, *args))
        try:
            return await asyncio.wait_for(future, timeout=limit)
        except TimeoutError:
            if on_timeout is not None:
                on_timeout()
            raise ScreeningTimeout(limit) from None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def screening_pool(request: Request) -> ScreeningPool:
    return request.app.state.screening_pool
