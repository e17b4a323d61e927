"""Issue 14 without a browser: the result's order, an honest score, findings with where/cure, the stale
form, the guided fix and its downloads, the citizen's notice, the Persian guide, the batch API in Persian."""
from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from itsdangerous.url_safe import URLSafeSerializer

from screening.knowledge.form_sections import FIX_SECTION, SECTION_BY_CODE
from screening.report import ClaimType, Finding, Forum, ModelInfo, PetitionFields, Report, Severity, Span
from screening_web.app import create_app
from screening_web.presentation import build_view, reference_for

ROOT = Path(__file__).resolve().parents[2]
TEXTAREA = re.compile(r'<textarea id="petition-text"[^>]*>(.*?)</textarea>', re.S)
TOKEN = re.compile(r'name="csrftoken" value="([^"]+)"')


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find('<div class="card', start)
    return html[start : end if end != -1 else len(html)]


def _missing_defendant_and_value(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.startswith("خوانده:")]
    return "\n".join(lines).replace(" مقوم به 300,000,000 ریال (سیصد میلیون ریال)", "") + "\n"


def test_action_cards_come_first_and_the_probability_after_them(client, missing_defendant_petition, submit):
    html = submit(client, missing_defendant_petition).text
    order = [html.index(f'id="{name}"') for name in ("report-title", "to-ask", "blockers", "forum", "deadlines", "findings", "risk")]
    assert order == sorted(order)
    # The result heading is what the browser focuses (autofocus) and what a screen reader announces.
    assert re.search(r'<h2 id="report-title" tabindex="-1" autofocus>', html)
    assert 'role="status"' in html and "autofocus" not in TEXTAREA.search(html).group(0)


def test_the_score_card_says_what_the_band_means_how_good_the_model_is_and_links_the_guide(client, complete_petition, submit):
    risk = _section(submit(client, complete_petition).text, "risk")
    assert "risk-band" in risk and "٪" in risk
    assert 'class="band-meaning"' in risk
    assert 'id="model-quality"' in risk and "رأی واقعی" in risk  # the model's own real-data figure
    assert 'href="/guide#score"' in risk


def test_each_finding_shows_its_code_basis_where_the_fix_goes_and_the_cure_period(client, missing_defendant_petition, submit):
    html = submit(client, missing_defendant_petition).text
    item = re.search(r'<li class="finding[^"]*" id="finding-\d+"[^>]*data-code="MISSING_DEFENDANT".*?</li>', html, re.S).group(0)
    assert "<code" in item and "MISSING_DEFENDANT" in item
    assert SECTION_BY_CODE[FIX_SECTION["MISSING_DEFENDANT"]].label_fa in item  # the party table's defendant row
    assert "۱۰ روز" in item and "رد می‌شود" in item and "مواد ۵۳ و ۵۴" in item
    assert "بررسی شد" in item and "نادیده گرفته شود (با دلیل)" in item


def _report(**extra) -> Report:
    report = Report(
        claim_type=ClaimType("cheque", "مطالبه وجه چک", 0.9),
        forum=Forum("peace_court", "دادگاه صلح", "ماده ۱۲"),
        missing_fields=["defendant"],
        findings=[Finding("MISSING_DEFENDANT", Severity.DEFECT, "ماده ۵۱", "خوانده نیامده", Span(0, 3))],
        fields=PetitionFields(),
        fruitless_probability=0.81,
        risk_band="high",
        model=ModelInfo("default", "1"),
    )
    for key, value in extra.items():
        setattr(report, key, value)  # keys other parts of the contract add
    return report


