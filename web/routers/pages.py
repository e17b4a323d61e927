"""The HTML form for office staff: paste a petition, see what is missing and what to ask for."""
from __future__ import annotations

import os
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from screening.pipeline import MAX_CHARS, Screener, UnusableInput, default_model_dir
from screening_web.dependencies import get_screener
from screening_web.errors import error_page
from screening_web.examples import example_text, list_examples
from screening_web.limits import MAX_BODY_BYTES, MAX_FORM_FIELDS
from screening_web.pool import screening_pool
from screening_web.presentation import build_view, model_quality_fa
from screening_web.templating import templates

router = APIRouter(include_in_schema=False)

# The office's name on the page header and the citizen's notice (`screening serve --office-name`).
OFFICE_NAME_ENV = "SCREENING_OFFICE_NAME"
# Routes whose refused form (stale CSRF token) is shown again with what was typed.
FORM_PATHS = ("/", "/fix")
STALE_FORM_NOTE_FA = (
    "اعتبار فرم به پایان رسیده بود (مثلاً سامانه دوباره راه‌اندازی شده است). متن شما سر جایش است؛ "
    "دوباره «بررسی دادخواست» را بزنید."
)


def office_name() -> str:
    return os.environ.get(OFFICE_NAME_ENV, "").strip()


def model_dir_of(screener: Screener) -> Any:
    """Where the screener's model lives (for its real-data figure), or None."""
    spec = getattr(screener, "model_dir", None)
    if spec is None or str(spec).lower() == "none":
        return None
    if str(spec) == "default":
        return default_model_dir()
    return spec


def page(request: Request, *, text: str = "", view: Any = None, error: str | None = None,
         note: str | None = None, status: int = 200, reference: str | None = None) -> HTMLResponse:
    context = {
        "recording": request.app.state.records,  # the form says plainly when recording is on
        "record_reference": reference,  # where the page posts the expert's decisions, when recorded
        "text": text,
        "view": view,
        "error": error,
        "note": note,
        "focus_report": view is not None and not error,
        "examples": list_examples(),
        "max_chars": MAX_CHARS,
        "csrf_token": request.state.csrf_token,
        "office_name": office_name(),
    }
    return templates.TemplateResponse(request, "index.html", context, status_code=status)


@router.get("/", response_class=HTMLResponse, name="index")
def index(request: Request, example: str | None = None) -> HTMLResponse:
    text = example_text(example) if example is not None else None
    return page(request, text=text or "")


def form_text(value: Any) -> str:
    # Browsers send a textarea's line breaks as CRLF; what the person typed had LF.
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


async def screen_and_show(request: Request, screener: Screener, text: str) -> HTMLResponse:
    try:
        report = await screening_pool(request).screen(screener, text)
    except UnusableInput as exc:
        return page(request, text=text, error=exc.message_fa, status=422)
    view = build_view(report, text, quality_fa=model_quality_fa(report.model, model_dir_of(screener)))
    records = request.app.state.records
    # Only queued here (a hash and a few codes, ~0.05 ms): no wait for the database.
    reference = records.record(report, text) if records is not None else None
    return page(request, text=text, view=view, reference=reference)


@router.post("/", response_class=HTMLResponse, name="screen_form", max_body_size=MAX_BODY_BYTES)
async def screen_form(request: Request, screener: Annotated[Screener, Depends(get_screener)]) -> HTMLResponse:
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0, max_part_size=MAX_BODY_BYTES)
    return await screen_and_show(request, screener, form_text(form.get("text")))


def refused_form_page(request: Request, status: int, message_fa: str = "") -> Response:
    """The CSRF middleware's error page: a stale form comes back with its text, a fresh token and a note.

    A token goes stale when the server restarts (a new secret) or the cookie expired; the person
    must not lose a pasted petition for that. The middleware leaves the refused body in the scope
    state and sets a fresh cookie; the form is shown again (status 403) and nothing is screened.
    """
    body = request.scope.get("state", {}).get("refused_form_body")
    content_type = request.headers.get("content-type", "")
    if status == 403 and body and request.url.path in FORM_PATHS and content_type.startswith(
        "application/x-www-form-urlencoded"
    ):
        try:
            fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=MAX_FORM_FIELDS)
        except ValueError:  # more fields than any of our forms has
            fields = {}
        text = form_text((fields.get("text") or [""])[0])
        return page(request, text=text, note=STALE_FORM_NOTE_FA, status=403)
    return error_page(request, status, message_fa)
