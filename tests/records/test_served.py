"""`screening serve` in its own process, with and without --record, and the office's pages in a real
headless Chromium: log in, see the dashboard's charts for seeded records, enter an outcome, export.

Needs Debian's `chromium` and `chromium-driver` for the browser test (.ci/run installs them).
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from screening.records.service import Recording, RecordingSettings
from screening.text.reference import petition_reference
from tests.records.seed import seed
from tests.served import start_server, stop_server

pytestmark = pytest.mark.slow

PETITIONS = Path(__file__).parents[1] / "web" / "petitions"
TOKEN_RE = re.compile(r'name="csrftoken" value="([^"]+)"')
PASSWORD = "correct horse battery"


def _start(args: list[str], home: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    """A server whose data folder is under `home` (no SCREENING_ setting of the machine leaks in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    return start_server(args, log_path, env=env, cwd=home)


def _screen(base: str, text: str) -> str:
    with httpx.Client(base_url=base) as c:
        token = TOKEN_RE.search(c.get("/").text).group(1)
        page = c.post("/", data={"text": text, "csrftoken": token})
        assert page.status_code == 200
        return page.text


def test_serve_without_record_writes_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    proc, base = _start([], home, tmp_path / "server.log")
    try:
        page = _screen(base, (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8"))
        assert "ثبت سوابق روشن است" not in page
        assert httpx.get(f"{base}/dashboard").status_code == 404
    finally:
        stop_server(proc)
    assert list(home.rglob("*")) == []  # no data folder, no database file, nothing


def test_serve_record_uses_the_data_folder_by_default(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    text = (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8")
    proc, base = _start(["--record", "--workers", "2"], home, tmp_path / "server.log")
    try:
        page = _screen(base, text)
        assert "ثبت سوابق روشن است" in page and petition_reference(text) in page
    finally:
        stop_server(proc)
    db = home / ".local" / "share" / "petition-screening" / "records.sqlite3"
    assert db.exists()
    rec = Recording.open(RecordingSettings(db_url=str(db)), migrate_to_head=False)
    assert [v.reference for v in rec.store.find(petition_reference(text))] == [petition_reference(text)]
    rec.close()
    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "حمید توکلی" not in log and "0076229645" not in log


def test_log_in_see_dashboard_enter_outcome_export(tmp_path, browser, screener):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    db = tmp_path / "records.sqlite3"
    rec = Recording.open(RecordingSettings(db_url=str(db), office_id="tehran-101"))
    refs = seed(rec.store, screener, n=18, now=_dt.datetime.now(_dt.timezone.utc), weeks=4, outcomes=True)
    rec.accounts.add_user("alice", PASSWORD)
    rec.close()
    home = tmp_path / "home"
    home.mkdir()
    proc, base = _start(["--record", "--db", str(db), "--office", "tehran-101"], home, tmp_path / "server.log")
    wait = WebDriverWait(browser, 30)
    try:
        browser.get(f"{base}/dashboard")  # not logged in: the login form
        wait.until(ec.visibility_of_element_located((By.ID, "login-form")))
        browser.find_element(By.ID, "username").send_keys("alice")
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "login-button").click()

        summary = wait.until(ec.visibility_of_element_located((By.ID, "dash-summary")))
        assert "۱۸ دادخواست" in summary.text
        charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
        assert len(charts) == 7
        assert all(c.is_displayed() and c.size["height"] > 50 for c in charts)
        bars = browser.find_elements(By.CSS_SELECTOR, "#chart-findings svg rect")
        assert bars, "the frequent-defects chart has no bars"
        rows = browser.find_elements(By.CSS_SELECTOR, "#chart-offices table tbody tr")
        assert {r.find_elements(By.TAG_NAME, "td")[0].text for r in rows} == {"tehran-101", "tehran-102", "karaj-7"}

        # enter an outcome for a record without one
        ref = refs[1]
        browser.find_element(By.LINK_TEXT, "ثبت نتیجه دادگاه").click()
        field = wait.until(ec.visibility_of_element_located((By.ID, "reference")))
        field.send_keys(ref.lower())
        field.submit()
        form = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "form.outcome-form")))
        Select(form.find_element(By.NAME, "outcome")).select_by_value("claim_rejected")
        form.find_element(By.NAME, "ruling_number").send_keys("140468390009999")
        form.find_element(By.NAME, "ruling_date").send_keys("۱۴۰۵/۰۲/۱۰")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(ec.visibility_of_element_located((By.ID, "outcome-saved")))
        assert "قرار رد دعوا" in browser.find_element(By.ID, "current-outcome").text

        # export: the CSV downloads with the outcome just entered
        downloads = tmp_path / "downloads"
        downloads.mkdir()
        browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        browser.find_element(By.LINK_TEXT, "خروجی CSV").click()
        deadline = time.monotonic() + 20
        while not [p for p in downloads.glob("records-*.csv")] and time.monotonic() < deadline:
            time.sleep(0.2)
        [csv_file] = downloads.glob("records-*.csv")
        content = csv_file.read_text(encoding="utf-8-sig")
        line = next(line for line in content.splitlines() if line.startswith(ref))
        assert "claim_rejected" in line and "140468390009999" in line
        assert len(content.splitlines()) == 19
    finally:
        stop_server(proc)


def test_the_experts_marks_on_the_page_are_saved_with_the_record(tmp_path, browser):
    """With recording on, «بررسی شد» and «نادیده گرفته شود» with its reason reach the record's findings."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    db = tmp_path / "records.sqlite3"
    home = tmp_path / "home"
    home.mkdir()
    text = (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("خوانده", "محل امضا")))  # two findings
    proc, base = _start(["--record", "--db", str(db)], home, tmp_path / "server.log")
    wait = WebDriverWait(browser, 30)
    try:
        browser.get(base + "/")
        area = wait.until(ec.visibility_of_element_located((By.ID, "petition-text")))
        browser.execute_script("arguments[0].value = arguments[1];", area, text)
        browser.find_element(By.ID, "submit-button").click()
        notice = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#recording-notice[data-decisions-url]")))
        findings = browser.find_elements(By.CSS_SELECTOR, "li.finding[data-index]")
        assert len(findings) >= 2
        browser.execute_script("arguments[0].scrollIntoView()", findings[0])
        findings[0].find_element(By.CSS_SELECTOR, ".js-reviewed").click()
        wait.until(lambda d: notice.get_attribute("data-decisions-saved") == "yes")
        findings[1].find_element(By.CSS_SELECTOR, ".js-ignored").click()  # no reason yet: stays open
        wait.until(lambda d: notice.get_attribute("data-decisions-saved") == "yes")
        findings[1].find_element(By.CSS_SELECTOR, ".ignore-reason").send_keys("خوانده در پیوست معرفی شده است", Keys.TAB)
        wait.until(lambda d: notice.get_attribute("data-decisions-saved") == "yes")
        first, second = (int(f.get_attribute("data-index")) for f in findings[:2])
    finally:
        stop_server(proc)
    rec = Recording.open(RecordingSettings(db_url=str(db)), migrate_to_head=False)
    [view] = rec.store.find(petition_reference(text))
    rec.close()
    decided = {f.position: (f.decision, f.reason) for f in view.findings}
    assert decided[first][0] == "handled"
    assert decided[second] == ("overridden", "خوانده در پیوست معرفی شده است")
