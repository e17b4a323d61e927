"""Fuzzing screen() and the JSON API with Hypothesis (issue 13): any text, however broken, gives a
report that can be sent (UTF-8, JSON) or a typed refusal, never an exception or a 500. Reproducible
on CI through the `ci` profile of tests/conftest.py (derandomized)."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.pipeline import UnusableInput
from screening_web.app import create_app

# Pieces a petition is made of, and the characters that broke things before: lone surrogates,
# noncharacters, private-use characters (our placeholders), NUL, bidi marks, Arabic letter variants,
# digits of three scripts, separators, long runs.
TOKENS = st.sampled_from([
    "خواهان:", "خوانده:", "خواسته:", "دلایل و منضمات:", "شرح دادخواست:", "محل امضا:", "تاریخ:", "اینجانب", "به طرفیت",
    "فرزند", "کد ملی", "0012345679", "09121234567", "۱۴۰۳/۰۱/۱۵", "1403/13/45", "مقوم به", "450,000,000", "ریال", "تومان",
    "یک میلیون و", "a.b@c.d", "IR123456789012345678901234", "+989121234567", "يك", "ك", "\u200c", "\u200f", "\t", "\n",
    "\ud800", "\udfff", "\ufffe", "\U0010ffff", "\ue000", "\x00", "\ufffd", "ـ", "ًٌٍ", " ", ".", "-", "/", "1" * 50, "ممممم",
])
PETITIONS = st.one_of(
    st.lists(TOKENS, max_size=80).map(" ".join),
    st.text(max_size=3000),
    st.text(alphabet=st.characters(codec=None, categories=None), max_size=500),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(PETITIONS)
def test_any_text_gives_a_sendable_report_or_a_typed_refusal(screener, text):
    try:
        report = screener.screen(text)
    except UnusableInput as exc:
        assert exc.code in {"empty", "not_text", "too_long"}
        return
    data = json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # never a lone surrogate
    assert json.loads(data)["schema"] == "petition-screening/report/v1"
    for finding in report.findings:
        if finding.span is not None:
            assert 0 <= finding.span.start <= finding.span.end <= len(text)
    if any(0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\U0010ffff\ufffd" for c in text):
        assert "INVALID_CHARACTERS" in [f.code for f in report.findings]


_APP = None


def _client() -> TestClient:
    global _APP
    if _APP is None:
        from screening.pipeline import Screener

        _APP = create_app(Screener(model_dir="none"), csrf_secret="fuzz")
    return TestClient(_APP)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | PETITIONS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "texts", "today", "x"]), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(["/api/v1/screen", "/api/v1/screen/batch"]), body=JSON_VALUES)
def test_api_answers_any_json_body_without_a_server_error(path, body):
    payload = json.dumps(body).encode()  # lone surrogates travel as \ud800 escapes
    response = _client().post(path, content=payload, headers={"content-type": "application/json"})
    assert response.status_code in (200, 413, 422), response.status_code
    error = response.json().get("error")
    assert response.status_code == 200 or (error and error["code"] and error["message_fa"])
