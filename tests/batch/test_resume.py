"""Crash-safe output: a torn write is cut back on --resume, a changed input is refused."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from screening.batch.resume import OutputSession, ResumeError
from screening.batch.rows import empty_row, error_row

META = {"inputs": "abc", "today": "2025-04-05"}


def _row(i: int, status: str | None = None, days: int | None = None) -> dict:
    row = empty_row(str(i))
    row.update(fruitless_probability=i / 100, risk_band="low", deadline_status=status, _days_left=days)
    return row


def _run(output: Path, rows: list[dict], sort: str | None = None) -> None:
    s = OutputSession(output, META, sort=sort)
    s.start(resume=False)
    s.append(rows)
    s.commit(len(rows), {})
    s.finish()


def test_output_appears_only_at_the_end_and_checkpoint_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    s = OutputSession(out, META)
    s.start(resume=False)
    s.append([_row(1)])
    s.commit(1, {"rows_read": 1})
    assert not out.exists() and s.partial.exists()
    assert json.loads(s.progress.read_text())["rows_done"] == 1
    s.finish()
    assert out.exists() and not s.partial.exists() and not s.progress.exists()


def test_resume_cuts_a_torn_row_and_ends_equal_to_an_uninterrupted_run(tmp_path: Path) -> None:
    rows = [_row(i) for i in range(1, 6)]
    whole = tmp_path / "whole.jsonl"
    _run(whole, rows)

    out = tmp_path / "out.jsonl"
    s = OutputSession(out, META)
    s.start(resume=False)
    s.append(rows[:2])
    s.commit(2, {"rows_read": 2})
    s.append(rows[2:3])  # written but never committed ...
    s.close()
    with open(s.partial, "ab") as f:  # ... and a row torn by a crash mid-write
        f.write(b'{"id": "4", "fruitl')

    again = OutputSession(out, META)
    assert again.start(resume=True) is True
    assert again.rows_done == 2 and again.summary_state == {"rows_read": 2}
    again.append(rows[2:])
    again.commit(5, {})
    again.finish()
    assert out.read_bytes() == whole.read_bytes()


def test_resume_refuses_other_input_or_options(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    s = OutputSession(out, META)
    s.start(resume=False)
    s.close()
    with pytest.raises(ResumeError):
        OutputSession(out, {**META, "inputs": "changed"}).start(resume=True)
    with pytest.raises(ResumeError):
        OutputSession(out, {**META, "today": "2025-04-06"}).check(resume=True)


def test_run_without_resume_starts_over(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    s = OutputSession(out, META)
    s.start(resume=False)
    s.append([_row(1)])
    s.commit(1, {})
    s.close()
    _run(out, [_row(9)])
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["9"]


def test_resume_after_the_final_rename_keeps_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    s = OutputSession(out, META)
    s.start(resume=False)
    s.append([_row(1)])
    s.commit(1, {"rows_read": 1})
    progress = s.progress.read_bytes()
    s.finish()
    s.progress.write_bytes(progress)  # a crash between the rename and removing the checkpoint
    again = OutputSession(out, META)
    again.start(resume=True)
    assert again.already_finished and again.summary_state == {"rows_read": 1}
    assert out.exists() and not again.progress.exists()


def test_sort_by_urgency_last_day_then_open_by_days_then_expired_then_none(tmp_path: Path) -> None:
    rows = [
        _row(1, "expired", -3),
        _row(2, None),
        _row(3, "open", 9),
        _row(4, "last_day", 0),
        _row(5, "open", 2),
        error_row("6", "خطا"),
        _row(7, "open", 2),
        _row(8, "last_day", 0),
    ]
    out = tmp_path / "out.jsonl"
    _run(out, rows, sort="urgency")
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["4", "8", "5", "7", "3", "1", "2", "6"]


def test_xlsx_is_built_from_the_journal_at_the_end(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    _run(out, [_row(1), _row(2)])
    ids = [r[0] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert ids == ["1", "2"]
