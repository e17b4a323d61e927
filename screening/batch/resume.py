"""Crash-safe output: a partial file next to the output, a checkpoint, and a final atomic rename.

While a run goes on, rows are appended to `OUTPUT.partial`; every commit fsyncs it and then
atomically replaces `OUTPUT.progress.json`, which holds the input fingerprint, the options that
shape the output, the rows done and the byte length of the partial file at that point. Bytes past
that length belong to rows that were not committed (a crash mid-write), so `--resume` cuts them
off and re-screens those rows; screening is deterministic, so the final file is the same as an
uninterrupted run's. The output itself appears only at the end, by rename, so a reader never sees
a half-written row.

CSV and JSONL outputs are written in their final form as they go. An .xlsx output, and any
output sorted with `--sort urgency`, is built at the end from a JSONL journal (the partial file).
"""
from __future__ import annotations

import fcntl
import json
import os
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screening.batch.writers import DEFAULT_LAYOUT, LINE_FORMATS, CsvFormat, JournalFormat, JsonlFormat, Layout, write_lines, write_xlsx

PROGRESS_VERSION = 1
DEADLINE_RANK = {"last_day": 0, "open": 1, "expired": 2}  # then rows with no deadline (3)


class ResumeError(Exception):
    """`--resume` cannot continue this run; `message_fa` says why."""

    def __init__(self, message_fa: str):
        super().__init__(message_fa)
        self.message_fa = message_fa


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def urgency_key(row: dict[str, Any]) -> tuple[int, int]:
    """last_day first, then open by days left, then expired, then rows with no deadline."""
    rank = DEADLINE_RANK.get(row.get("deadline_status") or "", 3)
    days = row.get("_days_left")
    return rank, (int(days) if rank == 1 and isinstance(days, (int, float)) else 0)


