"""JSON API: POST /api/v1/screen and /api/v1/screen/batch.

Screening runs in the app's screening pool (screening_web.pool), never on the event loop: one long
petition must not hold up /healthz and every other connection of its worker process. Each request
has a time limit (screening_web.limits); past it the answer is a typed 503.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from screening.batch.rows import error_row, report_to_row
from screening.batch.writers import Layout, persian_values
from screening.pipeline import Screener, UnusableInput
from screening_web.dependencies import get_screener
from screening_web.errors import json_error
from screening_web.limits import BATCH_TIME_LIMIT_S, MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES
from screening_web.pool import screening_pool
from screening_web.schemas import BatchResponse, BatchScreenRequest, ErrorResponse, ReportOut, ScreenRequest

router = APIRouter(prefix="/api/v1", tags=["screening"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A request that cannot be read (code bad_request), e.g. a Host "
          "header this server does not answer to."},
    408: {"model": ErrorResponse, "description": "The body did not arrive within the time limit (code body_timeout)."},
    413: {"model": ErrorResponse, "description": "Request body larger than the limit (code body_too_large)."},
    415: {"model": ErrorResponse, "description": "A body that is not JSON (code unsupported_media_type)."},
    422: {
        "model": ErrorResponse,
        "description": "Text empty, not text, or over the character limit (codes empty, not_text, too_long), "
        "or a malformed request (invalid_request, too_many_texts).",
    },
    503: {"model": ErrorResponse, "description": "Screening took longer than the time limit (code timeout); retry later."},
}


@router.post(
    "/screen",
    summary="Screen one petition",
    response_model=None,
    responses={200: {"model": ReportOut, "description": "The report (petition-screening/report/v1)."}, **_ERRORS},
    max_body_size=MAX_BODY_BYTES,
)
async def screen_one(body: ScreenRequest, request: Request,
                     screener: Annotated[Screener, Depends(get_screener)]) -> JSONResponse:
    try:
        report = await screening_pool(request).screen(screener, body.text, body.today)
    except UnusableInput as exc:
        return json_error(422, exc.code, exc.message_fa)
    return JSONResponse(report.to_dict())


@router.post(
    "/screen/batch",
    summary="Screen up to 100 petitions",
    response_model=None,
    responses={200: {"model": BatchResponse, "description": "One result per text, in order."}, **_ERRORS},
    max_body_size=MAX_BATCH_BODY_BYTES,
)
async def screen_batch(
    body: BatchScreenRequest,
    request: Request,
    screener: Annotated[Screener, Depends(get_screener)],
    lang: Annotated[
        Literal["en", "fa"],
        Query(description="fa: the response also has `rows_fa`, one row per text with Persian column names "
                          "and values (as `screening score --lang fa` writes them), for staff."),
    ] = "en",
) -> JSONResponse:
    # One unusable text must not lose the others: each gets its report or its own error.
    outcomes = await screening_pool(request).screen_many(screener, body.texts, body.today, BATCH_TIME_LIMIT_S)
    results = [
        {"index": i, "error": {"code": o.code, "message_fa": o.message_fa}} if isinstance(o, UnusableInput)
        else {"index": i, "report": o.to_dict()}
        for i, o in enumerate(outcomes)
    ]
    payload: dict[str, Any] = {"results": results}
    if lang == "fa":
        rows = [error_row(str(i), o.message_fa) if isinstance(o, UnusableInput) else report_to_row(str(i), o)
                for i, o in enumerate(outcomes)]
        header = Layout(lang="fa").header()
        payload["rows_fa"] = [dict(zip(header, persian_values(row, probability_as_number=True))) for row in rows]
    return JSONResponse(payload)
