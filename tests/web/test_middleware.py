"""screening_web.middleware: CSRF on the form, security headers, an access log without petition text, private 500s."""
from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from itsdangerous.url_safe import URLSafeSerializer

from screening_web.app import create_app

SECRET_MARK = "رازنامه‌ی‌آزمون"  # a word that must never reach a log


def test_form_without_token_is_refused_with_a_persian_page(client, missing_defendant_petition):
    client.get("/")  # has the cookie, but sends no field
    response = client.post("/", data={"text": missing_defendant_petition})
    assert response.status_code == 403
    assert 'dir="rtl"' in response.text and "اعتبار فرم" in response.text


def test_form_with_a_forged_token_is_refused(client, missing_defendant_petition, form_token):
    form_token(client)
    forged = URLSafeSerializer("another-secret", "csrftoken").dumps("x" * 40)
    assert client.post("/", data={"text": missing_defendant_petition, "csrftoken": forged}).status_code == 403


def test_form_from_another_site_without_the_cookie_is_refused(app, missing_defendant_petition, form_token):
    with TestClient(app) as browser:
        token = form_token(browser)
    with TestClient(app) as other_site:  # knows a valid token, but not the victim's cookie
        assert other_site.post("/", data={"text": missing_defendant_petition, "csrftoken": token}).status_code == 403


def test_token_in_the_header_works_for_scripts_that_enhance_the_form(client, missing_defendant_petition, form_token):
    token = form_token(client)
    response = client.post("/", data={"text": missing_defendant_petition}, headers={"x-csrftoken": token})
    assert response.status_code == 200


def test_multipart_form_is_accepted_with_its_token(client, missing_defendant_petition, form_token):
    token = form_token(client)
    response = client.post("/", files={"text": (None, missing_defendant_petition), "csrftoken": (None, token)})
    assert response.status_code == 200 and 'data-field="defendant"' in response.text


def test_csrf_cookie_is_httponly_and_same_site(client):
    cookie = client.get("/").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie


def test_pages_send_a_content_security_policy_without_inline_script(client):
    for response in (client.get("/"), client.get("/missing"), client.post("/", data={"text": "x"})):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_static_files_may_be_cached_pages_may_not(client):
    assert client.get("/").headers["cache-control"] == "no-store"
    assert client.get("/static/css/app.css").headers.get("cache-control") != "no-store"


def test_access_log_has_method_route_status_and_time_but_no_text_or_query(client, caplog, missing_defendant_petition):
    caplog.set_level(logging.INFO, logger="screening.web.access")
    client.post(f"/api/v1/screen?note={SECRET_MARK}", json={"text": missing_defendant_petition + SECRET_MARK})
    client.get(f"/{SECRET_MARK}")
    lines = [r.getMessage() for r in caplog.records if r.name == "screening.web.access"]
    assert any(line.startswith("POST /api/v1/screen 200 ") and line.endswith("ms") for line in lines), lines
    assert any(line.startswith("GET <unmatched> 404") for line in lines), lines
    assert SECRET_MARK not in caplog.text
    assert "خوانده" not in caplog.text


class _FailingScreener:
    """Fails the way a bug might: with the input in the exception message."""

    step_names = ["failing"]

    def screen(self, text, today=None):
        raise RuntimeError(f"cannot parse {text!r}")


def test_unexpected_errors_answer_in_persian_and_log_no_text(caplog, form_token):
    caplog.set_level(logging.INFO)
    app = create_app(_FailingScreener(), csrf_secret="s")
    with TestClient(app) as client:
        api = client.post("/api/v1/screen", json={"text": SECRET_MARK})
        page = client.post("/", data={"text": SECRET_MARK, "csrftoken": form_token(client)})
    assert api.status_code == 500 and api.json()["error"]["code"] == "internal_error"
    assert page.status_code == 500 and "خطایی در سامانه رخ داد" in page.text
    assert "RuntimeError" in caplog.text  # the developer still learns what failed, and where
    assert SECRET_MARK not in caplog.text
