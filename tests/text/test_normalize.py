"""The normaliser folds letters and digits, fixes half-spaces, and keeps structured tokens whole."""
import json
import re
from pathlib import Path

import pytest
from hazm.normalizer import AFFIX_SPACING_PATTERNS, EXTRA_SPACE_PATTERNS, PUNCTUATION_SPACING_PATTERNS
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.text.normalize import (
    ChainedNormalisedText,
    _LINE_EDGE_SPACE_RE,
    _PROTECTED_RE,
    _SPACE_RUN_RE,
    _SPACING_GUARDS,
    _ZWNJ_RUN_RE,
    _correct_spacing,
    _drop_stray_zwnj,
    _tidy,
    get_normaliser,
    normalise,
    protected_tokens,
)


def test_letters_digits_and_half_spaces():
    out = normalise("علي كتاب ها را مي خواهد ۱۲۳ ٤٥٦")
    assert out == "علی کتاب\u200cها را می\u200cخواهد 123 456"


def test_dates_amounts_ids_phones_emails_survive():
    text = "تاریخ ۱۴۰۲/۰۵/۱۰ مبلغ 450,000,000 ریال و ۳/۰۰۰/۰۰۰ ریال کد 0076229645 تلفن +989121234567 ایمیل a.b@x.com"
    out = normalise(text)
    for token in ("1402/05/10", "450,000,000", "3/000/000", "0076229645", "+989121234567", "a.b@x.com"):
        assert token in out


def test_token_glued_to_words_is_separated_but_intact():
    out = normalise("مبلغ۴۵۰,۰۰۰,۰۰۰ریال")
    assert "450,000,000" in out.split()


def test_positions_map_back_to_the_original():
    text = "خواهان: علي  رضايي  به كد ملي ۰۰۷۶۲۲۹۶۴۵، احتراماً ، مبلغ ٤٥٠,٠٠٠,٠٠٠ ريال"
    nt = get_normaliser().normalise(text)
    for needle, original in (("0076229645", "۰۰۷۶۲۲۹۶۴۵"), ("450,000,000", "٤٥٠,٠٠٠,٠٠٠"), ("رضایی", "رضايي"), ("احتراما", "احتراما")):
        i = nt.text.index(needle)
        start, end = nt.span_to_original(i, i + len(needle))
        assert text[start:end] == original


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("علیيكکه‌ ۱۲3٤/,.-:\nاًٌ@abـ?!")), max_size=300))
def test_normalising_twice_equals_once_on_persian_like_text(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_normalising_twice_equals_once_on_any_unicode(text):
    once = normalise(text)
    assert normalise(once) == once


# --- the guarded spacing pass is hazm's own ------------------------------------------------------

_SPACING_ALPHABET = list("آابپتجچخدرزسشعفقکگلمنوهیةئ0123456789۱۲a_") + list(" \n\r\t\u200c\u0640.:!،؛؟»«[](){}\"'-/")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SPACING_ALPHABET, max_size=60))
def test_guarded_spacing_equals_hazms_on_generated_text(text):
    hazm_spacing = get_normaliser()._hazm.correct_spacing  # built without its tokenizer
    assert _correct_spacing(text) == hazm_spacing(text)


def test_guarded_spacing_equals_hazms_on_the_corpus():
    hazm_spacing = get_normaliser()._hazm.correct_spacing
    path = Path(__file__).resolve().parents[2] / "corpus" / "petitions.jsonl"
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    assert texts
    for text in texts:
        assert _correct_spacing(text) == hazm_spacing(text)


def test_every_hand_written_spacing_guard_names_one_of_hazms_rules():
    patterns = {p if isinstance(p, str) else p.pattern
                for p, _ in (*EXTRA_SPACE_PATTERNS, *AFFIX_SPACING_PATTERNS, *PUNCTUATION_SPACING_PATTERNS)}
    assert set(_SPACING_GUARDS) <= patterns


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("0123456789۱۲٣३abIRir+@.-_%,٬/،:٫ ابپ\n"), max_size=50))
def test_protected_tokens_found_run_by_run_are_the_whole_text_scan(text):
    assert [m.span() for m in protected_tokens(text)] == [m.span() for m in _PROTECTED_RE.finditer(text)]


def _tidy_by_regex(text: str) -> str:
    """`_tidy` as first written: one regex pass per rule (the reference for the cheaper one)."""
    if "\u200c" in text:
        text = _ZWNJ_RUN_RE.sub(_drop_stray_zwnj, text)
    if "  " in text or "\t" in text:
        text = _SPACE_RUN_RE.sub(" ", text)
    if " \n" in text or "\n " in text or "\t" in text:
        text = _LINE_EDGE_SPACE_RE.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip(" \t")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("ابپ12²½_a. \n\t\u200c:«"), max_size=40))
def test_tidy_equals_its_regex_reference(text):
    assert _tidy(text) == _tidy_by_regex(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("منیدانکرگتش \u200c.1"), max_size=40))
def test_separating_mi_equals_hazms(text):
    normaliser = get_normaliser()
    assert normaliser._separate_mi(text) == normaliser._hazm.seperate_mi(text)


def test_separating_mi_equals_hazms_on_the_corpus():
    normaliser = get_normaliser()
    path = Path(__file__).resolve().parents[2] / "corpus" / "petitions.jsonl"
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    texts += ["نمیدانم چه میگفت", "میز و میدان", "او میرود و نمیآید"]
    for text in texts:
        assert normaliser._separate_mi(text) == normaliser._hazm.seperate_mi(text)


@pytest.mark.parametrize("text, once", [
    ("..\u0640.", "\u2026"),  # a tatweel between dots: deleted before the style rules, so «…» at once
    (".\u064e..", "\u2026"),  # a diacritic likewise
    ("a\r..\r.", "a \u2026"),
    ("\n \n\n3", "\n\n3"),  # blank lines that only trimming joins are collapsed like hazm's \n{3,}
    ("\n\u200c\n\n3", "\n\n3"),
])
def test_what_once_needed_a_second_pass_is_done_in_the_first(text, once):
    assert normalise(text) == once
    assert normalise(once) == once


@pytest.mark.parametrize("text", [":3:\u06403", ":3:\r3", ":3:\u064b3", ":3\u200c:3", "3\u0640\u200c\u0627", "\u0627\u200c\u06403",
                                  "..\u200c.", "?\u0647 \u06cc3"])
def test_a_first_pass_that_leaves_work_for_a_second_gets_it(text):
    # A deleted character joins digits into a date-like token, a stray half-space is spaced or
    # dropped, or hazm's ezafe rule finds its space only after a later rule: a second pass, at once.
    once = normalise(text)
    assert normalise(once) == once


def test_positions_map_back_through_both_passes():
    text = "مبلغ :3:\u06403 ریال و کد ۰۰۷۶۲۲۹۶۴۵"
    nt = get_normaliser().normalise(text)
    assert isinstance(nt, ChainedNormalisedText) and nt.original == text
    for needle, original in (("3:3", "3:\u06403"), ("0076229645", "۰۰۷۶۲۲۹۶۴۵"), ("ریال", "ریال")):
        i = nt.text.index(needle)
        start, end = nt.span_to_original(i, i + len(needle))
        assert original in text[start:end] and end - start <= len(original) + 1
