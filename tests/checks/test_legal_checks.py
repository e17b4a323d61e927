"""What an office expert would check on the legal findings: CPC 84 grounds read from sentences, evidence
written in prose, DOMAIN §7 evidence lists, the 1403 registration law and text that is not a petition."""
import json

import pytest

from screening.batch.rows import report_to_row
from screening.pipeline import Screener, screen
from screening.render import render_text
from tests.checks.legal_petitions import CASES, Case

BY_NAME = {c.name: c for c in CASES}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(model_dir=None)


def findings(report, code):
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_petition_gets_exactly_the_expected_claim_type_forum_missing_items_and_findings(screener, case: Case):
    report = screener.screen(case.text)
    assert (report.claim_type.code if report.claim_type else None) == case.claim_type
    assert (report.forum.code if report.forum else None) == case.forum
    assert tuple(report.missing_fields) == case.missing
    assert tuple(sorted(report.finding_codes)) == case.codes


def test_at_least_twenty_petitions_of_both_layouts_are_covered():
    petitions = [c for c in CASES if c.claim_type]
    assert len(petitions) >= 20
    assert any("خواهان:" in c.text for c in petitions) and any("اینجانب" in c.text and "خواهان:" not in c.text for c in petitions)
    assert any("ي" in c.text or "ك" in c.text for c in petitions)  # Arabic letters
    assert any("۰" in c.text and "٩" in c.text for c in petitions)  # Persian and Arabic-Indic digits mixed


# --- evidence, facts and signature in prose ---------------------------------------------------------------

def test_evidence_attached_in_prose_is_the_evidence_list(screener):
    report = screener.screen(BY_NAME["cheque_evidence_attached_in_prose"].text)
    assert report.fields.evidence == ["تصویر مصدق چک", "تصویر مصدق گواهی عدم پرداخت بانک ملت"]
    assert {e.code: e.present for e in report.evidence_checklist} == {"cheque": True, "non_payment_certificate": True}


def test_closing_line_with_the_plaintiffs_name_and_a_date_is_the_signature(screener):
    report = screener.screen(BY_NAME["cheque_relied_on_in_prose_closing_name_and_date"].text)
    assert report.fields.signature == "علی رضایی"
    assert report.fields.evidence[0] == "تصویر مصدق چک شماره 552013"


def test_facts_in_the_same_sentence_as_the_claim_are_facts(screener):
    report = screener.screen(BY_NAME["money_claim_facts_in_the_claim_sentence"].text)
    assert report.fields.facts.startswith("زیرا خوانده این مبلغ")
    assert report.fields.claim == "مطالبه مبلغ بابت قرض"


# --- CPC 84 -------------------------------------------------------------------------------------------------

def test_speculative_amount_is_flagged_where_it_is_written(screener):
    case = BY_NAME["uncertain_amount_is_not_definitive"]
    hit = findings(screener.screen(case.text), "NOT_DEFINITIVE")[0]
    assert hit.severity.value == "FRUITLESS" and "بند ۹ ماده ۸۴" in hit.basis
    assert case.text[hit.span.start:hit.span.end] in ("شاید", "فکر کنم")


@pytest.mark.parametrize("sentence", [
    "چون ممکن است خوانده اموال خود را منتقل کند، صدور قرار تأمین خواسته مورد تقاضاست.",
    "احتمالاً خوانده قصد انتقال اموال خود را دارد؛ لذا صدور قرار تأمین خواسته نیز مورد تقاضاست.",
    "در صورت اثبات ادعای اینجانب، محکومیت خوانده مورد استدعاست.",
    "در صورت احراز، صدور حکم به پرداخت وجه چک مورد تقاضاست.",
])
def test_security_requests_and_ordinary_prayers_are_not_speculative(screener, sentence):
    from tests.core.petitions import cheque_form
    report = screener.screen(cheque_form(request=sentence))
    assert "NOT_DEFINITIVE" not in report.finding_codes


def test_minor_found_whatever_the_distance_and_not_for_a_childs_age(screener):
    case = BY_NAME["minor_plaintiff_age_late_in_the_sentence"]
    hit = findings(screener.screen(case.text), "PLAINTIFF_INCAPACITY")[0]
    assert case.text[hit.span.start:hit.span.end] == "16 سال سن"
    custody = BY_NAME["final_divorce_judgment_cited_in_a_custody_claim_is_not_res_judicata"]
    assert "PLAINTIFF_INCAPACITY" not in screener.screen(custody.text).finding_codes  # «سارا 6 ساله» is the child


def test_prior_final_judgment_found_across_the_sentence(screener):
    case = BY_NAME["prior_final_judgment_far_from_its_finality"]
    hit = findings(screener.screen(case.text), "RES_JUDICATA")[0]
    assert hit.severity.value == "FRUITLESS" and "بند ۶ ماده ۸۴" in hit.basis
    start = case.text.index("دادنامه شماره")
    assert case.text.index("قطعیت یافته") - start > 150  # far apart, same sentence


