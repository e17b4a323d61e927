"""Legal features that read the same in a petition and in a court's restatement of the claim.

A petition says «به خواسته مطالبه وجه چک … به طرفیت بانک …»; a ruling restates it as «در خصوص
دعوی آقای … به طرفیت بانک … به خواسته مطالبه وجه چک …». Both name what is asked (the
«خواسته»), who asks and against whom. These tables read exactly that, and nothing about the
form of the text (Article 51 items, signatures, dates), which a restatement never carries.

- `ASK_CLASSES`: a finer class of what is asked than the claim type (the core's claim types leave
  a third of real claims in `other`): objection to a ruling or an award, annulment of a deed or
  contract, removal of possession, a declaration, a company matter, …; several may apply.
- `PARTY_CUES`: the kind of party on each side of «به طرفیت / علیه» (a government body, a bank,
  a company, heirs, several parties, a lawyer).
- `value_band`: the claim value as a band (the bands of the 1402 Peace Court law and above).

Each row carries a Persian label, used as the reason people read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from screening.text.gate import GatedPattern, gated

# Letters that hazm and the courts spell two ways; the cues below use the Persian forms and
# optional spaces/half-spaces between the parts of a compound («به طرفیت», «بطرفیت», «به‌طرفیت»).
_SP = r"[\s\u200c]*"


def _rx(*patterns: str) -> re.Pattern[str] | GatedPattern:
    # Gated by the words every match holds (screening.text.gate): most rows are absent from a claim.
    return gated(re.compile("|".join(f"(?:{p.replace(' ', _SP)})" for p in patterns)))


@dataclass(frozen=True)
class CueRow:
    code: str
    label_fa: str
    pattern: re.Pattern[str]


# What is asked. Matched over the «خواسته» phrase (see `ask_phrase`); several rows may match.
ASK_CLASSES: tuple[CueRow, ...] = (
    CueRow("objection_ruling", "خواسته: اعتراض به رأی یا تصمیم یک مرجع",
           _rx(r"اعتراض (?:به|نسبت به) (?:رأی|رای|دادنامه|تصمیم|قرار|نظریه|صورتجلسه|عملیات)", r"اعتراض به (?:آراء|آرای)",
               r"نقض (?:رأی|رای|دادنامه)", r"هی(?:ئ|ی|أ)?ا?ت (?:حل اختلاف|تعیین تکلیف|ماده|داوری)", r"کمیسیون ماده")),
    CueRow("third_party", "خواسته: ورود یا اعتراض ثالث",
           _rx(r"اعتراض ثالث", r"ورود ثالث", r"جلب ثالث", r"وارد ثالث")),
    CueRow("award_annulment", "خواسته: ابطال رأی داور یا گزارش اصلاحی",
           _rx(r"(?:ابطال|بطلان) (?:رأی|رای|قرار) داور", r"(?:ابطال|بطلان) (?:رأی|رای) (?:داوری|هی)", r"ابطال گزارش اصلاحی",
               r"ابطال صورتجلسه سازش", r"اعتراض به (?:رأی|رای) داور")),
    CueRow("enforcement_annulment", "خواسته: ابطال اجرائیه یا عملیات اجرایی",
           _rx(r"ابطال (?:اجرائیه|اجراییه|عملیات اجرا|مزایده|برگ اجرا|دستور اجرا)", r"توقف (?:عملیات )?اجرا")),
    CueRow("deed_annulment", "خواسته: ابطال سند یا قرارداد",
           _rx(r"(?:ابطال|بطلان) (?:سند|مبایعه|معامله|قرارداد|قولنامه|وکالت ?نامه|صلح ?نامه|هبه ?نامه|اقرار ?نامه|وصیت ?نامه|تقسیم ?نامه)",
               r"اعلام (?:بطلان|فسخ)", r"فسخ (?:قرارداد|معامله|مبایعه|اجاره)", r"صوری بودن")),
    CueRow("deed_transfer", "خواسته: الزام به تنظیم یا انتقال سند رسمی",
           _rx(r"الزام[^.]{0,40}(?:تنظیم|انتقال) (?:رسمی )?سند", r"انتقال رسمی", r"تنظیم سند رسمی")),
    CueRow("obligation", "خواسته: الزام به انجام تعهد",
           _rx(r"الزام (?:خوانده|خواندگان)?(?: به)? (?:ایفای|انجام|اجرای) تعهد", r"ایفای تعهد", r"الزام به (?:تحویل|فک رهن|اخذ|صدور|پرداخت)")),
    CueRow("money", "خواسته: مطالبه وجه",
           _rx(r"مطالبه (?:وجه|مبلغ|مبالغ|طلب|بدهی|[۰-۹0-9]|یک|دو|سه|پنج|ده|صد|هزار|میلیون)", r"استرداد (?:ثمن|وجه|مبلغ|مبالغ|پول)",
               r"(?:وجه|مبلغ) [^.]{0,30}ریال")),
    CueRow("damages", "خواسته: جبران خسارت",
           _rx(r"(?:مطالبه|جبران) (?:خسارت|خسارات|ضرر|زیان)", r"ارش", r"غرامت")),
    CueRow("possession", "خواسته: رفع تصرف، ممانعت، مزاحمت یا خلع ید",
           _rx(r"رفع (?:تصرف|ممانعت|مزاحمت)", r"خلع ید", r"قلع و قمع", r"اعاده وضع")),
    CueRow("eviction_rent", "خواسته: تخلیه یا اجاره",
           _rx(r"تخلیه", r"اجرت ?المثل", r"اجور", r"اجاره ?بها", r"تعدیل اجاره", r"تجویز انتقال منافع", r"حق کسب و پیشه", r"سرقفلی")),
    CueRow("partition_estate", "خواسته: تقسیم، فروش مال مشاع یا ترکه",
           _rx(r"فروش (?:ملک|مال) مشاع", r"دستور فروش", r"تقسیم", r"ترکه", r"سهم ?الارث", r"ما ?ترک", r"انحصار وراثت", r"حصر وراثت")),
    CueRow("declaration", "خواسته: اعلام یا احراز یک امر",
           _rx(r"اعلام (?:اعتبار|صحت|وقوع|مالکیت|اصالت|رابطه)", r"احراز (?:وجود|مالکیت|رابطه|وقوع|زوجیت|نسب)", r"تنفیذ", r"اثبات (?:مالکیت|وقوع|رابطه|زوجیت)")),
    CueRow("company", "خواسته: امور شرکت یا شراکت",
           _rx(r"سهم ?الشرکه", r"انحلال (?:شرکت|موسسه)", r"مدیر تصفیه", r"مجمع عمومی", r"شراکت", r"مشارکت")),
    CueRow("civil_status", "خواسته: ثبت احوال (نام، شناسنامه، تاریخ تولد)",
           _rx(r"(?:ابطال|اصلاح|تغییر) (?:شناسنامه|نام|تاریخ تولد)", r"ثبت احوال", r"تغییر نام")),
    CueRow("family", "خواسته: امور خانواده",
           _rx(r"طلاق", r"مهریه", r"نفقه", r"حضانت", r"ملاقات (?:فرزند|طفل)", r"تمکین", r"ازدواج مجدد", r"جهیزیه", r"اجرت ?المثل ایام زوجیت",
               r"زوجه", r"زوجیت")),
    CueRow("insolvency", "خواسته: اعسار یا ورشکستگی",
           _rx(r"اعسار", r"ورشکستگی", r"توقف (?:شرکت|تاجر|خوانده)")),
    CueRow("negotiable", "خواسته: چک یا سفته یا برات",
           _rx(r"\bچک", r"سفته", r"برات")),
    CueRow("interim", "خواسته: دستور موقت یا تأمین",
           _rx(r"دستور موقت", r"تا?أ?مین خواسته", r"تا?أ?مین دلیل")),
    CueRow("real_estate", "موضوع: ملک (پلاک ثبتی، زمین، آپارتمان)",
           _rx(r"پلاک", r"ششدانگ|شش دانگ", r"قطعه زمین", r"آپارتمان", r"اراضی", r"مغازه", r"عرصه")),
    CueRow("vehicle", "موضوع: خودرو",
           _rx(r"خودرو", r"اتومبیل", r"سواری", r"کامیون", r"موتورسیکلت")),
)

# Who the parties are, read on each side of «به طرفیت / علیه» (see `split_parties`).
PARTY_CUES: tuple[CueRow, ...] = (
    CueRow("government", "طرف دعوا: نهاد دولتی یا عمومی",
           _rx(r"شهرداری", r"اداره", r"سازمان", r"وزارت", r"دولت", r"استانداری", r"فرمانداری", r"بنیاد", r"دانشگاه",
               r"ثبت (?:اسناد|احوال)", r"منابع طبیعی", r"اوقاف", r"هلال احمر", r"نیروی", r"ستاد", r"دادستان", r"بیمه مرکزی", r"تامین اجتماعی|تأمین اجتماعی")),
    CueRow("bank", "طرف دعوا: بانک یا موسسه اعتباری",
           _rx(r"بانک", r"موسسه (?:مالی|اعتباری)", r"مؤسسه (?:مالی|اعتباری)", r"صندوق قرض ?الحسنه")),
    CueRow("company", "طرف دعوا: شرکت یا شخص حقوقی",
           _rx(r"شرکت", r"موسسه", r"مؤسسه", r"تعاونی", r"با مدیریت", r"به مدیریت")),
    CueRow("several", "چند نفر در یک طرف دعوا",
           _rx(r"خواندگان", r"خواهانها|خواهان ها|خواهانان", r"(?:آقایان|خانم ها|خانمها)", r"\b[۱1]\s*[-ـ.]\s*\S+[^.]{0,60}\b[۲2]\s*[-ـ.]")),
    CueRow("lawyer", "با وکیل دادگستری",
           _rx(r"با وکالت", r"بوکالت|به وکالت", r"وکیل", r"وکلای")),
    CueRow("heirs", "ورثه یا وراث",
           _rx(r"ورثه", r"وراث", r"مرحوم", r"متوفی")),
)

# Above the 1402 Peace Court law's 1 billion rial cap the claim goes to a general court.
VALUE_BANDS: tuple[tuple[float, str, str], ...] = (
    (1e8, "under_100m", "بهای خواسته کمتر از ۱۰۰ میلیون ریال"),
    (1e9, "under_1b", "بهای خواسته تا یک میلیارد ریال"),
    (1e10, "under_10b", "بهای خواسته تا ده میلیارد ریال"),
    (float("inf"), "over_10b", "بهای خواسته بیش از ده میلیارد ریال"),
)
NON_MONETARY = _rx(r"غیر ?مالی", r"فاقد (?:بها|ارزش)")

# Where the «خواسته» phrase starts, and the start of the defendant side.
_ASK_START = _rx(r"به ?خواسته", r"خواسته(?:ها)? ?[:؛]", r"مبنی بر", r"دایر بر|دائر بر", r"با موضوع", r"به منظور")
_AGAINST = _rx(r"به ?طرفیت", r"بطرفیت", r"علیه", r"به طرفیت")
ASK_WINDOW = 200
HEAD_WINDOW = 400

LABELS_FA: dict[str, str] = {f"ask={r.code}": r.label_fa for r in ASK_CLASSES}
LABELS_FA.update({f"{side}={r.code}": r.label_fa.replace("طرف دعوا", "خواهان" if side == "plaintiff" else "خوانده")
                  for side in ("plaintiff", "defendant") for r in PARTY_CUES})
LABELS_FA.update({f"value_band={code}": label for _, code, label in VALUE_BANDS})
LABELS_FA["value_band=non_monetary"] = "خواسته غیرمالی"
LABELS_FA["value_band=unknown"] = "بهای خواسته معلوم نیست"


def ask_phrase(text: str, claim: str | None = None) -> str:
    """The words that say what is asked: after «به خواسته / مبنی بر …», else the parser's claim, else the start."""
    m = _ASK_START.search(text)
    if m:
        return text[m.end(): m.end() + ASK_WINDOW]
    if claim:
        return claim[:ASK_WINDOW]
    return text[:HEAD_WINDOW]


