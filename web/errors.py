"""Errors as people and scripts see them: a Persian page, or a typed JSON error under /api/.

JSON errors have one shape: {"error": {"code": ..., "message_fa": ..., "details": [...]?}}.
Validation details name where a request went wrong and never echo what was submitted.
"""
from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from screening.document import UNUSABLE_MESSAGES
from screening.pipeline import MAX_CHARS
from screening_web.limits import MAX_BATCH_TEXTS, SCREEN_TIME_LIMIT_S
from screening_web.pool import ScreeningTimeout
from screening_web.presentation import fa_number
from screening_web.templating import templates

API_PREFIX = "/api/"

TOO_LARGE_FA = (
    f"متن ارسال‌شده بیش از اندازه بزرگ است. حداکثر طول دادخواست {fa_number(MAX_CHARS)} نویسه است؛ "
    "لطفاً فقط متن خود دادخواست را وارد کنید."
)

TIMEOUT_FA = (
    "بررسی این متن بیش از {seconds} ثانیه طول کشید و متوقف شد؛ سامانه سرش شلوغ است. لطفاً چند لحظه بعد دوباره بفرستید."
)

# (code, Persian message) per HTTP status, for errors that do not come with their own message.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "درخواست قابل خواندن نبود؛ لطفاً دوباره تلاش کنید."),
    403: (
        "csrf_failed",
        "اعتبار فرم به پایان رسیده یا فرم از صفحه‌ای دیگر فرستاده شده است. لطفاً صفحه را دوباره باز کنید و متن را دوباره بفرستید.",
    ),
    404: ("not_found", "صفحه یا نشانی درخواستی پیدا نشد."),
    405: ("method_not_allowed", "این نشانی این نوع درخواست را نمی‌پذیرد."),
    408: ("body_timeout", "بدنه درخواست در زمان مجاز به سرور نرسید؛ لطفاً دوباره تلاش کنید."),
    413: ("body_too_large", TOO_LARGE_FA),
    415: ("unsupported_media_type", "بدنه درخواست باید JSON باشد (Content-Type: application/json)."),
    422: ("invalid_request", "درخواست نامعتبر است."),
    431: ("headers_too_large", "سرآیندهای درخواست بیش از اندازه بزرگ است."),
    500: ("internal_error", "خطایی در سامانه رخ داد. متن شما ذخیره نشده است؛ لطفاً دوباره تلاش کنید."),
    503: ("timeout", TIMEOUT_FA.format(seconds=fa_number(int(SCREEN_TIME_LIMIT_S)))),
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def json_error(status: int, code: str, message_fa: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message_fa": message_fa}
    if details is not None:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status)


def error_page(request: Request, status: int, message_fa: str = "") -> Response:
    """A full Persian page for an error on the HTML side."""
    code, default_message = STATUS_ERRORS.get(status, STATUS_ERRORS[500])
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "code": code, "message_fa": message_fa or default_message},
        status_code=status,
    )


def error_for(request: Request, status: int, message_fa: str = "") -> Response:
    if is_api(request):
        code, default_message = STATUS_ERRORS.get(status, STATUS_ERRORS[500])
        return json_error(status, code, message_fa or default_message)
    return error_page(request, status, message_fa)


async def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    response = error_for(request, exc.status_code)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


# Pydantic error types → Persian, for the fields of our request models.
_VALIDATION_FA = {
    "missing": "فیلد «{field}» لازم است.",
    "string_type": "مقدار «{field}» باید متن باشد.",
    "list_type": "مقدار «{field}» باید فهرستی از متن‌ها باشد.",
    "too_short": "«{field}» دست‌کم یک متن می‌خواهد.",
    "too_long": f"«{{field}}» حداکثر {fa_number(MAX_BATCH_TEXTS)} متن در هر درخواست می‌پذیرد.",
    "extra_forbidden": "فیلد «{field}» شناخته‌شده نیست.",
    "json_invalid": "بدنه درخواست JSON معتبر نیست.",
    "model_attributes_type": "بدنه درخواست باید یک شیء JSON باشد.",
    "dict_type": "بدنه درخواست باید یک شیء JSON باشد.",
    "date_from_datetime_parsing": "«{field}» باید تاریخ میلادی به شکل YYYY-MM-DD باشد.",
    "date_parsing": "«{field}» باید تاریخ میلادی به شکل YYYY-MM-DD باشد.",
    "date_type": "«{field}» باید تاریخ میلادی به شکل YYYY-MM-DD باشد.",
    "value_error": "«{field}» باید تاریخ میلادی میان ۱۹۰۰-۰۱-۰۱ و ۲۰۹۹-۱۲-۳۱ باشد.",
}
# The petition's length checks, declared in the schema, keep the screener's codes and messages.
_TEXT_CHECKS = {"string_too_short": "empty", "too_short": "empty", "string_too_long": "too_long", "too_long": "too_long"}


async def validation_exception_handler(request: Request, exc: RequestValidationError) -> Response:
    details = []
    messages = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part != "body"]
        field = ".".join(loc) or "body"
        if loc == ["text"] and err.get("type") in _TEXT_CHECKS and len(exc.errors()) == 1 and is_api(request):
            code = _TEXT_CHECKS[err["type"]]
            return json_error(422, code, UNUSABLE_MESSAGES[code])
        details.append({"loc": loc, "type": err.get("type"), "msg": err.get("msg")})
        template = _VALIDATION_FA.get(err.get("type", ""), "مقدار «{field}» نامعتبر است.")
        messages.append(template.format(field=field))
    code = "too_many_texts" if any(d["type"] == "too_long" and d["loc"] == ["texts"] for d in details) else "invalid_request"
    message = " ".join(dict.fromkeys(messages)) or STATUS_ERRORS[422][1]
    if not is_api(request):
        return error_page(request, 422, message)
    if _sent_non_json(request):
        code, message = STATUS_ERRORS[415]
        return json_error(415, code, message)
    return json_error(422, code, message, details)


def _sent_non_json(request: Request) -> bool:
    """A body with a Content-Type other than JSON (FastAPI's strict content type leaves it unparsed)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return bool(content_type) and not (content_type == "application/json" or content_type.endswith("+json"))


async def timeout_exception_handler(request: Request, exc: ScreeningTimeout) -> Response:
    response = error_for(request, 503, TIMEOUT_FA.format(seconds=fa_number(int(exc.limit_s))))
    response.headers["retry-after"] = "5"
    return response
