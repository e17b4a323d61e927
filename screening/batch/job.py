"""One batch run: validate inputs, load the screener, stream rows through it, write crash-safely.

The CLI (`screening score`) parses arguments into `BatchOptions` and calls `run_batch`; the
library does the work so that other front ends (a scheduled job, a notebook) can call it too.
"""
from __future__ import annotations

import datetime as _dt
import itertools
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from screening.batch.readers import Archive
from screening.batch.resume import OutputSession
from screening.batch.dask_runner import DaskRunner
from screening.batch.runner import ProcessPoolRunner, SequentialRunner
from screening.batch.summary import Summary
from screening.batch.writers import LANGS, OUTPUT_SUFFIXES, JsonlFormat, Layout

# Seconds between checkpoints: at most this much work is redone after a crash.
COMMIT_EVERY_S = 1.0
LOCAL_BATCH_SIZE = 32
DASK_BATCH_SIZE = 128


class BadInvocation(Exception):
    """Options that cannot work together; `message_fa` is for people."""

    def __init__(self, message_fa: str):
        super().__init__(message_fa)
        self.message_fa = message_fa


@dataclass
class BatchOptions:
    inputs: list[str]
    output: str  # a path ending in .csv/.jsonl/.xlsx, or "-" for JSONL on stdout
    text_column: str | None = None
    id_column: str | None = None
    jobs: int = 1
    dask: str | None = None
    model: str | None = "default"
    index: str | None = None  # a similar-rulings index directory (screening index)
    resume: bool = False
    quiet: bool = False
    summary_json: str | None = None
    sort: str | None = None
    today: _dt.date | None = None
    batch_size: int | None = None  # rows per task; None: 32 here, 128 on Dask (its per-task cost is higher)
    checkpoint_every_s: float = COMMIT_EVERY_S
    lang: str = "en"  # "fa": Persian headers and values, right-to-left Excel
    drop_columns: bool = False  # leave the input's other columns out of the output


@dataclass
class BatchResult:
    summary: Summary
    elapsed_s: float
    resumed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _check_options(opts: BatchOptions) -> None:
    if opts.output != "-" and Path(opts.output).suffix.lower() not in OUTPUT_SUFFIXES:
        raise BadInvocation("پسوند خروجی باید ‎.csv یا ‎.jsonl یا ‎.xlsx باشد (یا - برای JSONL روی خروجی استاندارد).")
    if opts.output == "-" and (opts.resume or opts.sort):
        raise BadInvocation("خروجی روی stdout ادامه‌پذیر و مرتب‌شدنی نیست؛ برای --resume یا --sort یک فایل خروجی بدهید.")
    if opts.output != "-":
        out = Path(opts.output)
        if not out.resolve().parent.is_dir():
            raise BadInvocation(f"پوشهٔ خروجی «{out.parent}» وجود ندارد.")
        if any(Path(i).exists() and Path(i).resolve() == out.resolve() for i in opts.inputs):
            raise BadInvocation("خروجی نباید همان فایل ورودی باشد.")
    if opts.jobs < 1:
        raise BadInvocation("--jobs باید دست‌کم ۱ باشد.")
    if opts.batch_size is not None and opts.batch_size < 1:
        raise BadInvocation("--batch-size باید دست‌کم ۱ باشد.")
    if opts.dask and not (opts.dask == "local" or opts.dask.startswith(("tcp://", "tls://", "ws://", "wss://"))):
        raise BadInvocation("--dask باید local یا نشانی زمان‌بند مانند tcp://HOST:8786 باشد.")
    if opts.lang not in LANGS:
        raise BadInvocation("--lang فقط en یا fa را می‌پذیرد.")
    if opts.sort not in (None, "urgency"):
        raise BadInvocation("--sort فقط urgency را می‌پذیرد.")