def split_parties(text: str) -> tuple[str, str]:
    """(plaintiff side, defendant side) of the heading: the words before and after «به طرفیت / علیه»."""
    head = text[:HEAD_WINDOW]
    m = _AGAINST.search(head)
    if not m:
        return head, ""
    ask = _ASK_START.search(head, m.end())
    return head[: m.start()], head[m.end(): ask.start() if ask else len(head)]


def claim_features(text: str, claim: str | None = None, value_rial: int | None = None) -> dict[str, float]:
    """The legal features of one text, as `{name: 1.0}` (names are keys of `LABELS_FA`)."""
    feats: dict[str, float] = {}
    ask = ask_phrase(text, claim)
    for row in ASK_CLASSES:
        if row.pattern.search(ask):
            feats[f"ask={row.code}"] = 1.0
    plaintiff, defendant = split_parties(text)
    for side, words in (("plaintiff", plaintiff), ("defendant", defendant)):
        for row in PARTY_CUES:
            if words and row.pattern.search(words):
                feats[f"{side}={row.code}"] = 1.0
    if value_rial:
        for upper, code, _ in VALUE_BANDS:
            if value_rial < upper:
                feats[f"value_band={code}"] = 1.0
                break
    elif NON_MONETARY.search(text[:HEAD_WINDOW * 2]):
        feats["value_band=non_monetary"] = 1.0
    else:
        feats["value_band=unknown"] = 1.0
    return feats


def doc_claim_features(doc: Any, text: str) -> dict[str, float]:
    fields = getattr(doc, "fields", None)
    return claim_features(text, getattr(fields, "claim", None), getattr(fields, "claim_value_rial", None))
