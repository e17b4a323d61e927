"""screening_web.app and web.routers.health: wiring, the screener dependency, /healthz and the offline /docs."""
from __future__ import annotations

from fastapi.testclient import TestClient

from screening.report import ClaimType, Forum, PetitionFields, Report
from screening_web.app import create_app
from screening_web.dependencies import get_screener


def test_healthz_reports_the_loaded_screener(client, screener):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["screener_loaded"] is True
    assert body["steps"] == screener.step_names


def test_healthz_does_not_load_the_default_screener():
    app = create_app()
    with TestClient(app) as client:
        assert client.get("/healthz").json()["screener_loaded"] is False
    assert app.state.screener is None


class _StubScreener:
    """Stands in for the core to prove the routers use the injected screener, nothing else."""

    step_names = ["stub"]

    def __init__(self):
        self.seen: list[str] = []

    def screen(self, text, today=None):
        self.seen.append(text)
        return Report(
            claim_type=ClaimType("stub", "نوع آزمایشی", 1.0),
            forum=Forum("stub_court", "دادگاه آزمایشی", "مبنای آزمایشی"),
            missing_fields=[],
            findings=[],
            fields=PetitionFields(),
        )


def test_get_screener_can_be_overridden(complete_petition):
    stub = _StubScreener()
    app = create_app(csrf_secret="s")
    app.dependency_overrides[get_screener] = lambda: stub
    with TestClient(app) as client:
        body = client.post("/api/v1/screen", json={"text": complete_petition}).json()
    assert body["claim_type"]["label_fa"] == "نوع آزمایشی"
    assert stub.seen == [complete_petition]


def test_docs_page_works_offline_from_local_files(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css", "/static/js/docs.js"):
        assert asset in docs.text
        assert client.get(asset).status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/screen", "/api/v1/screen/batch", "/healthz"} <= set(schema["paths"])
    assert "/" not in schema["paths"]  # the HTML form is not part of the API
