"""The guided fix: answers → the corrected petition in the official layout, screened again, downloadable.

Nothing is stored: the original text and the answers come with the form, the corrected petition
goes back in the page, and the download posts it back to be turned into a file.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from screening.petition_writer import Answers, petition_docx, write_petition
from screening.pipeline import Screener, UnusableInput
from screening_web.dependencies import get_screener
from screening_web.limits import MAX_BODY_BYTES, MAX_FORM_FIELDS
from screening_web.routers.pages import form_text, office_name, page
from screening_web.templating import templates

router = APIRouter(include_in_schema=False)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_NAME = "petition-corrected"


def compare(before: list, after: list) -> tuple[list, list, list]:
    """(gone, remaining, new) findings, matched by code: what the fix removed, what it left, what it added."""
    before_codes = {f.code for f in before}
    after_codes = {f.code for f in after}
    gone = [f for f in before if f.code not in after_codes]
    remaining = [f for f in after if f.code in before_codes]
    new = [f for f in after if f.code not in before_codes]
    return gone, remaining, new


@router.post("/fix", response_class=HTMLResponse, name="guided_fix", max_body_size=MAX_BODY_BYTES)
async def guided_fix(request: Request, screener: Annotated[Screener, Depends(get_screener)]) -> HTMLResponse:
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0, max_part_size=MAX_BODY_BYTES)
    text = form_text(form.get("text"))
    documents = [v for v in form.getlist("document") if isinstance(v, str)]
    answers = Answers.from_form(form, evidence_items=documents)
    try:
        before = await run_in_threadpool(screener.screen, text)
        petition = write_petition(text, before, answers)
        after = await run_in_threadpool(screener.screen, petition)
    except UnusableInput as exc:
        return page(request, text=text, error=exc.message_fa, status=422)
    gone, remaining, new = compare(before.findings, after.findings)
    context = {
        "petition": petition,
        "gone": gone,
        "remaining": remaining,
        "new": new,
        "csrf_token": request.state.csrf_token,
        "office_name": office_name(),
    }
    return templates.TemplateResponse(request, "fix.html", context)


@router.post("/fix/download", name="fix_download", max_body_size=MAX_BODY_BYTES)
async def fix_download(request: Request) -> Response:
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0, max_part_size=MAX_BODY_BYTES)
    petition = form_text(form.get("petition"))
    if form.get("format") == "txt":
        return Response(
            petition.encode("utf-8"),
            media_type="text/plain; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{FILE_NAME}.txt"'},
        )
    data = await run_in_threadpool(petition_docx, petition)
    return Response(data, media_type=DOCX_TYPE, headers={"content-disposition": f'attachment; filename="{FILE_NAME}.docx"'})
