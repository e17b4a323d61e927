"""DRC-1402 art. 12 forum rules, review petitions and deadlines, as an office expert would check them.

Each petition (tests/checks/legal_forum_petitions.py) is screened whole; the expectations are what
DOMAIN.md §5 (forum), §6 (deadlines) and §7 (claims) say the expert should be told.
"""
import datetime as dt

import pytest

from screening.checks.claim_type import ClaimTypeRecogniser, spec_of
from screening.checks.forum import final_ruling, petition_kind_of, review_forum, review_kind_of_addressee, route_forum
from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE, CLAIM_TYPES, OTHER, ForumRule
from screening.knowledge.deadlines import DEADLINE_RULES, HeardBy
from screening.knowledge.findings import FINDING_TYPES
from screening.knowledge.forums import APPEAL_FINALITY, FORUM_BY_CODE
from screening.pipeline import Screener
from screening.report import Forum, PetitionKind
from screening.text.jalali import JalaliDate
from screening.text.normalize import normalise

from tests.checks.legal_forum_petitions import PETITIONS


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(model_dir=None)


def on(jalali: str) -> dt.date:
    y, m, d = map(int, jalali.split("/"))
    return JalaliDate(y, m, d).to_gregorian()


TODAY = "1404/03/11"

# name: (today, petition_kind, claim type, forum, missing fields, finding codes in report order)
CASES = {
    # art. 12(2): possessory claims go to the Peace Court at any value, on prior possession, not title.
    "possession_over_cap": (TODAY, "first_instance", "wrongful_occupation", "peace_court", [], []),
    "possession_general_court": (TODAY, "first_instance", "wrongful_occupation", "peace_court", [], ["WRONG_FORUM"]),
    "disturbance_narrative": (TODAY, "first_instance", "disturbance", "peace_court", [], []),
    "obstruction_arabic": (TODAY, "first_instance", "obstruction_of_right", "peace_court", [], []),
    # art. 12(4): eviction → Peace Court, except where goodwill (حق کسب، سرقفلی) is in issue.
    "shop_eviction_goodwill": (TODAY, "first_instance", "eviction", "general_civil_court", [], ["WRONG_FORUM"]),
    "home_eviction": (TODAY, "first_instance", "eviction", "peace_court", [], []),
    # art. 12(6) covers the heirship certificate, not partition: that is contentious and goes by value.
    "partition_no_heirs": (TODAY, "first_instance", "estate_partition", "general_civil_court", ["defendant"], ["MISSING_DEFENDANT"]),
    "partition_house_under_cap": (TODAY, "first_instance", "estate_partition", "peace_court", [], ["FORUM_UNCERTAIN"]),
    "heirship_no_statement": (TODAY, "first_instance", "estate", "peace_court", [], ["MISSING_EVIDENCE"]),
    "heirship_complete": (TODAY, "first_instance", "estate", "peace_court", [], []),
    # art. 12(1): every financial claim up to the cap, a claim for a thing included.
    "car_delivery_under_cap": (TODAY, "first_instance", "other", "peace_court", [], []),
    "car_delivery_mixed_digits": (TODAY, "first_instance", "other", "peace_court", [], []),
    "car_delivery_general_court": (TODAY, "first_instance", "other", "peace_court", [], ["WRONG_FORUM"]),
    "goods_return_over_cap": (TODAY, "first_instance", "other", "general_civil_court", [], []),
    "car_delivery_no_value": (TODAY, "first_instance", "other", "general_civil_court", ["claim_value"], ["MISSING_CLAIM_VALUE"]),
    # Immovables under the cap: the cap's reach is unverified → WARN, never a FRUITLESS wrong forum.
    "deed_under_cap_general": (TODAY, "first_instance", "deed_transfer", "peace_court", [], ["FORUM_UNCERTAIN", "UNREGISTERED_IMMOVABLE_DEAL"]),
    # Review petitions: the underlying claim type, the review's own forum, evidence and finality.
    "appeal_losing_defendant": (TODAY, "appeal", "cheque", "appeal_court", [], ["DEADLINE"]),
    "late_appeal": ("1404/03/27", "appeal", "cheque", "appeal_court", [], ["TIME_BARRED"]),
    "appeal_final_peace": (TODAY, "appeal", "cheque", "appeal_court", [], ["NOT_APPEALABLE", "DEADLINE"]),
    "appeal_final_general": (TODAY, "appeal", "damages", "appeal_court", [], ["NOT_APPEALABLE", "DEADLINE"]),
    "appeal_possession_peace": (TODAY, "appeal", "wrongful_occupation", "appeal_court", [], ["DEADLINE"]),
    "appeal_no_ruling_copy": (TODAY, "appeal", "cheque", "appeal_court", [], ["MISSING_REVIEW_EVIDENCE", "MISSING_REVIEW_EVIDENCE", "DEADLINE"]),
    "objection_abroad": (TODAY, "objection", "money_claim", "general_civil_court", [], ["DEADLINE"]),
    "rejection_objection_abroad": ("1404/06/05", "objection", "other", "general_civil_court", [], ["DEADLINE"]),
    "appeal_two_services": ("1404/02/10", "appeal", "money_claim", "appeal_court", [], ["DEADLINE"]),
    "appeal_one_of_two_abroad": (TODAY, "appeal", "estate_partition", "appeal_court", [], ["DEADLINE"]),
    "appeal_cassation": ("1404/02/10", "other_review", "divorce", "supreme_court", [], ["DEADLINE"]),
}


