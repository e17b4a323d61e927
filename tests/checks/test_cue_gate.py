"""The literal pre-filter of `cue()` may skip a search only when the search could not match.

Every gated cue in the package is tested against strings drawn from its own pattern (so every
alternative gets its turn), and the shapes that used to slip through the gate are tested by hand.
"""
import gc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import screening.pipeline  # noqa: F401  (imports every module that compiles cues)
from screening.knowledge.claim_types import cue
from screening.checks.parse import _NARRATIVE_PLAINTIFF_RE, NARRATIVE_CLAUSE_SPAN
from screening.text.gate import GatedPattern, finditer_windowed, required_words

GATED = sorted({id(o): o for o in gc.get_objects() if isinstance(o, GatedPattern)}.values(), key=lambda c: c.pattern)


def test_the_package_has_gated_cues():
    assert len(GATED) >= 150


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(GATED).flatmap(lambda c: st.tuples(st.just(c), st.from_regex(c._re))))
def test_gate_never_skips_a_string_the_pattern_matches(pair):
    gated, text = pair
    assert gated._re.search(text) is not None
    assert gated.search(text) is not None, (gated.pattern, text)
    assert next(gated.finditer(text), None) is not None


@pytest.mark.parametrize("pattern, text", [
    (r"(?:قبلا|سابقا)?حکم", "حکم قطعی"),  # the group may match nothing
    (r"(?:قبلا|سابقا)*حکم", "حکم"),
    (r"(?:قبلا|سابقا){0,1}حکم", "حکم"),
    (r"(?:دلایل|مستندات)\s*[:：]\s*(.+)|به_استناد_(.+)", "به استناد تصویر چک"),  # a later top-level alternative
    (r"(?:دلایل|مستندات)(?:x|y)|به_پیوست", "به پیوست"),
    (r"(?:د[ال]یل|مستندات)", "دلیل"),  # a character class inside an alternative
    (r"(?:ab\d|cd)", "ab1"),
])
def test_shapes_the_gate_once_got_wrong_are_searched(pattern, text):
    assert cue(pattern).search(text) is not None


def test_gate_words_are_what_every_match_must_contain():
    assert required_words(r"(?:احتمالا|شاید)_x") == ("احتمالا", "شاید")
    assert required_words(r"(?:رفع|منع)\s?مزاحمت") == ("مزاحمت",)  # the longest of the required words
    assert required_words(r"\bچک(?:\s?های)?\b") == ("چک",)  # \b does not break a word
    assert required_words(r"(?:ab)+c") == ("ab",)  # repeated at least once
    assert required_words(r"(?:احتمالا|شاید)?x") is None  # optional group, one-letter rest
    assert required_words(r"(?:ab)*c") is None
    assert required_words(r"(?:احتمالا|شاید)x|y") is None  # a branch without a word
    assert required_words(r"(?i)abc") is None  # case folding: the text need not hold «abc»
    assert required_words(r"(?:ab(?:c|d)|ef)\d") == ("ab", "ef")
    assert required_words(r"(?:ab|ef)[|]x") == ("|x",)  # a '|' inside a class is a literal, not an alternative


def test_a_gated_search_skips_texts_without_the_word():
    c = cue(r"(?:رفع|منع)_مزاحمت")
    assert isinstance(c, GatedPattern)
    assert c.search("دعوای رفع تصرف عدوانی") is None
    assert c.search("دعوای رفع مزاحمت ملکی").group() == "رفع مزاحمت"
    assert c.sub("X", "منع‌مزاحمت") == "X"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["اینجانب ", "خواهان ", "من ", "علی رضایی فرزند حسن ", "به طرفیت ", "به خواسته ",
                                 "\n", "محترم ", "کد ملی ", "x" * 50, "ساکن تهران "]), max_size=80),
       st.integers(min_value=1, max_value=64))
def test_windowed_search_finds_what_finditer_finds(parts, window):
    text = "".join(parts)
    expected = [m.span(1) for m in _NARRATIVE_PLAINTIFF_RE.finditer(text)]
    assert [m.span(1) for m in finditer_windowed(_NARRATIVE_PLAINTIFF_RE, text, NARRATIVE_CLAUSE_SPAN, window)] == expected


def test_windowed_search_on_a_long_text_without_a_clause_end():
    text = "اینجانب " * 2_000 + "به طرفیت علی"
    expected = [m.span() for m in _NARRATIVE_PLAINTIFF_RE.finditer(text)]
    assert expected and [m.span() for m in finditer_windowed(_NARRATIVE_PLAINTIFF_RE, text, NARRATIVE_CLAUSE_SPAN, 100)] == expected
