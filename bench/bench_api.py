"""Latency and throughput of POST /api/v1/screen under concurrent clients.

Starts `screening serve` (uvicorn, its own process) on a free loopback port, waits for the
screener to load, then fires requests from this second process with N concurrent keep-alive
clients (a small asyncio HTTP/1.1 client, so the load generator costs little CPU next to the
server on a small machine). Each request carries a ~2 KB petition, with its cheque number
changed per request so that no layer can answer from a cache.

    .venv/bin/python bench/bench_api.py                     # 16 clients, 2,000 requests
    .venv/bin/python bench/bench_api.py --workers 2 --requests 4000
    .venv/bin/python bench/bench_api.py --workers 2 --concurrency 100 --requests 6000 --big-per-second 1

With --big-per-second R, one more client sends a 200,000-character petition (the same petition
repeated, each copy with its own cheque number) R times a second for as long as the others run;
its latencies are reported on their own line and its errors count with the others.

Prints p50/p95/p99 latency (ms), requests per second and errors, plus the in-process cost of
screen() on the same texts, to tell the core's time from the web layer's.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# About 2 KB of UTF-8: a complete cheque petition in the usual layout (our own text).
PETITION = """برگ دادخواست به دادگاه صلح

خواهان: حمید توکلی فرزند یوسف به کد ملی 0076229645 شغل فروشنده به نشانی اصفهان، خیابان چهارباغ، کوچه گلستان، پلاک 7 کدپستی 8143615311 تلفن همراه 09131112233
خوانده: ناصر امینی فرزند جلال به کد ملی 1573681938 شغل راننده به نشانی اصفهان، خیابان کاوه، کوچه بیستم، پلاک 3 کدپستی 8154795181 تلفن همراه 09134445566

خواسته و بهای آن: مطالبه وجه یک فقره چک به شماره {cheque} عهده بانک تجارت مقوم به 300,000,000 ریال (سیصد میلیون ریال) به انضمام خسارت دادرسی و خسارت تأخیر تأدیه

دلایل و منضمات دادخواست:
1- تصویر مصدق چک
2- تصویر مصدق گواهی عدم پرداخت بانک تجارت

شرح دادخواست:
ریاست محترم دادگاه صلح اصفهان
با سلام، احتراماً خوانده بابت خرید لوازم خانگی یک فقره چک به شماره {cheque} به مبلغ 300,000,000 ریال به تاریخ 1403/04/10 در وجه اینجانب صادر کرده که در تاریخ 1403/04/11 به علت کسری موجودی برگشت خورده است. با وجود مراجعات مکرر و ارسال اظهارنامه رسمی، خوانده تاکنون از پرداخت وجه چک خودداری کرده و پاسخی نداده است. صدور حکم بر محکومیت خوانده به پرداخت مبلغ چک به انضمام خسارت دادرسی و خسارت تأخیر تأدیه از تاریخ صدور چک تا زمان وصول مورد استدعاست.

