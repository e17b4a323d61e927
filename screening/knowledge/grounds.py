"""Grounds of inadmissibility that show in a draft's own words (CPC 84 and related rules).

Each row: a finding code, the cues that raise it, and optional conditions: claim types it
applies to, cues that must also be present (`requires`) or that cancel it (`unless`, e.g. a
guardian named for a minor plaintiff). A rule with `scope="sentence"` reads one sentence at a
time: its cue, every `requires` cue and none of its `sentence_unless` cues must stand in the
*same* sentence, however far apart («حکم … قطعی شده»), and `party` (if set) must be introduced
there. Cues are over normalised text (see knowledge.claim_types.cue).
`AUTHORITY_ROLES` says which document proves which representative's authority (CPC 84(5)).
These are screening heuristics: the finding says "looks like", and the expert decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from screening.knowledge.claim_types import cue


@dataclass(frozen=True)
class GroundRule:
    code: str
    cues: tuple[re.Pattern[str], ...]
    claim_types: tuple[str, ...] = ()  # empty: any claim type
    requires: tuple[re.Pattern[str], ...] = ()  # all must match somewhere in the text
    unless: tuple[re.Pattern[str], ...] = ()  # any match cancels the ground
    in_evidence_unless: tuple[re.Pattern[str], ...] = field(default=())  # cancelled if listed as evidence
    scope: str = "text"  # "sentence": cues, requires and sentence_unless are read within one sentence
    sentence_unless: tuple[re.Pattern[str], ...] = ()  # any match in the cue's sentence cancels that hit


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(cue(p) for p in patterns)


# A sentence that introduces the plaintiff: «اینجانب …», «خواهان: …», «موکل …».
PLAINTIFF_SENTENCE = _c(r"اینجانب|این_جانب|خواهان|موکل|متقاضی|(?<!\w)من(?!\w)")
# Ages below the age of majority for financial matters (18; the exact cut-off is unverified, DOMAIN §3).
_MINOR_AGE = r"(?<![\d/])(?:[1-9]|1[0-7])_?(?:ساله|سال_(?:سن|دارد|دارم|سن_دارد))|سن_?[:：]?_?(?:[1-9]|1[0-7])(?![\d/])|(?:(?<![^\s])(?:یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|سیزده|چهارده|پانزده|شانزده|هفده)_ساله)"

_JUDGMENT = _c(r"(?:حکم|دادنامه|رای|رأی)")
_NOT_FINAL = _c(r"قطعی_نشده|قطعیت_نیافته|غیر_قطعی|هنوز_قطعی")

GROUND_RULES: tuple[GroundRule, ...] = (
    # CPC 84(9): a claim that is itself speculative (an amount or event the plaintiff is not sure of).
    # Not the standard wording of a تأمین خواسته request («ممکن است خوانده اموال خود را منتقل کند»)
    # nor an ordinary prayer («در صورت احراز/اثبات»): those sentences are not the claim's own doubt.
    GroundRule("NOT_DEFINITIVE", _c(r"احتمالا", r"(?<!\w)شاید(?!\w)", r"فکر_(?:می_)?کنم", r"گمان_(?:می_)?کنم", r"مطمئن_نیستم",
                                   r"(?:خسارات?|ضرر|زیان)_(?:احتمالی|آتی)", r"در_آینده_(?:ممکن|احتمال)",
                                   r"ممکن_است_[^.\n]{0,30}(?:مقصر|بدهکار|مسئول|متعهد)_باشد", r"اگر_معلوم_شد",
                                   # a prayer conditioned on whether the plaintiff has any right at all
                                   r"(?:اگر|چنانچه|در_صورتی_که)[^.\n]{0,40}حقی_(?:برای_(?:اینجانب|من|خواهان)_)?(?:وجود_)?(?:دارد|داشته_باشد)"),
               scope="sentence",
               sentence_unless=_c(r"ت[اأ]مین_(?:خواسته|دلیل)", r"قرار_ت[اأ]مین", r"فرار_از_دین", r"اموال_(?:خود|خویش)_را",
                                  r"دستور_موقت", r"خوانده_(?:ادعا|اظهار|وعده)")),
    # CPC 84(6): the same dispute was finally judged before: a judgment and its finality in one sentence,
    # however far apart («حکم … قطعی شده», «دادنامه … قطعیت یافته»); a «دادنامه قطعی» merely cited (as the
    # ground of a custody or fair-rent claim) counts only with a word that makes it this same dispute.
    GroundRule("RES_JUDICATA", _JUDGMENT, scope="sentence",
               requires=_c(r"قطعی_(?:شده|گردیده)|قطعیت_(?:یافته|پیدا)|به_قطعیت_رسیده"),
               sentence_unless=_NOT_FINAL + _c(r"(?:طلاق|حضانت|ملاقات|خلع_ید|تخلیه)_[^.\n]{0,40}(?:واقع|واگذار|صادر)_شده_(?:است|و_اینک)")),
    GroundRule("RES_JUDICATA", _JUDGMENT, scope="sentence",
               requires=_c(r"(?:حکم|دادنامه|رای|رأی)_قطعی|قطعی_(?:است|می_باشد)",
                           r"(?:قبلا|سابقا|پیش_تر|پیشتر|قبلی|مجددا|دوباره|یک_بار|بار_دیگر|در_گذشته|همین_(?:موضوع|دعوا|دعوی|خواسته|خصوص)|در_این_خصوص|این_موضوع|بی_حقی)"),
               sentence_unless=_NOT_FINAL),
    # CPC 84(2): the same or a related dispute is pending elsewhere.
    GroundRule("LIS_PENDENS", _c(r"(?:همین_دعوا|همین_موضوع|همین_خواسته)[^.\n]{0,60}(?:در_حال_رسیدگی|مطرح_است|تحت_رسیدگی)",
                                 r"(?:پرونده|دعوای)[^.\n]{0,40}(?:در_حال_رسیدگی|تحت_رسیدگی)[^.\n]{0,40}(?:شعبه|دادگاه)")),
    # CPC 84(3), CC 1218: a minor or interdicted plaintiff without guardian; the age may stand anywhere
    # in the sentence that introduces the plaintiff.
    GroundRule("PLAINTIFF_INCAPACITY", _c(r"(?:صغیر|نابالغ|محجور|سفیه|مجنون)", _MINOR_AGE),
               scope="sentence", requires=PLAINTIFF_SENTENCE,
               # a child of the plaintiff, or the term of a contract, is not the plaintiff's age
               sentence_unless=_c(r"(?:فرزند(?:ی|ان|م|_?ام|_?مان|_مشترک)|طفل|اطفال|کودک|دختر|پسر|نوه)[^.\n]{0,30}(?:صغیر|نابالغ|محجور)",
                                  r"(?:فرزند(?:ی|ان|م|_?ام|_?مان|_مشترک)|طفل|اطفال|کودک|دختر|پسر|نوه)[^.\n]{0,30}(?:\d{1,2}|[^\s\d]{2,7})_?(?:ساله|سال_(?:سن_)?(?:دارد|دارند|است))",
                                  r"(?:قرارداد|اجاره|مدت|وام|تعهد|اقساط|ضمانت|نامه|ازدواج|زندگی|زوجیت)[^.\n]{0,15}(?:\d{1,2}|[^\s\d]{2,7})_?ساله",
                                  r"از_طرف_(?:فرزند|صغیر)"),
               # a guardian or custodian who acts — not «بدون حضور ولی یا قیم»
               unless=_c(r"(?<!بدون )(?<!بدون حضور )(?<!بدون دخالت )ولی_قهری", r"قیم_?نامه", r"(?:با|به)_ولایت", r"(?:به|با)_قیمومت",
                         r"پدر_(?:و_ولی|خواهان)", r"(?:به_عنوان|به_سمت)_(?:ولی|قیم)")),
    # CC 1206: relatives (not the wife) may claim maintenance only for the future.
    GroundRule("PAST_RELATIVE_MAINTENANCE", _c(r"نفقه_(?:معوقه|گذشته|ایام_گذشته)", r"نفقه[^.\n]{0,30}(?:از_تاریخ|از_سال|ماه_های_گذشته|معوقه)"),
               claim_types=("nafaqa",),
               requires=_c(r"(?:پدر|مادر|فرزند|پسر|دختر|نوه|جد)(?:_ام|_م)?(?:_اینجانب)?[^.\n]{0,20}(?:نفقه|خوانده)|نفقه_(?:اقارب|فرزند|پدر|مادر|والدین)"),
               unless=_c(r"نفقه_(?:زوجه|همسر)", r"زوجه", r"همسرم")),
    # CPC 84(7): gift or endowment without delivery has no legal effect.
    GroundRule("NO_LEGAL_EFFECT", _c(r"(?:هبه|وقف)[^.\n]{0,60}(?:بدون|عدم)_(?:قبض|تحویل)", r"(?:قبض|تحویل)_(?:نشده|صورت_نگرفته)[^.\n]{0,40}(?:هبه|وقف)")),
    # CPC 84(8): a claim founded on an unlawful act (a gambling or betting debt, the price of drugs).
    GroundRule("ILLEGITIMATE", _c(r"(?:بابت|از_بابت|ناشی_از|بدهی)_(?:قمار|شرط_?بندی|باخت_در_قمار|خرید_(?:مواد_مخدر|مشروبات)|مواد_مخدر)",
                                  r"(?:قمار|شرط_?بندی)[^.\n]{0,40}(?:بدهکار|طلب|باخت|بدهی)")),
    # CPC 84(10), CPC 2: the plaintiff is not a party to the document sued on.
    GroundRule("NO_INTEREST", _c(r"(?:در_وجه|به_نام)_(?:برادر|خواهر|پدر|مادر|همسر|دوست|شریک)_(?:اینجانب|بنده|خواهان)",
                                 r"اینجانب[^.\n]{0,30}(?:طرف|ذی_نفع)_(?:قرارداد|سند|معامله)?_?نیستم")),
    # CPC 84(4): the claim is not against this defendant.
    GroundRule("NOT_AGAINST_DEFENDANT", _c(r"خوانده[^.\n]{0,40}(?:صادرکننده|امضاکننده|ظهرنویس)[^.\n]{0,15}(?:نیست|نبوده)",
                                           r"(?:چک|سفته)[^.\n]{0,40}توسط_(?:شخص_)?(?:دیگری|ثالث)[^.\n]{0,20}(?:صادر|امضا)")),
)


@dataclass(frozen=True)
class AuthorityRole:
    """Someone who files for another, and the one document that proves that authority (CPC 84(5))."""

    code: str
    label_fa: str  # who acts, as the finding names them
    cues: tuple[re.Pattern[str], ...]  # the draft says someone acts in this role
    proof_fa: str  # the document, as the finding asks for it
    proofs: tuple[re.Pattern[str], ...]  # that document among the annexes
    basis: str
    unless_claim: tuple[re.Pattern[str], ...] = ()  # not this role's question when the claim is about it
    finding: str = "AUTHORITY_UNPROVEN"  # the row of knowledge.findings raised when the proof is absent
    entity_plaintiff: bool = False  # the role is there whenever a plaintiff is a legal person (it acts through someone)


AUTHORITY_ROLES: tuple[AuthorityRole, ...] = (
    AuthorityRole("lawyer", "وکیل", _c(r"به_وکالت_از", r"با_وکالت", r"وکالتا", r"وکیل_(?:خواهان|پایه_یک|دادگستری|محترم_خواهان)",
                                       r"^\s*وکیل(?:_خواهان)?\s*[:：]\s*\S"),
                  "وکالت‌نامه", _c(r"وکالت_?نامه"), "مواد ۳۱ تا ۳۴ قانون آیین دادرسی مدنی"),
    # A company plaintiff acts through its signatories; showing them by the روزنامه رسمی is practice,
    # unverified in DOMAIN §3, so its absence is a WARN of its own.
    AuthorityRole("company_signatory", "مدیرعامل یا صاحب امضای شخص حقوقی خواهان", (),
                  "روزنامه رسمی (آگهی آخرین تغییرات صاحبان امضا)", _c(r"روزنامه_رسمی", r"آگهی_(?:آخرین_)?تغییرات"),
                  "تبصره ۲ ماده ۵۱ قانون آیین دادرسی مدنی", finding="SIGNATORY_UNPROVEN", entity_plaintiff=True),
    AuthorityRole("agent", "نماینده خواهان", _c(r"به_نمایندگی_از_(?:خواهان|ایشان|موکل|اینجانب|طرف)", r"از_طرف_(?:خواهان|ایشان)_(?:اقدام|امضا)",
                                                 r"امضا_?کننده_(?:این_)?دادخواست_[^.\n]{0,40}(?:برادر|خواهر|پدر|مادر|همسر|دوست|فرزند|بستگان)"),
                  "وکالت‌نامه", _c(r"وکالت_?نامه"), "بند ۵ ماده ۸۴ قانون آیین دادرسی مدنی"),
    AuthorityRole("state_representative", "نماینده حقوقی دستگاه دولتی",
                  _c(r"نماینده_حقوقی_(?:اداره|سازمان|شهرداری|وزارت|دانشگاه|بانک)", r"به_نمایندگی_از_(?:اداره|سازمان|شهرداری|وزارت|دانشگاه)"),
                  "معرفی‌نامه", _c(r"معرفی_?نامه"), "ماده ۳۲ قانون آیین دادرسی مدنی"),
    AuthorityRole("guardian", "ولی", _c(r"به_ولایت_از", r"(?:به_عنوان|به_سمت)_ولی(?:_قهری)?", r"ولی_قهری_(?:فرزند|صغیر|طفل|خواهان)",
                                       r"پدر_و_ولی"),
                  "شناسنامه فرزند (دلیل ولایت)", _c(r"شناسنامه_(?:طفل|فرزند|صغیر|خواهان|فرزندان|اطفال)", r"شناسنامه_(?:ولی_و_)?(?:مولی_علیه|محجور)"),
                  "ماده ۱۱۸۰ قانون مدنی"),
    AuthorityRole("custodian", "قیم", _c(r"به_قیمومت_از", r"(?:به_عنوان|به_سمت)_قیم"),
                  "قیم‌نامه یا حکم قیمومت", _c(r"قیم_?نامه", r"حکم_(?:نصب_)?قیم(?:ومت)?"), "ماده ۱۲۱۸ قانون مدنی"),
    AuthorityRole("heir", "وارث", _c(r"(?:به_عنوان|به_سمت)_(?:وارث|ورثه|وراث)", r"(?:ورثه|وراث)_(?:مرحوم|متوفی|مرحومه)", r"به_وراثت_از"),
                  "گواهی حصر وراثت", _c(r"حصر_وراثت", r"انحصار_وراثت"), "ماده ۲ قانون آیین دادرسی مدنی (قائم‌مقام)",
                  unless_claim=_c(r"حصر_وراثت", r"انحصار_وراثت", r"تحریر_ترکه")),
)