def test_each_representatives_document_proves_only_its_own_role(screener):
    lawyer = findings(screener.screen(BY_NAME["lawyer_without_power_of_attorney"].text), "AUTHORITY_UNPROVEN")
    assert len(lawyer) == 1 and "وکالت‌نامه" in lawyer[0].message_fa  # the روزنامه رسمی attached does not do
    assert "مواد ۳۱ تا ۳۴" in lawyer[0].message_fa
    guardian = findings(screener.screen(BY_NAME["guardian_without_the_birth_certificate"].text), "AUTHORITY_UNPROVEN")
    assert "شناسنامه فرزند" in guardian[0].message_fa
    heir = findings(screener.screen(BY_NAME["heir_without_heirship_certificate"].text), "AUTHORITY_UNPROVEN")
    assert "گواهی حصر وراثت" in heir[0].message_fa
    company = findings(screener.screen(BY_NAME["company_plaintiff_without_its_official_gazette"].text), "SIGNATORY_UNPROVEN")
    assert company[0].severity.value == "WARN" and "روزنامه رسمی" in company[0].message_fa  # practice, unverified


# --- DOMAIN §7 evidence lists ---------------------------------------------------------------------------------

def test_cheque_non_payment_certificate_cites_the_cheque_law_not_commerce_310(screener):
    from tests.core.petitions import cheque_form
    report = screener.screen(cheque_form(evidence="دلایل و منضمات دادخواست:\n1- تصویر مصدق چک شماره 8842/217560"))
    missing = findings(report, "MISSING_EVIDENCE")[0]
    assert "مواد ۳۱۴ و ۳۱۵ قانون تجارت" in missing.basis and "قانون صدور چک" in missing.basis
    assert "۳۱۰" not in missing.basis


def test_agreed_divorce_needs_the_counselling_certificate(screener):
    report = screener.screen(BY_NAME["agreed_divorce_without_counselling_certificate"].text)
    missing = findings(report, "MISSING_EVIDENCE")[0]
    assert "مشاوره" in missing.message_fa
    assert {e.code: (e.present, e.key) for e in report.evidence_checklist}["counselling_certificate"] == (False, True)


def test_deed_transfer_asks_for_registry_inquiry_and_absence_certificate(screener):
    report = screener.screen(BY_NAME["deed_transfer_without_registry_inquiry_or_absence_certificate"].text)
    messages = " ".join(f.message_fa for f in findings(report, "MISSING_SUPPORTING_EVIDENCE"))
    assert "استعلام ثبتی" in messages and "گواهی عدم حضور" in messages
    assert all(f.severity.value == "WARN" for f in findings(report, "MISSING_SUPPORTING_EVIDENCE"))


def test_insolvency_needs_written_statements_not_a_bare_mention_of_witnesses(screener):
    from tests.core.petitions import INSOLVENCY
    one = INSOLVENCY.replace("2- اجاره‌نامه منزل مسکونی", "2- شهادت‌نامه یک نفر همسایه")
    assert "ESAR_NO_WITNESSES" in screener.screen(one).finding_codes
    two = INSOLVENCY.replace("2- اجاره‌نامه منزل مسکونی", "2- شهادت‌نامه کتبی دو نفر گواه")
    assert "ESAR_NO_WITNESSES" not in screener.screen(two).finding_codes


def test_oral_lease_says_what_is_really_lost(screener):
    report = screener.screen(BY_NAME["eviction_on_an_oral_lease_loses_only_the_quick_order"].text)
    hit = findings(report, "NO_QUICK_EVICTION_ORDER")[0]
    assert hit.severity.value == "WARN"
    assert "از میان نمی‌رود" in hit.message_fa and "۱۳۷۶" in hit.basis


def test_registration_law_is_fruitless_only_after_the_law_and_with_a_cadastral_title(screener):
    barred = findings(screener.screen(BY_NAME["registration_law_bars_a_post_law_deal_over_a_cadastral_title"].text),
                      "UNREGISTERED_IMMOVABLE_DEAL_BARRED")[0]
    assert barred.severity.value == "FRUITLESS" and "۱۴۰۳/۰۸/۱۵" in barred.message_fa
    warned = findings(screener.screen(BY_NAME["registration_law_only_warns_without_a_cadastral_title"].text),
                      "UNREGISTERED_IMMOVABLE_DEAL")[0]
    assert warned.severity.value == "WARN"
    before = BY_NAME["registration_law_bars_a_post_law_deal_over_a_cadastral_title"].text.replace("1403/08/15", "1402/08/15")
    codes = screener.screen(before).finding_codes
    assert "UNREGISTERED_IMMOVABLE_DEAL" in codes and "UNREGISTERED_IMMOVABLE_DEAL_BARRED" not in codes


# --- not a petition -------------------------------------------------------------------------------------------

NOT_PETITIONS = ["سلام", BY_NAME["an_english_paragraph"].text, BY_NAME["a_shopping_list"].text]


