"""Read a court ruling (دادنامه): the first-instance outcome from its operative part, its ground, and the claim.

Offices keep rulings, rarely labelled petitions. A first-instance civil ruling restates the
claim (parties, خواسته, the plaintiff's account), gives the court's reasoning, and ends in the
court's own operative sentences («… صادر و اعلام می‌گردد», «… محکوم می‌نماید»). `read_ruling`
returns, for one ruling text:

- the outcome, read ONLY from operative decisions of the FIRST-instance ruling (the archive's
  texts carry «رأی دادگاه بدوی» then «رأی دادگاه تجدیدنظر»; we cut at the appeal). A «حکم به …»
  inside a request, a quoted statute, an earlier ruling or the reasoning is not operative: an
  operative decision is followed by a present-tense «صادر … می‌نماید/می‌گردد» (or is the court's
  «… محکوم می‌نماید»), a narrated one by «صادر شده/گردیده» or nothing;
- fruitless, from the ONE definition of this project: the plaintiff gets nothing at first
  instance (`FRUITLESS_OUTCOMES`); a win on part of the claim is not fruitless;
- the operative ground of a dismissal (CPC 84 item or article cited in the dismissing sentence);
- the claim as the court restates it, cut at the first sign of reasoning, with no decision wording;
- the «خواسته» phrase.

Rulings that are not civil (administrative court, Supreme Court, unifying rulings, criminal),
referrals for want of jurisdiction, settlements, withdrawals, non-contentious matters and
rulings whose decision cannot be read are left out, with the reason.

Every wording lives in the tables below (data, not if-chains), so an office can extend them.
Every pattern is linear: no nested unbounded quantifier, every look-around window bounded.
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from screening.knowledge.laws import CPC_LAST_ARTICLE, DISMISSAL_GROUNDS, LAWS, NOT_THE_GROUND
from screening.text.digits import FOLD_FOR_PARSING

# --- the ONE definition -------------------------------------------------------------------

OUTCOMES = (
    "accepted",
    "partially_accepted",
    "rejected_petition",
    "not_heard",
    "claim_rejected",
    "invalid",
    "no_right",
    "merits_rejected",
)
# A claim is fruitless when the plaintiff gets nothing at first instance: a bar at the door
# (rejected_petition, not_heard, claim_rejected) or a loss on the merits (invalid, no_right,
# merits_rejected: «حکم به رد دعوا» leaves the citizen with exactly what «بطلان دعوا» leaves him).
FRUITLESS_OUTCOMES = frozenset({"rejected_petition", "not_heard", "claim_rejected", "invalid", "no_right", "merits_rejected"})
NOT_FRUITLESS_OUTCOMES = frozenset({"accepted", "partially_accepted"})

SKIP_REASONS = ("not_civil", "referral", "settlement", "withdrawal", "non_contentious", "unclear", "no_first_instance")
SKIP_REASONS_FA = {
    "not_civil": "رأی غیرمدنی (کیفری، دیوان عدالت اداری، دیوان عالی کشور، وحدت رویه)",
    "referral": "قرار عدم صلاحیت (ارجاع به مرجع دیگر)",
    "settlement": "سازش طرفین (گزارش اصلاحی)",
    "withdrawal": "استرداد دعوا یا دادخواست",
    "non_contentious": "امر حسبی (غیرترافعی)",
    "unclear": "عبارت تصمیم دادگاه روشن نیست",
    "no_first_instance": "متن رأی بدوی یافت نشد",
    "no_claim_text": "شرح دعوا پیش از استدلال دادگاه یافت نشد",
    "duplicate": "همان متن رأی پیش‌تر آمده است",
    "bad_row": "سطر بدون فیلد text",
}


@dataclass(frozen=True)
class RulingReading:
    """What one ruling says at first instance; `skip_reason` is set when it is left out."""

    outcome: str | None
    fruitless: int | None
    ground: str | None
    claim_text: str
    khasteh: str | None
    skip_reason: str | None
    grounds: tuple[str, ...] = ()  # every article cited in the dismissing sentence(s), in order
    decisions: tuple[str, ...] = ()  # operative decision codes found, in order (for auditing)


# --- normalisation --------------------------------------------------------------------------

# Letter forms folded before reading; «[» and «]» mark an editor's insertion into the published text.
_LETTER_FOLD = str.maketrans({"ۀ": "ه", "ة": "ه", "ؤ": "و", "إ": "ا", "أ": "ا", "ئ": "ی", "[": None, "]": None})
_RAY_WORD = re.compile(r"\bرای\b|\bرا(?= دادگاه (?:بدوی|تجدید))")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tanwin, harakat, tatweel: «مستنداً» → «مستندا»
_NEWLINES = re.compile(r"(?: ?[\r\n\f\v])+ ?")
_SPACES = re.compile(r"[ \t\u00a0\u200c\u200b\u200f\u200e\u202a-\u202e]+")
# «مستنداً» copied with its tanwin turned into a quote mark («استنادا"به», «مستندا » به»).
_TANWIN_QUOTE = re.compile(r'(?<=[\u0600-\u06FF]{3}ا)\s?["»](?=\s?[\u0600-\u06FF])')
# The portal glues a heading to the first word: «رأی دادگاه بدویدر خصوص».
_GLUED_HEADING = re.compile(r"(رأی دادگاه (?:بدوی|تجدید ?نظر استان))(?=\S)")


def normalise(text: str) -> str:
    """Fold what the tables do not list: Arabic letters and digits, ZWNJ, diacritics, «رای», «ئین»."""
    text = text.translate(FOLD_FOR_PARSING)
    text = text.translate(_LETTER_FOLD)
    text = _DIACRITICS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    text = _RAY_WORD.sub("رأی", text)
    text = _GLUED_HEADING.sub(r"\1 ", text)
    return _TANWIN_QUOTE.sub("", text)


# `normalise` folds «أ» to «ا»; headings are matched with either.
_RAY = r"(?:رأی|رای)"

# --- sections ---------------------------------------------------------------------------------

FIRST_INSTANCE_HEADINGS = (rf"{_RAY}\s*دادگاه\s*بدوی",)
APPEAL_HEADINGS = (
    rf"{_RAY}\s*دادگاه\s*تجدید\s?نظر",
    rf"{_RAY}\s*شعبه\s*تجدید\s?نظر",
    rf"{_RAY}\s*شعبه\s*دیوان\s*عالی",
)
# Bodies whose texts are not civil first-instance rulings (read at the start of the text).
NOT_CIVIL_HEADINGS = (
    r"دیوان\s*عدالت\s*اداری",
    rf"^\W*{_RAY}\s*(?:شعبه\s*دیوان\s*عالی|خلاصه\s*جریان\s*پرونده)",
    r"^\W*مقدمه\W+علت\s*طرح",
    rf"^\W*{_RAY}\s*دادگاه\s*تجدید\s?نظر",
)
# A criminal case names an accused, a charge or an indictment where a civil ruling names the
# plaintiff and the خواسته. Read at the head of the first-instance part only: civil rulings often
# mention a criminal file in their reasoning.
CRIMINAL_CUES = (r"کیفرخواست", r"\bبزه", r"\bمتهم", r"\bاتهام", r"جزای\s*نقدی", r"\bشاکی\b", r"مشتکی\s*عنه")
CIVIL_CUES = (r"خواهان", r"خواسته", r"دادخواست", r"خوانده")
CRIMINAL_HEAD = 400

# --- decision wordings ------------------------------------------------------------------------

_DAVA = r"(?:دعوی|دعوا|دعوای|دعاوی|دعوي|دعوایش|ادعا|ادعای|ادعایش|ادعاهای|اعتراض|دعوى)"
_HOKM = r"(?:حکم|رأی|رای)\s?(?:به|بر|ب)?\s?"
_GHARAR = r"قرار\s?(?:به\s)?"
_BI_HAGHI = r"بی\s?حقی"
# A dismissed part of the claim («مازاد خواسته», «این قسمت از دعوا», «آن»).
_PART = r"(?:مازاد|مابقی|بقیه|باقی\s?مانده|این\s*قسمت|آن\s*قسمت|قسمت|بخش|سایر|آن(?=را|\b)|آنها\b|آن\s*ها\b|خواسته|در\s?خواست|تقاضا|مطالبه|اعسار)"

# (code, pattern). Order matters only for overlapping matches at one place: the first wins.
# Codes: the outcomes, plus kinds of decision that leave a ruling out or belong to an objection.
DECISION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("referral", r"قرار\s?(?:به\s)?عدم\s*صلاحیت|قرار\s*امتناع\s*از\s*رسیدگی"),
    ("withdrawal", r"قرار\s?(?:به\s)?(?:ابطال|رد|سقوط)\s*(?:دادخواست|دعوی|دعوا|دعوای)\s?(?:[^\s]{1,25}\s){0,3}?(?:به\s*علت\s|بلحاظ\s|به\s*لحاظ\s|به\s*جهت\s)?استرداد"),
    ("settlement", r"گزارش\s*اصلاحی"),
    ("objection_upheld", r"(?:قرار\s?|حکم\s?(?:به|بر)?\s?|ضمن\s*)?رد\s*(?:اعتراض\s*و\s*)?واخواهی"),
    ("objection_upheld", rf"{_HOKM}(?:تایید|تأیید|ابرام)\s*(?:دادنامه|رأی|رای|حکم)"),
    ("objection_reversed", r"نقض\s*(?:دادنامه|رأی|رای|حکم)\s*(?:غیابی|معترض|واخواسته|واخواهی|مورد\s*واخواهی|مورد\s*اعتراض|شماره|صادره|مذکور|موصوف)"),
    ("rejected_petition", rf"{_GHARAR}(?:رد|ابطال)\s*(?:دادخواست|عرضحال|عرض\s*حال)"),
    ("not_heard", rf"{_GHARAR}عدم\s*(?:قابلیت\s*)?استماع"),
    ("claim_rejected", rf"{_GHARAR}(?:رد|سقوط)\s*{_DAVA}"),
    ("claim_rejected", rf"{_GHARAR}رد\s*{_PART}"),
    ("invalid", rf"{_HOKM}(?:بطلان|ابطال)\s*{_DAVA}"),
    ("invalid", rf"{_HOKM}(?:بطلان|ابطال)\s*(?:آن\b|آنها\b|این\s*قسمت|قسمت|مازاد|مابقی|بقیه|سایر)"),
    ("invalid", r"به\s*بطلان\s*(?:آن|دعوی|دعوا|دعوای)\s*(?:انشاء\s*|انشا\s*)?حکم"),
    ("invalid", rf"محکوم\s*(?:به\s*)?بطلان"),
    ("no_right", rf"{_HOKM}{_BI_HAGHI}"),
    ("no_right", rf"محکوم\s*به\s*{_BI_HAGHI}"),
    ("no_right", rf"(?:اعلام|به)\s*{_BI_HAGHI}\s*خواهان"),
    # «حکم بر برائت خوانده»: the defendant owes nothing, the plaintiff gets nothing.
    ("no_right", rf"{_HOKM}(?:برائت|برایت)\s*(?:ذمه\s*)?(?:خوانده|خواندگان)"),
    ("merits_rejected", rf"{_HOKM}رد\s*{_DAVA}"),
    ("merits_rejected", rf"{_HOKM}رد\s*{_PART}"),
    ("merits_rejected", rf"محکوم\s*به\s*رد"),
    # The rest of the claim turned down beside a grant: «… و رد مازاد خواسته صادر می‌نماید».
    ("merits_rejected", r"\bو\s*رد\s*(?:مازاد|مابقی|بقیه|باقی\s?مانده|سایر\s*خواسته|قسمت|بخش)"),
    # Grants: «حکم به/بر …» that is none of the losses above, «حکم محکومیت/الزام/طلاق», and the
    # court condemning in its own voice («… محکوم می‌نماید»).
    # (The losses above are tried first at the same place, so «حکم به بطلان دعوا» never lands here,
    # while «حکم به بطلان مبایعه‌نامه» — the relief asked for — does.)
    ("accepted", r"(?:حکم|رأی)\s?(?:به|بر)\s?(?!شرح\s|نحو\s|کیفیت|مراتب|صورت\s|استناد|موجب|اینکه|این|منزله|رد\s*واخواهی)[\u0600-\u06FF]"),
    ("accepted", r"حکم\s?(?:محکومیت|الزام|طلاق|تخلیه|خلع|فسخ|اثبات|تنفیذ|استرداد|مطالبه)"),
    # The court granting in its own words without «حکم»: «… را به زوجه واگذار می‌نماید», «نفقه … تعیین
    # می‌نماید», «خوانده را ملزم به تمکین … می‌نماید».
    ("accepted", r"(?:واگذار|ملزم\s*و\s*محکوم|تنفیذ|تجویز)\s?(?:می\s?(?:نماید|کند|گردد|شود|دارد)|مینماید|میگردد)"),
    ("accepted", r"را\s*ملزم\s*(?:به|ب)\s"),
    ("accepted", r"اجازه\s*(?:داده\s*می\s?شود|می\s?دهد)"),
    ("accepted", r"ضمن\s*پذیرش\s*(?:دعوی|دعوا|اعسار|خواسته)"),
    # Grants named by what the court orders: installments (an insolvency claim), a bankruptcy, a sale of
    # common property (قانون افراز و فروش املاک مشاع).
    ("accepted", r"قرار\s?تقسیط|(?:ضمن\s?)?اعلام\s?ورشکستگی|دستور\s?فروش"),
    # «دعوی … مردود اعلام می‌گردد»: the claim turned down in the court's words (not a party's objection).
    ("merits_rejected", r"(?:دعوی|دعوا|دعوای|خواسته|اعتراض)[\u0600-\u06FF]{0,6}(?:\s[^\s]{1,20}){0,8}?\s?مردود\s?(?:اعلام\s?)?(?:می\s?گردد|می\s?شود|میگردد|میشود)"),
    ("accepted", r"محکوم\s?(?:می\s?(?:نماید|نمایند|نمائید|کند|کنند|گردد|گردند|گردید|شود|شوند|دارد|دارند)|و\s|(?:نموده|کرده)\s(?!است|اند|بود))"),
    ("accepted", r"گواهی\s*عدم\s*امکان\s*سازش\s*(?:را\s*)?صادر"),
    # A bare «قرار … صادر می‌شود» that cites CPC 84 or 2 (checked where it is read): a dismissal.
    ("claim_rejected", r"قرار\s(?=صادر\s?(?:و\s?اعلام\s?)?(?:می|مي))"),
)

GRANT = "accepted"
LOSSES = frozenset(FRUITLESS_OUTCOMES)
LEAVE_OUT = frozenset({"referral", "settlement", "withdrawal"})

# The verb that makes a decision the court's own: a present-tense «صادر/اعلام … می‌نماید» after the
# decision. «صادر و …» (or «صادر و اعلام نموده و …») hands the decision to the next verb of the chain;
# «صادر شده/گردیده/نموده است», «صادره» narrate a decision given before (an earlier ruling, the
# default ruling under objection) unless followed by «از» («شناسنامه صادره از …» is part of the object).
_PRESENT = r"(?:می\s?(?:نماید|نمایند|نمائید|نمایم|کند|کنند|گردد|گردند|شود|شوند|دارد|دارند|دارم|دهد|دهند|نمیاد|کردد)|مینماید|میگردد|میشود|میکند|میدارد)"
VERB_START = r"(?:صادر|اصدار|انشاء|انشا|اعلام|اظهار\s?نظر|تایید|ابرام)(?!\s*کننده|کننده|ات\b)"
OPERATIVE_VERB = (
    rf"(?:صادر|اصدار|انشاء|انشا|اعلام|اظهار\s?نظر|تایید|ابرام)\s?(?:و\s?(?:اعلام|انشاء|انشا|استوار|مقرر|حکم)\s?)?(?:را\s*)?{_PRESENT}"
    # the verb left out before the closing formula: «… قرار ابطال دادخواست را صادر. قرار صادره …», «… صادر که ظرف …»
    r"|صادر(?:\s?و\s?اعلام)?(?=\s?(?:قرار|رأی|حکم)\s?صادره|\s?که\s?(?:ظرف|قابل)|\s?\.)"
)
ELLIPTIC_VERB = (
    r"(?:صادر|اعلام)\s?(?:و\s?اعلام\s?(?:نموده|کرده|داشته)\s?)?و\s?(?!اعلام|انشا|ابلاغ|قطعی|به\s*اجرا|اجرا|تایید|در\s*مرحله|مبلغ|برداشت)"
)
NARRATED_VERB = (
    r"صادر\s?(?:و\s?(?:اعلام|ابلاغ)\s?)?(?:شده|گردیده|گشته|نموده|کرده|نمودند|کردند|شد|گردید|خواهد|نمی|نخواهد|نشده|نگردیده|ننموده|است"
    r"|نماید|نمایند|کند|کنند|گردد|شود|نمود|کرد|نکند|ننماید|نگردد|نشود)"
    r"|صادره"
)
# Right after the decision: its own present verb («محکوم به بی‌حقی می‌گردد», «… را محکوم می‌نماید»).
OWN_VERB = rf"\s?(?:را\s*)?(?:صادر\s?(?:و\s?اعلام\s?)?)?{_PRESENT}"
# Words right before a decision that make it someone's request, not the court's decision.
REQUEST_CUES = (r"تقاضای", r"درخواست", r"ایراد", r"خواستار", r"تقاضا", r"مستدعی", r"استدعای", r"استدعا")
# «صدور» right before a decision is a request («به خواسته صدور حکم …») unless the court says it does so.
COURT_ISSUES = (r"ضمن", r"مبادرت\s*(?:به|ب)", r"نسبت\s*به\s*آن")

# What a dismissal is about: a counterclaim, a third party's claim, a co-defendant, part of the claim.
COUNTERCLAIM_CUES = (r"تقابل", r"متقابل")
# Claims beside the plaintiff's own that a ruling also decides.
THIRD_PARTY_CUES = (r"ورود\s*ثالث", r"جلب\s*ثالث", r"اعتراض\s*ثالث", r"وارد\s*ثالث", r"مجلوب\s*ثالث", r"اعسار",
                    r"دستور\s*موقت", r"تامین\s*خواسته", r"تأمین\s*خواسته", r"تامین\s*دلیل")
MAIN_CLAIM_CUES = (r"دعوی\s*اصلی", r"دعوای\s*اصلی", r"دعوا\s*اصلی", r"خواهان\s*اصلی", r"دادخواست\s*اصلی")
# The plaintiff condemned (costs thrice over for a false اعسار, a counterclaim's sum): no grant to him.
PLAINTIFF_CONDEMNED = r"(?<!دعوی )(?<!دعوای )(?<!دعوا )(?<!ادعای )خواهان\S{0,8}(?:\s\S{1,20}){0,2}\s?را\s*(?:نیز\s*)?(?:به|ب)\s"
CODEFENDANT_CUES = (
    r"خوانده\s*(?:ی\s*)?ردیف", r"خواندگان\s*ردیف", r"سایر\s*خواندگان", r"خوانده\s*دیگر", r"خواندگان\s*دیگر",
    r"خوانده\s*(?:اول|دوم|سوم|چهارم|پنجم|نخست)", r"خواندگان\s*(?:اول|دوم|سوم|چهارم|پنجم)", r"خوانده\s*(?:شماره|ردیفهای|ردیف\s*های)",
    r"سایر\s*خواندگان", r"خواندگان\s*ردیفهای", r"نسبت\s*به\s*(?:آقای|خانم|شرکت|بانک|اداره|سازمان|شهرداری)",
    r"بقیه\s*خواندگان", r"باقی\s*خواندگان", r"(?:بر\s?علیه|برله|علیه)\s*(?:آقای|خانم|شرکت|بانک|خوانده|\S{1,3}\.)",
    r"نسبت\s*به\s*واخواه", r"صرفا\s*نسبت\s*به", r"دعوی\s*به\s*طرفیت\s*(?:آقای|خانم|شرکت|بانک|اداره|سازمان)",
    r"(?:بطرفیت|به\s*طرفیت|نسبت\s*به|متوجه|علیه)\s*(?:وی|ایشان|نامبرده|مشارالیه|مشارالیها)(?![\u0600-\u06FF])",
    r"(?:بطرفیت|به\s*طرفیت)\s*(?:آقای|خانم|شرکت|بانک|اداره|سازمان|شهرداری)",
    r"(?:احد|یکی\s*از)\s*(?:از\s*)?خواندگان",
)
# CPC 84(4): the claim is not directed at this defendant. Beside other decisions it concerns a co-defendant.
NOT_DIRECTED_CUES = (r"عدم\s*توجه", r"متوجه\s*(?:\S{1,12}\s*){0,2}(?:نمی\s?باشد|نیست|نبوده)", r"بند\s*4\s*(?:از\s*)?ماده\s*84", r"ماده\s*84\s*بند\s*4")
PART_CUES = (
    r"مازاد", r"مابقی", r"بقیه", r"باقی\s?مانده", r"این\s*قسمت", r"قسمت\s*(?:دیگر|اخیر|دوم)", r"خواسته\s*(?:دیگر|دوم|سوم)",
    r"سایر\s*خواسته", r"خسارت", r"تاخیر\s*تادیه", r"تأخیر\s*تأدیه", r"اجرت\s*المثل", r"حق\s*الوکاله", r"هزینه",
    r"مطالبه", r"بخش\s*دیگر",
)
# Withdrawal: the dismissal is the plaintiff's own doing (CPC 107).
WITHDRAWAL_CUES = (r"استرداد\s*(?:دعوی|دعوا|دادخواست|درخواست)", r"ماده\s*107\b", r"مسترد\s*(?:داشته|نموده|کرده|گردید|شد)")
# Non-contentious matters (امور حسبی).
NON_CONTENTIOUS_CUES = (r"گواهی\s*حصر\s*وراثت", r"انحصار\s*وراثت", r"تحریر\s*ترکه", r"امور\s*حسبی", r"نصب\s*قیم", r"تعیین\s*قیم", r"اثبات\s*حجر")

# Where the court's reasoning starts: the claim text ends at the first of these.
REASONING_CUES = (
    r"این\s*دادگاه",
    r"دادگاه\s*(?:با|پس\s*از|نظر\s*به|ضمن|در\s?خصوص|صرف\s?نظر|قطع\s?نظر|بعد\s*از|به\s*شرح|از\s*توجه|از\s*آنجا|بنا\s*به|مستند|مستندا|به\s*استناد)\s",
    r"با\s?توجه\s*(?:به|باینکه)",
    r"نظر\s?(?:به|بر|باینکه|بر\s*اینکه)\s*(?:اینکه|این\s*که|جامع|محتویات|مراتب|مجموع|اوراق|مدارک|مندرجات|دلایل|مفاد|مستندات|عدم|احراز|آنکه|این)",
    r"نظر\s?باینکه",
    r"با\s?عنایت\s*(?:به|باینکه)",
    r"با\s*(?:بررسی|ملاحظه|التفات|امعان\s*نظر|امعان|لحاظ|مداقه|دقت)\s",
    r"صرف\s?نظر\s*از",
    r"قطع\s?نظر\s*از",
    r"از\s*آنجا\s*(?:که|ئیکه|ییکه|یی\s*که)",
    r"از\s*آنجائیکه",
    r"چون\s",
    r"نظر\s*باین",
    r"بنا\s*به\s*مراتب",
    r"بنا\s*بر\s*مراتب",
    r"به\s*شرح\s*(?:محتویات|اوراق)",
    r"پس\s*از\s*(?:بررسی|ملاحظه|تشکیل\s*جلسه)",
    r"توجها\s*به",
    r"علیهذا",
    r"ختم\s*رسیدگی",
    r"اولا[\s:]",
    r"(?:لذا|فلذا|بنابراین|ازاینرو|از\s?این\s?رو|علی\s?هذا|بنا\s?علیهذا|النهایه)\s?(?:این\s?)?دادگاه",
)

# Decision words that must never appear in a training text (the label would leak).
DECISION_WORDS = (
    r"حکم", r"احکام", r"قرار", r"محکوم[\u0600-\u06FF]{0,10}", r"صادر\s?و\s?اعلام", r"بطلان\s*(?:دعوی|دعوا|دعوای)", r"بی\s?حقی",
    r"رد\s*(?:دعوی|دعوا|دعوای)", r"عدم\s*استماع", r"ابطال\s*دادخواست", r"رد\s*دادخواست",
)
_SCRUB_LEAD = (r"صدور\s*(?:حکم|قرار)\s*(?:مبنی\s*بر\s*|دائر\s*بر\s*|به\s*|بر\s*)?", r"(?:صدور\s*)?(?:حکم|قرار)\s*(?:به|بر)\s*")

# Citations: law names → short codes (screening.knowledge.laws); CPC is the default law of a civil ruling.
LAW_CODES: tuple[tuple[str, str], ...] = tuple((law.code, law.pattern) for law in LAWS)
_OTHER_LAW = r"قانون\s?\S{1,30}"
# «همین قانون», «قانون اخیرالذکر», «قانون مارالذکر»: the law cited last.
_SAME_LAW = re.compile(r"\s*(?:از\s*)?(?:همین\s*قانون|همان\s*قانون|آن\s*قانون|قانون\s*(?:ماخذ|مأخذ|مرقوم|اخیر\s*ال\s*ذکر|اخیرالذکر|اخیر|مارالذکر|مار\s*الذکر|مذکور|مرقوم|یاد\s*شده|یادشده|فوق|فوق\s*الذکر|صدر\s*الذکر|موصوف|مزبور)|همین|همان)")

# --- compiled ---------------------------------------------------------------------------------


def _alt(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_FIRST = re.compile(_alt(FIRST_INSTANCE_HEADINGS))
_APPEAL = re.compile(_alt(APPEAL_HEADINGS))
_NOT_CIVIL = re.compile(_alt(NOT_CIVIL_HEADINGS))
_CRIMINAL = re.compile(_alt(CRIMINAL_CUES))
_CIVIL = re.compile(_alt(CIVIL_CUES))
# Texts filed under «رأی دادگاه بدوی» that are a higher court deciding an appeal or a فرجام.
_SUPREME_BODY = re.compile(r"عضو\s?ممیز|فرجام\s?خواه|فرجامخواه|رأی\s?فرجام\s?خواسته")
_APPEAL_BODY = re.compile(r"\W{0,5}(?:در\s*خصوص|درخصوص)\s*(?:درخواست|دادخواست)\s*تجدید\s?نظر\s?خواهی")
# Every decision pattern starts with one of these letters (قرار، گزارش، رد، رأی، حکم، ضمن، نقض، محکوم، به،
# اعلام، اجازه، و، واگذار، تنفیذ، گواهی، دعوی، دستور، خواسته…): the look-ahead lets the scanner skip other positions at once.
DECISION_FIRST_LETTERS = "قگرحضنمباوتدخ"
_DECISION = re.compile(
    f"(?=[{DECISION_FIRST_LETTERS}])(?:" + "|".join(f"(?P<d{i}>{p})" for i, (_, p) in enumerate(DECISION_PATTERNS)) + ")"
)
_DECISION_CODES = [code for code, _ in DECISION_PATTERNS]
_OPERATIVE = re.compile(OPERATIVE_VERB)
_ELLIPTIC = re.compile(ELLIPTIC_VERB)
# «… صادر و اعلام نموده و …»: the court's own perfect, handing on to the next decision of the chain.
_ELLIPTIC_PERFECT = re.compile(r"صادر\s?و\s?اعلام\s?(?:نموده|کرده|داشته)\s?و\s")
_NARRATED = re.compile(NARRATED_VERB)
_VERB_START = re.compile(VERB_START)
_OWN_VERB = re.compile(OWN_VERB)
_ENDS_PRESENT = re.compile(_PRESENT + r"$")
_BAR_ARTICLE = re.compile(r"ماده\s?(?:84|2)(?!\d)")
_NOT_HEARD_WORDS = re.compile(r"استماع|مسموع")
_DEFENDANTS_OBJECTION = re.compile(r"ایراد|(?:اعتراض|دفاع|دفاعیات)\s?(?:وکیل\s?)?(?:خوانده|خواندگان|واخوانده)")
_WEAK_VERB = re.compile(r"\s?(?:دعوی|دعوا|آن)?\s?(?:است|می\s?باشد|میباشد)(?![\u0600-\u06FF])")
_REQUEST_NEAR = re.compile(r"تقاضا|درخواست|خواسته|خواستار|مستدعی|استدعا|دایر\s*بر|دائر\s*بر|مبنی\s*بر|دایر\s*به|رسیدگی\s*و")
# Decisions known by the court's verb alone, not by «حکم/قرار»: in the plaintiff's own account they are
# his words («… به رسم اجاره به خوانده واگذار می‌نماید»), so they count only once the court is reasoning.
_SOFT_DECISION = re.compile(r"واگذار|را\s*ملزم|ملزم|اجازه|تنفیذ|تجویز|ضمن\s*پذیرش|قرار\s?تقسیط|اعلام\s?ورشکستگی|دستور\s?فروش|دعو|خواسته|اعتراض")
# A finite verb between two decisions: they are separate sentences, not one chain.
_FINITE = re.compile(r"(?<![\u0600-\u06FF])(?:است|نیست|بود|باشد|ن?می\s?[\u0600-\u06FF]{1,12}|نموده|شده|گردیده|کرده|دارد|ندارد|گردید|شد)(?![\u0600-\u06FF])")
CHAIN_GAP = 200
# A participle that ends its clause narrates a decision; one followed by more words («صادره از شعبه …»,
# «اسناد صادر شده به نام خوانده») describes the object of this one.
_SIMPLE_PAST = re.compile(r"صادر\s?و\s?اعلام\s?(?:شد|گردید)(?![\u0600-\u06FF])")
_CLAUSE_END = re.compile(r"\s*(?:بود|است|اند|و\s|و$|،|,|\.|که|می\s?باشد|گردیده|$|\))")
_REQUEST = re.compile(rf"(?:{_alt(REQUEST_CUES)})\s*(?:صدور\s*)?(?:\S{1,30}\s?)?$")
_COURT_SODUR = re.compile(rf"(?:{_alt(COURT_ISSUES)})\s*(?:صدور|اصدار)\s*$")
_REQ_SODUR = re.compile(r"(?:صدور|اصدار)\s*$")
_COUNTER = re.compile(_alt(COUNTERCLAIM_CUES))
_THIRD = re.compile(_alt(THIRD_PARTY_CUES))
_MAIN_CLAIM = re.compile(_alt(MAIN_CLAIM_CUES))
_PLAINTIFF_CONDEMNED = re.compile(PLAINTIFF_CONDEMNED)
_CODEF = re.compile(_alt(CODEFENDANT_CUES))
_NOT_DIRECTED = re.compile(_alt(NOT_DIRECTED_CUES))
# «در خصوص دعوی خواهان به طرفیت خوانده ردیف دوم …»: the decision names its defendant.
_AGAINST_DEFENDANT = re.compile(
    r"(?:به\s?طرفیت|بطرفیت|نسبت\s?به|علیه|در\s?خصوص|درخصوص|راجع\s?به)\s?(?:خوانده|خواندگان)\s?(?:ی\s?)?ردیف\s?(?:های\s?)?(?P<row>[^\s]{1,8})"
)
_THIS_PART = re.compile(r"(?:در|از)\s?این\s?(?:قسمت|بخش)|نسبت\s?به\s?این\s?(?:قسمت|بخش)")
_FIRST_ROW = re.compile(r"(?:اول|نخست|1)(?![\u0600-\u06FF\d])")
# Articles on interim orders (CPC 310–325) and on securing the claim (CPC 108–129): a side request.
_INTERIM_ARTICLE = re.compile(r"ماده\s?(?:31\d|32[0-5]|10[89]|11\d|12\d)(?!\d)")
_FIRST_DEFENDANT = re.compile(r"خوانده\s*(?:ی\s*)?(?:ردیف\s*)?(?:اول|نخست|1\b)")
_PARTC = re.compile(_alt(PART_CUES))
_WITHDRAW = re.compile(_alt(WITHDRAWAL_CUES))
_NONCONT = re.compile(_alt(NON_CONTENTIOUS_CUES))
_NONCONT_HEAD = re.compile(_alt(NON_CONTENTIOUS_CUES + (r"قیمومت", r"قیم\s?پیشنهادی", r"اداره\s*امور\s*سرپرستی", r"امین\s*موقت", r"غایب\s*مفقود\s*الاثر")))
_PARTIES = re.compile(r"به\s?طرفیت|بطرفیت|علیه")
_REASONING = re.compile(_alt(REASONING_CUES))
_DECISION_WORDS = re.compile(rf"(?<![\u0600-\u06FF])(?:{_alt(DECISION_WORDS)})(?![\u0600-\u06FF])")
_SCRUB = re.compile(rf"(?<![\u0600-\u06FF])(?:{_alt(_SCRUB_LEAD)})")
# A full stop after a word of three letters or more («الف.» and «م.» are initials, not sentence ends).
_SENTENCE_END = re.compile(r"(?<=[\u0600-\u06FF]{3})(?<!الف)\.(?:\s|$)|[؟!]|\n|(?<=\d)\.\s")
_LAW = re.compile("|".join(f"(?P<{code}>{p})" for code, p in LAW_CODES) + f"|(?P<OTHER>{_OTHER_LAW})")
# «بند 4 ماده 84», «ماده 84 بند 4», «مواد 2 و 89», «ماده 14 بند 8 قانون روابط موجر …», «بندهای 4 و 5 ماده 84».
_CITATION = re.compile(
    r"(?:(?:بند|بندهای|شق)\s?\(?(?P<items1>\d{1,2}(?:\s?(?:و|،|,|-)\s?\d{1,2}){0,4})\)?\s?(?:از\s?|ذیل\s?)?)?"
    r"(?:ماده|مواد|مادتین|مستندا\s?به|به\s?استناد|باستناد)\s?(?P<arts>\d{1,4}(?:\s?(?:و|،|,|-)\s?(?:ماده\s?)?\d{1,4}){0,9})"
    r"(?:\s?(?:بند|بندهای)\s?\(?(?P<items2>\d{1,2}(?:\s?(?:و|،|,)\s?\d{1,2}){0,4})\)?)?"
)
_NUM = re.compile(r"\d{1,4}")
# How far around a decision we look (characters): all windows bounded, so reading stays linear.
VERB_WINDOW = 700
CONTEXT_WINDOW = 260
CITATION_WINDOW = 420
MIN_CLAIM_CHARS = 60
QUOTE_MAX = 600


# --- pieces ---------------------------------------------------------------------------------


def first_instance_part(text: str) -> str | None:
    """The first-instance ruling (all of its stages): from its heading up to the appeal, or None."""
    m = _FIRST.search(text)
    if not m:
        return None
    rest = text[m.end():]
    cut = _APPEAL.search(rest)
    return rest[: cut.start()] if cut else rest


def _quoted_spans(text: str) -> bytearray:
    """A mark for every character inside «…», "…" or “…” (at most QUOTE_MAX long): there a decision is quoted."""
    inside = bytearray(len(text) + 1)
    for opener, closer in (("«", "»"), ('"', '"'), ("“", "”")):
        openers = [m.start() for m in re.finditer(re.escape(opener), text)]
        closers = openers if opener == closer else [m.start() for m in re.finditer(re.escape(closer), text)]
        k, last_end = 0, -1
        for i in openers:
            if i <= last_end:
                continue
            k = bisect.bisect_right(closers, i, k)
            if k == len(closers):
                break
            j = closers[k]
            if j - i <= QUOTE_MAX:
                inside[i + 1: j] = b"\x01" * (j - i - 1)
                last_end = j
    return inside


def _inside(pos: int, inside: bytearray) -> bool:
    return bool(inside[pos])


@dataclass
class _Decision:
    code: str
    start: int
    end: int
    verb_end: int
    operative: bool
    target: str = "main"  # main | part | codefendant | ancillary | counterclaim | penalty
    hint: str | None = None  # a target known from the stage (an objector among several defendants)
    weak: bool = False  # «… محکوم به رد است»: counts only when no formal decision says otherwise
    past: bool = False  # «… صادر و اعلام شد»: the court's own decision told in the past, read when nothing else is
    own_verb: bool = False  # operative by a verb of its own (not by a chain or a «ضمن صدور»)


def _verb_after(part: str, start: int, stop: int) -> tuple[str, int]:
    """The first verb of a decision after `start` (before `stop`): operative, elliptic, past, narrated or none."""
    pos = start
    while True:
        v = _VERB_START.search(part, pos, stop)
        if v is None:
            return "none", start
        el = _ELLIPTIC_PERFECT.match(part, v.start())
        if el:
            return "elliptic", el.end()
        past = _SIMPLE_PAST.match(part, v.start())
        if past:
            return "past", past.end()
        nar = _NARRATED.match(part, v.start())
        if nar:
            if not _CLAUSE_END.match(part, nar.end()):
                pos = nar.end()  # «دادنامه صادره از شعبه …» describes the object
                continue
            return "narrated", nar.end()
        op = _OPERATIVE.match(part, v.start())
        if op:
            return "operative", op.end()
        el = _ELLIPTIC.match(part, v.start())
        if el:
            return "elliptic", el.end()
        pos = v.end()


def _decisions(part: str) -> list[_Decision]:
    """Every decision wording in `part`, with whether it is the court's operative one.

    A decision is operative when its own verb is the court's present tense; a decision whose verb is
    elliptic («صادر و …») or absent before the next decision shares the verb of the next one in the
    same sentence («قرار رد اعسار و … قرار عدم استماع دعوا صادر و اعلام می‌دارد»).
    """
    quotes = _quoted_spans(part)
    found = [(m.start(), m.end(), _DECISION_CODES[int(m.lastgroup[1:])]) for m in _DECISION.finditer(part)]
    out: list[_Decision] = []
    status: list[str] = []
    for k, (s, e, code) in enumerate(found):
        nxt = found[k + 1][0] if k + 1 < len(found) else len(part)
        before = part[max(0, s - 40): s]
        d = _Decision(code, s, e, e, False)
        out.append(d)
        if _inside(s, quotes):
            status.append("no")
            continue
        if _COURT_SODUR.search(before):
            # «ضمن صدور حکم به …»: issued in the same breath as the sentence's verb.
            d.operative = True
            status.append("yes")
            continue
        if _REQUEST.search(before) or (_REQ_SODUR.search(before) and _REQUEST_NEAR.search(part, max(0, s - 35), s)):
            status.append("no")
            continue
        if code == "claim_rejected" and part[s:e].strip() == "قرار" and not _BAR_ARTICLE.search(part, max(0, s - 150), s):
            status.append("no")  # a bare «قرار» is a dismissal only when it cites CPC 84 or 2
            continue
        if code == "merits_rejected" and "مردود" in part[s:e] and _NOT_HEARD_WORDS.search(part, max(0, s - 60), e):
            code = d.code = "not_heard"
        if code == "merits_rejected" and _DEFENDANTS_OBJECTION.search(part, max(0, s - 40), e):
            status.append("no")  # «ایراد خوانده … مردود است»: the defendant's objection fails, not the claim
            continue
        if _ENDS_PRESENT.search(part, s, e):
            d.operative = d.own_verb = True
            status.append("yes")
            continue
        if code in LOSSES and part.startswith("محکوم", s) and _WEAK_VERB.match(part, e):
            d.operative, d.weak = True, True
            status.append("yes")
            continue
        own = _OWN_VERB.match(part, e)
        if own and (code != GRANT or part.startswith("محکوم", s) or part.startswith("گواهی", s)):
            d.operative, d.own_verb, d.verb_end = True, True, own.end()
            status.append("yes")
            continue
        if code == GRANT and (part.startswith("را ملزم", s) or part.startswith("ضمن", s)):
            # «خوانده را ملزم به تمکین … می‌نماید»: the verb closes the sentence.
            stop = _SENTENCE_END.search(part, e, min(nxt, e + 300))
            own_verb = re.search(r"(?<![\u0600-\u06FF])" + _PRESENT, part[e: stop.start() if stop else min(nxt, e + 300)])
            d.operative = bool(own_verb)
            status.append("yes" if own_verb else "no")
            continue
        if code == GRANT and part.startswith("محکوم", s):
            # «… محکوم می‌نماید» carries its own verb; «… محکوم و …» hands it on.
            # «… محکوم نموده و در خصوص …»: the court's own perfect in the operative part, as good as present
            own_present = re.match(r"محکوم\s?(?:" + _PRESENT + r"|نموده\s|کرده\s)", part[s: s + 20])
            d.operative = bool(own_present)
            status.append("yes" if own_present else "chain")
            continue
        if code in ("objection_reversed", "objection_upheld"):
            d.operative = True
            status.append("yes")
            continue
        kind, verb_end = _verb_after(part, e, min(nxt, e + VERB_WINDOW))
        d.verb_end = verb_end
        if kind == "operative":
            d.operative = d.own_verb = True
            status.append("yes")
        elif kind == "past":
            d.past = True
            status.append("no")
        elif kind == "narrated":
            status.append("no")
        elif kind == "elliptic":
            status.append("chain")
        elif nxt < len(part) and nxt - e < CHAIN_GAP and not _FINITE.search(part, e, nxt) and not _SOFT_DECISION.match(part, s):
            status.append("chain")
        else:
            status.append("no")
    # Resolve chains from the end: a chained decision takes the status of the next decision in reach,
    # or, when none follows, of the next verb in its sentence.
    for k in range(len(out) - 1, -1, -1):
        if status[k] != "chain":
            continue
        d = out[k]
        if k + 1 < len(out) and out[k + 1].start - d.end < VERB_WINDOW:
            d.operative = out[k + 1].operative
            continue
        kind, verb_end = _verb_after(part, d.verb_end, min(len(part), d.verb_end + VERB_WINDOW))
        d.operative = kind == "operative"
        if d.operative:
            d.verb_end = verb_end
    return out


# Headings that open the part of a ruling deciding one claim: «در خصوص دادخواست تقابل …»,
# «در خصوص دعوی مرتبط تقدیمی …», «اولاً در خصوص دعوای اصلی …».
SECTION_HEADING = (
    r"(?:در\s*خصوص|درخصوص|در\s*مورد|درمورد|راجع\s*به|پیرامون)\s*(?:دعوی|دعوای|دعوا|دادخواست|خواسته|درخواست|قرار)\s*"
    r"(?:تقدیمی\s*)?(?:خواهان\s*)?(?:(?:[^\s]{1,20}\s){0,8}?(?:به|ب)\s?خواسته\s)?"
    r"(?P<kind>تقابل|متقابل|مرتبط|ورود\s*ثالث|جلب\s*ثالث|اعتراض\s*ثالث|اعسار|تامین\s*خواسته|دستور\s*موقت|اصلی)?"
)
_SECTION = re.compile(SECTION_HEADING)
_SECTION_KIND = {"تقابل": "counterclaim", "متقابل": "counterclaim", "مرتبط": "counterclaim", "اصلی": "main"}
# What «بطلان آن» points back to: the claim (a loss) or a deed, award or contract (the relief asked for).
_DEED = re.compile(r"(?<!این )(?<!متن )رأی(?!\s*دادگاه)|داور|داوری|قرارداد|قرار\s*داد|مبایعه|سند|معامله|عقد|وصیت|شناسنامه|نکاح|اجاره\s*نامه|صلح\s*نامه|هبه|تقسیم\s*نامه|مزایده|ثبت")
_CLAIM_WORD = re.compile(r"دعو|ادعا|خواسته|درخواست|اعتراض")


def _sections(part: str) -> list[tuple[int, str]]:
    out = []
    for m in _SECTION.finditer(part):
        kind = (m.group("kind") or "").replace(" ", "")
        if kind in _SECTION_KIND:
            out.append((m.start(), _SECTION_KIND[kind]))
        elif kind:
            out.append((m.start(), "ancillary"))
        else:
            out.append((m.start(), "main"))
    return out


def _section_of(sections: list[tuple[int, str]], pos: int) -> str:
    k = bisect.bisect_left(sections, (pos, "")) - 1
    return sections[k][1] if k >= 0 else "main"


def _last(pattern: re.Pattern[str], text: str) -> int:
    pos = -1
    for m in pattern.finditer(text):
        pos = m.start()
    return pos


def _target(part: str, d: _Decision, prev_end: int, section: str = "main", several: bool = False) -> str:
    """What a decision is about, from the words between the previous decision and its verb.

    main: the plaintiff's claim; part: one head of it (damages, the rest of the sum); codefendant:
    the claim against one of several defendants; ancillary: a third party's claim, an اعسار or an
    interim order; counterclaim: the defendant's own claim; penalty: the plaintiff condemned.
    """
    if d.hint:
        return d.hint
    left = part[max(prev_end, d.start - CONTEXT_WINDOW): d.start]
    near = left[-160:] + " " + part[d.start: d.end + 12]
    if section in ("counterclaim", "ancillary") and not _MAIN_CLAIM.search(near):
        return section
    if d.code == GRANT and part.startswith("محکوم", d.start) and _PLAINTIFF_CONDEMNED.search(left[-200:]):
        m = None
        for m in _PLAINTIFF_CONDEMNED.finditer(left[-200:]):
            pass
        if m is not None and not re.search(r"خوانده|خواندگان", left[-200:][m.end():]):
            return "penalty"
    if _last(_COUNTER, near) > _last(_MAIN_CLAIM, near):
        return "counterclaim"
    if _last(_THIRD, near) > _last(_MAIN_CLAIM, near):
        return "ancillary"
    own = part[d.start: min(d.verb_end, d.end + 160)]
    if _THIS_PART.search(own):
        return "part"
    named = None
    for m in _AGAINST_DEFENDANT.finditer(left):
        named = m
    if named is not None:
        if not _FIRST_ROW.match(named.group("row")):
            return "codefendant"
    elif (_CODEF.search(left) or _CODEF.search(own)) and not (_FIRST_DEFENDANT.search(left[-80:]) or _FIRST_DEFENDANT.search(own)):
        return "codefendant"
    if _INTERIM_ARTICLE.search(part, max(prev_end, d.start - CONTEXT_WINDOW), d.end):
        return "ancillary"
    if d.code in ("claim_rejected", "not_heard") and (_NOT_DIRECTED.search(left[-200:]) or _NOT_DIRECTED.search(own)):
        return "codefendant" if several else "main"
    if _PARTC.search(left[-160:]) or _PARTC.search(part, d.start, d.end + 80):
        return "part"
    return "main"


# «ماده 6 قرارداد»: an article of the parties' contract, not of a law.
_CONTRACT_ARTICLE = re.compile(r"\s?(?:از\s?)?(?:قرار\s?داد|مبایعه|اجاره\s?نامه|عقد\s?نامه|سند|شرایط|وقف\s?نامه|اساسنامه|آیین\s?نامه|آئین\s?نامه|این\s*قانون\s*نامه)")


def _law_after(text: str, pos: int, default: str | None) -> str | None:
    if _CONTRACT_ARTICLE.match(text, pos):
        return "OTHER"
    m = _LAW.search(text, pos, pos + 90)
    if m is None:
        return default
    between = text[pos: m.start()]
    if re.search(r"ماده|مواد|\bبند\b", between):
        return default
    code = m.lastgroup
    if code == "OTHER":
        if _SAME_LAW.match(text, m.start()):
            return "SAME"
        return "OTHER"
    return code


def citations(text: str, start: int = 0) -> list[str]:
    """Articles cited in `text` from offset `start` on, normalised: «84(4)», «CPC 197», «CC 1257», «LTR 14(8)»…

    Text before `start` is read only to know which law «همین قانون» or «قانون اخیرالذکر» means.
    """
    out: list[str] = []
    last_law: str = "CPC"
    for m in _CITATION.finditer(text):
        law = _law_after(text, m.end(), None)
        if law is None:
            tail = text[m.end(): m.end() + 25]
            law = last_law if _SAME_LAW.match(tail) else "CPC"
        elif law == "SAME":
            law = last_law
        if law == "OTHER":
            last_law = "OTHER"
            continue
        last_law = law
        if m.start() < start:
            continue
        if not m.group(0).startswith(("ماده", "مواد", "مادتین", "بند", "شق")) and law == "CPC" and _law_after(text, m.end(), None) is None:
            continue  # «مستندا به 197» counts only when a law is named right after it
        items = m.group("items1") or m.group("items2")
        arts = _NUM.findall(m.group("arts"))
        item_nums = _NUM.findall(items) if items else []
        for a in arts:
            a = str(int(a))
            if item_nums and len(arts) == 1 or (item_nums and a == "84"):
                for it in item_nums:
                    # Article 84 with its items is the Civil Procedure Code's list of bars, whatever law came before.
                    code = f"{a}({int(it)})" if (law in ("CPC", "CC") and a == "84") else f"{law} {a}({int(it)})"
                    if code not in out:
                        out.append(code)
                item_nums = []
                continue
            if law == "CPC" and int(a) > CPC_LAST_ARTICLE:
                law_here = "CC"  # the Civil Procedure Code ends at Article 529: «ماده 1257 قانون آیین دادرسی» is CC 1257
                code = f"{law_here} {a}"
            else:
                code = f"{law} {a}"
            if code not in out:
                out.append(code)
    return out


def primary_ground(grounds: Sequence[str]) -> str | None:
    """The ground that says why: a CPC 84 item, then a usual dismissal article, then the first substantive one."""
    for g in grounds:
        if g.startswith("84("):
            return g
    for known in DISMISSAL_GROUNDS:
        if known in grounds:
            return known
    for g in grounds:
        if g.startswith("LTR 14"):
            return g
    for g in grounds:
        if g not in NOT_THE_GROUND:
            return g
    return grounds[0] if grounds else None


def _sentence_start(part: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - CITATION_WINDOW)
    ends = [m.end() for m in _SENTENCE_END.finditer(part, lo, pos)]
    return ends[-1] if ends else lo


# --- claim text and خواسته --------------------------------------------------------------------

# «به خواسته …», «بخواسته …», «به خواسته‌ی …»; failing that, «مبنی بر …» / «دایر بر …» after the parties.
_KHASTEH = re.compile(r"(?:به|ب)\s?خواسته(?:\s?(?:ی|های))?\s?(?:[:؛]\s?)?")
_KHASTEH_ALT = re.compile(r"(?:مبنی|دایر|دائر)\s?(?:بر|به)\s?(?:خواسته\s?)?")
KHASTEH_SEARCH = 900  # characters from the start of the ruling where the خواسته is named
KHASTEH_WORDS = 10
_KHASTEH_END = re.compile(
    r"[.،,؛;:()\[\]«»\"]|\d|\s(?:به\s*مبلغ|بمبلغ|به\s*انضمام|بانضمام|با\s*احتساب|بااحتساب|بدین\s*شرح|به\s*شرح|مقوم|بابت|"
    r"به\s*میزان|به\s*مقدار|به\s*تعداد|موضوع|نسبت\s*به|مستندا|مستند\s*به|به\s*استناد|به\s*طرفیت|بطرفیت|و\s*خسارات|و\s*هزینه|"
    r"که\s|خواهان|توضیح|فعلا|اجمالا|از\s*قرار|با\s*وکالت|مورخ|شماره|با\s|دادگاه|تقدیم)"
)
# What a request wraps around the thing asked: «تقاضای رسیدگی و صدور حکم مبنی بر محکومیت خوانده به …».
_KHASTEH_LEAD = re.compile(
    r"^(?:\d{1,2}\s?[-.)]\s?)?(?:تقاضای\s?)?(?:رسیدگی\s?و\s?)?(?:صدور\s?)?(?:حکم\s?|قرار\s?)?(?:مبنی\s?بر\s?|دائر\s?بر\s?|دایر\s?بر\s?|به\s|بر\s)?"
    r"(?:محکومیت\s?(?:خوانده|خواندگان|خوانده\s?ها)(?:\s?ردیف\s?[^\s]{1,12})?\s?(?:به|ب)\s?)?(?:\d{1,2}\s?[-.)]\s?)?"
)
# Function words a cut can leave at the end («ابطال سند رسمی به», «تغییر نام از»).
_KHASTEH_TAIL = re.compile(r"(?:\s(?:به|از|در|با|و|را|که|بر|برای|درتاریخ|صادره|مورخ|موضوع))+\s*$")
_KHASTEH_PARTY = re.compile(r"^(الزام)\s?(?:خوانده|خواندگان|خوانده\s?ها)(?:\s?ردیف\s?[^\s]{1,12})?\s?(?:به|ب)\s?")


def khasteh_phrase(claim: str) -> str | None:
    """The «خواسته» phrase: a few words naming what is asked, with request wording, amounts and reasons left out."""
    m = _KHASTEH.search(claim, 0, KHASTEH_SEARCH) or _KHASTEH_ALT.search(claim, 0, KHASTEH_SEARCH)
    if not m:
        return None
    rest = claim[m.end(): m.end() + 200]
    rest = _KHASTEH_LEAD.sub("", rest, count=1)
    rest = _KHASTEH_PARTY.sub(r"\1 به ", rest, count=1)
    cut = _KHASTEH_END.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    reason = _REASONING.search(phrase)
    if reason:
        phrase = phrase[: reason.start()]
    phrase = scrub_decision_words(" ".join(phrase.split()[:KHASTEH_WORDS]))
    phrase = _KHASTEH_TAIL.sub("", phrase).strip(" -_/")
    return phrase if len(phrase) > 2 else None


_WORD = re.compile(r"[\u0600-\u06FF]+")
_DECISION_TOKENS = frozenset({"حکم", "احکام", "قرار", "حکمی", "قراری"})
# Decision words glued to the next word («قراررد», «حکمبه»); «قرارداد» (a contract) is not one.
_GLUED_DECISION = re.compile(r"(?:قرار|حکم)(?:رد|عدم|به|بر|ب(?=[\u0600-\u06FF]))|محکوم")


def _scrub_token(m: re.Match[str]) -> str:
    tok = m.group()
    return "" if tok in _DECISION_TOKENS or _GLUED_DECISION.match(tok) else tok


def scrub_decision_words(text: str) -> str:
    """Remove decision wording a plaintiff's request carries («صدور حکم به …»), so no label leaks."""
    text = _SCRUB.sub("", text)
    text = _DECISION_WORDS.sub("", text)
    text = _WORD.sub(_scrub_token, text)
    return re.sub(r"\s{2,}", " ", text).strip()


