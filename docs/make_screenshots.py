"""Screenshots of the page's main states, from the running app in headless Chromium.

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots]

Starts `screening serve` on a free loopback port (office name set), drives Debian's chromium +
chromedriver with Selenium, and writes: 1-empty, 2-result (desktop), 3-result-phone, 4-guided-fix,
5-fix-result, 6-print (the citizen's notice as Chromium prints it, print media emulated) and 7-guide.
The petition is the shipped cheque example with its defendant and value taken out.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OFFICE = "دفتر خدمات الکترونیک قضایی ونک (نمونه)"


def petition_missing_defendant_and_value() -> str:
    text = (ROOT / "examples" / "cheque_complete.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("خوانده:")]
    return "\n".join(lines).replace(" مقوم به 450,000,000 ریال (چهارصد و پنجاه میلیون ریال)", "") + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "SCREENING_OFFICE_NAME": OFFICE}
    proc = subprocess.Popen(
        [sys.executable, "-m", "screening.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()["screener_loaded"]:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("screening serve did not start")


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def set_viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def paste_and_submit(driver, base: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}/")
    area = driver.find_element(By.ID, "petition-text")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, text)
    driver.find_element(By.ID, "submit-button").click()
    WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, "report-title")))
    driver.execute_script("return document.fonts.ready")


def main() -> int:
    from selenium.webdriver.common.by import By

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(Path(profile))
        try:
            set_viewport(driver, 1366, 900)
            driver.get(f"{base}/")
            driver.execute_script("return document.fonts.ready")
            driver.save_screenshot(str(out / "1-empty.png"))

            text = petition_missing_defendant_and_value()
            paste_and_submit(driver, base, text)
            driver.save_screenshot(str(out / "2-result.png"))

            set_viewport(driver, 390, 844, mobile=True)
            paste_and_submit(driver, base, text)
            driver.save_screenshot(str(out / "3-result-phone.png"))

            set_viewport(driver, 1366, 900)
            paste_and_submit(driver, base, text)
            fields = {"fix-defendant-name": "مهدی کاظمی", "fix-defendant-father": "محمود",
                      "fix-defendant-nid": "1573681938",
                      "fix-defendant-address": "تهران، میدان ونک، خیابان ملاصدرا، کوچه سوم، پلاک 8",
                      "fix-claim-value": "450000000"}
            for field_id, value in fields.items():
                driver.find_element(By.ID, field_id).send_keys(value)
            driver.execute_script("document.getElementById('guided-fix').scrollIntoView({block: 'start'})")
            driver.save_screenshot(str(out / "4-guided-fix.png"))
            driver.find_element(By.ID, "fix-button").click()
            driver.find_element(By.ID, "fix-title")
            driver.save_screenshot(str(out / "5-fix-result.png"))

            paste_and_submit(driver, base, text)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            set_viewport(driver, 794, 1123)  # A4 at 96 dpi
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(out / "6-print.png"))

            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            set_viewport(driver, 1366, 900)
            driver.get(f"{base}/guide")
            driver.execute_script("return document.fonts.ready")
            driver.save_screenshot(str(out / "7-guide.png"))
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=10)
    for png in sorted(out.glob("*.png")):
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
