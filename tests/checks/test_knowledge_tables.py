"""The knowledge tables are the single source: every finding the code raises is a row of the findings
table, every row is raised by some petition, every claim type has a forum rule from a fixed set, and what
experts read cites law, never an internal document."""
from __future__ import annotations

import datetime as dt
import enum
import re
from pathlib import Path

import pytest

import screening
from screening.checks.forum import route_forum
from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE, CLAIM_TYPES
from screening.knowledge.findings import FINDING_TYPES, MISSING_FIELD_FINDING
from screening.knowledge.forums import FORUM_BY_CODE, FORUMS
from screening.knowledge.grounds import AUTHORITY_ROLES, GROUND_RULES
from screening.pipeline import Screener
from screening.text.jalali import JalaliDate
from tests.checks.legal_forum_petitions import PETITIONS as FORUM_PETITIONS
from tests.checks.legal_petitions import CASES
from tests.core.petitions import CLAIM, INSOLVENCY, NARRATIVE_MAHR, PLAINTIFF, cheque_form

FORUM_TODAY = JalaliDate(1404, 3, 11).to_gregorian()  # the day the forum tests screen on

PACKAGE = Path(screening.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))

# Where a finding code is written as a literal next to the code that raises it.
_LITERAL_SITES = [
    re.compile(r"""make_finding\(\s*["']([A-Z][A-Z_0-9]+)["']"""),
    re.compile(r"""Finding\(\s*code\s*=\s*["']([A-Z][A-Z_0-9]+)["']"""),
    re.compile(r"""\bcode\s*(?:,\s*\w+\s*)*=\s*["']([A-Z][A-Z_0-9]+)["']"""),  # «code, severity, basis = "TIME_BARRED", …»
    re.compile(r"""(?:missing_code|finding)\s*=\s*["']([A-Z][A-Z_0-9]+)["']"""),
    re.compile(r"""GroundRule\(\s*["']([A-Z][A-Z_0-9]+)["']"""),
]
# `make_finding(...)` calls whose code is not a literal, and the table each reads it from.
_DYNAMIC_SITES = {
    "MISSING_FIELD_FINDING[code]": "knowledge.findings.MISSING_FIELD_FINDING",
    "item.missing_code": "knowledge.claim_types evidence rows",
    "rule.code": "knowledge.grounds.GROUND_RULES",
    "role.finding": "knowledge.grounds.AUTHORITY_ROLES",
    "code": "checks.deadlines.step: TIME_BARRED | LAST_DAY | DEADLINE, each assigned as a literal just above",
}


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for pattern in _LITERAL_SITES:
            found.update(pattern.findall(text))
    return found


def codes_in_tables() -> set[str]:
    codes = set(MISSING_FIELD_FINDING.values())
    codes |= {rule.code for rule in GROUND_RULES}
    codes |= {role.finding for role in AUTHORITY_ROLES}
    codes |= {item.missing_code for spec in CLAIM_TYPE_BY_CODE.values() for item in spec.evidence}
    return codes


def test_every_code_the_source_raises_is_a_row_of_the_findings_table():
    raised = codes_in_source() | codes_in_tables()
    assert {"NOT_A_PETITION", "TIME_BARRED", "NOT_DEFINITIVE", "MISSING_EVIDENCE"} <= raised  # the scan sees them
    assert raised - set(FINDING_TYPES) == set()


def test_every_make_finding_call_without_a_literal_code_reads_a_known_table():
    dynamic = set()
    for path in SOURCES:
        for arg in re.findall(r"make_finding\(\s*([^\"'\s,][^,)]*)", path.read_text(encoding="utf-8")):
            if not arg.startswith("code: str"):  # the definition itself
                dynamic.add(arg.strip())
    assert dynamic <= set(_DYNAMIC_SITES), dynamic - set(_DYNAMIC_SITES)


# --- every row is reachable ---------------------------------------------------------------------------------

_APPEAL = ("دادخواست تجدیدنظر به دادگاه تجدیدنظر استان تهران\n"
           "تجدیدنظرخواه: مریم کاظمی فرزند رضا به نشانی تهران، خیابان آزادی، پلاک ۱۲\n"
           "تجدیدنظرخوانده: حمید رستمی به نشانی تهران، خیابان انقلاب، پلاک ۳\n"
           "خواسته: تجدیدنظرخواهی از دادنامه شماره ۱۴۰۳۶۸۳۹۰۰۰۰۵۵۵ مقوم به ۵۰۰,۰۰۰,۰۰۰ ریال\n"
           "شرح دادخواست: دادنامه بدوی در تاریخ ۱۴۰۴/۰۱/۱۵ در سامانه ثنا به اینجانب ابلاغ شد. نقض آن مورد استدعاست.\n"
           "محل امضا: مریم کاظمی\n")
