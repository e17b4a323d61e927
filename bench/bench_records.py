"""What recording a screening costs (`screening serve --record`, SQLite in WAL mode, 16 concurrent clients).

Two measures:

1. **added time**: 16 threads each screen a petition and then call `Recording.record(report, text)` — the
   one call the form makes after screening when recording is on — on one SQLite file, every text
   distinct; only that call is timed: it is what a request waits for on top of screening. With the
   writer in a child process (what `serve --record` runs), in a thread, and with no writer at all
   (each call commits its own record), for comparison.
2. **end to end**: the HTML form (`POST /`, CSRF token and cookie as a browser sends them) under 16
   concurrent keep-alive clients, `screening serve --workers 2` without and with `--record`. On a small
   shared machine this difference is inside the run-to-run noise; the first measure is the precise one.

    .venv/bin/python bench/bench_records.py                      # 16 clients, 2,000 form posts each way
    .venv/bin/python bench/bench_records.py --requests 4000 --skip-http

Target: recording adds ≤ 2 ms at p95.
"""
from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import free_port, machine, percentile, petition, wait_ready  # noqa: E402

TOKEN_RE = re.compile(rb'name="csrftoken" value="([^"]+)"')
COOKIE_RE = re.compile(rb"set-cookie: (csrftoken=[^;]+)", re.I)


def added_time_ms(n: int, threads: int, db: Path, writer: str) -> tuple[list[float], float]:
    """Each of `threads` threads screens a petition, then records it (as a request does); only the
    recording call is timed. writer: "process" (the served app), "thread", or "direct" (each call
    commits its own record)."""
    from screening.pipeline import default_screener
    from screening.records.service import Recording, RecordingSettings

    screener = default_screener()
    texts = [petition(50_000 + i) for i in range(n)]
    recording = Recording.open(RecordingSettings(db_url=str(db)), writer_process=writer == "process")
    recording.store.record(screener.screen(petition(0)), petition(0))  # connection pool warm
    record = recording.store.record if writer == "direct" else recording.record
    times: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(k: int) -> None:
        mine = []
        barrier.wait()
        for i in range(k, n, threads):
            report = screener.screen(texts[i])
            t = time.perf_counter()
            if record(report, texts[i]) is None:
                raise SystemExit("a record was not written")
            mine.append((time.perf_counter() - t) * 1000)
        with lock:
            times.extend(mine)

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    started = time.perf_counter()
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    recording.writer.flush(timeout_s=120)
    committed_s = time.perf_counter() - started
    assert recording.store.count() == n + 1
    recording.close()
    return times, committed_s


async def form_client(port: int, jobs: asyncio.Queue, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    async def request(raw: bytes) -> tuple[bytes, bytes]:
        writer.write(raw)
        await writer.drain()
        head = b""
        while (line := await reader.readline()) not in (b"\r\n", b""):
            head += line
        length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
        return head, await reader.readexactly(length)

    try:
        head, body = await request(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        token = TOKEN_RE.search(body).group(1)
        cookie = COOKIE_RE.search(head).group(1)
        while True:
            try:
                text = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            form = urllib.parse.urlencode({"text": text, "csrftoken": token.decode()}).encode()
            raw = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                   b"Cookie: " + cookie + b"\r\nContent-Length: " + str(len(form)).encode() + b"\r\n\r\n" + form)
            started = time.perf_counter()
            head, _ = await request(raw)
            latencies.append((time.perf_counter() - started) * 1000)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
    except (OSError, asyncio.IncompleteReadError, AttributeError) as exc:
        errors.append(repr(exc))
    finally:
        writer.close()


def run_http(extra: list[str], texts: list[str], clients: int) -> tuple[list[float], list[str], float]:
    port = free_port()
    cmd = [sys.executable, "-m", "screening.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", "2", "--log-level", "warning", *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port, proc)

        async def go():
            jobs: asyncio.Queue = asyncio.Queue()
            for t in texts:
                jobs.put_nowait(t)
            lat: list[float] = []
            err: list[str] = []
            started = time.perf_counter()
            await asyncio.gather(*(form_client(port, jobs, lat, err) for _ in range(clients)))
            return lat, err, time.perf_counter() - started

        asyncio.run(go())  # warm-up: both workers load hazm and the model's caches
        return asyncio.run(go())
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def row(name: str, values: list[float]) -> str:
    return (f"| {name} | {len(values)} | {percentile(values, 50):.2f} ms | {percentile(values, 95):.2f} ms | "
            f"{percentile(values, 99):.2f} ms |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--skip-http", action="store_true", help="only the added-time measure")
    parser.add_argument("--rounds", type=int, default=1,
                        help="end to end: alternate without/with this many times (a shared machine drifts)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"\nadded time: {args.clients} threads each screen a petition, then record it (only the recording is timed)")
    print("| writer | n | p50 | p95 | p99 | screenings/s, all committed |\n|---|---|---|---|---|---|")
    for writer, label in (("process", "child process (what `serve --record` uses)"), ("thread", "thread in the process"),
                          ("direct", "none: each request commits its own record")):
        with tempfile.TemporaryDirectory() as tmp:
            times, secs = added_time_ms(args.requests, args.clients, Path(tmp) / "records.sqlite3", writer)
        print(f"| {label} | {len(times)} | {percentile(times, 50):.2f} ms | {percentile(times, 95):.2f} ms | "
              f"{percentile(times, 99):.2f} ms | {args.requests / secs:.0f} |", flush=True)
    if args.skip_http:
        return 0
    texts = [petition(i) for i in range(args.requests)]
    print(f"\nend to end: POST / (form), {args.clients} clients, screening serve --workers 2")
    print("| round | server | requests | p50 | p95 | p99 | req/s | errors |\n|---|---|---|---|---|---|---|---|")
    diffs = []
    for r in range(1, args.rounds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            off = run_http([], texts, args.clients)
            on = run_http(["--record", "--db", str(Path(tmp) / "records.sqlite3")],
                          [t + f"\n-{r}" for t in texts], args.clients)
        for name, (lat, err, secs) in (("without --record", off), ("with --record (SQLite WAL)", on)):
            print(f"| {r} | {name} | {len(lat)} | {percentile(lat, 50):.1f} ms | {percentile(lat, 95):.1f} ms | "
                  f"{percentile(lat, 99):.1f} ms | {len(lat) / secs:.0f} | {len(err)} |", flush=True)
        diffs.append(percentile(on[0], 95) - percentile(off[0], 95))
    print(f"\np95 difference (with − without) per round: {', '.join(f'{d:+.1f} ms' for d in diffs)}; "
          f"median {sorted(diffs)[len(diffs) // 2]:+.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
