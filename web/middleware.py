"""ASGI middleware of the web app: access log without petition text, security headers, form CSRF.

All three are plain ASGI (no BaseHTTPMiddleware), so they add little to each request.
"""
from __future__ import annotations

import http.cookies
import logging
import time
import traceback
from collections.abc import Callable
from re import Pattern

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette_csrf import CSRFMiddleware

access_log = logging.getLogger("screening.web.access")
error_log = logging.getLogger("screening.web.error")


def route_template(scope: Scope) -> str:
    """The matched route's path pattern, never the raw path.

    A raw path or query string can carry anything a client typed, including petition text
    (GET /<text> is a 404 but still a log line); a route pattern like "/api/v1/screen" cannot.
    """
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not path:
        return "<unmatched>"
    if scope.get("path", "").startswith(path + "/"):  # a Mount, e.g. /static
        return path + "/…"
    return path


class AccessLogMiddleware:
    """One line per request: method, route pattern, status, milliseconds. No bodies, no queries."""

    def __init__(self, app: ASGIApp, logger: logging.Logger = access_log) -> None:
        self.app = app
        self.logger = logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app fails before answering, ServerErrorMiddleware sends a 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            if self.logger.isEnabledFor(logging.INFO):
                ms = (time.perf_counter() - started) * 1000
                self.logger.info("%s %s %d %.1fms", scope["method"], route_template(scope), status, ms)


class PrivateErrorsMiddleware:
    """Answers an unexpected exception with `error_page(500)` and logs it without its message.

    An exception's message can quote the input it choked on, i.e. petition text; the log gets
    the exception type and the frames (file, line, function), which is what a developer needs.
    """

    def __init__(self, app: ASGIApp, error_page: "ErrorPage", logger: logging.Logger = error_log) -> None:
        self.app = app
        self.error_page = error_page
        self.logger = logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as exc:
            frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
            self.logger.error(
                "%s in %s %s (message withheld: it may quote petition text)\n%s",
                type(exc).__name__, scope["method"], route_template(scope), frames,
            )
            if started:
                raise
            await self.error_page(Request(scope), 500, "")(scope, receive, send)


class DeclaredLengthLimitMiddleware:
    """Refuses a body whose declared Content-Length is over the limit for its path, unread.

    The routes' own max_body_size counts bytes as they arrive and its 413 goes through our
    error handlers; but when the length is declared up front, Starlette replaces whatever the
    app answers with a plain-text 413. Answering here first keeps the API's typed JSON error
    and the Persian page.
    """

    def __init__(self, app: ASGIApp, error_page: "ErrorPage", limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.error_page = error_page
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH"):
            request = Request(scope)
            if _declared_length(request) > self.limit_for(scope["path"]):
                await self.error_page(request, 413, "")(scope, receive, send)
                return
        await self.app(scope, receive, send)


# default-src 'self' and no inline script anywhere. The Swagger UI page needs inline style
# attributes (it sets them from its own script), so only /docs gets 'unsafe-inline' for styles.
CSP_PAGES = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
CSP_DOCS = CSP_PAGES.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends on every response.

    Result pages hold a citizen's personal data, so nothing but static files may be cached.
    """

    def __init__(self, app: ASGIApp, docs_paths: tuple[str, ...] = ("/docs",)) -> None:
        self.app = app
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = CSP_DOCS if path in self.docs_paths else CSP_PAGES
        cacheable = path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", csp)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "no-referrer")
                headers.setdefault("x-frame-options", "DENY")
                if not cacheable:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


ErrorPage = Callable[[Request, int, str], Response]


class FormCSRFMiddleware(CSRFMiddleware):
    """starlette-csrf's double-submit cookie, extended so plain HTML forms work without JavaScript.

    The library compares the signed cookie with an `x-csrftoken` header, which a form without
    JavaScript cannot send. This subclass also accepts the token from a hidden form field, and
    issues the token *before* the page renders (scope state "csrf_token") so the template can
    put the same value in the field that the response sets in the cookie. Signing, comparison
    and cookie attributes stay the library's.

    Reading the field means reading the body here, so the body is read at most `max_body_bytes`
    (anything longer gets `error_page(413)`), then replayed to the app unchanged.
    """

    def __init__(
        self,
        app: ASGIApp,
        secret: str,
        *,
        error_page: ErrorPage,
        max_body_bytes: int,
        max_form_fields: int,
        exempt_urls: list[Pattern] | None = None,
        field_name: str = "csrftoken",
        cookie_httponly: bool = True,
        cookie_samesite: str = "strict",
    ) -> None:
        super().__init__(
            app,
            secret,
            exempt_urls=exempt_urls,
            cookie_httponly=cookie_httponly,
            cookie_samesite=cookie_samesite,
        )
        self.error_page = error_page
        self.max_body_bytes = max_body_bytes
        self.max_form_fields = max_form_fields
        self.field_name = field_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request = Request(scope)
        cookie_token = request.cookies.get(self.cookie_name)
        cookie_usable = cookie_token is not None and self._is_signed(cookie_token)
        issued = cookie_token if cookie_usable else self._generate_csrf_token()
        scope.setdefault("state", {})["csrf_token"] = issued

        if request.method not in self.safe_methods and not self._url_is_exempt(request.url):
            body = None if _declared_length(request) > self.max_body_bytes else await _read_body(
                receive, self.max_body_bytes
            )
            if body is None:
                await self.error_page(request, 413, "")(scope, receive, send)
                return
            submitted = request.headers.get(self.header_name) or await self._form_token(scope, body)
            if not cookie_usable or not submitted or not self._csrf_tokens_match(cookie_token, submitted):
                # The error page may show the refused form again with what was typed (a stale token
                # after a restart must not lose a pasted petition); it gets the body and a fresh cookie.
                scope["state"]["refused_form_body"] = body
                refused_send = send if cookie_usable else self._with_cookie(send, issued)
                await self.error_page(request, 403, "")(scope, receive, refused_send)
                return
            receive = _replay(body, then=receive)

        if not cookie_usable:
            send = self._with_cookie(send, issued)
        await self.app(scope, receive, send)

    def _is_signed(self, token: str) -> bool:
        return self._csrf_tokens_match(token, token)

    async def _form_token(self, scope: Scope, body: bytes) -> str | None:
        content_type = Request(scope).headers.get("content-type", "")
        if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            return None
        try:
            form = await Request(scope, _replay(body)).form(
                max_fields=self.max_form_fields, max_files=0, max_part_size=self.max_body_bytes
            )
        except Exception:  # a malformed form simply carries no token
            return None
        value = form.get(self.field_name)
        return value if isinstance(value, str) else None

    def _with_cookie(self, send: Send, token: str) -> Send:
        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie: http.cookies.BaseCookie = http.cookies.SimpleCookie()
                cookie[self.cookie_name] = token
                cookie[self.cookie_name]["path"] = self.cookie_path
                cookie[self.cookie_name]["secure"] = self.cookie_secure
                cookie[self.cookie_name]["httponly"] = self.cookie_httponly
                cookie[self.cookie_name]["samesite"] = self.cookie_samesite
                MutableHeaders(scope=message).append("set-cookie", cookie.output(header="").strip())
            await send(message)

        return send_with_cookie


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length", "0"))
    except ValueError:
        return 0


def _replay(body: bytes, then: Receive | None = None) -> Receive:
    """A `receive` that gives `body` once, then defers to `then` (which reports disconnects)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive
