"""Claim types: how to recognise them, their key evidence and the court that hears them.

DOMAIN.md §5 (forums) and §7 (common claims and their evidence). Cues are regular
expressions over *normalised* text (ASCII digits, ی/ک, half-spaces as hazm writes them);
`_` in a cue stands for "a space, a half-space or nothing", since drafts vary.

Forum rules (DOMAIN §5.1) are the members of `ForumRule`; each row names one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from screening.text.gate import GatedPattern, gated

PEACE_COURT_CAP_RIAL = 1_000_000_000  # DRC-1402 art. 12(1): 100M toman; indexable every 3 years


class ForumRule(str, Enum):
    """How a claim type is routed to a first-instance court (DOMAIN §5.1, DRC-1402 art. 12)."""

    BY_VALUE = "by_value"  # Peace Court up to the cap (art. 12(1)), else the general civil court
    FAMILY_OR_PEACE = "family_or_peace"  # mahr/nafaqa: Peace Court up to the cap (art. 12(3)), else Family Court
    FAMILY = "family"  # Family Court (FPL art. 4)
    PEACE = "peace"  # Peace Court whatever the value (art. 12(2), (6))
    LEASE_EVICTION = "lease_eviction"  # Peace Court (art. 12(4)) unless goodwill (سرقفلی، حق کسب) is in issue
    IMMOVABLE_BY_VALUE = "immovable_by_value"  # as BY_VALUE; the cap's reach over immovables is unverified → WARN
    ESTATE_PARTITION = "estate_partition"  # by value (art. 12(1) is not item 6); WARN when the estate holds immovables
    MAIN_CLAIM = "main_claim"  # the court of the main claim (insolvency, CPC 505)
    RESIDUAL = "residual"  # unrecognised claims: by value when financial (art. 12(1)), else the general court


def cue(pattern: str) -> re.Pattern[str] | GatedPattern:
    """Compile a cue; `_` matches a space, a half-space or nothing.

    Most cues are absent from most petitions, and a failed search still walks the whole text;
    each cue is gated by the words every match must contain (`screening.text.gate`), so it is
    searched only when one of them is in the text at all.
    """
    return gated(re.compile(pattern.replace("_", "[\\s\u200c]?")))


@dataclass(frozen=True)
class Evidence:
    code: str
    label_fa: str
    patterns: tuple[re.Pattern[str], ...]
    key: bool = True  # key evidence: its absence is raised as a finding
    basis: str = ""
    missing_code: str = "MISSING_EVIDENCE"  # the finding raised when it is absent (a row of knowledge.findings)
    lost_fa: str = ""  # what its absence really costs, when that is less than the claim itself
    key_when: tuple[re.Pattern[str], ...] = ()  # key only when one of these is in the text (e.g. «توافقی»)
    not_if: tuple[re.Pattern[str], ...] = ()  # present-looking wording that does not count (one witness)


@dataclass(frozen=True)
class ClaimTypeSpec:
    code: str
    label_fa: str
    cues: tuple[tuple[re.Pattern[str], float], ...]  # (pattern, weight)
    forum_rule: ForumRule
    financial: bool  # needs a value in rials (CPC 51(3)); False for custody, divorce...
    evidence: tuple[Evidence, ...] = field(default=())
    basis: str = ""  # where the forum rule comes from
    contentious: bool = True  # False for non-contentious matters (حصر وراثت): no defendant is needed


def ev(code: str, label: str, *patterns: str, key: bool = True, basis: str = "", missing_code: str = "MISSING_EVIDENCE",
       lost_fa: str = "", key_when: tuple[str, ...] = (), not_if: tuple[str, ...] = ()) -> Evidence:
    return Evidence(code, label, tuple(cue(p) for p in patterns), key, basis, missing_code, lost_fa,
                    tuple(cue(p) for p in key_when), tuple(cue(p) for p in not_if))


def cues(*pairs: tuple[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
    return tuple((cue(p), w) for p, w in pairs)


# Cues that change a route (DOMAIN §5.1). Read over the claim and its facts.
# Art. 12(4): eviction goes to the Peace Court except where goodwill (سرقفلی، حق کسب یا پیشه یا تجارت) is in issue.
GOODWILL_CUE = cue(r"سرقفلی|سر_قفلی|حق_(?:کسب|الکسب)(?:_(?:و|یا)_پیشه)?(?:_(?:و|یا)_تجارت)?")
# Immovable property named in the claim: the Peace Court's cap over it is unverified (DOMAIN §5.1 table).
IMMOVABLE_CUE = cue(r"\bملک|\bزمین|آپارتمان|واحد_(?:مسکونی|تجاری|آپارتمان)|منزل_مسکونی|\bمغازه|باغ|پلاک_ثبتی|\bعرصه|اعیانی|\bمستغل|غیر_منقول")
# A claim for a movable thing or money (delivery or return of goods, a car…): a financial claim (art. 12(1)).
MOVABLE_CLAIM_CUE = cue(r"تحویل|استرداد|تسلیم|بازگرداندن|عودت|رد_(?:مال|عین)|خودرو|اتومبیل|کالا|دستگاه|طلا|مطالبه|مبلغ|وجه|ریال|تومان|خسارت")

_MARRIAGE_CERT = ev("marriage_certificate", "سند ازدواج (عقدنامه)", r"سند_(?:رسمی_)?ازدواج", r"عقد_?نامه", r"قباله_ازدواج",
                    basis="ماده ۱۰۸۲ قانون مدنی")
_BIRTH_CERT = ev("birth_certificate", "شناسنامه فرزند", r"شناسنامه", r"گواهی_ولادت", key=False)

# «حصر وراثت» asked for, not the certificate cited as evidence («گواهی حصر وراثت» in a partition petition).
_HEIRSHIP = r"(?<!گواهی )(?<!گواهی\u200c)(?<!گواهی)(?<!تصدیق )(?:ان?حصار|حصر)_وراثت"
# Possessory claims (CPC 158–161): prior possession and its loss; not a title deed.
_POSSESSION_EVIDENCE = (
    ev("prior_possession", "دلیل سبق تصرف خواهان (شهادت‌نامه گواهان، صورت‌جلسه تأمین دلیل، قبوض، اجاره‌نامه)",
       r"استشهاد", r"شهادت", r"گواه|شاهد|شهود", r"تامین_دلیل|تأمین_دلیل", r"صورت_?جلسه", r"قبض|قبوض", r"اجاره_?نامه",
       r"عکس|تصاویر", r"کارشناس", key=False, basis="مواد ۱۵۸ تا ۱۶۱ قانون آیین دادرسی مدنی"),
)

CLAIM_TYPES: tuple[ClaimTypeSpec, ...] = (
    ClaimTypeSpec(
        "cheque", "مطالبه وجه چک",
        cues((r"وجه_(?:یک|دو|سه|\d+)?\s*(?:فقره|برگ)?_?چک", 4.0), (r"\bچک(?:_?های)?\b", 1.5), (r"صیادی", 1.0)),
        ForumRule.BY_VALUE, True,
        (ev("cheque", "اصل یا تصویر مصدق چک", r"(?:اصل|تصویر|کپی|رونوشت)[^\n]{0,25}چک", r"\bچک_?(?:شماره|به_شماره)", r"لاشه_چک", basis="ماده ۳۱۰ قانون تجارت"),
         ev("non_payment_certificate", "گواهی عدم پرداخت بانک", r"گواهی_عدم_(?:پرداخت|پرداختی)", r"برگشت_?(?:زدن|خوردن|شده)", r"گواهینامه_عدم_پرداخت",
            basis="مواد ۳۱۴ و ۳۱۵ قانون تجارت؛ قانون صدور چک")),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "promissory_note", "مطالبه وجه سفته",
        cues((r"وجه_(?:یک|دو|سه|\d+)?\s*(?:فقره|برگ)?_?سفته", 4.0), (r"سفته", 2.0), (r"برات", 1.0)),
        ForumRule.BY_VALUE, True,
        (ev("promissory_note", "اصل یا تصویر مصدق سفته", r"(?:اصل|تصویر|کپی|رونوشت)[^\n]{0,25}سفته", r"سفته_(?:شماره|به_شماره)"),
         ev("protest_certificate", "واخواست‌نامه (برای دعوا علیه ظهرنویسان)", r"واخواست", key=False, basis="ماده ۲۸۰ قانون تجارت")),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "money_claim", "مطالبه وجه (طلب)",
        cues((r"مطالبه_(?:وجه|مبلغ|طلب|دین)", 2.5), (r"قرض", 1.5), (r"رسید_?(?:وجه|دستی)", 1.0), (r"کارت_به_کارت|واریز", 0.8), (r"بدهی", 0.6)),
        ForumRule.BY_VALUE, True,
        (ev("debt_document", "سند طلب (رسید، قرارداد، فیش واریز یا اقرارنامه)", r"رسید", r"قرارداد", r"فیش", r"واریز", r"اقرار_?نامه",
            r"صورت_حساب", r"پرینت|گردش_حساب", r"سند_(?:عادی|رسمی)", r"(?:گواه|شاهد|شهود)"),),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "late_payment_damages", "خسارت تأخیر تأدیه",
        cues((r"خسارت_ت[اأ]خیر_(?:در_)?ت[اأ]دیه", 2.0),),
        ForumRule.BY_VALUE, True,
        (ev("demand_proof", "دلیل مطالبه و سررسید دین (اظهارنامه، سند دین)", r"اظهار_?نامه", r"سررسید", r"مطالبه", r"چک", r"سفته", r"دادنامه", key=False),),
        "ماده ۵۲۲ قانون آیین دادرسی مدنی",
    ),
    ClaimTypeSpec(
        "mahr", "مطالبه مهریه",
        cues((r"مهریه", 4.0), (r"مهر_?المسمی|صداق", 2.0), (r"سکه_(?:تمام_)?(?:بهار_آزادی)?", 0.8)),
        ForumRule.FAMILY_OR_PEACE, True,
        (_MARRIAGE_CERT,),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "nafaqa", "مطالبه نفقه",
        cues((r"نفقه(?!_?خوار)", 4.0), (r"هزینه_(?:زندگی|معاش)", 0.8)),
        ForumRule.FAMILY_OR_PEACE, True,
        (ev("relationship_proof", "سند ازدواج یا شناسنامه (اثبات زوجیت یا خویشاوندی)", r"سند_(?:رسمی_)?ازدواج", r"عقد_?نامه", r"شناسنامه", r"قباله_ازدواج"),),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "divorce", "طلاق",
        cues((r"طلاق", 3.5), (r"جدایی|متارکه", 1.0), (r"عسر_و_حرج", 1.5)),
        ForumRule.FAMILY, False,
        (_MARRIAGE_CERT,
         ev("counselling_certificate", "گواهی مرکز مشاوره خانواده (سامانه مسیر) برای طلاق توافقی", r"گواهی_(?:عدم_امکان_سازش|مشاوره|مرکز_مشاوره)",
            r"مرکز_مشاوره", r"مشاوره_خانواده", r"جلسات_مشاوره", r"سامانه_(?:مسیر|تصمیم)", r"داوری|داوران", key=False,
            basis="قانون حمایت خانواده (۱۳۹۱)؛ گواهی مرکز مشاوره خانواده",
            key_when=(r"طلاق_(?:به_صورت_)?توافقی", r"توافق_(?:طرفین|زوجین)", r"با_توافق"),
            lost_fa="بدون گواهی مرکز مشاوره، دادخواست طلاق توافقی پذیرفته نمی‌شود؛")),
        "ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "custody", "حضانت فرزند",
        cues((r"حضانت", 4.0),),
        ForumRule.FAMILY, False,
        (_BIRTH_CERT, ev("marriage_or_divorce_certificate", "سند ازدواج یا طلاق", r"سند_(?:رسمی_)?(?:ازدواج|طلاق)", r"عقد_?نامه", r"طلاق_?نامه",
                                          r"(?:دادنامه|حکم|رای|رأی)_(?:قطعی_)?طلاق")),
        "ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "visitation", "ملاقات فرزند",
        cues((r"ملاقات_(?:با_)?(?:فرزند|طفل|اطفال|فرزندان)", 4.0), (r"ملاقات", 1.5)),
        ForumRule.FAMILY, False,
        (_BIRTH_CERT,),
        "ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "tamkin", "الزام به تمکین",
        cues((r"تمکین", 4.0), (r"بازگشت_(?:به_)?(?:منزل|زندگی)_مشترک", 1.5)),
        ForumRule.FAMILY, False,
        (_MARRIAGE_CERT,),
        "ماده ۴ قانون حمایت خانواده",
    ),
    ClaimTypeSpec(
        "eviction", "تخلیه ید (اجاره)",
        cues((r"تخلیه_(?:ید|عین|مورد_اجاره|ملک|واحد)", 4.0), (r"تخلیه", 2.0), (r"مستا(?:ٔ|ء)?جر|اجاره_?نامه", 1.0)),
        ForumRule.LEASE_EVICTION, False,
        (ev("lease", "اجاره‌نامه کتبی", r"اجاره_?نامه", r"قرارداد_(?:اجاره|اجاره_?نامه)", r"قرارداد_اجاره",
            basis="ماده ۲ قانون روابط موجر و مستأجر (۱۳۷۶)", missing_code="NO_QUICK_EVICTION_ORDER"),),
        "بند ۴ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ دعاوی سرقفلی و حق کسب یا پیشه یا تجارت مستثناست",
    ),
    ClaimTypeSpec(
        "dispossession", "خلع ید",
        cues((r"خلع_ید", 4.0), (r"غاصب|غصب", 1.0)),
        ForumRule.IMMOVABLE_BY_VALUE, True,
        (ev("title_deed", "سند رسمی مالکیت یا حکم قطعی مالکیت", r"سند_(?:رسمی|مالکیت|تک_?برگ)", r"حکم_(?:قطعی_)?(?:اثبات_)?مالکیت", r"حدنگار",
            basis="رأی وحدت رویه ۶۷۲ دیوان عالی کشور", missing_code="NO_TITLE_FOR_EVICTION"),),
        "ماده ۱۲ قانون آیین دادرسی مدنی (محل وقوع مال)؛ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "deed_transfer", "الزام به تنظیم سند رسمی",
        cues((r"الزام_(?:خوانده_)?(?:به_)?(?:تنظیم|انتقال)_سند", 4.0), (r"تنظیم_سند_رسمی", 3.0), (r"انتقال_سند", 1.5), (r"مبایعه_?نامه|قول_?نامه", 1.0)),
        ForumRule.IMMOVABLE_BY_VALUE, True,
        (ev("sale_agreement", "مبایعه‌نامه یا قرارداد فروش", r"مبایعه_?نامه", r"قول_?نامه", r"قرارداد_(?:فروش|واگذاری|بیع)"),
         ev("registry_inquiry", "استعلام ثبتی ملک", r"استعلام_(?:ثبتی|از_اداره_ثبت|وضعیت_ثبتی)", missing_code="MISSING_SUPPORTING_EVIDENCE",
            lost_fa="بدون استعلام ثبتی معلوم نیست خوانده مالک رسمی ملک است و ملک در رهن یا بازداشت نیست؛ دادگاه استعلام را می‌خواهد و رسیدگی عقب می‌افتد، و اگر فروشنده مالک رسمی نباشد دعوا به نتیجه نمی‌رسد."),
         ev("notary_absence_certificate", "گواهی عدم حضور در دفترخانه", r"گواهی_عدم_حضور", missing_code="MISSING_SUPPORTING_EVIDENCE",
            lost_fa="گواهی عدم حضور نشان می‌دهد خوانده در موعد برای تنظیم سند به دفترخانه نیامده است؛ بدون آن، خودداری خوانده از تنظیم سند باید از راه دیگری (اظهارنامه، گواه) ثابت شود.")),
        "ماده ۱۲ قانون آیین دادرسی مدنی (محل وقوع مال)",
    ),
    ClaimTypeSpec(
        "fair_rent", "اجرت‌المثل ایام تصرف",
        cues((r"اجرت_?المثل_(?:ایام_)?تصرف", 4.5), (r"اجرت_?المثل", 1.5)),
        ForumRule.BY_VALUE, True,
        (ev("ownership_proof", "مدرک مالکیت", r"سند_(?:رسمی|مالکیت|تک_?برگ)", r"مالکیت", r"مبایعه_?نامه"),
         ev("expert_opinion", "جلب نظر کارشناس", r"کارشناس", key=False)),
        "مواد ۳۲۰ و ۳۳۷ قانون مدنی؛ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "marital_fair_wage", "اجرت‌المثل ایام زوجیت",
        cues((r"اجرت_?المثل_(?:ایام_)?زوجیت", 5.0), (r"اجرت_?المثل_(?:کارهای_)?(?:منزل|خانه)", 3.0), (r"نحله", 2.0)),
        ForumRule.FAMILY, True,
        (_MARRIAGE_CERT,),
        "ماده ۴ قانون حمایت خانواده؛ تبصره ماده ۳۳۶ قانون مدنی",
    ),
    ClaimTypeSpec(
        "insolvency", "اعسار از پرداخت هزینه دادرسی",
        cues((r"اعسار", 4.0), (r"ناتوانی_(?:مالی|از_پرداخت)", 1.0)),
        ForumRule.MAIN_CLAIM, False,
        # CPC 506: the witnesses' statements in writing; naming «شهود» without them is not enough.
        (ev("witness_statements", "شهادت‌نامه کتبی دست‌کم دو گواه (استشهادیه)", r"استشهاد_?(?:یه|نامه)?", r"شهادت_?نامه",
            r"(?:گواهی|شهادت)_(?:کتبی_)?(?:گواهان|شهود)", r"(?:گواهی|شهادت)_?نامه_(?:کتبی_)?(?:گواهان|شهود)",
            basis="ماده ۵۰۶ قانون آیین دادرسی مدنی", missing_code="ESAR_NO_WITNESSES",
            not_if=(r"(?:استشهاد|شهادت)[^.\n]{0,30}(?:یک|1)_(?:نفر|گواه|شاهد)(?!_?(?:و|دیگر))", r"(?:یک|1)_(?:نفر_)?(?:گواه|شاهد)_?(?:نامه)?(?!_?(?:و|دیگر))")),),
        "ماده ۵۰۵ قانون آیین دادرسی مدنی",
    ),
    ClaimTypeSpec(
        # the code stays "estate" (reports and trained models use it); it is the non-contentious matter only
        "estate", "حصر وراثت / تحریر ترکه",
        cues((_HEIRSHIP, 5.0), (r"تحریر_ترکه", 4.0), (r"مهر_و_موم_(?:ترکه|اموال_متوفی)", 4.0), (r"متوفی|مرحوم", 0.8), (r"ورثه|وراث", 0.8)),
        ForumRule.PEACE, False,
        (ev("death_certificate", "گواهی فوت", r"گواهی_فوت", r"شناسنامه_(?:باطل_شده_)?متوفی"),
         ev("heirs_statement", "استشهادیه محضری وراث", r"استشهاد_?(?:یه|نامه)?"),
         ev("heirs_ids", "شناسنامه وراث و سند ازدواج", r"شناسنامه", r"سند_(?:رسمی_)?ازدواج|عقد_?نامه", key=False)),
        "بند ۶ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ آخرین اقامتگاه متوفی",
        contentious=False,  # a heirship certificate is asked for, not a judgment against someone
    ),
    ClaimTypeSpec(
        # Not in art. 12(6): partition is contentious (the other heirs are defendants) and goes by value.
        "estate_partition", "تقسیم ترکه",
        cues((r"تقسیم_(?:ترکه|ماترک|اموال_(?:مورث|متوفی|مرحوم))", 6.0), (r"ماترک|ترکه", 1.0), (r"سهم_?الارث", 1.5)),
        ForumRule.ESTATE_PARTITION, True,
        (ev("heirship_certificate", "گواهی حصر وراثت", r"(?:گواهی|تصدیق)_(?:ان?حصار|حصر)_وراثت", r"(?:ان?حصار|حصر)_وراثت"),
         ev("estate_assets", "مدارک اموال ترکه (سند، استعلام ثبتی، …)", r"سند", r"استعلام", r"فهرست_(?:اموال|ترکه)", r"ترکه", key=False)),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ ماده ۲۰ قانون آیین دادرسی مدنی (آخرین اقامتگاه متوفی)",
    ),
    ClaimTypeSpec(
        "contract_rescission", "فسخ یا ابطال قرارداد",
        cues((r"(?:ت[اأ]یید|اعلام|احراز)_(?:صحت_)?فسخ", 4.0), (r"فسخ_(?:قرارداد|معامله|مبایعه_?نامه|عقد)", 4.0), (r"ابطال_(?:قرارداد|معامله)", 3.5), (r"اقاله", 2.0), (r"فسخ", 1.0)),
        ForumRule.BY_VALUE, True,
        (ev("contract", "قرارداد مورد فسخ", r"قرارداد", r"مبایعه_?نامه", r"قول_?نامه"),),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    ClaimTypeSpec(
        "damages", "مطالبه خسارت",
        cues((r"مطالبه_(?:ضرر_و_زیان|خسارت|خسارات)(?!_(?:دادرسی|ت[اأ]خیر))", 3.0), (r"ضرر_و_زیان", 2.0), (r"جبران_خسارت", 2.0), (r"تصادف|حادثه", 0.8)),
        ForumRule.BY_VALUE, True,
        (ev("damage_proof", "دلیل ورود خسارت (کارشناسی، کروکی، فاکتور، گزارش)", r"کارشناس", r"کروکی", r"فاکتور", r"گزارش", r"صورت_?جلسه", r"عکس|تصاویر", r"گواه|شاهد|شهود"),),
        "ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)",
    ),
    # Possessory claims (DOMAIN §5.1 art. 12(2)): Peace Court at any value; they rest on the plaintiff's prior
    # possession and the defendant's later taking (CPC 158–161), not on title, so RVR 672 does not apply.
    ClaimTypeSpec(
        "wrongful_occupation", "رفع تصرف عدوانی",
        cues((r"(?:رفع_)?تصرف_(?:عدوانی|عدوانه)", 5.0), (r"سبق_تصرف", 1.0)),
        ForumRule.PEACE, False, _POSSESSION_EVIDENCE,
        "بند ۲ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ مواد ۱۵۸ تا ۱۶۱ قانون آیین دادرسی مدنی؛ محل وقوع مال (ماده ۱۲)",
    ),
    ClaimTypeSpec(
        "disturbance", "رفع مزاحمت",
        cues((r"(?:رفع|منع)_مزاحمت", 5.0), (r"مزاحمت_(?:ملکی|در_ملک|در_استفاده)", 2.0)),
        ForumRule.PEACE, False, _POSSESSION_EVIDENCE,
        "بند ۲ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ مواد ۱۵۸ تا ۱۶۱ قانون آیین دادرسی مدنی؛ محل وقوع مال (ماده ۱۲)",
    ),
    ClaimTypeSpec(
        "obstruction_of_right", "رفع ممانعت از حق",
        cues((r"(?:رفع_)?ممانعت_از_(?:حق|استیفای_حق)", 5.0), (r"حق_(?:العبور|عبور|ارتفاق|المجری|مجری|آبه)", 1.0)),
        ForumRule.PEACE, False, _POSSESSION_EVIDENCE,
        "بند ۲ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)؛ مواد ۱۵۸ تا ۱۶۱ قانون آیین دادرسی مدنی؛ محل وقوع مال (ماده ۱۲)",
    ),
)

# A review petition (appeal, objection, cassation, retrial) is judged on the ruling it attacks: its key
# evidence is that ruling and the notice of its service (the period runs from service, CPC 443–447),
# whatever the claim and whichever party lost; the first-instance claim's evidence is already in the file.
REVIEW_EVIDENCE: tuple[Evidence, ...] = (
    ev("ruling_copy", "رونوشت یا تصویر رأی مورد اعتراض (دادنامه)",
       r"(?:رونوشت|تصویر|کپی|اصل|نسخه)[^\n]{0,25}(?:دادنامه|رای|رأی|حکم|قرار(?!داد))", r"دادنامه_(?:شماره|بدوی|مورد_اعتراض|تجدید_?نظر_?خواسته)"),
    ev("service_notice", "برگ ابلاغ رأی (ابلاغیه)",
       r"ابلاغ_?(?:یه|نامه)", r"برگ_?(?:ه_)?ابلاغ", r"(?:گواهی|تصویر|رونوشت|پرینت)_ابلاغ", r"ابلاغ_?(?:الکترونیک|ثنا)"),
)

OTHER = ClaimTypeSpec("other", "سایر دعاوی", (), ForumRule.RESIDUAL, True, (), "صلاحیت عام دادگاه عمومی حقوقی")

CLAIM_TYPE_BY_CODE: dict[str, ClaimTypeSpec] = {c.code: c for c in (*CLAIM_TYPES, OTHER)}
