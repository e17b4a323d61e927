"""End to end in a real headless Chromium: `screening serve`, paste a petition, read the result.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them the
test skips with the reason, except under CI=true, where it fails: CI must run it.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest

pytestmark = pytest.mark.slow  # a server process and a real browser

from screening.knowledge.findings import FINDING_TYPES

SERVER_START_TIMEOUT_S = 90


@pytest.fixture(scope="module")
def chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI=true this test must run, not skip")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """`screening serve` in its own process, on a free loopback port, with its log in a file."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "screening.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"screening serve exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).json()["screener_loaded"]:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"screening serve did not answer within {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.2)
        yield base, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture()
def browser(chromium, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2400",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_missing_defendant_guidance_is_visible_in_a_real_browser(server, browser, tmp_path, missing_defendant_petition):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, log_path = server
    browser.get(f"{base}/")
    textarea = browser.find_element(By.ID, "petition-text")
    # Paste: the whole text lands at once, as it does from the clipboard.
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", textarea, missing_defendant_petition
    )
    browser.find_element(By.ID, "submit-button").click()

    wait = WebDriverWait(browser, 30)
    missing = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, '#missing-fields li[data-field="defendant"]')))
    assert "خوانده" in missing.text
    finding = browser.find_element(By.CSS_SELECTOR, '#findings li[data-code="MISSING_DEFENDANT"]')
    assert finding.is_displayed()
    guidance = FINDING_TYPES["MISSING_DEFENDANT"].message_fa
    assert guidance.split("؛")[0].split(".")[0] in finding.text
    assert "ماده ۵۱" in finding.text

    screenshot = tmp_path / "missing-defendant.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 20_000

    # Persian glyphs, not boxes: the page's own Vazirmatn is loaded and used, and a Persian
    # phrase does not measure like the same number of missing-glyph boxes.
    fonts = browser.execute_script(
        "return Array.from(document.fonts).filter(f => f.family.replace(/\"/g, '') === 'Vazirmatn')"
        ".map(f => f.status);"
    )
    assert "loaded" in fonts, fonts
    assert browser.execute_script("return getComputedStyle(arguments[0]).fontFamily;", finding).startswith(
        ("Vazirmatn", '"Vazirmatn"')
    )
    persian_width, boxes_width = browser.execute_script(
        "const c = document.createElement('canvas').getContext('2d'); c.font = '16px Vazirmatn';"
        "const s = arguments[0]; return [c.measureText(s).width, c.measureText('\\uE000'.repeat(s.length)).width];",
        "خوانده مشخص نشده است",
    )
    assert persian_width > 0 and abs(persian_width - boxes_width) > 5, (persian_width, boxes_width)

    # Direction and language as a Persian reader expects.
    assert browser.execute_script("return [document.documentElement.dir, document.documentElement.lang];") == ["rtl", "fa"]
    # The server's log has the request, not the petition.
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "POST / 200" in log
    assert "حمید توکلی" not in log and "خرید لوازم خانگی" not in log
