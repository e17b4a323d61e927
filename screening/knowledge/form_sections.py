"""Where each finding's fix goes on the official petition form, and what curing a defect costs in time.

The form's sections follow DOMAIN.md §10 (the printed «برگ دادخواست»: title, party table, «تعیین
خواسته و بهای آن», «دلایل و منضمات», «شرح دادخواست», signature box). The cure cycle is CPC 53–54
(DOMAIN.md §0–§1): the court clerk lists the defects, the plaintiff has 10 days from service of the
defect notice (two months when resident abroad, CPC 446); when the time passes uncured the clerk
rejects the petition (قرار رد دادخواست), open to objection at the same court within 10 days. Defects
in who the plaintiff is or where he lives have no cure period: the petition is rejected (CPC 56).
"""
from __future__ import annotations

from dataclasses import dataclass

from screening.report import Severity

CPC = "قانون آیین دادرسی مدنی"


@dataclass(frozen=True)
class FormSection:
    code: str
    label_fa: str  # the section as it is printed on the form
    basis: str


FORM_SECTIONS: tuple[FormSection, ...] = (
    FormSection("title", "عنوان برگ دادخواست («برگ دادخواست به دادگاه …»)", f"ماده ۵۱ {CPC}؛ ماده ۱۲ قانون شوراهای حل اختلاف (۱۴۰۲)"),
    FormSection("plaintiff_row", "جدول مشخصات طرفین، ردیف «خواهان»", f"بند ۱ ماده ۵۱ {CPC}"),
    FormSection("defendant_row", "جدول مشخصات طرفین، ردیف «خوانده»", f"بند ۲ ماده ۵۱ {CPC}"),
    FormSection("party_table", "جدول مشخصات طرفین (ردیف همان شخص)", f"بندهای ۱ و ۲ و تبصره‌های ماده ۵۱ {CPC}"),
    FormSection("representative_row", "جدول مشخصات طرفین، ردیف «وکیل یا نماینده قانونی»", f"بند ۱ ماده ۵۱ و مواد ۳۱ تا ۳۴ {CPC}"),
    FormSection("claim", "بخش «تعیین خواسته و بهای آن»", f"بند ۳ ماده ۵۱ و مواد ۶۱ و ۶۲ {CPC}"),
    FormSection("evidence", "بخش «دلایل و منضمات دادخواست»", f"بند ۶ ماده ۵۱ {CPC}"),
    FormSection("statement", "بخش «شرح دادخواست»", f"بندهای ۴ و ۵ ماده ۵۱ {CPC}"),
    FormSection("signature", "کادر «محل امضا – مهر – انگشت»", f"بند ۷ ماده ۵۱ {CPC}"),
    FormSection("whole_claim", "کل دعوا، پیش از ثبت (اصلاحی در یک بخش فرم کافی نیست)", f"ماده ۸۴ {CPC}"),
)
SECTION_BY_CODE: dict[str, FormSection] = {s.code: s for s in FORM_SECTIONS}

# Finding code → the section its fix is written in. A code not listed has no single place
# (e.g. a date typo: the fix goes where the highlight in the text shows).
FIX_SECTION: dict[str, str] = {
    "MISSING_PLAINTIFF": "plaintiff_row",
    "MISSING_PLAINTIFF_ADDRESS": "plaintiff_row",
    "MISSING_DEFENDANT": "defendant_row",
    "MISSING_DEFENDANT_ADDRESS": "defendant_row",
    "DEFENDANT_ADDRESS_UNKNOWN": "defendant_row",
    "MISSING_FATHER_NAME": "party_table",
    "INVALID_NATIONAL_ID": "party_table",
    "INVALID_LEGAL_ID": "party_table",
    "INVALID_POSTAL_CODE": "party_table",
    "INVALID_MOBILE": "party_table",
    "PLAINTIFF_INCAPACITY": "representative_row",
    "AUTHORITY_UNPROVEN": "evidence",
    "NOT_AGAINST_DEFENDANT": "defendant_row",
    "NO_INTEREST": "whole_claim",
    "MISSING_CLAIM": "claim",
    "MISSING_CLAIM_VALUE": "claim",
    "VALUE_MISMATCH": "claim",
    "REVERSED_DIGIT_GROUPS": "claim",
    "AMOUNT_UNIT_ASSUMED": "claim",
    "NOT_DEFINITIVE": "claim",
    "PAST_RELATIVE_MAINTENANCE": "claim",
    "MISSING_EVIDENCE_LIST": "evidence",
    "MISSING_EVIDENCE": "evidence",
    "ESAR_NO_WITNESSES": "evidence",
    "NO_TITLE_FOR_EVICTION": "evidence",
    "MISSING_FACTS": "statement",
    "MISSING_REQUEST": "statement",
    "MISSING_SIGNATURE": "signature",
    "WRONG_FORUM": "title",
    "NO_JURISDICTION": "title",
    "FORUM_UNCERTAIN": "title",
    "LIS_PENDENS": "whole_claim",
    "RES_JUDICATA": "whole_claim",
    "NO_LEGAL_EFFECT": "whole_claim",
    "ILLEGITIMATE": "whole_claim",
    "TIME_BARRED": "whole_claim",
    "UNREGISTERED_IMMOVABLE_DEAL": "whole_claim",
}