def test_there_are_at_least_twenty_petitions():
    assert len(CASES) >= 20 and set(CASES) <= set(PETITIONS)


@pytest.mark.parametrize("name", list(CASES))
def test_petition(screener, name):
    today, kind, claim_type, forum, missing, codes = CASES[name]
    report = screener.screen(PETITIONS[name], today=on(today))
    assert report.petition_kind.value == kind
    assert report.to_dict()["petition_kind"] == kind
    assert report.claim_type.code == claim_type
    assert report.forum.code == forum
    assert report.missing_fields == missing
    assert [f.code for f in report.findings] == codes


def _report(screener, name):
    return screener.screen(PETITIONS[name], today=on(CASES[name][0]))


def _finding(report, code):
    [f] = [f for f in report.findings if f.code == code]
    return f


# --- what the findings say --------------------------------------------------------------------------
def test_possessory_claim_rests_on_possession_not_title(screener):
    report = _report(screener, "possession_over_cap")
    assert "بند ۲ ماده ۱۲" in report.forum.basis and "۱۵۸ تا ۱۶۱" in report.forum.basis
    assert {e.code for e in report.evidence_checklist} == {"prior_possession"}
    # RVR 672 (title for خلع ید) is not asked of a possessory claim, even one without a title deed.
    assert all("۶۷۲" not in f.basis for f in report.findings)


def test_wrong_forum_for_a_possessory_claim_names_the_peace_court(screener):
    f = _finding(_report(screener, "possession_general_court"), "WRONG_FORUM")
    assert f.severity.value == "FRUITLESS" and "دادگاه صلح" in f.message_fa


def test_goodwill_eviction_goes_to_the_general_court(screener):
    report = _report(screener, "shop_eviction_goodwill")
    assert "حق کسب" in report.forum.basis and "بند ۴ ماده ۱۲" in report.forum.basis
    assert "دادگاه عمومی حقوقی" in _finding(report, "WRONG_FORUM").message_fa


def test_estate_partition_is_contentious_and_at_the_deceaseds_last_domicile(screener):
    report = _report(screener, "partition_no_heirs")
    assert "ماده ۲۰" in report.forum.basis
    assert {e.code: e.present for e in report.evidence_checklist}["heirship_certificate"] is True


def test_partition_and_heirship_have_their_own_key_evidence(screener):
    partition = {e.code: e.key for e in _report(screener, "partition_house_under_cap").evidence_checklist}
    heirship = {e.code: e.key for e in _report(screener, "heirship_complete").evidence_checklist}
    assert partition["heirship_certificate"] is True and "heirs_statement" not in partition
    assert heirship["heirs_statement"] is True and "heirship_certificate" not in heirship
    missing = _finding(_report(screener, "heirship_no_statement"), "MISSING_EVIDENCE")
    assert "استشهادیه محضری" in missing.message_fa


def test_immovable_under_the_cap_is_a_warning(screener):
    f = _finding(_report(screener, "deed_under_cap_general"), "FORUM_UNCERTAIN")
    assert f.severity.value == "WARN"


def test_appeal_by_the_losing_defendant_is_not_asked_for_the_cheque_documents(screener):
    report = _report(screener, "appeal_losing_defendant")
    assert {e.code: e.present for e in report.evidence_checklist} == {"ruling_copy": True, "service_notice": True}
    assert "MISSING_EVIDENCE" not in [f.code for f in report.findings]
    assert "تبصره ۵ ماده ۱۲" in report.forum.basis and "دادگاه صلح" in report.forum.basis


def test_appeal_from_a_final_peace_court_ruling(screener):
    f = _finding(_report(screener, "appeal_final_peace"), "NOT_APPEALABLE")
    assert f.severity.value == "FRUITLESS"
    assert f.basis == "تبصره ۵ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)"
    assert "«دادگاه صلح»" in f.message_fa and "۳۰۰٬۰۰۰٬۰۰۰" in f.message_fa and "۵۰۰٬۰۰۰٬۰۰۰" in f.message_fa


