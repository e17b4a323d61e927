"""End to end in a real headless Chromium: `screening serve`, paste a petition, read the result, fix it, print it.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them the
test skips with the reason, except under CI=true, where it fails: CI must run it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from screening.knowledge.findings import FINDING_TYPES
from tests.served import serving

pytestmark = pytest.mark.slow  # a server process and a real browser

OFFICE_NAME = "دفتر خدمات الکترونیک قضایی آزمون ۴۲"


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """`screening serve` in its own process, on a free loopback port, with its log in a file."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with serving(["--office-name", OFFICE_NAME], log_path) as base:
        yield base, log_path


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


# --- issue 14: the page an office expert works from ------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def _set_viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def _paste(driver, base: str, text: str):
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/")
    area = driver.find_element(By.ID, "petition-text")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, text)
    return area


def _wait_for(driver, element_id: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, element_id)))


def _active_id(driver) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def _in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", element)


def _missing_defendant_and_value(complete_petition: str) -> str:
    lines = [line for line in complete_petition.splitlines() if not line.startswith("خوانده:")]
    return "\n".join(lines).replace(" مقوم به 300,000,000 ریال (سیصد میلیون ریال)", "") + "\n"


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_after_ctrl_enter_the_result_heading_is_focused_and_in_view(server, browser, missing_defendant_petition, size):
    from selenium.webdriver.common.keys import Keys

    base, _ = server
    _set_viewport(browser, *size)
    area = _paste(browser, base, missing_defendant_petition)
    assert _active_id(browser) == "petition-text"  # the textarea has autofocus on the empty page
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    heading = _wait_for(browser, "report-title")
    assert _active_id(browser) == "report-title"
    assert _in_viewport(browser, heading), browser.execute_script("return arguments[0].getBoundingClientRect().top", heading)
    assert browser.find_element("id", "report-status").get_attribute("role") == "status"


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_an_error_is_next_to_the_textarea_focused_and_visible(server, browser, size):
    base, _ = server
    _set_viewport(browser, *size)
    _paste(browser, base, "   \n  ")
    browser.find_element("id", "submit-button").click()
    error = _wait_for(browser, "input-error")
    assert _active_id(browser) == "input-error" and _in_viewport(browser, error)
    assert error.text.strip()
    textarea = browser.find_element("id", "petition-text")
    assert textarea.get_attribute("aria-describedby") == "input-error"


def test_a_stale_form_token_keeps_the_text_and_the_second_try_works(server, browser, missing_defendant_petition):
    from itsdangerous.url_safe import URLSafeSerializer

    base, _ = server
    _paste(browser, base, missing_defendant_petition)
    # As after a server restart: the cookie and the field were signed with a secret the server no longer has.
    stale = URLSafeSerializer("the-old-secret", "csrftoken").dumps("y" * 40)
    browser.delete_cookie("csrftoken")
    browser.add_cookie({"name": "csrftoken", "value": stale, "path": "/"})
    browser.execute_script("document.querySelector('input[name=csrftoken]').value = arguments[0];", stale)
    browser.find_element("id", "submit-button").click()
    note = _wait_for(browser, "form-note")
    assert "اعتبار فرم" in note.text
    kept = browser.find_element("id", "petition-text").get_attribute("value")
    assert kept.strip() == missing_defendant_petition.strip()
    browser.find_element("id", "submit-button").click()
    _wait_for(browser, "report-title")
    assert browser.find_elements("css selector", '#findings li[data-code="MISSING_DEFENDANT"]')


def _screen_with_a_wrong_national_id(server, browser, complete_petition: str):
    """Screen the complete petition with one wrong check digit; (its finding, the finding's index)."""
    base, _ = server
    _paste(browser, base, complete_petition.replace("0076229645", "0076229646"))
    browser.find_element("id", "submit-button").click()
    _wait_for(browser, "report-title")
    finding = browser.find_element("css selector", '#findings li[data-code="INVALID_NATIONAL_ID"]')
    return finding, finding.get_attribute("data-index")


def test_keyboard_goes_from_a_highlight_to_its_finding_and_back(server, browser, complete_petition):
    from selenium.webdriver.common.keys import Keys

    finding, index = _screen_with_a_wrong_national_id(server, browser, complete_petition)
    mark = browser.find_element("id", f"span-{index}")
    assert mark.tag_name == "mark" and mark.get_attribute("tabindex") == "0"  # a stop in the Tab order
    browser.execute_script("arguments[0].focus()", mark)
    mark.send_keys(Keys.ENTER)
    assert _active_id(browser) == f"finding-{index}"
    assert _in_viewport(browser, finding)
    # From the finding, Tab reaches «نمایش در متن», and Enter goes back to the highlight.
    browser.switch_to.active_element.send_keys(Keys.TAB)
    link = browser.switch_to.active_element
    assert link.get_attribute("href").endswith(f"#span-{index}")
    link.send_keys(Keys.ENTER)
    assert _active_id(browser) == f"span-{index}" and _in_viewport(browser, mark)


def test_clicking_a_findings_words_shows_its_place_in_the_text(server, browser, complete_petition):
    finding, index = _screen_with_a_wrong_national_id(server, browser, complete_petition)
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    finding.find_element("css selector", ".message").click()
    mark = browser.find_element("id", f"span-{index}")
    assert _active_id(browser) == f"span-{index}" and _in_viewport(browser, mark)
    # The review controls inside the finding keep their own job.
    browser.find_element("id", f"finding-{index}").find_element("css selector", ".js-reviewed").click()
    assert _active_id(browser) != f"span-{index}"