def test_no_probability_for_a_text_that_is_not_a_petition_or_unfamiliar_to_the_model():
    not_petition = build_view(_report(is_petition=False, findings=[
        Finding("NOT_A_PETITION", Severity.BLOCKER, "ماده ۵۱", "این متن دادخواست نیست.")]), "سلام")
    assert not not_petition.is_petition and not not_petition.show_probability
    assert not_petition.not_petition_message == "این متن دادخواست نیست."
    unfamiliar = build_view(_report(score_caveat={"code": "unfamiliar", "message_fa": "متن برای مدل ناآشناست."}), "abc")
    assert unfamiliar.is_petition and not unfamiliar.show_probability
    assert unfamiliar.no_probability_reason == "متن برای مدل ناآشناست."
    plain = build_view(_report(base_rate={"claim_type": "cheque", "n": 85, "fruitless_rate": 0.22}), "abc")
    assert plain.show_probability and plain.base_rate_fa == "از ۸۵ رأی واقعی این نوع، ۲۲٪ بی‌نتیجه"


def test_not_a_petition_page_has_no_probability(app):
    class NotPetition:
        steps: list = []
        model_dir = None

        def screen(self, text, today=None):
            return _report(is_petition=False, findings=[Finding("NOT_A_PETITION", Severity.BLOCKER, "ماده ۵۱", "دادخواست نیست")])

    from screening_web.dependencies import get_screener

    app.dependency_overrides[get_screener] = lambda: NotPetition()
    with TestClient(app) as c:
        token = TOKEN.search(c.get("/").text).group(1)
        html = c.post("/", data={"text": "سلام", "csrftoken": token}).text
    assert 'id="not-petition"' in html and "دادخواست نیست" in html
    assert 'id="risk"' not in html and "٪" not in html.split('id="report"')[1]


@pytest.mark.parametrize("text", ["سلام", "This is an English paragraph about the weather, written to test the screener."])
def test_greeting_and_english_get_the_not_a_petition_message_in_the_page_and_the_api(client, screener, submit, text):
    assert screener.screen(text).finding_codes == ["NOT_A_PETITION"]
    html = submit(client, text).text
    assert 'id="not-petition"' in html and 'id="risk"' not in html
    report = client.post("/api/v1/screen", json={"text": text}).json()
    assert report["fruitless_probability"] is None and report.get("is_petition") is False
    assert [f["code"] for f in report["findings"]] == ["NOT_A_PETITION"]


def test_a_stale_token_shows_the_form_again_with_the_text_a_fresh_token_and_a_note(app, missing_defendant_petition):
    # What a browser holds after the server restarted with a new secret: a cookie and a field it cannot verify.
    stale = URLSafeSerializer("the-old-secret", "csrftoken").dumps("x" * 40)
    with TestClient(app, cookies={"csrftoken": stale}) as browser:
        refused = browser.post("/", data={"text": missing_defendant_petition, "csrftoken": stale})
    assert refused.status_code == 403
    assert TEXTAREA.search(refused.text).group(1).strip() == missing_defendant_petition.strip()
    assert 'id="form-note"' in refused.text and "اعتبار فرم" in refused.text
    fresh = TOKEN.search(refused.text).group(1)
    assert fresh != stale and refused.cookies.get("csrftoken") == fresh
    with TestClient(app, cookies={"csrftoken": fresh}) as browser:
        again = browser.post("/", data={"text": missing_defendant_petition, "csrftoken": fresh})
    assert again.status_code == 200 and 'id="report-title"' in again.text