_TODAY = dt.date(2025, 4, 9)  # 1404/01/20
_FACTS = "خوانده مبلغ خواسته را بابت خرید کالا بدهکار است و با وجود مراجعات مکرر تاکنون آن را نپرداخته است و پاسخی نمی‌دهد."

# Petitions (and the day they are screened on) that raise the rows CASES do not.
TRIGGERS: dict[str, list[tuple[str, dt.date]]] = {
    "row-by-row": [
        (cheque_form(plaintiff=None), _TODAY),
        (cheque_form(plaintiff="خواهان: علی رضایی فرزند حسن"), _TODAY),
        (cheque_form(defendant=None), _TODAY),
        (cheque_form(defendant="خوانده: مهدی کاظمی فرزند محمود"), _TODAY),
        (cheque_form(defendant="خوانده: مهدی کاظمی فرزند محمود مجهول‌المکان"), _TODAY),
        (cheque_form(claim="خواسته و بهای آن: مقوم به 450,000,000 ریال"), _TODAY),
        (cheque_form(claim="خواسته و بهای آن: مطالبه وجه یک فقره چک به شماره 8842/217560"), _TODAY),
        (cheque_form(plaintiff="خواهان: علی رضایی به کد ملی 0076229646 به نشانی تهران، خیابان شریعتی، پلاک 12 "
                               "کدپستی 0545863914 تلفن همراه 08123456789"), _TODAY),
        (cheque_form(defendant="خوانده: شرکت نمونه به شناسه ملی 10380284791 به نشانی تهران، خیابان آزادی، پلاک 1"), _TODAY),
        (cheque_form(claim=CLAIM.replace("چهارصد و پنجاه میلیون", "چهارصد میلیون")), _TODAY),
        (cheque_form(claim="خواسته و بهای آن: مطالبه وجه یک فقره چک مقوم به ۰۰۰/۰۰۰/۴۵۰"), _TODAY),
        (cheque_form(date="تاریخ: 03/05/10"), _TODAY),
        (cheque_form(date="تاریخ: 1403/13/40"), _TODAY),
        (cheque_form(claim=CLAIM.replace("450,000,000", "2,500,000,000")
                     .replace("چهارصد و پنجاه میلیون ریال", "دو میلیارد و پانصد میلیون ریال")), _TODAY),
        (cheque_form(title="برگ دادخواست به دادگاه عمومی حقوقی",
                     claim="خواسته و بهای آن: خلع ید از یک قطعه زمین مقوم به 500,000,000 ریال",
                     evidence="دلایل و منضمات دادخواست:\n1- تصویر قولنامه عادی", facts=_FACTS), _TODAY),
        (cheque_form(claim="خواسته و بهای آن: الزام خوانده به تنظیم سند رسمی یک قطعه زمین مقوم به 500,000,000 ریال",
                     evidence="دلایل و منضمات دادخواست:\n1- تصویر مبایعه‌نامه\n2- استعلام ثبتی\n3- گواهی عدم حضور",
                     facts=_FACTS), _TODAY),
        (cheque_form(facts=_FACTS + " همین دعوا به طرفیت خوانده در شعبه 5 دادگاه صلح تهران مطرح است و در حال رسیدگی است."), _TODAY),
        (cheque_form(facts=_FACTS + " خوانده صادرکننده چک نیست و چک توسط شخص دیگری صادر شده است."), _TODAY),
        (cheque_form(facts=_FACTS + " چک در وجه برادر اینجانب صادر شده است."), _TODAY),
        (cheque_form(facts=_FACTS + " این مبلغ بدهی ناشی از قمار خوانده است."), _TODAY),
        (cheque_form(facts=_FACTS + " خوانده خانه را به اینجانب هبه کرده اما بدون قبض آن را پس گرفته است."), _TODAY),
        (cheque_form(title="برگ دادخواست به دادگاه خانواده", claim="خواسته و بهای آن: مطالبه نفقه معوقه پدر مقوم به 90,000,000 ریال",
                     evidence="دلایل و منضمات دادخواست:\n1- تصویر شناسنامه", facts="پدر اینجانب نفقه خوانده را از سال 1400 نپرداخته است و "
                     "خوانده فرزند اوست و توان پرداخت دارد ولی نفقه ماه‌های گذشته را نداده است."), _TODAY),
        (INSOLVENCY, _TODAY),
        (NARRATIVE_MAHR, _TODAY),
        (_APPEAL, _TODAY),
        (_APPEAL, dt.date(2025, 4, 26)),  # 1404/02/06, its last day
        (_APPEAL, dt.date(2025, 6, 1)),
    ],
}