_TRAILING_COURT = re.compile(r"(?:[،,]? ?(?:لذا|بنابراین|که|و)? ?(?:این )?دادگاه)$")
_TRAILING_PUNCT = " .،,\n\t؛:"


def claim_text_of(part: str, first_decision: int | None) -> str:
    """The claim as the court restates it: up to the first sign of reasoning or decision."""
    limit = len(part) if first_decision is None else first_decision
    m = _REASONING.search(part, 0, limit)
    end = m.start() if m else limit
    claim = part[:end]
    # An ara heading glued to «رأی دادگاه» twice («رأی دادگاه بدوی رای دادگاه در خصوص …»).
    claim = re.sub(rf"^\W*(?:{_RAY}\s*دادگاه)?\W*", "", claim)
    claim = claim.rstrip(_TRAILING_PUNCT)
    claim = _TRAILING_COURT.sub("", claim).rstrip(_TRAILING_PUNCT)
    return scrub_decision_words(claim).strip(" .،\n")


# --- reading one ruling -----------------------------------------------------------------------


_NEXT_STAGE = re.compile(
    rf"(?:(?:در\s*خصوص|درخصوص|در\s*مورد|درمورد|پیرامون|راجع\s*به|حکم\s*دادگاه\s*در\s*خصوص)\s*(?:دادخواست\s*|دعوی\s*|دعوای\s*)?"
    rf"(?:واخواهی|اعتراض\s*(?:به|ب)\s*(?:دادنامه|رأی)\s*غیابی))"
    rf"|(?:{_RAY}\s*دادگاه\s*بدوی)"
    # the judge's signature closes one ruling; a text that goes on holds the next
    r"|(?:رییس|رئیس|دادرس|مستشار)\s?(?:دادگاه\s?تجدیدنظر\s?مامور\s?در\s?)?شعبه"
)
_OBJECTION = re.compile(r"واخواه|اعتراض\s*(?:به|ب)\s*(?:دادنامه|رأی|حکم)\s*غیابی")
# The objector is one of several defendants the default judgment condemned: reversing it for him
# leaves the judgment against the others standing.
_SEVERAL_DEFENDANTS = re.compile(r"خواندگان|تضامنی|متضامنا|تضامنا|خوانده\s*ردیف")
# The objection allowed: the default judgment set aside («نقض»، «فسخ دادنامه»، «واخواهی را وارد دانسته»).
_REVERSAL = re.compile(
    r"نقض|فسخ\s?(?:دادنامه|رأی|حکم)|(?:واخواهی|اعتراض)\S{0,3}\s(?:[^\s]{1,15}\s){0,3}?(?:را\s)?(?:وارد|موجه)\s?(?:دانسته|تشخیص|می\s?داند)"
    r"|(?:وارد|موجه)\s?دانستن\s?(?:واخواهی|اعتراض)|پذیرش\s?(?:اعتراض|واخواهی)"
)
OBJECTION_WINDOW = 4000
_BARS = frozenset({"rejected_petition", "not_heard", "claim_rejected"})
_IN_FAVOUR = re.compile(rf"در\s?حق\s?خواهان[\u0600-\u06FF]{{0,4}}\s?صادر\s?(?:و\s?اعلام\s?)?{_PRESENT}")
_ONLY_OBJECTOR = re.compile(r"(?:صرفا|فقط|تنها)?\s*نسبت\s*به\s*(?:واخواه|ایشان|نامبرده|وی)\b")