def test_appeal_from_a_final_general_court_ruling(screener):
    f = _finding(_report(screener, "appeal_final_general"), "NOT_APPEALABLE")
    assert f.basis == "ماده ۳۳۱ قانون آیین دادرسی مدنی"


def test_late_appeal_cites_cpc_339_note_2_not_84_11(screener):
    f = _finding(_report(screener, "late_appeal"), "TIME_BARRED")
    assert f.basis.startswith("تبصره ۲ ماده ۳۳۹") and "بند ۱۱ ماده ۸۴" not in f.basis
    assert "قرار رد دادخواست تجدیدنظر" in f.message_fa


def test_objection_from_abroad_counts_two_months_under_cpc_446(screener):
    report = _report(screener, "objection_abroad")
    assert report.deadline["period_days"] == 60 and report.deadline["abroad"] is True
    assert "ماده ۴۴۶" in _finding(report, "DEADLINE").basis
    # واخواهی is heard by the court that gave the default ruling.
    assert "دادگاه صادرکننده رأی" in report.forum.basis


def test_objection_to_a_rejection_order_from_abroad(screener):
    report = _report(screener, "rejection_objection_abroad")
    assert report.deadline["kind"] == "rejection_objection" and report.deadline["period_days"] == 60
    assert report.deadline["last_day"] == "1404/08/01"


def test_several_parties_get_the_longest_period_cpc_447(screener):
    report = _report(screener, "appeal_two_services")
    assert report.deadline["served"] == "1404/01/25" and report.deadline["several_parties"] is True
    f = _finding(report, "DEADLINE")
    assert "ماده ۴۴۷" in f.basis and "ماده ۴۴۷" in f.message_fa


def test_one_of_two_appellants_abroad_gives_both_two_months(screener):
    report = _report(screener, "appeal_one_of_two_abroad")
    assert report.deadline["period_days"] == 60 and report.deadline["several_parties"] is True
    assert "ماده ۴۴۶" in report.deadline["basis"] and "ماده ۴۴۷" in report.deadline["basis"]


def test_cassation_goes_to_the_supreme_court(screener):
    report = _report(screener, "appeal_cassation")
    assert report.forum.label_fa == "دیوان عالی کشور"


# --- direct unit tests: claim type --------------------------------------------------------------------
@pytest.mark.parametrize(
    "claim, code",
    [
        ("رفع تصرف عدوانی از یک باب مغازه", "wrongful_occupation"),
        ("رفع مزاحمت از ملک", "disturbance"),
        ("رفع ممانعت از حق عبور", "obstruction_of_right"),
        ("خلع ید از یک قطعه زمین", "dispossession"),
        ("صدور گواهی حصر وراثت", "estate"),
        ("تحریر ترکه مرحوم", "estate"),
        ("تقسیم ترکه مرحوم پدر", "estate_partition"),
        ("تخلیه ید از مغازه", "eviction"),
    ],
)
def test_claim_type_of_the_claim_alone(claim, code):
    text = normalise(claim)
    assert ClaimTypeRecogniser().predict(text, text)[0].code == code


def test_partition_petition_citing_a_heirship_certificate_is_partition():
    text = normalise("خواسته: تقسیم ترکه مرحوم. دلایل: گواهی حصر وراثت، گواهی انحصار وراثت")
    claim = normalise("تقسیم ترکه مرحوم")
    assert ClaimTypeRecogniser().predict(text, claim)[0].code == "estate_partition"


# --- direct unit tests: forum --------------------------------------------------------------------------
def test_every_claim_type_has_a_forum_rule_from_the_fixed_set():
    for spec in (*CLAIM_TYPES, OTHER):
        assert isinstance(spec.forum_rule, ForumRule), spec.code
    assert {r.heard_by for r in DEADLINE_RULES} <= set(HeardBy)
    assert {r.petition_kind for r in DEADLINE_RULES} <= set(PetitionKind)


@pytest.mark.parametrize("code", ["wrongful_occupation", "disturbance", "obstruction_of_right"])
@pytest.mark.parametrize("value", [None, 50_000_000, 9_000_000_000])
def test_possessory_claims_go_to_the_peace_court_at_any_value(code, value):
    forum, uncertain = route_forum(spec_of(code), value)
    assert (forum.code, uncertain) == ("peace_court", False)


@pytest.mark.parametrize(
    "claim, facts, forum",
    [
        ("تخلیه ید از آپارتمان مسکونی", "", "peace_court"),
        ("تخلیه ید از مغازه", "مستاجر حق کسب و پیشه و تجارت دارد", "general_civil_court"),
        ("تخلیه مغازه با پرداخت سرقفلی", "", "general_civil_court"),
    ],
)
def test_eviction_and_goodwill(claim, facts, forum):
    assert route_forum(spec_of("eviction"), 2_000_000_000, claim_text=normalise(claim), facts=normalise(facts))[0].code == forum