def test_the_guided_fix_writes_a_petition_without_the_missing_defendant_and_value(client, complete_petition, form_token):
    text = _missing_defendant_and_value(complete_petition)
    token = form_token(client)
    page = client.post("/", data={"text": text, "csrftoken": token}).text
    fix = _section(page, "guided-fix")
    for name in ("defendant_name", "defendant_father_name", "defendant_national_id", "defendant_address", "claim_value"):
        assert f'name="{name}"' in fix
    answers = {
        "text": text, "csrftoken": token,
        "defendant_name": "ناصر امینی", "defendant_father_name": "جلال", "defendant_national_id": "۱۵۷۳۶۸۱۹۳۸",
        "defendant_address": "اصفهان، خیابان کاوه، کوچه بیستم، پلاک 3", "claim_value": "۳۰۰٬۰۰۰٬۰۰۰",
    }
    result = client.post("/fix", data=answers)
    assert result.status_code == 200
    gone = _section(result.text, "fix-gone")
    assert 'data-code="MISSING_DEFENDANT"' in gone and 'data-code="MISSING_CLAIM_VALUE"' in gone
    rest = result.text.split('id="fix-remaining"')[1].split('id="corrected"')[0]
    assert "MISSING_DEFENDANT" not in rest and "MISSING_CLAIM_VALUE" not in rest
    petition = re.search(r'<pre class="petition-text" id="corrected-text">(.*?)</pre>', result.text, re.S).group(1)
    assert "خوانده: ناصر امینی فرزند جلال به کد ملی 1573681938" in petition
    assert "مقوم به 300,000,000 ریال (سیصد میلیون ریال)" in petition

    from html import unescape

    plain = unescape(petition)
    word = client.post("/fix/download", data={"petition": plain, "format": "docx", "csrftoken": token})
    assert word.status_code == 200 and "attachment" in word.headers["content-disposition"]
    document = docx.Document(io.BytesIO(word.content))
    lines = [p.text for p in document.paragraphs]
    assert lines == plain.rstrip("\n").split("\n")
    assert document.paragraphs[0]._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
    text_file = client.post("/fix/download", data={"petition": plain, "format": "txt", "csrftoken": token})
    assert text_file.content.decode("utf-8") == plain


def test_the_citizen_notice_has_office_date_reference_deadlines_court_and_no_score(monkeypatch, client, missing_defendant_petition, submit):
    monkeypatch.setenv("SCREENING_OFFICE_NAME", "دفتر خدمات الکترونیک قضایی شماره ۱۲۳")
    html = submit(client, missing_defendant_petition).text
    notice = html[html.index('id="notice"') : html.index("</section>", html.index('id="notice"'))]
    citizen = notice.split('class="staff-only staff-extra"')[0]
    assert "دفتر خدمات الکترونیک قضایی شماره ۱۲۳" in citizen
    assert reference_for(missing_defendant_petition) in citizen
    assert re.search(r"تاریخ: \S+ [۰-۹]+ \S+ [۰-۹]{4}", citizen)
    assert "طرف دعوا (خوانده)" in citizen  # the citizen's wording, not the staff's «بپرسید»
    assert "بپرسید" not in citizen and "پیش از ثبت" in citizen
    assert "دادگاه صالح" in citizen and "کارشناس حقوقی این دفتر" in citizen
    assert "٪" not in citizen and "default" not in citizen and "مدل" not in citizen
    assert "دفتر خدمات الکترونیک قضایی شماره ۱۲۳" in html.split("</header>")[0]  # and in the page header


def test_the_persian_guide_explains_severities_bands_quality_limits_and_privacy(client):
    page = client.get("/guide")
    assert page.status_code == 200 and 'dir="rtl"' in page.text
    for heading in ("چهار درجه ایراد", "چه می‌گوید", "محدودیت‌ها", "حریم خصوصی"):
        assert heading in page.text
    for label in ("رد فوری", "نقص", "بی‌نتیجه", "هشدار", "کم", "متوسط", "زیاد"):
        assert label in page.text
    assert 'id="guide-quality"' in page.text and "رأی واقعی" in page.text
    persian = client.get("/راهنما", follow_redirects=False)
    assert persian.status_code == 308 and persian.headers["location"] == "/guide"
    assert 'href="/guide"' in client.get("/").text  # linked from the header


def test_the_batch_api_answers_in_persian_for_staff_when_asked(client, complete_petition):
    body = {"texts": [complete_petition, ""]}
    plain = client.post("/api/v1/screen/batch", json=body).json()
    assert "rows_fa" not in plain
    fa = client.post("/api/v1/screen/batch?lang=fa", json=body).json()
    assert len(fa["results"]) == len(fa["rows_fa"]) == 2
    row, failed = fa["rows_fa"]
    assert row["شناسه"] == "0" and row["نوع دعوا"] == plain["results"][0]["report"]["claim_type"]["label_fa"]
    assert row["سطح خطر"] in ("کم", "متوسط", "زیاد")
    assert failed["خطا"] and failed["سطح خطر"] is None
    assert client.post("/api/v1/screen/batch?lang=de", json=body).status_code == 422