def run_batch(opts: BatchOptions, stderr: TextIO | None = None, stdout: TextIO | None = None) -> BatchResult:
    """Score every row of `opts.inputs` into `opts.output`. Raises MalformedInput, BadInvocation,
    ResumeError or ScreenerUnavailable before anything is written; KeyboardInterrupt leaves a
    resumable checkpoint."""
    from tqdm import tqdm

    stderr = stderr or sys.stderr
    stdout = stdout or sys.stdout
    _check_options(opts)
    started = time.monotonic()
    archive = Archive(opts.inputs, opts.text_column, opts.id_column)
    total = archive.prepare()  # a malformed input stops here, before any output exists
    layout = Layout(extra_columns=() if opts.drop_columns else tuple(archive.extra_columns()), lang=opts.lang)

    session: OutputSession | None = None
    today = opts.today
    if opts.output != "-":
        probe = OutputSession(opts.output, meta={}, sort=opts.sort, layout=layout)
        saved = probe.saved_meta() if opts.resume else None
        if today is None:
            saved_today = ((saved or {}).get("meta") or {}).get("today")
            today = _dt.date.fromisoformat(saved_today) if saved_today else _dt.date.today()
        meta = {
            "inputs": archive.fingerprint(),
            "text_column": opts.text_column,
            "id_column": opts.id_column,
            "model": opts.model,
            "sort": opts.sort,
            "today": today.isoformat(),
            **({"lang": opts.lang} if opts.lang != "en" else {}),
            **({"columns": list(layout.extra_columns)} if layout.extra_columns else {}),
        }
        if opts.index:
            meta["index"] = opts.index
        session = OutputSession(opts.output, meta=meta, sort=opts.sort, layout=layout)
        session.check(opts.resume)  # a checkpoint of another input or other options stops here
    today = today or _dt.date.today()

    runner = make_runner(opts.jobs, opts.dask, opts.model, today, opts.index)
    runner.start()  # a model that does not load stops here, before any output exists
    aborted = True
    try:
        resumed = False
        if session is not None:
            resumed = session.start(opts.resume)
            if session.already_finished:
                aborted = False
                return BatchResult(Summary.from_state(session.summary_state), time.monotonic() - started, True)
            done = session.rows_done
            summary = Summary.from_state(session.summary_state)
        else:
            done = 0
            summary = Summary()
        if resumed:
            print(f"ادامهٔ اجرای قبلی از ردیف {done + 1}.", file=stderr)
        out_stream = stdout.buffer if session is None else None
        fmt = JsonlFormat(layout)

        rows = itertools.islice(iter(archive), done, None)
        batch_size = opts.batch_size or (DASK_BATCH_SIZE if opts.dask else LOCAL_BATCH_SIZE)
        batches = (list(b) for b in itertools.batched(rows, batch_size))
        bar = tqdm(total=total, initial=done, unit="row", file=stderr, disable=opts.quiet, dynamic_ncols=True, mininterval=0.5)
        last_commit = time.monotonic()
        try:
            for out in runner.map(batches):
                if session is not None:
                    session.append(out)
                else:
                    out_stream.write(b"".join(fmt.encode(r) for r in out))
                for r in out:
                    summary.add(r)
                done += len(out)
                bar.update(len(out))
                if time.monotonic() - last_commit >= opts.checkpoint_every_s:
                    if session is not None:
                        session.commit(done, summary.state())
                    else:
                        out_stream.flush()
                    last_commit = time.monotonic()
        finally:
            bar.close()
        if session is not None:
            session.commit(done, summary.state())
            session.finish()
        else:
            out_stream.flush()
        aborted = False
        return BatchResult(summary, time.monotonic() - started, resumed)
    finally:
        runner.close(abort=aborted)
        if session is not None and aborted:
            session.close()


def write_summary_json(path: str, result: BatchResult, opts: BatchOptions) -> None:
    data = {
        **result.summary.to_dict(),
        "output": opts.output,
        "elapsed_s": round(result.elapsed_s, 3),
        "rows_per_s": round(result.summary.rows_read / result.elapsed_s, 1) if result.elapsed_s > 0 else None,
        "resumed": result.resumed,
    }
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_runner(jobs: int, dask: str | None, model: str | Path | None, today: _dt.date,
                index: str | Path | None = None) -> Any:
    """The runner for `--jobs` / `--dask`."""
    if dask:
        return DaskRunner(dask, jobs=jobs, model=model, today=today, index=index)
    if jobs <= 1:
        return SequentialRunner(model, today, index=index)
    return ProcessPoolRunner(jobs, model, today, index=index)