def _objection_split(part: str) -> tuple[int, bool] | None:
    """Where a later first-instance stage starts, and whether it is an objection (واخواهی) to a default ruling."""
    m = _NEXT_STAGE.search(part)
    if m is None:
        return None
    return m.start(), bool(_OBJECTION.search(part, m.start(), m.start() + 250))


def _objection_stage(part: str, decisions: list[_Decision]) -> tuple[list[_Decision], bool]:
    """The decisions that stand after a later first-instance stage, and whether only «رد واخواهی» was read.

    An objection (واخواهی) upheld leaves the default ruling standing; allowed, it puts what it decides in
    its place — for the objector alone when the default ruling condemned several defendants, and for the
    heads it names when it reverses only part. A later ruling that is no objection (a supplementary
    ruling, one after remand) adds to the first.
    """
    found = _objection_split(part)
    if found is None:
        return decisions, False
    split, is_objection = found
    if not any(d.operative and d.start >= split for d in decisions):
        favour = _IN_FAVOUR.search(part, split)
        if is_objection or favour is None:
            return decisions, False
        # The later ruling's decision words were lost in the copy, but only a grant is issued «in the
        # plaintiff's favour»: it takes the place of the earlier bars.
        granted = _Decision(GRANT, favour.start(), favour.end(), favour.end(), True, own_verb=True)
        return [d for d in decisions if d.code not in _BARS] + [granted], False
    before = [d for d in decisions if d.start < split and d.operative]
    after = [d for d in decisions if d.start >= split]
    if not is_objection:
        # A later ruling that is no objection (after the appeal quashed a bar and sent the file back,
        # or a supplementary ruling) takes the place of the earlier bars and adds to the rest.
        bars = {"rejected_petition", "not_heard", "claim_rejected"}
        kept = [d for d in decisions if d.start >= split or d.code not in bars]
        return kept, False
    upheld = any(d.operative and d.code == "objection_upheld" for d in after)
    reversal = next((d for d in after if d.code == "objection_reversed"), None)
    if reversal is None and _REVERSAL.search(part, split, min(len(part), split + OBJECTION_WINDOW)):
        reversal = after[0] if after else None
    finals = [d for d in after if d.operative and d.code in LOSSES | {GRANT} | LEAVE_OUT]
    if reversal is None and finals and all(d.code in _BARS for d in finals):
        # Nothing in the objection ruling sets the default judgment aside: its dismissal («قرار رد دعوی
        # مزبور») is of the objection, and the default judgment stands.
        before_finals = [d for d in before if d.code in LOSSES | {GRANT}]
        return (before_finals, False) if before_finals else ([], True)
    if finals and (reversal is not None or not upheld):
        grants_before = [d for d in before if d.code == GRANT]
        losses_after = [d for d in finals if d.code in LOSSES]
        if grants_before and losses_after and not any(d.code == GRANT for d in finals):
            several = any(_SEVERAL_DEFENDANTS.search(part, d.start, d.end + 120) for d in grants_before)
            only_him = any(_ONLY_OBJECTOR.search(part, max(0, d.start - 120), d.end + 60) for d in losses_after)
            if several or only_him:
                for d in losses_after:
                    d.hint = "codefendant"
                return before + finals, False
            if any(_PARTC.search(part, max(0, d.start - 120), d.start) or re.search(r"(?:در|از)\s*این\s*(?:خصوص|قسمت|بخش)", part[d.end: d.end + 40]) for d in losses_after):
                for d in losses_after:
                    d.hint = "part"
                return before + finals, False
        return after, False
    if upheld:
        if before:
            return before, False
        # The default ruling is only narrated inside the objection ruling: read it there.
        narrated = [d for d in after if d.code in LOSSES | {GRANT} and not d.operative]
        for d in narrated:
            d.operative = True
        return narrated, not narrated
    return decisions, False


