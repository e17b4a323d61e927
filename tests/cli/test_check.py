"""`screening check`: a readable Persian report, JSON on request, exit 2 on unusable input."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from screening.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cheque_complete.txt"


def run_main(argv, stdin_bytes=None, monkeypatch=None, capsys=None):
    if stdin_bytes is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin_bytes), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_console_script_prints_a_persian_report():
    exe = Path(sys.executable).parent / "screening"
    proc = subprocess.run([str(exe), "check", str(EXAMPLE), "--model", "none"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "گزارش غربالگری دادخواست" in proc.stdout
    assert "مطالبه وجه چک" in proc.stdout
    assert "دادگاه صلح" in proc.stdout


def test_json_report_from_stdin(monkeypatch, capsys):
    code, out, _ = run_main(["check", "-", "--json", "--model", "none"], EXAMPLE.read_bytes(), monkeypatch, capsys)
    assert code == 0
    report = json.loads(out)
    assert report["schema"] == "petition-screening/report/v1"
    assert report["claim_type"]["code"] == "cheque"
    assert report["missing_fields"] == []
    assert report["fields"]["claim_value_rial"] == 450_000_000


def test_missing_defendant_shows_in_text_report(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").splitlines()
    petition = tmp_path / "p.txt"
    petition.write_text("\n".join(line for line in text if not line.startswith("خوانده:")), encoding="utf-8")
    code = main(["check", str(petition), "--model", "none"])
    out = capsys.readouterr().out
    assert code == 0
    assert "مشخصات خوانده" in out
    assert "MISSING_DEFENDANT" in out


@pytest.mark.parametrize("payload, fragment", [
    (b"   \n\t ", "خالی"),
    (b"\x00\x01\x02binary", "متن نیست"),
    ("الف".encode() * 100_001, "طولانی"),
    (b"\xff\xfe\xfa bad utf8", "UTF-8"),
])
def test_unusable_input_exits_2_with_one_persian_line(tmp_path, capsys, payload, fragment):
    path = tmp_path / "in.txt"
    path.write_bytes(payload)
    code = main(["check", str(path), "--model", "none"])
    err = capsys.readouterr().err
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_exits_2(capsys):
    assert main(["check", "/nonexistent/petition.txt", "--model", "none"]) == 2
    assert "خوانده نشد" in capsys.readouterr().err
