"""Writes records from a background thread, so a screening never waits for the database.

The form's request hands a small snapshot (hash, codes, numbers) to a queue and answers at once;
one thread per process writes whatever has queued up in a single transaction. On SQLite that is
one commit for many screenings instead of sixteen threads queueing for the file's write lock (the
measured difference: bench/bench_records.py). What is still queued when the process stops is
written by `close()`; a crash loses at most the last few hundred milliseconds of records.
"""
from __future__ import annotations

import logging
import multiprocessing
import signal
import queue
import threading
import time
from collections.abc import Callable

from screening.records.db import make_engine
from screening.records.store import RecordStore, Screening
from screening.report import Report

log = logging.getLogger("screening.web.records")

MAX_BATCH = 256
# After the first record of a batch, wait this long for more: at a few hundred screenings a second a
# batch then holds dozens, and one commit serves them all. A record is in the database ~0.1 s after
# its screening; reads that need it at once (decisions, the dashboard) flush first.
LINGER_S = 0.1
MAX_QUEUE = 10_000  # beyond this the database is not keeping up: record synchronously (backpressure)
_STOP = object()


class RecordWriter:
    """Queues snapshots and writes them in batches from one thread; `sink` is where a batch goes
    (default: this process's store)."""

    def __init__(self, store: RecordStore, sink: Callable[[list[Screening]], None] | None = None) -> None:
        self.store = store
        self._sink = sink or store.write
        self._queue: queue.Queue = queue.Queue(maxsize=MAX_QUEUE)
        self._idle = threading.Condition()
        self._pending = 0
        self._flushing = False  # someone waits for everything to be written: do not linger
        self._thread = threading.Thread(target=self._run, name="records-writer", daemon=True)
        self._thread.start()

    def submit(self, report: Report, text: str) -> str:
        """Queue one screening; returns its reference at once."""
        snap = self.store.snapshot(report, text)
        if not self._thread.is_alive():  # closed (the app stopped and started again): write in place
            self.store.write([snap])
            return snap.reference
        with self._idle:
            self._pending += 1
        try:
            self._queue.put_nowait(snap)
        except queue.Full:
            self._done(1)
            self.store.write([snap])
        return snap.reference

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until everything submitted so far is written; False on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._idle:
            self._flushing = bool(self._pending)
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(min(left, 0.01))
            self._flushing = False
        return True

    def close(self, timeout_s: float = 10.0) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout_s)

    def _done(self, n: int) -> None:
        with self._idle:
            self._pending -= n
            if not self._pending:
                self._idle.notify_all()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                self._stopped()
                return
            batch: list[Screening] = [first]
            stop = False
            deadline = time.monotonic() + LINGER_S
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get(timeout=max(deadline - time.monotonic(), 0)) if not self._flushing \
                        else self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            try:
                self._sink(batch)
            except Exception as exc:  # noqa: BLE001 - keep writing later ones; say what failed, not what it held
                log.error("%d record(s) not written: %s", len(batch), type(exc).__name__)
            finally:
                self._done(len(batch))
            if stop:
                self._stopped()
                return

    def _stopped(self) -> None:
        """Called by the writing thread once it has written its last batch."""


# --- a writer in its own process ------------------------------------------------------------------
# In the web server a thread that builds the SQL shares the interpreter lock with the event loop:
# while it works on a batch the loop waits, and at a few hundred screenings a second that cost the
# server a fifth of its throughput (bench/bench_records.py). Here the thread only hands each batch,
# pickled once, down a pipe to a child process that writes it and answers when it is committed.


class ProcessRecordWriter(RecordWriter):
    """`RecordWriter` whose batches are written by a child process (flush still means committed)."""

    def __init__(self, store: RecordStore, url: str) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork of a process that runs threads
        self._conn, child_end = ctx.Pipe()
        self._process = ctx.Process(target=_write_forever, args=(url, child_end), name="records-writer", daemon=True)
        self._process.start()
        child_end.close()
        super().__init__(store, sink=self._send)

    def _send(self, batch: list[Screening]) -> None:
        if not self._process.is_alive():
            self.store.write(batch)
            return
        self._conn.send(batch)
        self._conn.recv()  # committed (or failed and logged by the child); blocks without the GIL

    def _stopped(self) -> None:
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._process.join(10)
        if self._process.is_alive():
            self._process.terminate()
        self._conn.close()


def _write_forever(url: str, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
    """The child: write each batch that arrives and say so; stop on None, or when the parent is
    gone (the pipe closes). Ctrl+C reaches the whole process group: the parent decides when to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = RecordStore(make_engine(url))
    try:
        while True:
            try:
                batch = conn.recv()
            except EOFError:
                return
            if batch is None:
                return
            try:
                store.write(batch)
            except Exception as exc:  # noqa: BLE001 - say what failed, not what it held
                log.error("%d record(s) not written: %s", len(batch), type(exc).__name__)
            conn.send(len(batch))
    finally:
        store.engine.dispose()