def _left_out(reason: str, claim: str = "", khasteh: str | None = None, decisions: tuple[str, ...] = ()) -> RulingReading:
    return RulingReading(None, None, None, claim, khasteh, reason, (), decisions)


_REST = re.compile(r"مازاد|مابقی|بقیه|باقی\s?مانده|خواسته\s*خواهان")


def _combine(ds: list[_Decision], part_text=lambda d: "") -> tuple[str | None, list[_Decision]]:
    """One outcome from the operative decisions on the plaintiff's claims, and the losses that decided it.

    A grant and a dismissal make a partial result only when the dismissal is on the plaintiff's
    claims (a head of them); a dismissal against one co-defendant beside a grant against another
    leaves the plaintiff with what he asked for. Decisions on a counterclaim or a side claim count
    only when the ruling decides nothing else.
    """
    for targets in (("main", "part", "codefendant"), ("ancillary",), ("counterclaim",)):
        chosen = [d for d in ds if d.target in targets]
        if chosen:
            break
    else:
        return None, []
    grants = [d for d in chosen if d.code == GRANT]
    losses = [d for d in chosen if d.code in LOSSES]
    # «… محکوم به رد است» counts alone, or beside a grant when it names the rest of the claim.
    losses = [d for d in losses if not d.weak or (not grants and not any(not x.weak for x in losses))
              or (grants and _REST.search(part_text(d)))]
    if grants and losses:
        head_losses = [d for d in losses if d.target != "codefendant"]
        if head_losses:
            return "partially_accepted", head_losses
        return "accepted", []
    if grants:
        return "accepted", []
    if losses:
        picked = [d for d in losses if d.target != "codefendant"] or losses
        return picked[0].code, picked
    left_out = [d.code for d in chosen if d.code in LEAVE_OUT]
    if left_out:
        return left_out[0], []
    return None, []