@pytest.mark.parametrize("text", NOT_PETITIONS)
def test_text_that_is_not_a_petition_gets_one_clear_finding_and_no_guesses_with_the_shipped_model(text):
    report = screen(text)  # the shipped model is loaded: it must not score a non-petition
    assert report.is_petition is False
    assert report.claim_type is None and report.forum is None
    assert report.fruitless_probability is None and report.risk_band is None and report.reasons == []
    assert report.missing_fields == []
    [finding] = report.findings
    assert finding.code == "NOT_A_PETITION" and finding.severity.value == "BLOCKER"
    assert "دادخواست به نظر نمی‌رسد" in finding.message_fa and "خواسته" in finding.message_fa
    d = json.loads(json.dumps(report.to_dict()))
    assert d["is_petition"] is False and d["claim_type"] is None and d["forum"] is None
    assert d["schema"] == "petition-screening/report/v1"


def test_a_petition_says_it_is_one_in_the_json(screener):
    assert screener.screen(CASES[0].text).to_dict()["is_petition"] is True


def test_front_ends_show_a_non_petition_without_crashing():
    from screening_web.presentation import build_view
    report = screen("سلام")
    assert "NOT_A_PETITION" in render_text(report) and "نوع دعوا" not in render_text(report)
    row = report_to_row("1", report)
    assert row["claim_type"] is None and row["forum"] is None and row["findings"] == ["NOT_A_PETITION"]
    view = build_view(report, "سلام")
    assert view.risk_percent is None


def test_a_guardian_in_the_representative_row_is_not_asked_for_a_power_of_attorney(screener):
    from tests.core.petitions import cheque_form
    text = cheque_form(plaintiff="خواهان: امیر رضایی فرزند علی سن: 12 به نشانی تهران، خیابان شریعتی، پلاک 12\n"
                                 "وکیل یا نماینده قانونی: علی رضایی پدر و ولی قهری خواهان به نشانی تهران، خیابان شریعتی، پلاک 12",
                       evidence="دلایل و منضمات دادخواست:\n1- تصویر مصدق چک شماره 8842/217560\n"
                                "2- تصویر مصدق گواهی عدم پرداخت بانک ملت\n3- تصویر شناسنامه فرزند")
    codes = screener.screen(text).finding_codes
    assert "AUTHORITY_UNPROVEN" not in codes and "PLAINTIFF_INCAPACITY" not in codes
    without = text.replace("3- تصویر شناسنامه فرزند", "3- تصویر کارت ملی")
    found = [f for f in screener.screen(without).findings if f.code == "AUTHORITY_UNPROVEN"]
    assert len(found) == 1 and "شناسنامه فرزند" in found[0].message_fa


@pytest.mark.parametrize("plaintiff, facts, minor", [
    ("خواهان: رضا کریمی فرزند علی ش.م. 0076229645 سن 13 به نشانی تهران، خیابان آزادی، پلاک 7", None, True),
    ("خواهان: رضا کریمی فرزند علی به نشانی تهران، خیابان آزادی، پلاک 7",
     "خواهان که 13 ساله است، بدون حضور ولی یا قیم، خود دعوا را طرح کرده است و خوانده بدهی را نپرداخته است.", True),
    ("خواهان: رضا کریمی فرزند علی به نشانی تهران، خیابان آزادی، پلاک 7",
     "من به سن 12 سال هستم و خوانده بهای دوچرخه‌ای را که از من خریده نپرداخته است و پاسخ نمی‌دهد.", True),
    ("خواهان: مریم احمدی فرزند رضا به نشانی تهران، خیابان آزادی، پلاک 7",
     "اینجانب مادر هستم و فرزند مشترک ما سمانه 10 سال دارد و خوانده بهای کالا را نپرداخته است و پاسخ نمی‌دهد.", False),
    ("خواهان: رضا کریمی فرزند علی به نشانی تهران، خیابان آزادی، پلاک 7",
     "اینجانب قرارداد 5 ساله اجاره با خوانده داشتم و خوانده بهای کالا را نپرداخته است و پاسخ نمی‌دهد.", False),
])
def test_minor_plaintiff_read_from_the_sentence_that_introduces_the_plaintiff(screener, plaintiff, facts, minor):
    from tests.core.petitions import cheque_form
    kwargs = {"plaintiff": plaintiff} | ({"facts": facts} if facts else {})
    assert ("PLAINTIFF_INCAPACITY" in screener.screen(cheque_form(**kwargs)).finding_codes) is minor


@pytest.mark.parametrize("request_text, speculative", [
    ("چنانچه دادگاه محترم تشخیص دهد حقی برای اینجانب وجود دارد، حکم مقتضی صادر فرماید.", True),
    ("اگر احتمالاً خوانده بدهکار باشد، محکومیت او مورد استدعاست.", True),
    ("خوانده ادعا کرده احتمالاً به زودی پرداخت خواهد کرد، ولی تاکنون نپرداخته؛ صدور حکم مورد استدعاست.", False),
])
def test_doubt_about_the_claim_itself_is_not_definitive(screener, request_text, speculative):
    from tests.core.petitions import cheque_form
    assert ("NOT_DEFINITIVE" in screener.screen(cheque_form(request=request_text)).finding_codes) is speculative
