"""A real `screening serve` in its own process, and a headless Chromium, for the tests that need them.

One place for what the browser, records and hardening tests share: a free loopback port, a server
started with its log in a file and waited for until `/healthz` says the screener is loaded, a clean
stop, and a Chromium found on the PATH (skipped without one, except under CI=true, where a missing
browser fails the test instead of hiding it).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx
import pytest

SERVER_START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args: list[str], log_path: Path, *, env: dict[str, str] | None = None, cwd: Path | None = None,
                 timeout: float = SERVER_START_TIMEOUT_S) -> tuple[subprocess.Popen, str]:
    """`screening serve ARGS` on a free loopback port; returns the process and its base URL once it answers."""
    port = free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "screening.cli.main", "serve", "--host", "127.0.0.1",
                                 "--port", str(port), *args], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"screening serve exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).json()["screener_loaded"]:
                return proc, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"screening serve did not answer within {timeout:.0f} s")
        time.sleep(0.2)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def serving(args: list[str], log_path: Path, **kwargs) -> Iterator[str]:
    """A started server's base URL for the `with` block; stopped after it, whatever happens."""
    proc, base = start_server(args, log_path, **kwargs)
    try:
        yield base
    finally:
        stop_server(proc)


def find_chromium() -> tuple[str, str]:
    """(browser, chromedriver) from the PATH; skips the test without them (fails under CI=true)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI=true this test must run, not skip")
    pytest.skip(reason)


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,2400")


@contextmanager
def chrome(binary: str, driver_path: str, profile: Path) -> Iterator[object]:
    """A headless Chromium driven by Selenium, with its own profile folder; quit after the block."""
    from selenium import webdriver  # only the browser tests need Selenium
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