def read_ruling(text: str) -> RulingReading:
    """Read one ruling: first-instance outcome, fruitless, ground, claim text, خواسته, or why it is left out."""
    if not isinstance(text, str) or not text.strip():
        return _left_out("unclear")
    text = normalise(text)
    if _NOT_CIVIL.search(text[:300]):
        return _left_out("not_civil")
    part = first_instance_part(text)
    if part is None:
        return _left_out("no_first_instance")
    if _APPEAL_BODY.match(part) or _SUPREME_BODY.search(part, 0, 300):
        return _left_out("no_first_instance")
    head = part[:CRIMINAL_HEAD]
    if _CRIMINAL.search(head) and (not _CIVIL.search(head) or re.search(r"جزای\s*نقدی", head)):
        return _left_out("not_civil")

    decisions = _decisions(part)
    if not any(d.operative for d in decisions):
        # Some rulings tell their own decision in the past («… حکم بر بی‌حقی وی صادر و اعلام شد»).
        for d in decisions:
            d.operative = d.past
    first_dec = next((d.start for d in decisions if d.operative), None)
    claim = claim_text_of(part, first_dec)
    khasteh = khasteh_phrase(part)
    codes = tuple(d.code for d in decisions if d.operative)
    stage, objection_upheld_only = _objection_stage(part, decisions)
    operative = [d for d in stage if d.operative and d.code not in ("objection_upheld", "objection_reversed")]

    reasoning = _REASONING.search(part)
    reasoning_at = reasoning.start() if reasoning else 0
    operative = [d for d in operative if d.start >= reasoning_at or not _SOFT_DECISION.match(part, d.start)]
    sections = _sections(part)
    third_party_objector = bool(khasteh and khasteh.startswith("اعتراض ثالث"))
    prev = 0
    for d in operative:
        d.target = _target(part, d, prev, _section_of(sections, d.start), several=len(operative) > 1)
        prev = max(prev, d.verb_end)
        if d.code == "invalid" and re.match(r"\S{1,6}\s?(?:به|بر|ب)?\s?(?:بطلان|ابطال)\s*آن", part[d.start: d.end + 2]):
            # «حکم بر بطلان آن» after «رأی داوری … را»: the award annulled, the relief granted.
            left = part[max(0, d.start - 300): d.start]
            if _last(_DEED, left) > _last(_CLAIM_WORD, left):
                d.code = GRANT
        if third_party_objector and d.code in LOSSES and (
                _MAIN_CLAIM.search(part, d.start, d.end + 25)
                or any(g.code == GRANT and 0 <= d.start - g.end < 250 and not _SENTENCE_END.search(part, g.end, d.start)
                       for g in operative)):
            # A third party's objection wins by ending the original claim against him.
            d.code = GRANT
        if d.code in ("claim_rejected", "rejected_petition"):
            # A dismissal that only records the plaintiff's own withdrawal (CPC 107) is no outcome.
            window = part[_sentence_start(part, d.start, 0): max(d.verb_end, d.end)]
            if _WITHDRAW.search(window):
                d.code = "withdrawal"
    operative = [d for d in operative if d.target != "penalty"]

    head = part[:400]
    if _NONCONT_HEAD.search(head) and not _PARTIES.search(head):
        # A request with no one on the other side (a guardian to appoint, an estate to certify).
        return _left_out("non_contentious", claim, khasteh, codes)
    outcome, deciding = _combine(operative, lambda d: part[max(0, d.start - 80): d.start])
    if outcome is None and any(d.operative and d.code == "objection_upheld" for d in stage):
        objection_upheld_only = True
    if outcome is None and objection_upheld_only:
        # The objector (the defendant of a default ruling) lost and nothing else is decided: the
        # default judgment for the plaintiff stands.
        outcome = GRANT
    if outcome is None:
        outcome = _fallback_outcome(part)
    if outcome in ("referral", "settlement", "withdrawal"):
        return _left_out(outcome, claim, khasteh, codes)
    if outcome is None:
        if _NONCONT.search(part[:600]):
            return _left_out("non_contentious", claim, khasteh, codes)
        return _left_out("unclear", claim, khasteh, codes)

    grounds: list[str] = []
    ends = sorted(x.verb_end for x in decisions if x.operative and x.own_verb)
    for d in deciding:
        k = bisect.bisect_right(ends, d.start) - 1
        floor = ends[k] if k >= 0 else 0
        lo = _sentence_start(part, d.start, floor)
        ctx = max(0, lo - CITATION_WINDOW)
        for g in citations(part[ctx: max(d.verb_end, d.end)], start=lo - ctx):
            if g not in grounds:
                grounds.append(g)
    return RulingReading(
        outcome=outcome,
        fruitless=int(outcome in FRUITLESS_OUTCOMES),
        ground=primary_ground(grounds),
        claim_text=claim,
        khasteh=khasteh,
        skip_reason=None,
        grounds=tuple(grounds),
        decisions=codes,
    )


