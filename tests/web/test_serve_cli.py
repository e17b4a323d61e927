"""screening.cli.serve: `screening serve --host --port` starts uvicorn with our private access log."""
from __future__ import annotations

import pytest

from screening.cli import serve
from screening.cli.main import build_parser, main


def test_serve_parses_host_and_port():
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9001"])
    assert (args.host, args.port, args.workers, args.func) == ("0.0.0.0", 9001, 1, serve.run)


def test_defaults_are_loopback_8000():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_bad_port_is_refused_in_persian(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--port", "http"])
    assert exc.value.code == 2
    assert "درگاه" in capsys.readouterr().err


def test_run_starts_uvicorn_without_its_access_log(monkeypatch, capsys):
    calls = {}
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    environ: dict[str, str] = {}
    monkeypatch.setattr(serve.os, "environ", environ)
    assert main(["serve", "--port", "8123"]) == 0
    assert calls["app"] == "web.app:create_served_app" and calls["factory"] is True
    assert calls["access_log"] is False and calls["port"] == 8123
    assert calls["log_config"]["loggers"]["uvicorn.access"]["handlers"] == []
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert environ["SCREENING_CSRF_SECRET"]  # one secret shared by all worker processes
