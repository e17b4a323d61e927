"""The core's behaviour a legal expert would notice: fields found, defects flagged, values read."""
import pytest

from tests.core.petitions import CLAIM, INSOLVENCY, NARRATIVE_MAHR, cheque_form


def codes(report):
    return [f.code for f in report.findings]


def test_complete_cheque_petition_has_no_findings(screener):
    report = screener.screen(cheque_form())
    assert report.missing_fields == []
    assert report.findings == []
    assert report.claim_type.code == "cheque"
    assert report.forum.code == "peace_court"
    f = report.fields
    assert [p.name for p in f.plaintiffs] == ["علی رضایی"]
    assert f.plaintiffs[0].father_name == "حسن"
    assert f.plaintiffs[0].national_id == "0076229645"
    assert f.plaintiffs[0].mobile == "09121234567"
    assert f.plaintiffs[0].postal_code == "1545863914"
    assert [p.name for p in f.defendants] == ["مهدی کاظمی"]
    assert f.claim_value_rial == 450_000_000
    assert f.evidence == ["تصویر مصدق چک شماره 8842/217560", "تصویر مصدق گواهی عدم پرداخت بانک ملت"]
    assert f.signature == "علی رضایی"
    assert f.date == "1403/05/10"
    assert all(e.present for e in report.evidence_checklist)


MISSING_CASES = {
    "plaintiff": dict(plaintiff=None),
    "defendant": dict(defendant=None),
    "claim": dict(claim="خواسته و بهای آن: مقوم به 450,000,000 ریال (چهارصد و پنجاه میلیون ریال)"),
    "claim_value": dict(claim="خواسته و بهای آن: مطالبه وجه یک فقره چک به شماره 8842/217560 عهده بانک ملت"),
    "facts": dict(facts=None),
    "request": dict(request=None),
    "evidence": dict(evidence=None),
    "signature": dict(signature=None),
}
FINDING_OF = {
    "plaintiff": ("MISSING_PLAINTIFF", "BLOCKER"),
    "defendant": ("MISSING_DEFENDANT", "DEFECT"),
    "claim": ("MISSING_CLAIM", "DEFECT"),
    "claim_value": ("MISSING_CLAIM_VALUE", "DEFECT"),
    "facts": ("MISSING_FACTS", "DEFECT"),
    "request": ("MISSING_REQUEST", "DEFECT"),
    "evidence": ("MISSING_EVIDENCE_LIST", "DEFECT"),
    "signature": ("MISSING_SIGNATURE", "WARN"),
}


@pytest.mark.parametrize("field", list(MISSING_CASES))
def test_each_article_51_field_missing_in_turn(screener, field):
    report = screener.screen(cheque_form(**MISSING_CASES[field]))
    assert report.missing_fields == [field]
    code, severity = FINDING_OF[field]
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1 and found[0].severity.value == severity
    assert "ماده ۵۱" in found[0].basis


def test_claim_value_not_required_for_custody(screener):
    text = cheque_form(
        title="برگ دادخواست به دادگاه خانواده",
        claim="خواسته: حضانت فرزند مشترک به نام سارا",
        evidence="دلایل و منضمات دادخواست:\n1- تصویر شناسنامه فرزند\n2- تصویر سند ازدواج",
        facts="فرزند مشترک ما از زمان جدایی نزد خوانده است و خوانده از نگهداری او به درستی برنمی‌آید و سلامت او در خطر است.",
        request="لذا صدور حکم حضانت فرزند به نفع اینجانب مورد استدعاست.",
    )
    report = screener.screen(text)
    assert report.claim_type.code == "custody"
    assert report.forum.code == "family_court"
    assert report.missing_fields == []


def test_wrong_national_id_checksum_is_flagged(screener):
    text = cheque_form(plaintiff=PLAINTIFF_WITH_ID("0076229646"))
    report = screener.screen(text)
    bad = [f for f in report.findings if f.code == "INVALID_NATIONAL_ID"]
    assert len(bad) == 1
    assert "0076229646" in bad[0].message_fa
    assert text[bad[0].span.start:bad[0].span.end] == "0076229646"


def PLAINTIFF_WITH_ID(national_id: str) -> str:
    return f"خواهان: علی رضایی فرزند حسن به کد ملی {national_id} به نشانی تهران، خیابان شریعتی، پلاک 12"


def test_digits_and_words_mismatch(screener):
    claim = CLAIM.replace("چهارصد و پنجاه میلیون", "چهارصد میلیون")
    report = screener.screen(cheque_form(claim=claim))
    assert "VALUE_MISMATCH" in codes(report)
    assert report.fields.claim_value_rial == 450_000_000
    assert report.fields.claim_value_words_rial == 400_000_000


def test_toman_is_ten_rials(screener):
    claim = "خواسته و بهای آن: مطالبه وجه یک فقره چک به شماره 8842/217560 مقوم به 45,000,000 تومان"
    report = screener.screen(cheque_form(claim=claim))
    assert report.fields.claim_value_rial == 450_000_000
    assert "VALUE_MISMATCH" not in codes(report)


def test_reversed_digit_groups_are_read_back_and_warned(screener):
    claim = "خواسته و بهای آن: مطالبه وجه یک فقره چک به شماره 8842/217560 مقوم به ۰۰۰/۰۰۰/۴۵۰ ریال"
    report = screener.screen(cheque_form(claim=claim))
    assert report.fields.claim_value_rial == 450_000_000
    assert "REVERSED_DIGIT_GROUPS" in codes(report)


