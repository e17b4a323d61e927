"""In a real headless Chromium: the «آرای مشابه» panel appears when `screening serve --index` is given,
is absent without it, and its links open the ruling's page in a new tab without an opener."""
from __future__ import annotations

import pytest

from screening.training.similar_index import build_index, collect, read_records
from tests.similar_rulings import CHEQUE_PETITION, write_rulings
from tests.served import serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["with-index", "without-index"])
def server(request, tmp_path_factory, chromium):
    tmp = tmp_path_factory.mktemp(request.param)
    extra: list[str] = []
    if request.param == "with-index":
        src = write_rulings(tmp / "rulings.jsonl")
        build_index(*collect(read_records([src])), tmp / "idx")
        extra = ["--index", str(tmp / "idx")]
    with serving(["--model", "none", *extra], tmp / "server.log") as base:
        yield request.param, base


def test_similar_rulings_panel_in_a_real_browser(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    kind, base = server
    browser.get(f"{base}/")
    textarea = browser.find_element(By.ID, "petition-text")
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", textarea, CHEQUE_PETITION
    )
    browser.find_element(By.ID, "submit-button").click()
    WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "findings")))
    panels = browser.find_elements(By.ID, "similar-rulings")
    if kind == "without-index":
        assert panels == []
        return
    panel = panels[0]
    assert panel.is_displayed()
    assert "آرای مشابه" in panel.text and "به استناد بند ۴ ماده ۸۴" in panel.text
    assert "۴ از ۴ رأی مشابه بی‌نتیجه، همه به استناد بند ۴ ماده ۸۴" in panel.text
    # Under the findings, as the issue asks.
    findings = browser.find_element(By.ID, "findings")
    assert panel.location["y"] > findings.location["y"]
    links = panel.find_elements(By.CSS_SELECTOR, "a.ruling-link")
    assert len(links) == 4
    for link in links:
        assert link.get_attribute("href").startswith("https://rulings.example/cheque/")
        assert link.get_attribute("target") == "_blank"
        assert set(link.get_attribute("rel").split()) == {"noopener", "noreferrer"}
