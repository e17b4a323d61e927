"""screening.cli.serve: `screening serve --host --port` starts uvicorn with our private access log."""
from __future__ import annotations

import pytest

from screening.cli import serve
from screening.cli.main import build_parser, main
from tests.served import free_port


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
    monkeypatch.setattr(serve, "_serve_one", lambda sock, level: calls.update(port=sock.getsockname()[1], level=level))
    environ: dict[str, str] = {}
    monkeypatch.setattr(serve.os, "environ", environ)
    port = free_port()
    assert main(["serve", "--port", str(port)]) == 0
    options = serve.uvicorn_options("info")
    assert options["access_log"] is False
    assert options["log_config"]["loggers"]["uvicorn.access"]["handlers"] == []
    assert calls == {"port": port, "level": "info"}
    assert f"http://127.0.0.1:{port}/" in capsys.readouterr().out
    assert environ["SCREENING_CSRF_SECRET"]  # one secret shared by all worker processes
    assert set(environ["SCREENING_ALLOWED_HOSTS"].split(",")) >= {"127.0.0.1", "localhost"}


def test_several_workers_use_their_own_sockets_on_one_port(monkeypatch, capsys):
    calls = {}
    monkeypatch.setattr(serve, "serve_workers", lambda socks, workers, level: calls.update(
        n=workers, ports={s.getsockname()[1] for s in socks}, count=len(socks)) or 0)
    monkeypatch.setattr(serve.os, "environ", {})
    port = free_port()
    assert main(["serve", "--port", str(port), "--workers", "2"]) == 0
    assert calls == {"n": 2, "ports": {port}, "count": 2}


def test_a_port_held_by_another_program_is_refused_with_one_persian_line(monkeypatch, capsys):
    import socket

    monkeypatch.setattr(serve.os, "environ", {})
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
        out = capsys.readouterr()
    assert "درگاه" in out.err and len(out.err.strip().splitlines()) == 1 and "Traceback" not in out.err
    assert "http://" not in out.out  # no "available at" banner for a server that did not start


def test_a_second_server_cannot_join_the_first_ones_reuseport_group(monkeypatch, capsys):
    monkeypatch.setattr(serve.os, "environ", {})
    port = free_port()
    first = serve.bind_sockets("127.0.0.1", port, 2)  # what a running `serve --workers 2` holds
    try:
        assert main(["serve", "--port", str(port), "--workers", "2"]) == 2
        assert main(["serve", "--port", str(port)]) == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 2
    finally:
        for sock in first:
            sock.close()


def test_allowed_hosts_are_the_listening_address_loopback_and_the_named_ones():
    assert serve.allowed_hosts("127.0.0.1", []) == ["localhost", "127.0.0.1", "[::1]"]
    assert "10.0.0.5" in serve.allowed_hosts("10.0.0.5", []) and "[fe80::1]" in serve.allowed_hosts("fe80::1", [])
    assert "court-office.local" in serve.allowed_hosts("0.0.0.0", ["Court-Office.local"])


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

    port = free_port()
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
        # A second server on the same port is refused, with one Persian line: never two servers.
        second = subprocess.run([str(exe), "serve", "--port", str(port), "--workers", "2"],
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 2 and len(second.stderr.strip().splitlines()) == 1 and "درگاه" in second.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