def fix_section(code: str) -> FormSection | None:
    """The form section where the fix for finding `code` is written, if it has one place."""
    section = FIX_SECTION.get(code)
    return SECTION_BY_CODE[section] if section else None


@dataclass(frozen=True)
class CureRule:
    """What happens to a petition filed with a finding of this severity."""

    curable: bool
    period_days: int | None  # days from service of the defect notice
    period_fa: str  # the cure period, as the office tells it
    if_missed_fa: str  # what follows when it passes
    basis: str


CURE_BY_SEVERITY: dict[Severity, CureRule] = {
    Severity.DEFECT: CureRule(
        curable=True,
        period_days=10,
        period_fa="اگر با این نقص ثبت شود، مدیر دفتر دادگاه اخطار رفع نقص می‌فرستد و از روز ابلاغ ۱۰ روز (برای مقیم خارج از کشور دو ماه) برای رفع آن فرصت هست.",
        if_missed_fa="اگر در این مهلت رفع نشود، دادخواست با قرار مدیر دفتر رد می‌شود (اعتراض به همان دادگاه ظرف ۱۰ روز).",
        basis=f"مواد ۵۳ و ۵۴ و ۴۴۶ {CPC}",
    ),
    Severity.BLOCKER: CureRule(
        curable=False,
        period_days=None,
        period_fa="مهلت رفع نقص ندارد.",
        if_missed_fa="دادخواست بدون اخطار رفع نقص ظرف دو روز رد می‌شود؛ باید پیش از ثبت کامل شود.",
        basis=f"ماده ۵۶ {CPC}",
    ),
}


def cure_rule(severity: Severity) -> CureRule | None:
    """The cure cycle for a finding of `severity`; None where none applies (FRUITLESS, WARN)."""
    return CURE_BY_SEVERITY.get(severity)


# What the citizen is asked to bring or fix, in the citizen's own terms (the notice speaks to
# them, not to staff). Keyed by finding code; `{evidence}` is the document's name.
CITIZEN_ASK_FA: dict[str, str] = {
    "MISSING_PLAINTIFF": "نام، نام پدر، کد ملی و نشانی کامل خودتان (خواهان)",
    "MISSING_PLAINTIFF_ADDRESS": "نشانی کامل و کد پستی خودتان",
    "MISSING_DEFENDANT": "نام، نام خانوادگی و نشانی کامل طرف دعوا (خوانده)",
    "MISSING_DEFENDANT_ADDRESS": "نشانی کامل طرف دعوا؛ اگر آن را نمی‌دانید به کارشناس بگویید",
    "MISSING_CLAIM": "آنچه از دادگاه می‌خواهید، روشن و دقیق",
    "MISSING_CLAIM_VALUE": "مبلغ خواسته به ریال (به عدد و به حروف)",
    "MISSING_FACTS": "شرح ماجرا به ترتیب زمان",
    "MISSING_REQUEST": "درخواست روشن از دادگاه (مثلاً محکومیت طرف به پرداخت مبلغ)",
    "MISSING_EVIDENCE_LIST": "مدارکی که دعوا بر آن استوار است (سند، چک، قرارداد و مانند آن)",
    "MISSING_SIGNATURE": "امضا یا اثر انگشت شما پای دادخواست",
    "INVALID_NATIONAL_ID": "کارت ملی، برای درست کردن کد ملی نوشته‌شده",
    "INVALID_LEGAL_ID": "شناسه ملی درست شرکت (از روزنامه رسمی)",
    "VALUE_MISMATCH": "مبلغ درست خواسته (مبلغ به عدد و به حروف یکی نیست)",
    "MISSING_EVIDENCE": "اصل یا تصویر مصدق «{evidence}»",
    "ESAR_NO_WITNESSES": "شهادت‌نامه کتبی دست‌کم دو گواه",
    "AUTHORITY_UNPROVEN": "مدرک سمت نماینده (وکالت‌نامه، قیم‌نامه یا معرفی‌نامه)",
    "NO_TITLE_FOR_EVICTION": "سند رسمی مالکیت ملک",
}
