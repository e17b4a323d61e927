"""The HTML form for office staff: paste a petition, see what is missing and what to ask for."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from screening.pipeline import MAX_CHARS, Screener, UnusableInput
from screening_web.dependencies import get_screener
from screening_web.examples import example_text, list_examples
from screening_web.limits import MAX_BODY_BYTES, MAX_FORM_FIELDS
from screening_web.presentation import build_view
from screening_web.templating import templates

router = APIRouter(include_in_schema=False)


def _page(request: Request, *, text: str = "", view: Any = None, error: str | None = None, status: int = 200,
          reference: str | None = None):
    context = {
        "recording": request.app.state.records,  # the form says plainly when recording is on
        "record_reference": reference,  # where the page posts the expert's decisions, when recorded
        "text": text,
        "view": view,
        "error": error,
        "examples": list_examples(),
        "max_chars": MAX_CHARS,
        "csrf_token": request.state.csrf_token,
    }
    return templates.TemplateResponse(request, "index.html", context, status_code=status)


@router.get("/", response_class=HTMLResponse, name="index")
def index(request: Request, example: str | None = None) -> HTMLResponse:
    text = example_text(example) if example is not None else None
    return _page(request, text=text or "")


@router.post("/", response_class=HTMLResponse, name="screen_form", max_body_size=MAX_BODY_BYTES)
async def screen_form(request: Request, screener: Annotated[Screener, Depends(get_screener)]) -> HTMLResponse:
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0, max_part_size=MAX_BODY_BYTES)
    value = form.get("text")
    # Browsers send a textarea's line breaks as CRLF; what the person typed had LF.
    text = value.replace("\r\n", "\n") if isinstance(value, str) else ""
    try:
        report = await run_in_threadpool(screener.screen, text)
    except UnusableInput as exc:
        return _page(request, text=text, error=exc.message_fa, status=422)
    records = request.app.state.records
    # Only queued here (a hash and a few codes, ~0.05 ms): no thread hop, no wait for the database.
    reference = records.record(report, text) if records is not None else None
    return _page(request, text=text, view=build_view(report, text), reference=reference)
