"""screening.petition_writer: what the guided fix asks, the corrected petition it writes, the .docx."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from screening.petition_writer import Answers, PartyAnswers, amount_in_words, petition_docx, questions, write_petition
from screening.pipeline import default_screener
from screening.text.amounts import parse_number_words

ROOT = Path(__file__).resolve().parents[1]
CHEQUE = (ROOT / "examples" / "cheque_complete.txt").read_text(encoding="utf-8")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def screener():
    return default_screener()


@pytest.mark.parametrize("rial", [7, 1001, 1_250_000, 120_500_000, 450_000_000, 12_000_000_000, 999_999_999_999])
def test_amount_words_read_back_as_the_same_amount(rial):
    assert parse_number_words(amount_in_words(rial)) == rial


def test_questions_follow_what_is_missing(screener):
    text = "\n".join(line for line in CHEQUE.splitlines() if not line.startswith("خوانده:"))
    q = questions(screener.screen(text))
    assert list(q.parties) == ["defendant"] and not q.claim_value and not q.claim
    complete = questions(screener.screen(CHEQUE))
    assert not complete.any()


def test_a_wrong_national_id_is_replaced_where_it_was_written(screener):
    text = CHEQUE.replace("1573681938", "1573681939")
    report = screener.screen(text)
    assert "INVALID_NATIONAL_ID" in report.finding_codes
    q = questions(report)
    assert q.parties["defendant"].national_id == "1573681939"  # prefilled with what was written
    fixed = write_petition(text, report, Answers(defendant=PartyAnswers(national_id="1573681938")))
    assert "1573681939" not in fixed and "به کد ملی 1573681938 شغل کارمند" in fixed
    assert "INVALID_NATIONAL_ID" not in screener.screen(fixed).finding_codes


def test_a_mismatched_value_is_rewritten_in_digits_and_words(screener):
    text = CHEQUE.replace("(چهارصد و پنجاه میلیون ریال)", "(چهارصد میلیون ریال)")
    report = screener.screen(text)
    assert "VALUE_MISMATCH" in report.finding_codes and questions(report).claim_value
    fixed = write_petition(text, report, Answers(claim_value_rial=450_000_000))
    assert "مقوم به 450,000,000 ریال (چهارصد و پنجاه میلیون ریال)" in fixed
    after = screener.screen(fixed)
    assert "VALUE_MISMATCH" not in after.finding_codes and after.fields.claim_value_rial == 450_000_000


def test_the_competent_court_replaces_a_wrong_one_in_the_title(screener):
    text = CHEQUE.replace("برگ دادخواست به دادگاه صلح", "برگ دادخواست به دادگاه خانواده")
    report = screener.screen(text)
    if "WRONG_FORUM" not in report.finding_codes:
        pytest.skip("the core does not see this court as wrong")
    fixed = write_petition(text, report, Answers())
    assert fixed.splitlines()[0] == f"برگ دادخواست به {report.forum.label_fa}"


def test_docx_paragraphs_are_right_to_left_and_hold_the_petition_lines():
    petition = "برگ دادخواست به دادگاه صلح\n\nخواهان: علی رضایی\nشرح دادخواست:\nمتن"
    document = docx.Document(io.BytesIO(petition_docx(petition)))
    assert [p.text for p in document.paragraphs] == petition.split("\n")
    for paragraph in document.paragraphs:
        assert paragraph._p.pPr.find(f"{W}bidi") is not None
    run = document.paragraphs[2].runs[0]
    assert run._r.rPr.find(f"{W}rtl") is not None
    assert document.styles["Normal"].font.name == "Vazirmatn"


def test_a_ticked_key_document_joins_the_evidence_list(screener):
    text = CHEQUE.replace("2- تصویر مصدق گواهی عدم پرداخت بانک ملت مورخ 1403/02/21\n", "")
    report = screener.screen(text)
    assert "MISSING_EVIDENCE" in report.finding_codes
    q = questions(report)
    assert q.evidence and q.absent_documents
    fixed = write_petition(text, report, Answers(evidence=q.absent_documents))
    assert "MISSING_EVIDENCE" not in screener.screen(fixed).finding_codes
    assert f"3- {q.absent_documents[0]}" in fixed  # numbered after the documents already listed
