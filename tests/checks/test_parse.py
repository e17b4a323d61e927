"""The parser, one Article 51 item at a time: each `PetitionParser.parse_*` method on its own."""
import pytest

from screening.checks.parse import ParsedPetition, PetitionParser, find_sections, looks_like_petition
from screening.pipeline import Screener
from screening.report import PetitionFields, Span
from screening.text.normalize import get_normaliser


def _parsed(text: str) -> tuple[str, ParsedPetition]:
    nt = get_normaliser().normalise(text)
    sections = find_sections(nt.text)
    parsed = ParsedPetition(fields=PetitionFields(), sections=sections)
    parsed.layout = "form" if sum(k in sections for k in ("plaintiff", "defendant", "claim", "evidence", "facts")) >= 2 else "narrative"
    return nt.text, parsed


def _span(start: int, end: int) -> Span:
    return Span(start, end)


P = PetitionParser


def test_parse_court_reads_the_addressee():
    text, parsed = _parsed("ریاست محترم دادگاه صلح تهران\nسلام")
    P.parse_court(text, parsed, _span)
    assert parsed.fields.addressed_court == "دادگاه صلح تهران"


def test_parse_parties_reads_narrative_clause():
    text, parsed = _parsed("اینجانب علی رضایی فرزند حسن ساکن تهران، خیابان آزادی به طرفیت مهدی کاظمی ساکن کرج به خواسته مطالبه وجه")
    P.parse_parties(text, parsed, _span)
    assert [p.name for p in parsed.fields.plaintiffs] == ["علی رضایی"]
    assert [p.name for p in parsed.fields.defendants] == ["مهدی کاظمی"]


def test_parse_claim_stops_before_the_facts_of_the_same_sentence():
    text, parsed = _parsed("اینجانب ... به خواسته مطالبه وجه چک مقوم به 100,000,000 ریال تقدیم می‌نمایم زیرا خوانده چک را پرداخت نکرده است.")
    PetitionParser().parse_claim(text, parsed, _span)
    assert parsed.fields.claim == "مطالبه وجه چک"
    assert parsed.fields.claim_value_rial == 100_000_000
    assert text[parsed.narrative_claim_end:].startswith(" زیرا")


@pytest.mark.parametrize("prose, items", [
    ("به پیوست تصویر چک و گواهی عدم پرداخت تقدیم می‌گردد.", ["تصویر چک", "گواهی عدم پرداخت"]),
    ("به استناد تصویر قرارداد، رسید بانکی و اظهارنامه، صدور حکم مورد استدعاست.", ["تصویر قرارداد", "رسید بانکی", "اظهارنامه"]),
    ("به انضمام تصویر مصدق سند ازدواج", ["تصویر مصدق سند ازدواج"]),
    ("تصویر اجاره‌نامه پیوست است.", ["تصویر اجاره‌نامه"]),
    ("مدارک پیوست: 1- فاکتور تعمیر 2- تصویر قرارداد", ["فاکتور تعمیر", "تصویر قرارداد"]),
])
def test_parse_evidence_reads_what_the_prose_attaches(prose, items):
    text, parsed = _parsed("شرح ماجرا. " + prose)
    P.parse_evidence(text, parsed, _span)
    assert parsed.fields.evidence == items


@pytest.mark.parametrize("prose", ["به استناد ماده 310 قانون تجارت صدور حکم مورد استدعاست.", "به استناد خیار عیب معامله را فسخ کردم."])
def test_parse_evidence_does_not_take_law_or_a_legal_ground_for_evidence(prose):
    text, parsed = _parsed(prose)
    P.parse_evidence(text, parsed, _span)
    assert parsed.fields.evidence == []


def test_parse_evidence_keeps_the_headed_list_and_marks_it_listed():
    text, parsed = _parsed("دلایل و منضمات دادخواست:\n1- تصویر چک\n2- گواهی عدم پرداخت\nشرح دادخواست:\nماجرا")
    P.parse_evidence(text, parsed, _span)
    assert parsed.fields.evidence == ["تصویر چک", "گواهی عدم پرداخت"] and parsed.evidence_listed


def test_parse_facts_and_request_separates_the_request():
    text, parsed = _parsed("شرح دادخواست:\nخوانده مبلغ را قرض گرفته و با وجود مطالبه‌های مکرر و اظهارنامه رسمی تاکنون آن را پس نداده است. "
                           "صدور حکم بر محکومیت خوانده مورد استدعاست.")
    P.parse_facts_and_request(text, parsed, _span)
    assert parsed.fields.request == "صدور حکم بر محکومیت خوانده مورد استدعاست"
    assert parsed.fields.facts.startswith("خوانده مبلغ را قرض گرفته")


@pytest.mark.parametrize("closing, signature", [
    ("با تشکر - علی رضایی (امضا)", "با تشکر - علی رضایی (امضا)"),
    ("محل امضا: علی رضایی", "علی رضایی"),
    ("علی رضایی\n1403/05/10", "علی رضایی"),
    ("علی رضایی - 1403/05/10", "علی رضایی - 1403/05/10"),
    ("تهران\n1403/05/10", None),
])
def test_parse_signature(closing, signature):
    text, parsed = _parsed("اینجانب علی رضایی فرزند حسن ساکن تهران به طرفیت مهدی کاظمی به خواسته مطالبه وجه.\n" + closing)
    P.parse_parties(text, parsed, _span)
    P.parse_signature(text, parsed, _span)
    assert parsed.fields.signature == signature


def test_parse_dates_reads_the_petition_date_and_leaves_the_service_date_to_the_deadline_detector():
    text, parsed = _parsed("دادنامه در تاریخ 1404/01/15 به اینجانب ابلاغ شد.\nتاریخ: 1404/02/01")
    P.parse_dates(text, parsed)
    assert parsed.fields.date == "1404/02/01"
    assert parsed.fields.service_date is None  # one detector: checks.deadlines.detect
    doc = Screener(model_dir=None).run("دادنامه در تاریخ 1404/01/15 به اینجانب ابلاغ شد.\nتاریخ: 1404/02/01")
    assert doc.fields.service_date == "1404/01/15"


@pytest.mark.parametrize("text", ["سلام", "Dear Sir, please call me back tomorrow.", "نان\nشیر\nپنیر\nتخم مرغ\nبرنج\n",
                                  "سلام خوبی؟ فردا ساعت چند می‌آیی خانه ما؟"])
def test_not_a_petition(text):
    assert not looks_like_petition(get_normaliser().normalise(text).text)


@pytest.mark.parametrize("text", ["دادخواست مطالبه وجه چک", "خواهان: علی رضایی\nخواسته: مطالبه وجه چک",
                                  "ریاست محترم دادگاه خانواده، تقاضای طلاق دارم."])
def test_a_short_draft_is_still_a_petition(text):
    assert looks_like_petition(get_normaliser().normalise(text).text)
