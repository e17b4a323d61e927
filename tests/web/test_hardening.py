"""The web app under hostile or careless clients (issue 13): no 500, typed errors, responsive workers."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from screening.pipeline import MAX_CHARS, Screener
from screening_web.app import create_app
from tests.served import serving

SLOW = ("اینجانب " * 25_000)[:MAX_CHARS]  # about 2 s of screening on a laptop: the slowest input we know


def _json(body: dict) -> bytes:
    # json.dumps escapes a lone surrogate as \ud800, as a JavaScript client would send it
    return json.dumps(body).encode()


def test_lone_surrogate_gives_a_report_with_a_warning_not_a_500(client):
    response = client.post("/api/v1/screen", content=_json({"text": "خواهان: علی \ud800 رضایی"}),
                           headers={"content-type": "application/json"})
    assert response.status_code == 200
    finding = next(f for f in response.json()["findings"] if f["code"] == "INVALID_CHARACTERS")
    assert finding["severity"] == "WARN" and finding["span"] == {"start": 12, "end": 13}


def test_batch_with_a_lone_surrogate_keeps_every_valid_text(client, complete_petition):
    texts = [complete_petition, "خوانده: \udfff", "", complete_petition]
    response = client.post("/api/v1/screen/batch", content=_json({"texts": texts}), headers={"content-type": "application/json"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [("report" in r, "error" in r) for r in results] == [(True, False), (True, False), (False, True), (True, False)]
    assert "INVALID_CHARACTERS" in [f["code"] for f in results[1]["report"]["findings"]]
    assert results[2]["error"]["code"] == "empty"


def test_a_screening_past_the_time_limit_is_a_typed_503_and_the_app_still_answers(screener):
    app = create_app(screener, csrf_secret="s", screen_time_limit_s=0.05)
    with TestClient(app) as client:
        started = time.perf_counter()
        response = client.post("/api/v1/screen", json={"text": SLOW})
        assert response.status_code == 503 and time.perf_counter() - started < 1.5
        assert response.json()["error"]["code"] == "timeout" and "ثانیه" in response.json()["error"]["message_fa"]
        assert response.headers["retry-after"]
        assert client.get("/healthz").status_code == 200


def test_empty_text_is_refused_by_the_schema_with_the_screeners_code(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]["ScreenRequest"]["properties"]["text"]
    assert schema["minLength"] == 1 and schema["maxLength"] == MAX_CHARS and schema["pattern"]
    for text, code in (("", "empty"), (" \n\t", "empty"), ("ب" * (MAX_CHARS + 1), "too_long")):
        response = client.post("/api/v1/screen", json={"text": text})
        assert response.status_code == 422 and response.json()["error"]["code"] == code


def test_today_must_be_a_date_written_out(client, complete_petition):
    schema = client.get("/openapi.json").json()["components"]["schemas"]["ScreenRequest"]["properties"]["today"]
    assert schema["anyOf"][0]["format"] == "date"
    for today in (0, 1700000000, "0", "2025-02-30", "1403-01-01", "2025-01-01T00:00:00", "0001-01-01"):
        response = client.post("/api/v1/screen", json={"text": complete_petition, "today": today})
        assert response.status_code == 422, today
        assert response.json()["error"]["details"][0]["loc"] == ["today"]
    assert client.post("/api/v1/screen", json={"text": complete_petition, "today": "2025-06-01"}).status_code == 200


def test_every_error_status_the_api_can_answer_is_in_the_openapi_document(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/screen", "/api/v1/screen/batch"):
        assert {"200", "400", "408", "413", "415", "422", "503"} <= set(paths[path]["post"]["responses"])


def test_untrusted_host_is_refused_and_never_used_for_a_redirect(screener):
    app = create_app(screener, csrf_secret="s", allowed_hosts=["127.0.0.1", "localhost"])
    evil = TestClient(app, base_url="http://evil.example", follow_redirects=False)
    for path in ("/docs/", "/api/v1/screen/"):
        response = evil.get(path)
        assert response.status_code == 400 and "location" not in response.headers
    assert evil.get("/api/v1/nothing").json()["error"]["code"] == "bad_request"
    good = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False)
    assert good.get("/docs/").headers["location"] == "http://127.0.0.1:8000/docs"


def test_unknown_methods_get_405_not_the_csrf_page(client):
    for method, path in (("PUT", "/"), ("DELETE", "/"), ("PATCH", "/"), ("FOO", "/"), ("PUT", "/api/v1/screen")):
        response = client.request(method, path)
        assert response.status_code == 405, (method, path)
        assert "csrf_failed" not in response.text and "اعتبار فرم" not in response.text


def test_head_of_a_page_is_its_get_without_a_body(client):
    response = client.head("/")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"].startswith("text/html")
    assert client.head("/healthz").status_code == 200


def test_form_with_extra_fields_is_screened_and_too_many_is_a_clear_400(client, form_token, missing_defendant_petition):
    token = form_token(client)
    extra = {f"extension_field_{i}": "x" for i in range(10)}
    response = client.post("/", data={"text": missing_defendant_petition, "csrftoken": token, **extra})
    assert response.status_code == 200 and "خوانده" in response.text
    flood = {f"f{i}": "x" for i in range(100)}
    response = client.post("/", data={"text": missing_defendant_petition, "csrftoken": token, **flood})
    assert response.status_code == 400 and "فیلد" in response.text and "منقضی" not in response.text


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> int:
    """A real `screening serve` (one worker, screening processes of its own) on a free port."""
    log_path = tmp_path_factory.mktemp("served") / "server.log"
    with serving(["--log-level", "warning"], log_path, timeout=180) as base:
        yield int(base.rsplit(":", 1)[1])


def _raw(port: int, data: bytes, timeout: float = 15) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.slow
def test_healthz_answers_within_100_ms_while_a_slow_petition_is_screened(served):
    # The slowest petition we know (about 2 s of screening).
    result: list[int] = []

    def post() -> None:
        body = json.dumps({"text": SLOW}, ensure_ascii=False).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{served}/api/v1/screen", data=body,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                result.append(r.status)
        except urllib.error.HTTPError as exc:  # 503 past the time limit on a very busy machine: typed, fine
            result.append(exc.code)

    workers = [threading.Thread(target=post)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    latencies = []
    while any(worker.is_alive() for worker in workers):
        t = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{served}/healthz", timeout=10) as r:
            assert r.status == 200
        latencies.append(time.perf_counter() - t)
        time.sleep(0.02)
    for worker in workers:
        worker.join()
    assert result == [200]
    assert len(latencies) >= 3, time.perf_counter() - started  # it was slow enough to matter
    assert max(latencies) < 0.1, sorted(latencies)[-3:]


@pytest.mark.slow
def test_a_request_head_over_32_kb_is_refused_with_431(served):
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"
    assert _raw(served, head).startswith(b"HTTP/1.1 431")


@pytest.mark.slow
def test_a_head_sent_too_slowly_is_cut_off(served):
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", served), timeout=30) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        answer = sock.recv(1024)  # the server gives up on the missing end of the head
    assert answer.startswith(b"HTTP/1.1 408") and time.perf_counter() - started < 20


@pytest.mark.slow
def test_a_body_sent_too_slowly_gets_a_408(served):
    # The body time limit is 30 s; a client that sends half its body and stops is answered then.
    body = json.dumps({"text": "خواهان: علی"}).encode()
    head = (f"POST /api/v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", served), timeout=60) as sock:
        sock.sendall(head + body[:5])
        answer = b""
        while b"body_timeout" not in answer and (chunk := sock.recv(65536)):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408") and b"body_timeout" in answer
    assert 25 < time.perf_counter() - started < 45
