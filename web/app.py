"""The FastAPI application: `create_app()` wires routers, middleware and error handlers.

Layout follows FastAPI's "bigger applications": thin routers in web/routers, request models in
web/schemas.py, the Screener injected through `screening_web.dependencies.get_screener`, and all
screening done by `Screener.screen()` from the core.
"""
from __future__ import annotations

import os
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

import screening
from screening.pipeline import Screener
from screening.records.service import Recording, RecordingSettings
from screening_web.dependencies import get_screener, load_screener
from screening_web.errors import (
    error_for,
    error_page,
    http_exception_handler,
    timeout_exception_handler,
    validation_exception_handler,
)
from screening_web.limits import (
    BODY_TIME_LIMIT_S,
    MAX_BODY_BYTES,
    MAX_FORM_FIELDS,
    SCREEN_PROCESSES,
    SCREEN_THREADS,
    SCREEN_TIME_LIMIT_S,
    body_limit_for,
)
from screening_web.middleware import (
    AccessLogMiddleware,
    BodyTimeoutMiddleware,
    DeclaredLengthLimitMiddleware,
    FormCSRFMiddleware,
    HeadAsGetMiddleware,
    PrivateErrorsMiddleware,
    SecurityHeadersMiddleware,
    TrustedHostsMiddleware,
)
from screening_web.pool import ScreeningPool, ScreeningTimeout
from screening_web.routers import api, fix, guide, health, pages
from screening_web.routers import records as records_pages
from screening_web.templating import STATIC_DIR, templates

__all__ = ["create_app", "create_served_app", "get_screener"]

CSRF_SECRET_ENV = "SCREENING_CSRF_SECRET"
# The model the served app scores with: `screening serve --model DIR` sets it for its workers.
MODEL_ENV = "SCREENING_MODEL"
# The similar-rulings index (`screening serve --index DIR`, `make run` with SCREENING_INDEX); unset or "none": no panel.
INDEX_ENV = "SCREENING_INDEX"
# Host names the served app answers to, comma-separated (`screening serve` sets it from --host).
ALLOWED_HOSTS_ENV = "SCREENING_ALLOWED_HOSTS"
# Screening processes per server worker (default SCREEN_PROCESSES; 0 screens in threads instead).
SCREEN_PROCESSES_ENV = "SCREENING_SCREEN_PROCESSES"

API_DESCRIPTION = """\
Screens Persian civil petitions (دادخواست) before filing: missing Article 51 items, findings
with their legal basis, claim type and evidence checklist, competent court, deadline, and the
likelihood that the claim is dismissed as fruitless.

Errors have one shape: `{"error": {"code": "...", "message_fa": "..."}}`.
"""


def create_app(screener: Screener | None = None, *, model: str | None = "default", warm_up: bool = False,
               csrf_secret: str | None = None, index: str | None = None, allowed_hosts: list[str] | None = None,
               screen_time_limit_s: float = SCREEN_TIME_LIMIT_S, screen_processes: int = 0,
               records: Recording | None = None) -> FastAPI:
    """Build the web app.

    screener: the Screener to use; None means the process-wide default for `model` ("default" =
    the shipped model, "none", or a model directory; see `screening.pipeline.resolve_model`),
    built on first use (or at startup with warm_up=True, so the first request is not slow).
    csrf_secret: signs the CSRF cookie; defaults to $SCREENING_CSRF_SECRET, else a random one
    for this process (several worker processes must share one: `screening serve` sees to it).
    allowed_hosts: the Host names to answer (others get a 400); defaults to $SCREENING_ALLOWED_HOSTS,
    else any. screen_time_limit_s: the time limit of one petition's screening (a 503 past it).
    screen_processes: screen in that many processes of their own (for `model`; see screening_web.pool),
    or, with 0, in threads of this process (the only way for a given `screener`).
    records: the office records while recording is on (`screening serve --record`); None = off,
    and then nothing is written anywhere and the records pages answer 404.
    """
    if allowed_hosts is None:
        allowed_hosts = [h for h in os.environ.get(ALLOWED_HOSTS_ENV, "*").split(",") if h.strip()] or ["*"]
    if screener is not None:
        screen_processes = 0
    pool = ScreeningPool(time_limit_s=screen_time_limit_s, threads=SCREEN_THREADS, processes=screen_processes,
                         model=str(model), index=index)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            await run_in_threadpool(load_screener, app)
            await run_in_threadpool(pool.start)
        if records is not None:  # retention is enforced at every start-up
            await run_in_threadpool(records.store.purge, None, records.store.retain_days)
        try:
            yield
        finally:
            pool.close()
            if records is not None:
                records.close()

    app = FastAPI(
        title="غربالگری دادخواست (Petition screening)",
        description=API_DESCRIPTION,
        version=screening.__version__,
        docs_url=None,  # served below from local files: the office machine has no internet
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.screener = screener
    app.state.model = model
    app.state.index = index  # a similar-rulings index directory, or None
    app.state.screening_pool = pool
    app.state.records = records

    app.include_router(pages.router)
    app.include_router(fix.router)
    app.include_router(guide.router)
    app.include_router(api.router)
    app.include_router(health.router)
    app.include_router(records_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {"openapi_url": app.openapi_url})

    app.add_exception_handler(HTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(ScreeningTimeout, timeout_exception_handler)

    # Middleware added last runs first: access log → security headers → errors → trusted host →
    # HEAD as GET → body time limit → declared length → CSRF → routes.
    app.add_middleware(
        FormCSRFMiddleware,
        secret=csrf_secret or os.environ.get(CSRF_SECRET_ENV) or secrets.token_urlsafe(32),
        error_page=pages.refused_form_page,  # a stale token shows the form again, with its text
        max_body_bytes=MAX_BODY_BYTES,
        max_form_fields=MAX_FORM_FIELDS,
        # The JSON API is exempt: it accepts only application/json bodies (FastAPI's strict
        # content type), which a cross-site page cannot send without a CORS preflight that this
        # app never grants; it uses no cookies or other ambient credentials, and it changes no
        # state. Scripts must be able to call it without first fetching a cookie.
        exempt_urls=[re.compile(r"^/api/")],
        router=app.router,
    )
    app.add_middleware(DeclaredLengthLimitMiddleware, error_page=error_for, limit_for=body_limit_for)
    app.add_middleware(BodyTimeoutMiddleware, limit_s=BODY_TIME_LIMIT_S, error_page=error_for)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(TrustedHostsMiddleware, allowed_hosts=allowed_hosts, error_page=error_for)
    app.add_middleware(PrivateErrorsMiddleware, error_page=error_for)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware)
    return app


def create_served_app() -> FastAPI:
    """Factory for uvicorn (`screening_web.app:create_served_app`): the model of $SCREENING_MODEL
    (default: the shipped one) and the similar-rulings index of $SCREENING_INDEX (default: none), loaded at
    startup, screening in processes of its own, and the office records when $SCREENING_RECORD=1."""
    processes = int(os.environ.get(SCREEN_PROCESSES_ENV, SCREEN_PROCESSES))
    settings = RecordingSettings.from_env()
    # `screening serve --record` migrated the database before starting the workers; they only check.
    recording = Recording.open(settings, migrate_to_head=False, writer_process=True) if settings else None
    return create_app(model=os.environ.get(MODEL_ENV, "default"), warm_up=True, index=os.environ.get(INDEX_ENV) or None,
                      screen_processes=processes, records=recording)
