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
    assert main(["serve", "--port", "http"]) == 2
    err = capsys.readouterr().err
    assert "درگاه" in err and len(err.strip().splitlines()) == 1


def test_run_starts_uvicorn_without_its_access_log(monkeypatch, capsys):
    calls = {}
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    environ: dict[str, str] = {}
    monkeypatch.setattr(serve.os, "environ", environ)
    assert main(["serve", "--port", "8123"]) == 0
    assert calls["app"] == "screening_web.app:create_served_app" and calls["factory"] is True
    assert calls["access_log"] is False and calls["port"] == 8123
    assert calls["log_config"]["loggers"]["uvicorn.access"]["handlers"] == []
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert environ["SCREENING_CSRF_SECRET"]  # one secret shared by all worker processes


def test_several_workers_use_their_own_sockets(monkeypatch, capsys):
    calls = {}
    monkeypatch.setattr(serve, "serve_reuseport", lambda host, port, workers, level: calls.update(n=workers, port=port) or 0)
    monkeypatch.setattr(serve.os, "environ", {})
    assert main(["serve", "--port", "8124", "--workers", "2"]) == 0
    assert calls == {"n": 2, "port": 8124}


@pytest.mark.slow
def test_two_workers_serve_and_stop_cleanly(tmp_path):
    """A real `screening serve --workers 2`: both processes answer, and SIGTERM stops the service."""
    import json
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).parent / "screening"
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port), "--workers", "2", "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        health = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.5)
        assert health and health["status"] == "ok"
        body = json.dumps({"text": "خواهان: علی رضایی\nخواسته: مطالبه وجه چک"}).encode()
        for _ in range(6):  # new connections, spread over the workers by the kernel
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/screen", data=body,
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                assert json.loads(r.read())["claim_type"]["code"] == "cheque"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
