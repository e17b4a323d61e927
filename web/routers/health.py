"""GET /healthz: is the process up, and has the screener (hazm, model) loaded?"""
from __future__ import annotations

from fastapi import APIRouter, Request

import screening
from screening_web.schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, summary="Liveness and readiness")
def healthz(request: Request) -> HealthResponse:
    # Cheap on purpose: it reports whether the screener is loaded and never triggers the load.
    screener = request.app.state.screener
    return HealthResponse(
        status="ok",
        version=screening.__version__,
        screener_loaded=screener is not None,
        steps=list(screener.step_names) if screener is not None else [],
    )