def test_speculative_claim_is_not_definitive(screener):
    facts = ("خوانده احتمالاً در آینده از پرداخت وجه چک خودداری خواهد کرد و به همین جهت خسارت احتمالی "
             "اینجانب باید از هم اکنون جبران شود و چک مذکور هنوز به بانک ارائه نشده است.")
    text = cheque_form(facts=facts)
    report = screener.screen(text)
    hits = [f for f in report.findings if f.code == "NOT_DEFINITIVE"]
    assert len(hits) == 1 and hits[0].severity.value == "FRUITLESS"
    assert "بند ۹ ماده ۸۴" in hits[0].basis
    assert text[hits[0].span.start:hits[0].span.end].startswith("احتمالا")


def test_insolvency_without_witness_statements(screener):
    report = screener.screen(INSOLVENCY)
    assert report.claim_type.code == "insolvency"
    assert "ESAR_NO_WITNESSES" in codes(report)
    with_witnesses = INSOLVENCY.replace("2- اجاره‌نامه منزل مسکونی", "2- استشهادیه کتبی دو نفر از گواهان")
    assert "ESAR_NO_WITNESSES" not in codes(screener.screen(with_witnesses))


def test_cheque_without_non_payment_certificate_misses_key_evidence(screener):
    report = screener.screen(cheque_form(evidence="دلایل و منضمات دادخواست:\n1- تصویر مصدق چک شماره 8842/217560"))
    missing = [f for f in report.findings if f.code == "MISSING_EVIDENCE"]
    assert len(missing) == 1 and "گواهی عدم پرداخت" in missing[0].message_fa
    checklist = {e.code: e.present for e in report.evidence_checklist}
    assert checklist == {"cheque": True, "non_payment_certificate": False}


def test_narrative_petition_without_headings(screener):
    report = screener.screen(NARRATIVE_MAHR)
    f = report.fields
    assert report.claim_type.code == "mahr"
    assert [p.name for p in f.plaintiffs] == ["مریم احمدی"]
    assert f.plaintiffs[0].national_id == "2245383230"
    assert f.plaintiffs[0].address.startswith("شیراز، بلوار چمران")
    assert [p.name for p in f.defendants] == ["حمید نوروزی"]
    assert f.defendants[0].father_name == "اکبر"
    assert f.claim.startswith("مطالبه مهریه به تعداد 110 عدد سکه")
    assert f.claim_value_rial == 12_000_000_000
    assert f.evidence == ["تصویر مصدق سند ازدواج", "تصویر شناسنامه طرفین"]
    assert f.request and f.request.endswith("مورد استدعاست")
    assert f.signature and "مریم احمدی" in f.signature
    assert report.missing_fields == []
    # over the Peace Court's cap: the Family Court hears it, as the draft says
    assert report.forum.code == "family_court"
    assert "WRONG_FORUM" not in codes(report)


def test_wrong_forum_when_value_exceeds_peace_court_cap(screener):
    claim = CLAIM.replace("450,000,000", "2,500,000,000").replace("چهارصد و پنجاه میلیون ریال", "دو میلیارد و پانصد میلیون ریال")
    report = screener.screen(cheque_form(claim=claim))
    assert report.forum.code == "general_civil_court"
    wrong = [f for f in report.findings if f.code == "WRONG_FORUM"]
    assert len(wrong) == 1 and "دادگاه صلح" in wrong[0].message_fa


def test_arabic_letters_and_mixed_digits(screener):
    text = cheque_form(
        plaintiff="خواهان: علي رضايي فرزند حسن به كد ملي ٠٠٧۶۲۲9645 به نشاني تهران، خيابان شريعتي، پلاك ۱۲ تلفن همراه ۰۹۱۲١٢٣4567",
        claim="خواسته و بهای آن: مطالبه وجه يك فقره چك مقوم به ۴۵۰,٠٠٠,000 ريال",
    )
    report = screener.screen(text)
    p = report.fields.plaintiffs[0]
    assert p.name == "علی رضایی"
    assert p.national_id == "0076229645"
    assert p.mobile == "09121234567"
    assert report.fields.claim_value_rial == 450_000_000
    assert report.claim_type.code == "cheque"
    assert "INVALID_NATIONAL_ID" not in codes(report)


def test_spans_point_at_the_users_own_characters(screener):
    text = cheque_form(plaintiff=PLAINTIFF_WITH_ID("۰۰۷۶۲۲۹۶۴۶"))
    report = screener.screen(text)
    bad = next(f for f in report.findings if f.code == "INVALID_NATIONAL_ID")
    assert text[bad.span.start:bad.span.end] == "۰۰۷۶۲۲۹۶۴۶"


def test_defendant_declared_unknown_is_a_warning_not_a_defect(screener):
    text = cheque_form(defendant="خوانده: مهدی کاظمی فرزند محمود مجهول‌المکان")
    found = codes(screener.screen(text))
    assert "DEFENDANT_ADDRESS_UNKNOWN" in found
    assert "MISSING_DEFENDANT_ADDRESS" not in found
    assert "MISSING_DEFENDANT_ADDRESS" in codes(screener.screen(cheque_form(defendant="خوانده: مهدی کاظمی فرزند محمود")))


def test_report_json_keys_are_stable(screener):
    d = screener.screen(cheque_form()).to_dict()
    for key in ("schema", "claim_type", "forum", "missing_fields", "findings", "fields", "fruitless_probability"):
        assert key in d
    assert d["schema"] == "petition-screening/report/v1"
    assert set(d["claim_type"]) >= {"code", "label_fa", "confidence"}
    assert set(d["forum"]) >= {"code", "basis"}
    assert d["fruitless_probability"] is None