# When no decision wording is operative, the court's verdict on the claim in its own words.
FALLBACK_GRANT = (
    r"(?:دعوی|دعوا|دعوای|خواسته)\s?(?:خواهان\S{0,8}\s?)?(?:را\s?)?(?:وارد|ثابت|محمول\s*بر\s*صحت|مقرون\s*به\s*(?:صحت|واقع)|موجه)"
    r"(?!\s?(?:\S{1,20}\s?)?(?:ندانسته|نداده|نمی|ننموده|نیست|نبوده|نشده|نداند|ندانست))",
)
FALLBACK_LOSS = (
    r"(?:دعوی|دعوا|دعوای)\s?(?:خواهان\S{0,8}\s?)?(?:را\s?)?(?:غیر\s*وارد|وارد\s*ندانسته|غیر\s*ثابت|ثابت\s*ندانسته|غیر\s*موجه|مردود)",
)
_FALLBACK_GRANT = re.compile(_alt(FALLBACK_GRANT))
_FALLBACK_LOSS = re.compile(_alt(FALLBACK_LOSS))


def _fallback_outcome(part: str) -> str | None:
    grant = _last(_FALLBACK_GRANT, part)
    loss = _last(_FALLBACK_LOSS, part)
    if grant < 0 and loss < 0:
        return None
    return GRANT if grant > loss else "merits_rejected"


