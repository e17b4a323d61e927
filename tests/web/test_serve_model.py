"""`screening serve --model DIR`: the form and the API score with that model; a model that does not load stops serve."""
from __future__ import annotations

import uvicorn
from fastapi.testclient import TestClient

from screening.cli import serve
from screening.cli.main import main
from screening_web.app import create_served_app
from tests.core.petitions import cheque_form


def test_serve_passes_the_model_to_the_served_app(monkeypatch, model_dir):
    environ: dict[str, str] = {}
    monkeypatch.setattr(serve.os, "environ", environ)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    assert main(["serve", "--port", "8125", "--model", str(model_dir)]) == 0
    assert environ["SCREENING_MODEL"] == str(model_dir)

    monkeypatch.setenv("SCREENING_MODEL", str(model_dir))
    monkeypatch.setenv("SCREENING_CSRF_SECRET", "test-secret")
    with TestClient(create_served_app()) as client:
        report = client.post("/api/v1/screen", json={"text": cheque_form()}).json()
    assert report["model"]["name"] == "synthetic"  # the model trained in the test, not the shipped one
    assert report["fruitless_probability"] is not None


def test_a_model_that_does_not_load_stops_serve_with_one_persian_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(serve.os, "environ", {})
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: (_ for _ in ()).throw(AssertionError("must not start")))
    assert main(["serve", "--model", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "یافت نشد" in err and len(err.strip().splitlines()) == 1