محل امضا: حمید توکلی
تاریخ: 1403/06/01
"""


def petition(i: int) -> str:
    return PETITION.format(cheque=f"{5512 + i % 9000}/{330981 + i}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "screening.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers)]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(port: int, proc: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if json.load(r)["screener_loaded"]:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes,
                latencies: list[float], errors: list[str]) -> None:
    head = (
        "POST /api/v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    started = time.perf_counter()
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    latencies.append((time.perf_counter() - started) * 1000)
    status = status_line.split(b" ", 2)[1:2]
    if status != [b"200"]:
        errors.append(status_line.decode("latin-1").strip())


async def client(port: int, jobs: asyncio.Queue, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while True:
            try:
                body = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            await _post(reader, writer, body, latencies, errors)
    except (OSError, asyncio.IncompleteReadError) as exc:
        errors.append(repr(exc))
    finally:
        writer.close()


def big_petition(i: int, chars: int = 200_000) -> str:
    parts, k = [], 0
    while sum(map(len, parts)) < chars:
        parts.append(petition(i * 1000 + k))
        k += 1
    return "\n".join(parts)[:chars]


async def big_client(port: int, per_second: float, done: asyncio.Event, latencies: list[float], errors: list[str]) -> None:
    """One 200,000-character petition every 1/per_second seconds, each on a new connection."""
    i = 0
    while not done.is_set():
        due = time.perf_counter() + 1 / per_second
        body = json.dumps({"text": big_petition(i)}, ensure_ascii=False).encode()
        i += 1
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                await _post(reader, writer, body, latencies, errors)
            finally:
                writer.close()
        except (OSError, asyncio.IncompleteReadError) as exc:
            errors.append(repr(exc))
        await asyncio.sleep(max(0.0, due - time.perf_counter()))


async def fire(port: int, bodies: list[bytes], concurrency: int, big_per_second: float = 0.0,
               big: tuple[list[float], list[str]] | None = None) -> tuple[list[float], list[str], float]:
    jobs: asyncio.Queue = asyncio.Queue()
    for body in bodies:
        jobs.put_nowait(body)
    latencies: list[float] = []
    errors: list[str] = []
    done = asyncio.Event()
    big_task = None
    if big_per_second > 0 and big is not None:
        big_task = asyncio.create_task(big_client(port, big_per_second, done, *big))
    started = time.perf_counter()
    await asyncio.gather(*(client(port, jobs, latencies, errors) for _ in range(concurrency)))
    wall = time.perf_counter() - started
    done.set()
    if big_task is not None:
        await big_task
    return latencies, errors, wall


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def in_process_screen_ms(n: int) -> list[float]:
    """screen() alone on the same kind of texts: the core's share of each request."""
    sys.path.insert(0, str(ROOT))
    from screening.pipeline import default_screener

    screener = default_screener()
    screener.screen(petition(0))
    times = []
    for i in range(n):
        t = time.perf_counter()
        screener.screen(petition(10_000 + i))
        times.append((time.perf_counter() - t) * 1000)
    return times


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.processor()} · {os.cpu_count()} cores · Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of the server")
    parser.add_argument("--port", type=int, default=0, help="use a server already running on this port")
    parser.add_argument("--big-per-second", type=float, default=0.0,
                        help="also send this many 200,000-character petitions a second")
    args = parser.parse_args()

    port = args.port or free_port()
    proc = None if args.port else start_server(port, args.workers)
    try:
        if proc is not None:
            wait_ready(port, proc)
        size = len(json.dumps({"text": petition(0)}, ensure_ascii=False).encode())
        bodies = [json.dumps({"text": petition(i)}, ensure_ascii=False).encode() for i in range(args.warmup + args.requests)]
        asyncio.run(fire(port, bodies[: args.warmup], args.concurrency))
        big_latencies: list[float] = []
        big_errors: list[str] = []
        latencies, errors, wall = asyncio.run(
            fire(port, bodies[args.warmup :], args.concurrency, args.big_per_second, (big_latencies, big_errors))
        )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)

    print(f"machine: {machine()}")
    print(
        f"POST /api/v1/screen · {args.requests} requests · {args.concurrency} concurrent clients · "
        f"server workers {args.workers} · body {size} bytes"
    )
    print(
        f"latency ms: p50 {percentile(latencies, 50):.1f} · p95 {percentile(latencies, 95):.1f} · "
        f"p99 {percentile(latencies, 99):.1f} · max {max(latencies):.1f}"
    )
    print(f"throughput: {len(latencies) / wall:.0f} req/s · errors: {len(errors)}")
    if args.big_per_second > 0:
        print(
            f"200,000-character petitions: {len(big_latencies)} sent ({args.big_per_second:g}/s) · latency ms "
            f"p50 {percentile(big_latencies, 50):.0f} · max {max(big_latencies):.0f} · errors {len(big_errors)}"
            if big_latencies else "200,000-character petitions: none completed"
        )
        errors += big_errors
    if errors:
        print("first errors:", errors[:5])
    core = in_process_screen_ms(200)
    print(
        f"screen() in-process, same texts: p50 {statistics.median(core):.1f} ms · "
        f"p95 {percentile(core, 95):.1f} ms (the rest of each request is HTTP, JSON and queueing)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
