"""Dependencies injected into the routers (override them in tests with app.dependency_overrides)."""
from __future__ import annotations

import threading

from fastapi import FastAPI, Request

from screening.pipeline import Screener, default_screener

_default_lock = threading.Lock()


def load_screener(app: FastAPI) -> Screener:
    """The Screener of this app; the first call without one builds the process-wide default.

    Sync endpoints run in a thread pool, so the first requests could race to build the
    default; the lock makes sure hazm and the model load once.
    """
    screener = app.state.screener
    if screener is None:
        with _default_lock:
            if app.state.screener is None:
                app.state.screener = default_screener(app.state.model, getattr(app.state, "index", None))
            screener = app.state.screener
    return screener


def get_screener(request: Request) -> Screener:
    return load_screener(request.app)
