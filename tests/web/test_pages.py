"""screening_web.routers.pages: the form office staff use, through the real screener."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from screening.pipeline import MAX_CHARS
from screening_web.limits import MAX_BODY_BYTES

ASCII_DIGIT = re.compile(r"[0-9]")


def _section(html: str, section_id: str) -> str:
    """The HTML of one result card (up to the next card), to assert on what people read there."""
    start = html.index(f'id="{section_id}"')
    end = html.find('<div class="card', start)
    return html[start : end if end != -1 else len(html)]


def _visible_text(html: str) -> str:
    """Text between tags, without attribute values (which hold codes, not reading matter)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_page_is_a_persian_rtl_form_with_a_token_and_no_inline_script(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html dir="rtl" lang="fa">' in page.text
    assert '<textarea id="petition-text" name="text"' in page.text
    assert 'href="/static/css/app.css"' in page.text
    # Every script is a file from our origin: the CSP forbids inline scripts.
    scripts = re.findall(r"<script\b[^>]*>", page.text)
    assert scripts and all('src="/static/' in tag for tag in scripts)
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    assert client.cookies.get("csrftoken") == token


def test_font_and_stylesheet_are_served_locally(client):
    css = client.get("/static/css/app.css")
    assert css.status_code == 200 and 'font-family: "Vazirmatn"' in css.text
    for weight in ("Regular", "Bold"):
        font = client.get(f"/static/fonts/Vazirmatn-{weight}.woff2")
        assert font.status_code == 200
        assert font.content[:4] == b"wOF2"  # a real woff2 file, not an error page
    assert "Open Font License" in client.get("/static/fonts/OFL.txt").text


def test_example_link_fills_the_textarea_with_a_shipped_petition(client):
    page = client.get("/")
    links = re.findall(r'href="/\?example=([a-z_]+)"', page.text)
    assert links, "the page offers no example petition"
    filled = client.get(f"/?example={links[0]}")
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", filled.text, re.S).group(1)
    assert "دادخواست" in textarea and len(textarea) > 300


def test_example_names_cannot_reach_other_files(client):
    for name in ("../pyproject", "..%2Fpyproject", "/etc/passwd", "nonexistent"):
        page = client.get("/", params={"example": name})
        assert page.status_code == 200
        assert re.search(r"<textarea[^>]*></textarea>", page.text), name


def test_petition_without_defendant_shows_the_missing_defendant_guidance(client, missing_defendant_petition, submit):
    result = submit(client, missing_defendant_petition)
    assert result.status_code == 200
    missing = _section(result.text, "missing-fields")
    assert 'data-field="defendant"' in missing and "مشخصات خوانده" in missing
    findings = _section(result.text, "findings")
    assert 'data-code="MISSING_DEFENDANT"' in findings
    assert "خوانده (طرف دعوا) مشخص نشده است" in findings
    assert "ماده ۵۱" in findings and "قانون آیین دادرسی مدنی" in findings
    # and it is on the checklist the expert prints for the citizen
    assert "مشخصات خوانده" in _section(result.text, "to-ask")


def test_result_shows_claim_type_evidence_forum_and_risk(client, screener, complete_petition, submit):
    report = screener.screen(complete_petition)
    html = submit(client, complete_petition).text
    assert report.claim_type.label_fa in _section(html, "claim-type")
    assert report.forum.label_fa in _section(html, "forum")
    evidence = _section(html, "evidence")
    for check in report.evidence_checklist:
        row = re.search(rf'<tr class="(present|absent)" data-evidence="{check.code}">', evidence)
        assert row and row.group(1) == ("present" if check.present else "absent")
    risk = _section(html, "risk")
    if report.fruitless_probability is None:
        assert "مدل امتیازدهی در دسترس نیست" in risk
    else:
        assert f"{round(report.fruitless_probability * 100)}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) + "٪" in risk


def test_numbers_people_read_in_the_result_are_persian(client, missing_defendant_petition, submit):
    html = submit(client, missing_defendant_petition).text
    for section in ("risk", "claim-type", "forum", "to-ask", "missing-fields", "findings", "evidence"):
        text = _visible_text(_section(html, section))
        assert not ASCII_DIGIT.search(text), f"ASCII digits in {section}: {text[:200]}"


def test_flagged_spans_are_highlighted_in_the_petition_text(client, screener, complete_petition, submit):
    # An invalid national ID is a finding with a place in the text.
    text = complete_petition.replace("0076229645", "0076229646")
    report = screener.screen(text)
    spanned = [(i, f) for i, f in enumerate(report.findings) if f.span is not None]
    assert spanned, "expected at least one finding with a span"
    html = submit(client, text).text
    petition = _section(html, "petition")
    for index, finding in spanned:
        assert f'id="span-{index}"' in petition
        assert f'href="#span-{index}"' in html


def test_script_in_a_petition_is_shown_as_text(client, missing_defendant_petition, submit):
    hostile = missing_defendant_petition + '\n<script>alert("x")</script><img src=x onerror=alert(1)>'
    html = submit(client, hostile).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in _section(html, "petition")


def test_empty_text_gets_a_persian_message(client, submit):
    result = submit(client, "   \n  ")
    assert result.status_code == 422
    assert 'id="input-error"' in result.text and "خالی" in result.text
    assert 'id="report"' not in result.text


def test_text_over_the_character_limit_gets_a_persian_message_and_is_kept(client, submit):
    text = "ا" * (MAX_CHARS + 1)
    result = submit(client, text)
    assert result.status_code == 422
    assert "طولانی" in _visible_text(result.text[result.text.index('id="input-error"') :])[:300]
    assert text in result.text  # nothing is lost: the textarea still holds it


def test_body_over_the_byte_limit_gets_a_413_persian_page(client, form_token):
    token = form_token(client)
    result = client.post("/", data={"text": "a" * (MAX_BODY_BYTES + 10), "csrftoken": token})
    assert result.status_code == 413
    assert '<html dir="rtl" lang="fa">' in result.text
    assert "بیش از اندازه" in result.text


def test_browser_line_breaks_are_read_as_typed(client, screener, missing_defendant_petition, submit):
    crlf = missing_defendant_petition.replace("\n", "\r\n")
    html = submit(client, crlf).text
    assert 'data-field="defendant"' in html
    assert "\r" not in _section(html, "petition")


def test_result_pages_are_not_cached(client, missing_defendant_petition, submit):
    result = submit(client, missing_defendant_petition)
    assert result.headers["cache-control"] == "no-store"


def test_unknown_page_is_a_persian_404(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "پیدا نشد" in page.text and 'dir="rtl"' in page.text



def test_deadline_notice_is_prominent_on_the_last_day_and_plain_before(screener):
    from starlette.requests import Request

    from screening_web.presentation import build_view
    from screening_web.templating import templates

    text = (Path(__file__).parent / "petitions" / "appeal.txt").read_text(encoding="utf-8")
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""})
    pages = {}
    # Served 1404/01/15 (2025-04-04): the last day to appeal is Sat 1404/02/06 (2025-04-26).
    for today in (dt.date(2025, 4, 26), dt.date(2025, 4, 10)):
        report = screener.screen(text, today=today)
        assert report.deadline is not None
        context = {"text": text, "view": build_view(report, text), "error": None, "examples": (), "max_chars": 1,
                   "csrf_token": "t", "note": None, "focus_report": True, "office_name": ""}
        pages[report.deadline["status"]] = templates.get_template("index.html").render(request=request, **context)
    assert 'class="alert alert-deadline" id="deadline"' in pages["last_day"]
    last_day = _section(pages["last_day"], "deadline")
    assert "امروز آخرین مهلت تجدیدنظرخواهی است" in last_day
    assert "۱۴۰۴/۰۲/۰۶" in last_day
    assert 'class="notice notice-deadline" id="deadline"' in pages["open"]
    before = _section(pages["open"], "deadline")
    assert "۱۴۰۴/۰۲/۰۶" in before and "روز مانده" in before and "امروز" not in before


def test_review_petition_shows_its_kind_and_the_court_of_review(client, screener, submit):
    from tests.checks.legal_forum_petitions import PETITIONS

    html = submit(client, PETITIONS["appeal_losing_defendant"]).text
    assert "دادخواست تجدیدنظر" in _section(html, "claim-type")
    assert "دادگاه تجدیدنظر استان" in _section(html, "forum")
    first = submit(client, PETITIONS["home_eviction"]).text
    assert 'id="petition-kind"' not in first


def test_api_report_carries_petition_kind(client):
    from tests.checks.legal_forum_petitions import PETITIONS

    body = client.post("/api/v1/screen", json={"text": PETITIONS["objection_abroad"]}).json()
    assert body["petition_kind"] == "objection"