# --- many rulings -----------------------------------------------------------------------------


@dataclass
class RulingsSummary:
    labelled: int = 0
    skipped: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict:
        return {
            "labelled": self.labelled,
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_total": sum(self.skipped.values()),
            "outcomes": dict(sorted(self.outcomes.items())),
        }


def text_key(text: str) -> str:
    """Key for one first-instance ruling published twice (other id, digits, spacing, «أ»; or another appeal)."""
    folded = normalise(text)
    part = first_instance_part(folded) or folded
    letters = re.sub(r"[\W_]+", "", part).replace("أ", "ا")
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()


def label_rulings(records: Iterable[dict]) -> tuple[list[dict], RulingsSummary]:
    """Training rows {"id", "text", "fruitless", "outcome", "ground", "khasteh"} for the rulings that count.

    A ruling seen before (same text under another id) is counted once.
    """
    rows: list[dict] = []
    summary = RulingsSummary()
    seen: set[str] = set()
    for i, rec in enumerate(records):
        text = rec.get("text") if isinstance(rec, dict) else None
        if not isinstance(text, str) or not text.strip():
            summary.skipped["bad_row"] += 1
            continue
        key = text_key(text)
        if key in seen:
            summary.skipped["duplicate"] += 1
            continue
        seen.add(key)
        reading = read_ruling(text)
        if reading.skip_reason:
            summary.skipped[reading.skip_reason] += 1
            continue
        if len(reading.claim_text) < MIN_CLAIM_CHARS:
            summary.skipped["no_claim_text"] += 1
            continue
        summary.labelled += 1
        summary.outcomes[reading.outcome] += 1
        rows.append({
            "id": rec.get("id", str(i)),
            "text": reading.claim_text,
            "fruitless": reading.fruitless,
            "outcome": reading.outcome,
            "ground": reading.ground,
            "khasteh": reading.khasteh,
        })
    return rows, summary


