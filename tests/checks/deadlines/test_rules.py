"""The DOMAIN.md §6 table, as the library holds it."""
import pytest

from screening.knowledge.deadlines import DEADLINE_RULES, RULE_BY_CODE, UnknownDeadlineKind, rule_for

# action: (days in Iran, days abroad) — DOMAIN.md §6
DOMAIN_TABLE = {
    "defect_cure": (10, 60),
    "rejection_objection": (10, 60),  # CPC 446 covers every CPC period
    "objection": (20, 60),
    "appeal": (20, 60),
    "cassation": (20, 60),
    "retrial": (20, 60),
}


def test_table_matches_domain_section_6():
    assert {r.code: (r.days_iran, r.days_abroad) for r in DEADLINE_RULES} == DOMAIN_TABLE


@pytest.mark.parametrize("rule", DEADLINE_RULES, ids=lambda r: r.code)
def test_every_rule_cites_its_article_and_the_counting_articles(rule):
    assert rule.article.startswith("ماده")
    assert "۴۴۳ تا ۴۴۵" in rule.basis and "آیین دادرسی مدنی" in rule.basis
    assert rule.label_fa and rule.counts_from_fa and rule.source.startswith("S")


@pytest.mark.parametrize(
    "name, code",
    [("واخواهی", "objection"), ("فرجام", "cassation"), ("اعاده دادرسی", "retrial"), ("رفع نقص", "defect_cure"),
     ("اعتراض به قرار رد دادخواست", "rejection_objection"), ("تجديدنظر", "appeal"), ("APPEAL", "appeal")],
)
def test_persian_names_find_their_rule(name, code):
    assert rule_for(name) is RULE_BY_CODE[code]


def test_unknown_name_lists_the_known_kinds():
    with pytest.raises(UnknownDeadlineKind) as err:
        rule_for("طلاق")
    assert all(r.code in err.value.message_fa for r in DEADLINE_RULES)


def test_note_protest_is_not_an_objection_to_a_default_judgment():
    # «واخواست» is the protest of a promissory note (Commerce Code), unrelated to «واخواهی».
    with pytest.raises(UnknownDeadlineKind):
        rule_for("واخواست")