def test_guided_fix_removes_missing_defendant_and_value_and_the_docx_reopens(server, browser, complete_petition):
    import base64
    import io

    import docx

    from screening.petition_writer import amount_in_words

    base, _ = server
    _set_viewport(browser, 1366, 900)
    _paste(browser, base, _missing_defendant_and_value(complete_petition))
    browser.find_element("id", "submit-button").click()
    _wait_for(browser, "guided-fix")
    nid = browser.find_element("id", "fix-defendant-nid")
    nid.send_keys("1573681939")
    check = browser.find_element("id", "fix-defendant-nid-check")
    assert "معتبر نیست" in check.text  # live checksum, as screening/text/ids.py computes it
    nid.clear()
    nid.send_keys("۱۵۷۳۶۸۱۹۳۸")
    assert "معتبر است" in check.text
    browser.find_element("id", "fix-defendant-name").send_keys("ناصر امینی")
    browser.find_element("id", "fix-defendant-father").send_keys("جلال")
    browser.find_element("id", "fix-defendant-address").send_keys("اصفهان، خیابان کاوه، کوچه بیستم، پلاک 3")
    browser.find_element("id", "fix-claim-value").send_keys("300000000")
    assert amount_in_words(300_000_000) in browser.find_element("id", "fix-claim-value-words").text
    browser.find_element("id", "fix-button").click()
    _wait_for(browser, "fix-title")
    assert _active_id(browser) == "fix-title"
    gone = browser.find_element("id", "fix-gone").get_attribute("innerHTML")
    assert 'data-code="MISSING_DEFENDANT"' in gone and 'data-code="MISSING_CLAIM_VALUE"' in gone
    left = "".join(e.get_attribute("innerHTML") for e in browser.find_elements("css selector", "#fix-remaining, #fix-new"))
    assert "MISSING_DEFENDANT" not in left and "MISSING_CLAIM_VALUE" not in left
    corrected = browser.find_element("id", "corrected-text").get_attribute("textContent")
    assert "خوانده: ناصر امینی فرزند جلال" in corrected
    data = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const form = document.getElementById('download-docx').form; const body = new FormData(form);"
        "body.set('format', 'docx');"
        "fetch(form.action, {method: 'POST', body: new URLSearchParams(body)}).then(r => r.arrayBuffer()).then(b => {"
        "  let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); done(btoa(s)); });")
    document = docx.Document(io.BytesIO(base64.b64decode(data)))
    assert [p.text for p in document.paragraphs] == corrected.rstrip("\n").split("\n")


def _printed_text(driver) -> str:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return driver.execute_script("return document.body.innerText")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def _pdf_pages(driver) -> tuple[int, str]:
    import base64
    import io

    from pypdf import PdfReader

    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    return len(reader.pages), "".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.txt")) + ["missing-defendant-and-value"])
def test_the_citizen_notice_prints_on_one_a4_page_with_the_office_and_no_probability(server, browser, complete_petition, example):
    base, _ = server
    if example == "missing-defendant-and-value":
        text = _missing_defendant_and_value(complete_petition)
    else:
        text = (ROOT / "examples" / example).read_text(encoding="utf-8")
    _paste(browser, base, text)
    browser.find_element("id", "submit-button").click()
    _wait_for(browser, "report-title")
    printed = _printed_text(browser)
    assert OFFICE_NAME in printed and "کارشناس حقوقی این دفتر" in printed
    assert "٪" not in printed and "%" not in printed and "مدل" not in printed and "default" not in printed
    assert "نتیجه بررسی" not in printed  # the screen's report is not on the citizen's copy
    pages, pdf_text = _pdf_pages(browser)
    assert pages == 1, f"{example}: the notice printed on {pages} pages"
    reference = browser.find_element("css selector", ".notice-meta bdi").get_attribute("textContent")
    assert reference.replace("-", "") in pdf_text.replace("-", "").replace(" ", "")


def test_review_marks_reach_the_printout(server, browser, missing_defendant_petition):
    base, _ = server
    _paste(browser, base, missing_defendant_petition)
    browser.find_element("id", "submit-button").click()
    _wait_for(browser, "report-title")
    finding = browser.find_element("css selector", '#findings li[data-code="MISSING_DEFENDANT"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
    finding.find_element("css selector", ".js-ignored").click()
    finding.find_element("css selector", ".ignore-reason").send_keys("خوانده شفاهی معرفی شد")
    citizen = _printed_text(browser)
    assert "طرف دعوا (خوانده)" not in citizen  # ignored by the expert: off the citizen's list
    browser.execute_script("document.body.classList.add('print-staff')")
    staff = _printed_text(browser)
    assert "MISSING_DEFENDANT" in staff and "نادیده گرفته شد: خوانده شفاهی معرفی شد" in staff


def test_the_counter_is_styled_when_the_text_is_over_the_limit(server, browser):
    base, _ = server
    area = _paste(browser, base, "ا")
    count = browser.find_element("id", "char-count")
    assert "over" not in count.get_attribute("class")
    limit = int(area.get_attribute("data-max-chars"))
    browser.execute_script("arguments[0].value = 'ب'.repeat(arguments[1]); arguments[0].dispatchEvent(new Event('input'));", area, limit + 1)
    assert "over" in count.get_attribute("class") and "کوتاه کنید" in count.text
    color = browser.execute_script("return getComputedStyle(arguments[0]).color", count)
    assert color != browser.execute_script("return getComputedStyle(document.querySelector('.hint')).color")