class OutputSession:
    """Owns OUTPUT.partial and OUTPUT.progress.json for one run.

    meta: what must be equal for `--resume` to continue (input fingerprint, output-shaping options).
    """

    def __init__(self, output: str | Path, meta: dict[str, Any], sort: str | None = None, layout: Layout = DEFAULT_LAYOUT):
        self.output = Path(output)
        self.layout = layout
        self.meta = {"version": PROGRESS_VERSION, **meta}
        self.sort = sort
        self.partial = self.output.with_name(self.output.name + ".partial")
        self.progress = self.output.with_name(self.output.name + ".progress.json")
        suffix = self.output.suffix.lower()
        self.journal = suffix == ".xlsx" or sort is not None
        self.format: CsvFormat | JsonlFormat | JournalFormat = (
            JournalFormat() if self.journal else LINE_FORMATS[suffix](layout)
        )
        self.rows_done = 0
        self.summary_state: dict[str, Any] = {}
        self.already_finished = False  # --resume found a run that had finished but not cleaned up
        self._file = None
        self._committed_offset = 0

    # -- start ------------------------------------------------------------------------------
    def start(self, resume: bool) -> bool:
        """Open the partial file; returns True when it continues an earlier run."""
        if resume and self.progress.exists():
            saved = self.check(resume)
            if not self.partial.exists() and self.output.exists():
                # Stopped between the final rename and removing the checkpoint: the output is whole.
                self.progress.unlink()
                self.already_finished = True
                self.rows_done = int(saved["rows_done"])
                self.summary_state = saved.get("summary", {})
                return True
            self._continue(saved)
            return True
        self._fresh()
        return False

    def saved_meta(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.progress.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def check(self, resume: bool) -> dict[str, Any] | None:
        """With --resume and a checkpoint, the checkpoint — if this run may continue it."""
        if not (resume and self.progress.exists()):
            return None
        saved = self.saved_meta()
        if saved is None or not (self.partial.exists() or self.output.exists()):
            raise ResumeError(
                f"نقطهٔ ادامهٔ «{self.output.name}» خوانا نیست یا فایل نیمه‌کاره پاک شده؛ بدون --resume از نو اجرا کنید."
            )
        if saved.get("meta") != self.meta:
            raise ResumeError(
                "ورودی یا گزینه‌های این اجرا با اجرای نیمه‌کارهٔ قبلی یکی نیست؛ "
                "همان فرمان را با همان ورودی بدهید، یا بدون --resume از نو اجرا کنید."
            )
        return saved

    def _continue(self, saved: dict[str, Any]) -> None:
        offset = int(saved["offset"])
        if self.partial.stat().st_size < offset:
            raise ResumeError(f"فایل نیمه‌کارهٔ «{self.partial.name}» کوتاه‌تر از نقطهٔ ادامه است؛ بدون --resume از نو اجرا کنید.")
        self._open_locked(offset)
        self._committed_offset = offset
        self.rows_done = int(saved["rows_done"])
        self.summary_state = saved.get("summary", {})

    def _fresh(self) -> None:
        self._open_locked(0)
        self._file.write(self.format.preamble())
        self.commit(0, {})

    def _open_locked(self, size: int) -> None:
        """Open the partial file for appending, refuse if another run holds it, cut it to `size`."""
        f = open(self.partial, "ab")  # "ab": nothing is cut before we hold the lock
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            raise ResumeError(f"اجرای دیگری همین حالا در «{self.output.name}» می‌نویسد؛ صبر کنید تا تمام شود.") from None
        f.truncate(size)  # on resume: drop a row that was being written when the run stopped
        f.seek(0, os.SEEK_END)
        f.flush()
        os.fsync(f.fileno())
        self._file = f

    # -- during the run ---------------------------------------------------------------------
    def append(self, rows: list[dict[str, Any]]) -> None:
        assert self._file is not None
        self._file.write(b"".join(self.format.encode(r) for r in rows))

    def commit(self, rows_done: int, summary_state: dict[str, Any]) -> None:
        """Make everything appended so far durable, then record it as done."""
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._committed_offset = self._file.tell()
        self.rows_done = rows_done
        self.summary_state = summary_state
        atomic_write_json(
            self.progress,
            {"meta": self.meta, "rows_done": rows_done, "offset": self._committed_offset, "summary": summary_state},
        )

    # -- end --------------------------------------------------------------------------------
    def finish(self) -> None:
        """Turn the partial file into the output, atomically, and forget the checkpoint."""
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        if self.journal:
            tmp = self.output.with_name(self.output.name + ".tmp")
            rows = self._journal_rows_sorted() if self.sort else self._journal_rows()
            suffix = self.output.suffix.lower()
            if suffix == ".xlsx":
                write_xlsx(tmp, rows, self.layout)
            else:
                write_lines(tmp, LINE_FORMATS[suffix](self.layout), rows)
            os.replace(tmp, self.output)
            self.partial.unlink()
        else:
            os.replace(self.partial, self.output)
        self.progress.unlink(missing_ok=True)
        _fsync_dir(self.output.parent)

    def close(self) -> None:
        """Leave the partial file and checkpoint in place (an interrupted run)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def _journal_rows(self) -> Iterator[dict[str, Any]]:
        with open(self.partial, "rb") as f:
            for line in f:
                yield json.loads(line)

    def _journal_rows_sorted(self) -> Iterator[dict[str, Any]]:
        """External-memory sort: only (rank, days, offset) per row is held, rows are read back by seek."""
        import numpy as np

        ranks, days, offsets = array("b"), array("q"), array("q")
        with open(self.partial, "rb") as f:
            offset = 0
            for line in f:
                rank, d = urgency_key(json.loads(line))
                ranks.append(rank)
                days.append(d)
                offsets.append(offset)
                offset += len(line)
        n = len(offsets)
        # np.lexsort sorts by the last key first; the input position breaks ties (stable order).
        order = np.lexsort((np.arange(n), np.frombuffer(days, dtype=np.int64) if n else np.array([], np.int64),
                            np.frombuffer(ranks, dtype=np.int8) if n else np.array([], np.int8)))
        with open(self.partial, "rb") as f:
            for i in order:
                f.seek(offsets[int(i)])
                yield json.loads(f.readline())