# --- agreement with hand labels ---------------------------------------------------------------

GOLD_FILE = Path("tests") / "data" / "ruling_labels.csv"
# Gold outcomes that mean "left out" (the hand labeller's words for our skip reasons).
GOLD_LEFT_OUT = frozenset({"not_civil", "referral", "settlement", "withdrawal", "non_contentious", "unclear", "no_first_instance"})


def find_gold(start: Path | None = None) -> Path | None:
    """tests/data/ruling_labels.csv of the source checkout this package runs from, if there is one."""
    here = Path(start) if start else Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / GOLD_FILE
        if candidate.is_file():
            return candidate
    return None


def load_gold(path: str | Path) -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def _gold_grounds(value: str) -> set[str]:
    return {g.strip() for g in (value or "").split(";") if g.strip()}


@dataclass
class Agreement:
    """How the reader agrees with hand labels on the rulings both can see."""

    usable: int = 0  # gold rulings with an outcome (not left out by the hand labeller)
    fruitless_agree: int = 0
    outcome_agree: int = 0
    reader_skipped: int = 0  # gold-usable rulings the reader left out (counted as disagreements)
    ground_cases: int = 0  # gold-usable fruitless or partial rulings whose gold names a ground
    ground_agree: int = 0  # primary ground read is one of the gold grounds
    ground_exact: int = 0  # the set of grounds read equals the gold set
    left_out_gold: int = 0
    left_out_agree: int = 0  # gold left out, reader left out too
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)  # (id, gold, read)

    @property
    def fruitless_rate(self) -> float | None:
        return self.fruitless_agree / self.usable if self.usable else None

    @property
    def outcome_rate(self) -> float | None:
        return self.outcome_agree / self.usable if self.usable else None

    @property
    def ground_rate(self) -> float | None:
        return self.ground_agree / self.ground_cases if self.ground_cases else None

    def to_dict(self) -> dict:
        return {
            "usable": self.usable,
            "fruitless_agreement": self.fruitless_rate,
            "fruitless_agree": self.fruitless_agree,
            "outcome_agreement": self.outcome_rate,
            "reader_skipped_usable": self.reader_skipped,
            "ground_cases": self.ground_cases,
            "ground_agreement": self.ground_rate,
            "ground_exact": self.ground_exact,
            "left_out_gold": self.left_out_gold,
            "left_out_agree": self.left_out_agree,
            "disagreements": [list(d) for d in self.disagreements],
        }

    def lines(self) -> list[str]:
        pct = lambda x: "—" if x is None else f"{100 * x:.1f}%"  # noqa: E731
        return [
            f"توافق با برچسب‌های دستی (agreement with hand labels) on {self.usable} usable rulings: "
            f"fruitless {pct(self.fruitless_rate)} ({self.fruitless_agree}/{self.usable}), "
            f"outcome {pct(self.outcome_rate)}, reader left out {self.reader_skipped}; "
            f"ground {pct(self.ground_rate)} of {self.ground_cases}; "
            f"left out by both {self.left_out_agree}/{self.left_out_gold}",
        ]


def agreement(records: Iterable[dict], gold: dict[str, dict]) -> Agreement:
    """Compare `read_ruling` with hand labels, by id, over the records that have one.

    Fruitless agreement = among gold-usable rulings, the share where the reader's `fruitless`
    equals the gold one; a reader skip of a gold-usable ruling counts as a disagreement.
    """
    ag = Agreement()
    for rec in records:
        rid = rec.get("id") if isinstance(rec, dict) else None
        g = gold.get(rid) if rid is not None else None
        if g is None:
            continue
        r = read_ruling(rec.get("text") or "")
        if g["outcome"] in GOLD_LEFT_OUT or g.get("fruitless", "") == "":
            ag.left_out_gold += 1
            ag.left_out_agree += int(r.skip_reason is not None)
            continue
        ag.usable += 1
        gf = int(g["fruitless"])
        read = r.outcome or f"left_out:{r.skip_reason}"
        if r.fruitless is None:
            ag.reader_skipped += 1
        if r.fruitless == gf:
            ag.fruitless_agree += 1
        if r.outcome == g["outcome"]:
            ag.outcome_agree += 1
        else:
            ag.disagreements.append((rid, g["outcome"], read))
        gg = _gold_grounds(g.get("ground", ""))
        if gg and g["outcome"] != "accepted":
            ag.ground_cases += 1
            ag.ground_agree += int(r.ground in gg)
            ag.ground_exact += int(set(r.grounds) == gg)
    return ag
