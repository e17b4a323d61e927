"""Batch scoring benchmark (issue 5): throughput and peak memory of `screening score`.

    .venv/bin/python bench/bench_batch.py --n 2000            # quick look
    .venv/bin/python bench/bench_batch.py --n 10000 --scale 10 # the README's figures

Generates an archive of N petitions from a few templates (varied names, amounts, dates, some
with gaps), then runs the real CLI as a subprocess:
- rows/s for `--jobs 1`, `--jobs 2` and `--dask local` (wall clock of the whole command, model
  loading and worker start included, plus the rate once warm: rows after the first checkpoint);
- peak memory (PSS and RSS summed over the process tree, sampled every 100 ms) for N and scale×N rows.
Targets: jobs 2 ≥ 1.6× jobs 1; dask local within 20 % of jobs 2; peak(scale×N) ≤ 1.2× peak(N).
Prints a table and writes bench/out/bench_batch.json. A missed target is printed with its figure.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

FIRST = ["علی", "رضا", "مریم", "زهرا", "حسین", "فاطمه", "محمد", "سارا", "مهدی", "نرگس", "امیر", "لیلا"]
LAST = ["رضایی", "احمدی", "کریمی", "حسینی", "محمدی", "موسوی", "جعفری", "صادقی", "رحیمی", "نوری"]
FATHER = ["حسن", "محمود", "جواد", "اکبر", "کاظم", "یوسف"]
CITY = ["تهران", "اصفهان", "شیراز", "تبریز", "مشهد", "رشت"]
STREET = ["خیابان آزادی", "خیابان انقلاب", "بلوار کشاورز", "خیابان ولیعصر", "میدان ونک"]

TEMPLATES = [
    # Cheque debt, complete.
    """ریاست محترم {court}
خواهان: {p_name} فرزند {p_father} به کد ملی {p_id} به نشانی {p_city}، {p_street}، پلاک {p_no}، کد پستی {p_post}
خوانده: {d_name} فرزند {d_father} به نشانی {d_city}، {d_street}، پلاک {d_no}
خواسته: مطالبهٔ وجه یک فقره چک به شمارهٔ {cheque} به مبلغ {amount} ریال به انضمام خسارات دادرسی و خسارت تأخیر تأدیه
دلایل و منضمات: تصویر مصدق چک، گواهی عدم پرداخت بانک
شرح دادخواست: خوانده بابت بدهی خود یک فقره چک به تاریخ {date} به اینجانب داده که در سررسید به علت کسری موجودی برگشت خورده است.
با عنایت به مراتب، صدور حکم بر محکومیت خوانده به پرداخت مبلغ خواسته به انضمام کلیه خسارات قانونی مورد استدعاست.
امضا: {p_name}
تاریخ: {date2}""",
    # Rent eviction, defendant address missing.
    """ریاست محترم {court}
خواهان: {p_name} فرزند {p_father} به نشانی {p_city}، {p_street}، پلاک {p_no}
خوانده: {d_name}
خواسته: صدور دستور تخلیهٔ عین مستأجره به علت انقضای مدت اجاره
دلایل: اجاره‌نامهٔ عادی مورخ {date}، اظهارنامهٔ رسمی
شرح: خوانده به موجب اجاره‌نامه‌ای که مدت آن در تاریخ {date2} به پایان رسیده، از تخلیهٔ ملک خودداری می‌کند.
تقاضای صدور حکم بر تخلیه را دارم.""",
    # Family: mehrieh, amount in words, no evidence.
    """ریاست محترم {court}
خواهان: {p_name} فرزند {p_father} به کد ملی {p_id}، نشانی: {p_city}، {p_street}
خوانده: {d_name} فرزند {d_father}، نشانی: {d_city}، {d_street}، پلاک {d_no}
خواسته: مطالبهٔ مهریه به تعداد {coins} عدد سکهٔ تمام بهار آزادی، تقویم خواسته {amount} ریال
شرح دادخواست: اینجانب همسر دائمی خوانده هستم و مهریهٔ خود را که عندالمطالبه است مطالبه می‌نمایم.
خواهشمند است حکم به پرداخت مهریه صادر فرمایید.
امضا""",
    # Damages, short and incomplete.
    """بسمه تعالی