@pytest.fixture(scope="module")
def raised_by_petitions() -> set[str]:
    screener = Screener(model_dir=None)
    codes = set()
    for case in CASES:
        codes.update(screener.screen(case.text).finding_codes)
    for text, today in TRIGGERS["row-by-row"]:
        codes.update(screener.screen(text, today=today).finding_codes)
    # The review petitions of the forum tests (an appeal from a ruling the law makes final).
    for name in ("appeal_final_peace", "appeal_final_general"):
        codes.update(screener.screen(FORUM_PETITIONS[name], today=FORUM_TODAY).finding_codes)
    return codes


def test_every_row_of_the_findings_table_is_raised_by_some_petition(raised_by_petitions):
    assert set(FINDING_TYPES) - raised_by_petitions == set()


def test_every_ground_rule_and_authority_role_is_reachable(raised_by_petitions):
    assert {rule.code for rule in GROUND_RULES} <= raised_by_petitions
    assert {role.finding for role in AUTHORITY_ROLES} <= raised_by_petitions


# --- forum rules --------------------------------------------------------------------------------------------

FORUM_RULES = {"by_value", "family_or_peace", "family", "peace", "immovable_by_value", "main_claim", "general"}


@pytest.mark.parametrize("spec", list(CLAIM_TYPE_BY_CODE.values()), ids=lambda s: s.code)
def test_every_claim_type_has_a_forum_rule_from_a_fixed_set_that_routes(spec):
    rule = spec.forum_rule
    if isinstance(rule, enum.Enum):  # a fixed set by construction
        assert rule in type(rule)
    else:
        assert rule in FORUM_RULES
    for value in (None, 100_000_000, 5_000_000_000):
        forum, _ = route_forum(spec, value)
        assert forum.code in FORUM_BY_CODE and forum.basis


def test_claim_type_codes_are_unique():
    codes = [c.code for c in CLAIM_TYPES]
    assert len(codes) == len(set(codes))


# --- what experts read cites law ----------------------------------------------------------------------------

INTERNAL = re.compile(r"DOMAIN|MODEL_SPEC|BRIEF|\.md\b|(?<![A-Za-z])S\d{1,3}(?!\d)|راهنمای دامنه")


def _texts_people_read() -> list[str]:
    texts = [t for row in FINDING_TYPES.values() for t in (row.basis, row.message_fa)]
    texts += [spec.basis for spec in CLAIM_TYPE_BY_CODE.values()]
    texts += [item.basis + item.lost_fa + item.label_fa for spec in CLAIM_TYPE_BY_CODE.values() for item in spec.evidence]
    texts += [role.basis + role.proof_fa for role in AUTHORITY_ROLES]
    texts += [forum.basis for forum in FORUMS]
    return texts


def test_no_basis_or_message_cites_an_internal_document(raised_by_petitions):
    offenders = [t for t in _texts_people_read() if INTERNAL.search(t)]
    assert offenders == []


def test_every_row_of_the_findings_table_cites_an_article_or_a_law():
    LAW = re.compile(r"ماده|مواد|قانون|رأی وحدت رویه|تبصره")
    # A basis made only of placeholders is filled from another table's articles (the deadline rules, the
    # finality of rulings); what those give is checked on raised findings in the next test.
    from_other_tables = re.compile(r"^(?:\{\w+\}[؛،\s]*)+$")
    assert [row.code for row in FINDING_TYPES.values()
            if not LAW.search(row.basis) and not from_other_tables.match(row.basis)] == []


def test_findings_raised_on_petitions_cite_law():
    screener = Screener(model_dir=None)
    for case in CASES:
        for f in screener.screen(case.text).findings:
            assert not INTERNAL.search(f.basis) and not INTERNAL.search(f.message_fa), f.code
            assert re.search(r"ماده|مواد|قانون|رأی وحدت رویه|تبصره", f.basis), (f.code, f.basis)


def test_plaintiff_fixture_is_valid():  # the triggers above rely on it
    assert "0076229645" in PLAINTIFF
