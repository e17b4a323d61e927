"""Office records pages: login, dashboard, outcome entry, export, and the expert's per-finding decisions.

Thin: the work is in screening.records. Every route answers 404 while recording is off (the
default), so an office that never turned it on shows none of this. Pages other than the
decisions endpoint need a logged-in staff member.
"""
from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from screening.records.dashboard import Filters, build_dashboard
from screening.records.export import iter_records
from screening.records.service import Recording
from screening.records.store import MAX_REASON_CHARS, Decision, RecordsError
from screening.text.digits import fold_digits
from screening.text.jalali import InvalidJalaliDate, parse_jalali_date
from screening_web.errors import json_error
from screening_web.limits import MAX_FORM_FIELDS
from screening_web import records_view as V
from screening_web.templating import templates

router = APIRouter(include_in_schema=False)

SESSION_COOKIE = "screening_session"
FORM_LIMIT = 64 * 1024


def get_recording(request: Request) -> Recording:
    recording = getattr(request.app.state, "records", None)
    if recording is None:
        raise HTTPException(404)
    return recording


RecordingDep = Annotated[Recording, Depends(get_recording)]


def current_user(request: Request, recording: Recording) -> str | None:
    """The logged-in user, if the session cookie is good and its password epoch still current."""
    session = recording.signer.read(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return None
    username, epoch = session
    return username if recording.accounts.session_epoch(username) == epoch else None


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)


def _quote(s: str) -> str:
    return quote(s, safe="/")


