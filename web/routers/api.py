"""JSON API: POST /api/v1/screen and /api/v1/screen/batch.

One petition is screened on the event loop itself (`async def`): it takes about 3 ms of CPU, and
handing it to the thread pool cost about 0.75 ms more per request under load (thread hop and GIL
hand-over; measured with bench/bench_api.py: 224 → 269 req/s). A batch of up to 100 petitions
would hold the loop too long, so that endpoint stays a plain `def` and runs in the thread pool.
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from screening.batch.rows import error_row, report_to_row
from screening.batch.writers import Layout, persian_values
from screening.pipeline import Screener, UnusableInput
from screening_web.dependencies import get_screener
from screening_web.errors import json_error
from screening_web.limits import MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES
from screening_web.schemas import BatchResponse, BatchScreenRequest, ErrorResponse, ReportOut, ScreenRequest

router = APIRouter(prefix="/api/v1", tags=["screening"])

_ERRORS = {
    413: {"model": ErrorResponse, "description": "Request body larger than the limit (code body_too_large)."},
    422: {
        "model": ErrorResponse,
        "description": "Text empty, not text, or over the character limit (codes empty, not_text, too_long), "
        "or a malformed request (invalid_request, too_many_texts).",
    },
}


@router.post(
    "/screen",
    summary="Screen one petition",
    response_model=None,
    responses={200: {"model": ReportOut, "description": "The report (petition-screening/report/v1)."}, **_ERRORS},
    max_body_size=MAX_BODY_BYTES,
)
async def screen_one(body: ScreenRequest, screener: Annotated[Screener, Depends(get_screener)]) -> JSONResponse:
    try:
        report = screener.screen(body.text, today=body.today)
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
def screen_batch(
    body: BatchScreenRequest,
    screener: Annotated[Screener, Depends(get_screener)],
    lang: Annotated[
        Literal["en", "fa"],
        Query(description="fa: the response also has `rows_fa`, one row per text with Persian column names "
                          "and values (as `screening score --lang fa` writes them), for staff."),
    ] = "en",
) -> JSONResponse:
    # One unusable text must not lose the others: each gets its report or its own error.
    results = []
    rows = []
    for index, text in enumerate(body.texts):
        try:
            report = screener.screen(text, today=body.today)
        except UnusableInput as exc:
            results.append({"index": index, "error": {"code": exc.code, "message_fa": exc.message_fa}})
            rows.append(error_row(str(index), exc.message_fa))
            continue
        results.append({"index": index, "report": report.to_dict()})
        rows.append(report_to_row(str(index), report))
    payload: dict = {"results": results}
    if lang == "fa":
        header = Layout(lang="fa").header()
        payload["rows_fa"] = [dict(zip(header, persian_values(row, probability_as_number=True))) for row in rows]
    return JSONResponse(payload)