@pytest.mark.parametrize(
    "claim, value, forum, uncertain",
    [
        ("تحویل یک دستگاه خودرو", 800_000_000, "peace_court", False),
        ("استرداد کالا", 1_000_000_000, "peace_court", False),  # the cap itself is within it
        ("استرداد کالا", 1_000_000_001, "general_civil_court", False),
        ("تحویل یک دستگاه خودرو", None, "general_civil_court", True),  # the cap cannot be applied
        ("اثبات نسب", None, "general_civil_court", False),  # non-financial: residual jurisdiction
        ("افراز یک قطعه زمین", 500_000_000, "peace_court", True),  # immovable under the cap: unverified
    ],
)
def test_unrecognised_claims_go_by_value_when_financial(claim, value, forum, uncertain):
    assert route_forum(OTHER, value, claim_text=normalise(claim)) == (route_forum(OTHER, value, claim_text=normalise(claim))[0], uncertain)
    assert route_forum(OTHER, value, claim_text=normalise(claim))[0].code == forum


def test_estate_partition_by_value_and_not_item_6():
    spec = spec_of("estate_partition")
    assert route_forum(spec, 3_000_000_000, claim_text="تقسیم ترکه")[0].code == "general_civil_court"
    forum, uncertain = route_forum(spec, 600_000_000, claim_text=normalise("تقسیم ترکه شامل یک باب منزل مسکونی"))
    assert (forum.code, uncertain) == ("peace_court", True)
    assert route_forum(spec_of("estate"), 9_000_000_000)[0].code == "peace_court"
    assert spec.contentious and not spec_of("estate").contentious


def test_review_forum_and_finality_table():
    peace = Forum("peace_court", "دادگاه صلح", "")
    general = Forum("general_civil_court", "دادگاه عمومی حقوقی", "")
    assert review_forum("appeal", peace).code == "appeal_court"
    assert review_forum("cassation", general).code == "supreme_court"
    assert review_forum("objection", general).code == "general_civil_court"
    cheque, possession = spec_of("cheque"), spec_of("wrongful_occupation")
    assert final_ruling(cheque, 500_000_000, "peace_court") is APPEAL_FINALITY["peace_court"]
    assert final_ruling(cheque, 500_000_001, "peace_court") is None
    assert final_ruling(possession, 10_000_000, "peace_court") is None  # art. 12 note 5, item 2
    assert final_ruling(cheque, 3_000_000, "general_civil_court") is APPEAL_FINALITY["general_civil_court"]
    assert final_ruling(cheque, 3_000_001, "general_civil_court") is None
    assert final_ruling(spec_of("custody"), 1, "family_court") is None  # non-financial: appealable
    assert final_ruling(cheque, None, "peace_court") is None
    assert final_ruling(cheque, 1, None) is None


def test_petition_kind_from_the_review_or_the_addressee():
    assert petition_kind_of(None) is PetitionKind.FIRST_INSTANCE
    assert petition_kind_of("objection") is PetitionKind.OBJECTION
    assert petition_kind_of("rejection_objection") is PetitionKind.OBJECTION
    assert petition_kind_of("cassation") is PetitionKind.OTHER_REVIEW
    assert review_kind_of_addressee(normalise("دادگاه تجدیدنظر استان فارس")) == "appeal"
    assert review_kind_of_addressee(normalise("دیوان عالی کشور")) == "cassation"
    assert review_kind_of_addressee(normalise("دادگاه صلح تهران")) is None


def test_deadline_findings_come_from_the_findings_table():
    for code in ("TIME_BARRED", "LAST_DAY", "DEADLINE", "NOT_APPEALABLE", "MISSING_REVIEW_EVIDENCE"):
        assert code in FINDING_TYPES
    assert FINDING_TYPES["TIME_BARRED"].severity.value == "FRUITLESS"
    assert all(FORUM_BY_CODE[c] for c in ("appeal_court", "supreme_court"))


def test_review_petition_keeps_the_filers_own_grounds_only(screener):
    # A lawyer appealing without a power of attorney: CPC 84(5) holds for the appeal too;
    # the wording of the underlying claim («احتمالاً» in the facts) is for the court that ruled.
    text = PETITIONS["appeal_losing_defendant"].replace(
        "به موجب دادنامه فوق اینجانب", "اینجانب محسن یگانه به وکالت از تجدیدنظرخواه به استحضار می‌رساند به موجب دادنامه فوق موکل"
    ).replace("پیش‌تر پرداخته‌ام", "احتمالاً پیش‌تر پرداخته‌ام")
    codes = [f.code for f in screener.screen(text, today=on(TODAY)).findings]
    assert "AUTHORITY_UNPROVEN" in codes and "NOT_DEFINITIVE" not in codes