def _safe_next(value: str | None) -> str:
    """Only a path on this site: never //host or a scheme (an open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/dashboard"
    return value


def _render(request: Request, name: str, context: dict, status: int = 200, user: str | None = None) -> HTMLResponse:
    base = {"csrf_token": request.state.csrf_token, "user": user, "V": V}
    return templates.TemplateResponse(request, f"records/{name}", {**base, **context}, status_code=status)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0, max_part_size=FORM_LIMIT)
    return {k: v for k, v in form.items() if isinstance(v, str)}


# --- login ----------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse, name="login")
def login_page(request: Request, recording: RecordingDep, next: str | None = None) -> HTMLResponse:
    return _render(request, "login.html", {"next": _safe_next(next), "error": None,
                                           "insecure": request.url.scheme != "https"})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, recording: RecordingDep) -> Response:
    # Argon2 takes tens of milliseconds on purpose: it runs in the thread pool, not on the loop.
    form = await _form(request)
    username, password = form.get("username", "").strip(), form.get("password", "")
    target = _safe_next(form.get("next"))
    result = await run_in_threadpool(recording.accounts.authenticate, username, password)
    if not result.ok:
        if result.locked_until is not None:
            minutes = max(1, int((result.locked_until - _dt.datetime.now(_dt.timezone.utc)).total_seconds() // 60) + 1)
            error = f"به دلیل چند تلاش نادرست پشت‌سرهم، این حساب تا {V.to_fa_digits(minutes)} دقیقه دیگر قفل است."
        else:
            error = "نام کاربری یا گذرواژه درست نیست."
        return _render(request, "login.html", {"next": target, "error": error,
                                               "insecure": request.url.scheme != "https"}, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, recording.signer.sign(result.username or username, result.session_epoch),
        max_age=recording.signer.max_age_s, httponly=True, samesite="strict",
        secure=request.url.scheme == "https", path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, recording: RecordingDep) -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


# --- dashboard ------------------------------------------------------------------------------


@router.get("/dashboard", response_class=HTMLResponse, name="dashboard")
def dashboard(request: Request, recording: RecordingDep, weeks: int = 12, office: str | None = None,
              claim_type: str | None = None) -> Response:
    user = current_user(request, recording)
    if user is None:
        return _login_redirect(request)
    filters = Filters(weeks=min(max(weeks, 1), 104), office_id=office or None, claim_type=claim_type or None)
    recording.writer.flush()
    board = build_dashboard(recording.store, filters)
    return _render(request, "dashboard.html", {"view": V.dashboard_view(board), "filters": filters}, user=user)


# --- outcome entry --------------------------------------------------------------------------


def _normalise_reference(value: str) -> str:
    return fold_digits(value).strip().upper()


@router.get("/records", response_class=HTMLResponse, name="records_lookup")
def lookup(request: Request, recording: RecordingDep, reference: str | None = None) -> Response:
    user = current_user(request, recording)
    if user is None:
        return _login_redirect(request)
    if reference:
        return RedirectResponse(f"/records/{_quote(_normalise_reference(reference))}", status_code=303)
    return _render(request, "lookup.html", {"error": None}, user=user)


@router.get("/records/{reference}", response_class=HTMLResponse, name="record")
def record_page(request: Request, reference: str, recording: RecordingDep) -> Response:
    user = current_user(request, recording)
    if user is None:
        return _login_redirect(request)
    records = recording.find(_normalise_reference(reference))
    if not records:
        return _render(request, "lookup.html", {"error": "سابقه‌ای با این شماره پیگیری پیدا نشد."}, status=404, user=user)
    return _render(request, "record.html", {"records": records, "choices": V.OUTCOME_CHOICES, "error": None,
                                            "saved": request.query_params.get("saved") == "1"}, user=user)


@router.post("/records/{reference}/outcome", response_class=HTMLResponse)
async def enter_outcome(request: Request, reference: str, recording: RecordingDep) -> Response:
    user = await run_in_threadpool(current_user, request, recording)
    if user is None:
        return _login_redirect(request)
    form = await _form(request)
    reference = _normalise_reference(reference)
    error = None
    ruling_date = None
    raw_date = form.get("ruling_date", "").strip()
    if raw_date:
        try:
            ruling_date = parse_jalali_date(raw_date).to_gregorian()
        except InvalidJalaliDate as exc:
            error = exc.message_fa
    record_id = form.get("record_id")
    if error is None:
        try:
            await run_in_threadpool(
                lambda: recording.store.set_outcome(
                    reference, form.get("outcome", ""), ruling_number=form.get("ruling_number"),
                    ruling_date=ruling_date, entered_by=user,
                    record_id=int(record_id) if record_id and record_id.isdigit() else None,
                )
            )
        except RecordsError as exc:
            error = exc.message_fa
    if error is not None:
        records = await run_in_threadpool(recording.find, reference)
        if not records:
            return _render(request, "lookup.html", {"error": error}, status=404, user=user)
        return _render(request, "record.html", {"records": records, "choices": V.OUTCOME_CHOICES, "error": error,
                                                "saved": False}, status=422, user=user)
    return RedirectResponse(f"/records/{_quote(reference)}?saved=1", status_code=303)


# --- export ---------------------------------------------------------------------------------


@router.get("/records/export/{fmt}", name="records_export")
def export(request: Request, fmt: Literal["csv", "jsonl"], recording: RecordingDep) -> Response:
    user = current_user(request, recording)
    if user is None:
        return _login_redirect(request)
    recording.writer.flush()
    stamp = _dt.date.today().isoformat()
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"

    def body():
        if fmt == "csv":
            yield "\ufeff"  # BOM: Excel then reads the CSV as UTF-8
        yield from iter_records(recording.store.export_rows(), fmt)

    return StreamingResponse(body(), media_type=media,
                             headers={"content-disposition": f'attachment; filename="records-{stamp}.{fmt}"'})


# --- the expert's decisions on each finding ---------------------------------------------------


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=64, description="The finding's code, as in the report.")
    position: int | None = Field(default=None, ge=0, description="Index in the report's `findings`; none = every finding with this code.")
    decision: Literal["handled", "overridden"] | None = Field(description="null opens the finding again.")
    reason: str | None = Field(default=None, max_length=MAX_REASON_CHARS)


class DecisionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decisions: list[DecisionIn] = Field(min_length=1, max_length=200)


@router.post("/records/{reference}/decisions", name="record_decisions")
async def decisions(request: Request, reference: str, recording: RecordingDep) -> Response:
    """JSON (`application/json`, CSRF token in the `x-csrftoken` header) or a plain form post
    (fields code, position, decision, reason and csrftoken). No login: the expert at the form
    decides, and only someone who screened the text knows its reference."""
    is_json = request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
    try:
        if is_json:
            body = DecisionsIn.model_validate_json(await request.body())
        else:
            form = await _form(request)
            position = form.get("position", "").strip()
            body = DecisionsIn(decisions=[DecisionIn(
                code=form.get("code", ""), position=int(position) if position.isdigit() else None,
                decision=form.get("decision") or None, reason=form.get("reason") or None,
            )])
    except (ValidationError, ValueError):
        message = "درخواست تصمیم نامعتبر است: کد یافته، تصمیم (handled یا overridden) و برای نادیده گرفتن، دلیل لازم است."
        return json_error(422, "invalid_request", message) if is_json else _render(
            request, "decision_saved.html", {"error": message, "record": None}, status=422)
    items = [Decision(d.code, d.decision, d.reason, d.position) for d in body.decisions]
    try:
        view = await run_in_threadpool(recording.decide, _normalise_reference(reference), items)
    except RecordsError as exc:
        status = 404 if exc.code in ("not_found", "unknown_finding") else 422
        return json_error(status, exc.code, exc.message_fa) if is_json else _render(
            request, "decision_saved.html", {"error": exc.message_fa, "record": None}, status=status)
    if is_json:
        return JSONResponse({
            "reference": view.reference,
            "findings": [{"position": f.position, "code": f.code, "severity": f.severity,
                          "decision": f.decision, "reason": f.reason} for f in view.findings],
        })
    return _render(request, "decision_saved.html", {"error": None, "record": view})
