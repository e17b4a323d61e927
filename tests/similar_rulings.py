"""Synthetic first-instance rulings for the similar-rulings tests (our own sentences; names are initials).

Three kinds of claim, each decided one way: cheques sued against someone who did not sign them
(not heard, CPC 84(4)), mahr (granted), and eviction without a lease (dismissed, CPC 2).
"""
from __future__ import annotations

import json
from pathlib import Path

CHEQUE_FACTS = (
    "خوانده یک فقره چک بانک ملی را بابت ثمن معامله خودرو تحویل داده که به علت کسر موجودی برگشت خورده و "
    "گواهی عدم پرداخت صادر شده و صادرکننده چک برادر خوانده است"
)
MAHR_FACTS = (
    "زوجه به موجب سند نکاحیه رسمی مهریه خود شامل سکه تمام بهار آزادی را از زوج مطالبه کرده و زوج "
    "با وجود مطالبه زوجه از پرداخت مهریه خودداری نموده است"
)
EVICTION_FACTS = (
    "خواهان مالک رسمی آپارتمان مسکونی است و خوانده بدون اجاره‌نامه و بدون اذن مالک در آپارتمان ساکن شده و "
    "از تخلیه و تحویل عین مستأجره به موجر خودداری می‌کند"
)

DECISIONS = {
    "cheque": (
        "مطالبه وجه چک",
        CHEQUE_FACTS,
        "نظر به اینکه خوانده صادرکننده یا ظهرنویس چک نبوده و دعوا متوجه وی نیست، دادگاه مستنداً به بند ۴ ماده ۸۴ "
        "قانون آیین دادرسی مدنی قرار عدم استماع دعوا را صادر می‌نماید.",
    ),
    "mahr": (
        "مطالبه مهریه",
        MAHR_FACTS,
        "دادگاه با توجه به سند نکاحیه دعوا را وارد دانسته و به استناد ماده ۱۰۸۲ قانون مدنی حکم به محکومیت خوانده "
        "به پرداخت مهریه در حق خواهان صادر و اعلام می‌نماید.",
    ),
    "eviction": (
        "تخلیه عین مستأجره",
        EVICTION_FACTS,
        "نظر به اینکه رابطه استیجاری میان طرفین ثابت نیست و دعوا به کیفیت مطروحه قابل طرح نیست، دادگاه به استناد "
        "ماده ۲ قانون آیین دادرسی مدنی قرار رد دعوا را صادر می‌نماید.",
    ),
}
VARIANTS = (
    ("م. ر.", "ع. ک.", "پیرو مراجعات مکرر"),
    ("ز. ن.", "ح. الف.", "با وجود اخطار کتبی"),
    ("ف. ش.", "ب. ت.", "پس از چند بار پیگیری"),
    ("س. د.", "ک. ی.", "به رغم مذاکره حضوری"),
)


def ruling_text(kind: str, variant: int) -> str:
    khasteh, facts, decision = DECISIONS[kind]
    plaintiff, defendant, extra = VARIANTS[variant]
    return (
        f"رأی دادگاه بدوی. در خصوص دعوی {plaintiff} به طرفیت {defendant} به خواسته {khasteh} بدین شرح که {facts} "
        f"و {extra} نتیجه‌ای حاصل نشده است. {decision} رأی صادره ظرف بیست روز پس از ابلاغ قابل تجدیدنظر است. "
        "رأی دادگاه تجدیدنظر. تجدیدنظرخواهی وارد نیست و دادنامه تجدیدنظرخواسته تأیید می‌شود."
    )


def records() -> list[dict]:
    out = []
    for kind in DECISIONS:
        for v in range(len(VARIANTS)):
            out.append({
                "id": f"{kind}-{v}",
                "date": f"1402/0{v + 1}/1{v}",
                "court": "شعبه ۱۲ دادگاه عمومی حقوقی تهران",
                "link": f"https://rulings.example/{kind}/{v}",
                "text": ruling_text(kind, v),
            })
    return out


def write_rulings(path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    return path


# Petitions (our own) to query with: one like the cheque rulings, one about nothing indexed.
CHEQUE_PETITION = """ریاست محترم دادگاه عمومی حقوقی تهران
خواهان: علی رضایی فرزند حسن کد ملی 0012345678 نشانی تهران خیابان آزادی
خوانده: محمد کریمی فرزند احمد نشانی تهران خیابان انقلاب
خواسته: مطالبه وجه چک به مبلغ 500,000,000 ریال
دلایل و منضمات: تصویر چک و گواهی عدم پرداخت
شرح دادخواست: خوانده یک فقره چک بانک ملی را بابت ثمن معامله خودرو تحویل داده که به علت کسر موجودی برگشت خورده و گواهی عدم پرداخت صادر شده است؛ صادرکننده چک برادر خوانده است.
محل امضا: علی رضایی
"""
UNRELATED_PETITION = """ریاست محترم دادگاه عمومی حقوقی شیراز
خواهان: رضا احمدی فرزند علی کد ملی 0012345678 نشانی شیراز
خوانده: اداره ثبت اسناد شیراز
خواسته: ابطال سند رسمی انتقال باغ انگور
شرح دادخواست: پدرم باغ انگور موروثی را در حال بیماری و بدون رضایت ورثه به همسایه واگذار کرده و سند رسمی آن صادر شده است.
محل امضا: رضا احمدی
"""
