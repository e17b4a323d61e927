"""`screening score` end to end with the real screener: formats, bad rows, kill + resume, Dask."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import openpyxl
import pytest

from screening.batch.rows import COLUMNS
from screening.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2025-06-01"

CHEQUE = """ریاست محترم دادگاه عمومی حقوقی تهران
خواهان: علی رضایی فرزند حسن به کد ملی 0012345679 به نشانی تهران، خیابان آزادی، پلاک 12، کد پستی 1458877665
خوانده: رضا احمدی فرزند محمود به نشانی تهران، خیابان انقلاب، پلاک 4
خواسته: مطالبهٔ وجه یک فقره چک به مبلغ 450,000,000 ریال به انضمام خسارات دادرسی و تأخیر تأدیه
دلایل و منضمات: تصویر مصدق چک، گواهی عدم پرداخت بانک
شرح دادخواست: خوانده بابت بدهی خود چکی به تاریخ 1403/10/01 داده که برگشت خورده است.
صدور حکم بر محکومیت خوانده به پرداخت مبلغ خواسته مورد استدعاست.
امضا: علی رضایی"""

EVICTION = """ریاست محترم شورای حل اختلاف اصفهان
خواهان: مریم کریمی فرزند جواد به نشانی اصفهان، بلوار کشاورز، پلاک 7
خوانده: حسین موسوی
خواسته: تخلیهٔ عین مستأجره به علت انقضای مدت اجاره
شرح: مدت اجاره در تاریخ 1404/01/15 به پایان رسیده و خوانده ملک را تخلیه نمی‌کند."""

SHORT = "خواهان سارا نوری. خواسته: مطالبهٔ خسارت تصادف به مبلغ 80,000,000 ریال."

GOOD = [("a1", CHEQUE), ("a2", EVICTION), ("a3", SHORT)]


def _score(*args: str) -> int:
    return main(["score", *args, "--quiet", "--today", TODAY])


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerows(rows)


def _assert_scored(row: dict) -> None:
    assert not row["error"], row["error"]
    assert row["claim_type"] and row["forum"]


def test_csv_to_csv_scores_every_row_in_order(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _write_csv(src, GOOD)
    assert _score(str(src), "-o", str(out), "--jobs", "1") == 0
    rows = _read_csv(out)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    for r in rows:
        _assert_scored(r)
    assert rows[0]["claim_type"] != rows[1]["claim_type"]  # a cheque claim is not an eviction


def test_jsonl_xlsx_and_folder_inputs(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in GOOD), encoding="utf-8")
    xlsx = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["شناسه", "متن دادخواست"])
    for i, t in GOOD:
        wb.active.append([i, t])
    wb.save(xlsx)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a1.txt").write_text(CHEQUE, encoding="utf-8")
    d = docx.Document()
    for line in EVICTION.splitlines():
        d.add_paragraph(line)
    d.save(folder / "a2.docx")

    out_jsonl, out_xlsx, out_folder = tmp_path / "o.jsonl", tmp_path / "o.xlsx", tmp_path / "o.csv"
    assert _score(str(jsonl), "-o", str(out_jsonl), "--jobs", "1") == 0
    assert _score(str(xlsx), "-o", str(out_xlsx), "--jobs", "1") == 0
    assert _score(str(folder), "-o", str(out_folder), "--jobs", "1") == 0

    from_jsonl = [json.loads(x) for x in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in from_jsonl] == ["a1", "a2", "a3"]
    assert all(isinstance(r["findings"], list) for r in from_jsonl)
    for r in from_jsonl:
        _assert_scored(r)

    sheet = list(openpyxl.load_workbook(out_xlsx).active.iter_rows(values_only=True))
    assert list(sheet[0]) == list(COLUMNS)
    assert [r[0] for r in sheet[1:]] == ["a1", "a2", "a3"]
    # The same petitions give the same answers whatever the container.
    assert [r[3] for r in sheet[1:]] == [r["claim_type"] for r in from_jsonl]

    from_folder = _read_csv(out_folder)
    assert [r["id"] for r in from_folder] == ["a1.txt", "a2.docx"]
    assert [r["claim_type"] for r in from_folder] == [r["claim_type"] for r in from_jsonl[:2]]


def test_broken_empty_and_huge_rows_are_kept_with_errors(tmp_path: Path) -> None:
    src, out, summary = tmp_path / "in.csv", tmp_path / "out.jsonl", tmp_path / "summary.json"
    huge = (CHEQUE + "\n") * (200_000 // len(CHEQUE) + 1)  # > 200,000 characters, about 370 KB
    assert len(huge) > 200_000 and len(huge.encode()) > 300_000
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerow(["g1", CHEQUE])
        w.writerow(["bad", "متن", "ستون اضافه"])
        w.writerow(["g2", EVICTION])
        w.writerow(["empty", "   "])
        w.writerow(["huge", huge])
        w.writerow(["g3", SHORT])
    assert _score(str(src), "-o", str(out), "--jobs", "1", "--summary-json", str(summary)) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["g1", "bad", "g2", "empty", "huge", "g3"]
    by_id = {r["id"]: r for r in rows}
    for good in ("g1", "g2", "g3"):
        _assert_scored(by_id[good])
    assert "ستون" in by_id["bad"]["error"]
    assert "خالی" in by_id["empty"]["error"]
    assert "طولانی" in by_id["huge"]["error"]
    assert all(CHEQUE[:30] not in (r["error"] or "") for r in rows)  # no petition text in errors
    s = json.loads(summary.read_text(encoding="utf-8"))
    assert (s["rows_read"], s["rows_scored"], s["rows_errored"]) == (6, 3, 3)


def test_malformed_input_stops_before_any_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("id,text\n1,".encode() + CHEQUE.encode("utf-16"))
    assert _score(str(src), "-o", str(out)) == 2
    assert not list(tmp_path.glob("out.csv*"))
    err = capsys.readouterr().err.strip()
    assert "UTF-8" in err and "\n" not in err


def _run_cli(args: list[str], **kw) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "screening.cli.main", "score", *args, "--quiet", "--today", TODAY]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    n = 300
    _write_csv(src, [(f"r{i}", GOOD[i % 3][1].replace("علی", f"علی{i}")) for i in range(n)])
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"
    progress = Path(str(out) + ".progress.json")

    proc = _run_cli([str(src), "-o", str(out), "--jobs", "1", "--batch-size", "2", "--checkpoint-every", "0.05"])
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            done = json.loads(progress.read_text())["rows_done"]
        except (OSError, ValueError):
            done = 0
        if done > 0:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed; use a bigger archive"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < done < n and not out.exists()

    # Resume and the uninterrupted run go in-process: the screener is already loaded here.
    assert _score(str(src), "-o", str(out), "--jobs", "1", "--resume") == 0
    assert _score(str(src), "-o", str(whole), "--jobs", "1") == 0
    assert out.read_bytes() == whole.read_bytes()
    assert not progress.exists() and not Path(str(out) + ".partial").exists()
    assert len(_read_csv(out)) == n


def test_resume_refuses_a_changed_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _write_csv(src, GOOD)
    Path(str(out) + ".partial").write_bytes(b"")
    Path(str(out) + ".progress.json").write_text(json.dumps({"meta": {"inputs": "other"}, "rows_done": 1, "offset": 0}))
    assert _score(str(src), "-o", str(out), "--resume") == 2
    assert "--resume" in capsys.readouterr().err


# On Linux the pool forks this (multi-threaded: BLAS, earlier tests) process; that is intended here.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.slow
def test_jobs_2_and_dask_local_write_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, [(f"r{i}", GOOD[i % 3][1].replace("رضا", f"رضا{i}")) for i in range(40)] + [("e", "")])
    outs = {}
    for label, extra in (("j1", ["--jobs", "1"]), ("j2", ["--jobs", "2"]), ("dask", ["--dask", "local", "--jobs", "2"])):
        outs[label] = tmp_path / f"{label}.jsonl"
        assert _score(str(src), "-o", str(outs[label]), "--batch-size", "3", *extra) == 0
    j1 = outs["j1"].read_bytes()
    assert len(j1.splitlines()) == 41
    assert outs["j2"].read_bytes() == j1
    assert outs["dask"].read_bytes() == j1


def test_sort_urgency_puts_deadlines_first(tmp_path: Path) -> None:
    src, out, plain = tmp_path / "in.csv", tmp_path / "sorted.jsonl", tmp_path / "plain.jsonl"
    _write_csv(src, [("x", "")] + GOOD)
    assert _score(str(src), "-o", str(plain), "--jobs", "1") == 0
    assert _score(str(src), "-o", str(out), "--jobs", "1", "--sort", "urgency") == 0
    plain_rows = [json.loads(x) for x in plain.read_text(encoding="utf-8").splitlines()]
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(map(json.dumps, rows)) == sorted(map(json.dumps, plain_rows))  # same rows, reordered
    rank = {"last_day": 0, "open": 1, "expired": 2}
    ranks = [rank.get(r["deadline_status"] or "", 3) for r in rows]
    assert ranks == sorted(ranks)
    assert rows[-1]["id"] == "x" or rows[-1]["deadline_status"] is None


def test_unusable_invocations_exit_2_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, GOOD)
    assert _score(str(src), "-o", str(tmp_path / "out.pdf")) == 2
    assert _score(str(src), "-o", str(tmp_path / "missing" / "out.csv")) == 2
    assert _score(str(src), "-o", str(src)) == 2
    assert _score(str(src), "-o", "-", "--resume") == 2
    assert _score(str(src), "--text-column", "شرح", "-o", str(tmp_path / "out.csv")) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    assert all(line.startswith("خطا:") for line in capsys.readouterr().err.splitlines())


def test_stdout_output_is_jsonl(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, GOOD)
    assert _score(str(src), "-o", "-", "--jobs", "1") == 0
    captured = capfd.readouterr()
    assert [json.loads(x)["id"] for x in captured.out.splitlines()] == ["a1", "a2", "a3"]
    assert "a1" not in captured.err  # data on stdout only; the summary goes to stderr