خواهان {p_name}
خواسته: مطالبهٔ خسارت ناشی از تصادف به مبلغ {amount} ریال
خوانده در تاریخ {date} با خودروی خود به خودروی اینجانب برخورد کرده است.""",
]
COURTS = ["دادگاه عمومی حقوقی {city}", "شورای حل اختلاف {city}", "دادگاه خانواده {city}"]


def _digits(rnd: random.Random, n: int) -> str:
    return "".join(str(rnd.randint(0, 9)) for _ in range(n))


def petition(rnd: random.Random) -> str:
    city = rnd.choice(CITY)
    values = {
        "court": rnd.choice(COURTS).format(city=city),
        "p_name": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
        "p_father": rnd.choice(FATHER),
        "p_id": _digits(rnd, 10),
        "p_city": city,
        "p_street": rnd.choice(STREET),
        "p_no": rnd.randint(1, 400),
        "p_post": _digits(rnd, 10),
        "d_name": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
        "d_father": rnd.choice(FATHER),
        "d_city": rnd.choice(CITY),
        "d_street": rnd.choice(STREET),
        "d_no": rnd.randint(1, 400),
        "cheque": _digits(rnd, 6),
        "amount": f"{rnd.randint(5, 9000) * 1_000_000:,}",
        "coins": rnd.randint(14, 1400),
        "date": f"140{rnd.randint(0, 3)}/{rnd.randint(1, 12):02d}/{rnd.randint(1, 29):02d}",
        "date2": f"1404/{rnd.randint(1, 6):02d}/{rnd.randint(1, 29):02d}",
    }
    return rnd.choice(TEMPLATES).format(**values)


def generate(path: Path, n: int, seed: int = 5) -> None:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        for i in range(1, n + 1):
            w.writerow([f"P{i:07d}", petition(rnd)])


def tree_memory(proc: psutil.Process) -> tuple[int, int]:
    """(RSS, PSS) summed over the process tree. Forked workers share pages with their parent, so the
    RSS sum counts those pages once per process; PSS splits them fairly and is the honest total."""
    rss = pss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return rss, pss


def run_score(archive: Path, output: Path, extra: list[str]) -> dict:
    """Run the CLI; return wall time, peak tree RSS and the warm rate (rows after the first checkpoint)."""
    for suffix in ("", ".partial", ".progress.json"):
        Path(str(output) + suffix).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "screening.cli.main", "score", str(archive), "-o", str(output), "--quiet", *extra]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    first: tuple[float, int] | None = None
    progress = Path(str(output) + ".progress.json")
    last: tuple[float, int] | None = None
    while proc.poll() is None:
        try:
            rss, pss = tree_memory(ps)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        except psutil.Error:
            pass
        try:
            done = json.loads(progress.read_text())["rows_done"]
            now = time.monotonic()
            if done > 0 and first is None:
                first = (now, done)
            if done > 0:
                last = (now, done)
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    wall = time.monotonic() - started
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    warm = None
    if first and last and last[0] > first[0]:
        warm = (last[1] - first[1]) / (last[0] - first[0])
    return {"wall_s": wall, "peak_rss_mb": peak_rss / 2**20, "peak_pss_mb": peak_pss / 2**20, "warm_rows_per_s": warm}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="petitions in the throughput archive")
    ap.add_argument("--scale", type=int, default=10, help="memory is compared between N and scale×N rows")
    ap.add_argument("--memory-jobs", type=int, default=2, help="--jobs for the two memory runs")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    archive = OUT / f"archive_{args.n}.csv"
    if not archive.exists():
        generate(archive, args.n)
    results: dict = {
        "n": args.n,
        "machine": f"{platform.machine()}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()}",
    }
    outputs = []
    if not args.skip_throughput:
        for label, extra in (("jobs 1", ["--jobs", "1"]), ("jobs 2", ["--jobs", "2"]), ("dask local", ["--dask", "local", "--jobs", "2"])):
            out = OUT / f"out_{label.replace(' ', '_')}.jsonl"
            r = run_score(archive, out, extra)
            r["rows_per_s"] = args.n / r["wall_s"]
            results[label] = r
            outputs.append(out)
            warm = f"{r['warm_rows_per_s']:.1f}" if r["warm_rows_per_s"] else "n/a"
            print(
                f"{label:11s} {r['rows_per_s']:8.1f} rows/s (warm {warm}), {r['wall_s']:.1f} s, "
                f"peak PSS {r['peak_pss_mb']:.0f} MB (RSS sum {r['peak_rss_mb']:.0f} MB)",
                flush=True,
            )
        same = len({p.read_bytes() for p in outputs}) == 1
        results["outputs_identical"] = same
        print(f"outputs identical across runners: {same}")
        j1, j2, dk = (results[k]["rows_per_s"] for k in ("jobs 1", "jobs 2", "dask local"))
        results["speedup_jobs2"] = j2 / j1
        results["dask_vs_jobs2"] = dk / j2
        print(f"jobs 2 / jobs 1 = {j2 / j1:.2f}× (target ≥ 1.6×){'' if j2 / j1 >= 1.6 else '  MISSED'}")
        print(f"dask / jobs 2   = {dk / j2:.2f} (target ≥ 0.8){'' if dk / j2 >= 0.8 else '  MISSED'}")

    if not args.skip_memory:
        big = OUT / f"archive_{args.n * args.scale}.csv"
        if not big.exists():
            generate(big, args.n * args.scale)
        mem = {}
        for n, path in ((args.n, archive), (args.n * args.scale, big)):
            r = run_score(path, OUT / "out_memory.csv", ["--jobs", str(args.memory_jobs)])
            mem[n] = r
            print(
                f"memory      {n:>9,} rows: peak PSS {r['peak_pss_mb']:.0f} MB (RSS sum {r['peak_rss_mb']:.0f} MB), "
                f"{n / r['wall_s']:.1f} rows/s",
                flush=True,
            )
        ratio = mem[args.n * args.scale]["peak_pss_mb"] / mem[args.n]["peak_pss_mb"]
        results["memory"] = {str(k): v for k, v in mem.items()}
        results["memory_ratio"] = ratio
        print(f"peak({args.scale}×N) / peak(N) = {ratio:.2f} (target ≤ 1.2){'' if ratio <= 1.2 else '  MISSED'}")

    print(f"machine: {results['machine']}")
    (OUT / "bench_batch.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
