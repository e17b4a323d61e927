"""Grounds and the share line in the words people read."""
from __future__ import annotations

import pytest

from screening.knowledge.ruling_outcomes import grounds_fa, outcome_label_fa
from screening.report import SimilarRuling
from screening.similar.describe import rate_line, share_line


@pytest.mark.parametrize(("code", "words"), [
    ("84(4)", "بند ۴ ماده ۸۴ قانون آیین دادرسی مدنی"),
    ("CPC 2", "ماده ۲ قانون آیین دادرسی مدنی"),
    ("CC 1257", "ماده ۱۲۵۷ قانون مدنی"),
    ("84(6);CPC 2", "بند ۶ ماده ۸۴ قانون آیین دادرسی مدنی، ماده ۲ قانون آیین دادرسی مدنی"),
    (None, None),
    ("", None),
])
def test_ground_codes_read_as_citations(code, words):
    assert grounds_fa(code) == words


def _ruling(fruitless: bool, ground: str | None, outcome: str = "not_heard") -> SimilarRuling:
    return SimilarRuling(id="x", similarity=0.5, outcome=outcome, fruitless=fruitless, ground=ground,
                         date=None, court=None, link=None, claim="مطالبه وجه چک")


def test_share_line_names_the_common_ground():
    similar = [_ruling(True, "84(4)")] * 4 + [_ruling(False, None, "accepted")]
    assert share_line(similar) == "۴ از ۵ رأی مشابه بی‌نتیجه، همه به استناد بند ۴ ماده ۸۴ قانون آیین دادرسی مدنی"
    mixed = [_ruling(True, "84(4)"), _ruling(True, "84(4)"), _ruling(True, "CPC 2"), _ruling(False, None, "accepted")]
    assert share_line(mixed) == "۳ از ۴ رأی مشابه بی‌نتیجه، ۲ مورد به استناد بند ۴ ماده ۸۴ قانون آیین دادرسی مدنی"
    assert share_line([_ruling(False, None, "accepted")] * 2) == "هیچ‌یک از ۲ رأی مشابه بی‌نتیجه نبود"
    assert share_line([]) is None


def test_rate_line_and_outcome_labels():
    assert rate_line(None) is None
    assert "۶۰٪" in rate_line({"rate": 0.6, "n": 7}) and "۷ رأی" in rate_line({"rate": 0.6, "n": 7})
    assert outcome_label_fa("not_heard") == "قرار عدم استماع دعوا"
    assert outcome_label_fa("something_new") == "نامعلوم"


def test_the_panel_links_only_to_web_pages():
    from screening.report import ClaimType, Forum, PetitionFields, Report
    from screening_web.similar import similar_view

    def report(link: str) -> Report:
        ruling = SimilarRuling(id="x", similarity=0.5, outcome="accepted", fruitless=False, ground=None,
                               date="1402/01/01", court=None, link=link, claim="مطالبه مهریه")
        return Report(claim_type=ClaimType("mahr", "مهریه", 0.9), forum=Forum("family_court", "دادگاه خانواده", "-"),
                      missing_fields=[], findings=[], fields=PetitionFields(), similar_rulings=[ruling])

    assert similar_view(report("https://ara.jri.ac.ir/Judge/Text/1")).rows[0].link == "https://ara.jri.ac.ir/Judge/Text/1"
    assert similar_view(report("javascript:alert(1)")).rows[0].link is None
    assert similar_view(report("https://x")).rows[0].date == "۱۴۰۲/۰۱/۰۱"
