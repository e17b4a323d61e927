"""Small petitions written for these tests, for the model and training tests.

The generator writes cheque, mahr and eviction petitions; a petition whose key evidence
is missing from its evidence list is labelled fruitless (with a little label noise, so
the model must weigh evidence, not memorise). Training on ~120 of them takes seconds.
"""
from __future__ import annotations

import random

PLAINTIFFS = ["علی رضایی", "زهرا موسوی", "حسین کریمی", "مریم احمدی", "رضا نوری", "فاطمه صادقی", "محمد باقری", "لیلا شریفی"]
DEFENDANTS = ["مهدی کاظمی", "سارا جعفری", "امیر حسینی", "نرگس عباسی", "جواد رحیمی", "پریسا قاسمی", "کاوه مرادی", "الهام یزدانی"]
CITIES = ["تهران", "اصفهان", "شیراز", "مشهد", "تبریز", "کرج"]
STREETS = ["خیابان شریعتی", "خیابان ولیعصر", "میدان ونک", "خیابان آزادی", "بلوار کشاورز", "خیابان انقلاب"]

CHEQUE_EVIDENCE = ["تصویر مصدق چک شماره {num}", "تصویر مصدق گواهی عدم پرداخت بانک {bank}"]
MAHR_EVIDENCE = ["تصویر مصدق سند رسمی ازدواج شماره {num}"]
EVICTION_EVIDENCE = ["تصویر مصدق اجاره‌نامه عادی با امضای دو شاهد مورخ 1402/03/01", "تصویر اظهارنامه ارسالی"]


def _party(rng: random.Random, role: str, name: str) -> str:
    return (f"{role}: {name} فرزند {rng.choice(['حسن', 'احمد', 'محمود', 'جعفر'])} به نشانی {rng.choice(CITIES)}، "
            f"{rng.choice(STREETS)}، پلاک {rng.randint(1, 90)}")


def make_petition(rng: random.Random, kind: str, complete: bool) -> str:
    """One petition of `kind` (cheque | mahr | eviction); `complete` keeps its key evidence."""
    num = rng.randint(100000, 999999)
    bank = rng.choice(["ملت", "ملی", "صادرات", "تجارت"])
    amount = rng.choice([150, 300, 450, 600, 800]) * 1_000_000
    parts = [
        "برگ دادخواست به دادگاه " + ("خانواده" if kind == "mahr" else "صلح"),
        "",
        _party(rng, "خواهان", rng.choice(PLAINTIFFS)),
        _party(rng, "خوانده", rng.choice(DEFENDANTS)),
        "",
    ]
    if kind == "cheque":
        parts.append(f"خواسته و بهای آن: مطالبه وجه یک فقره چک مقوم به {amount:,} ریال به انضمام خسارت دادرسی")
        evidence = [e.format(num=num, bank=bank) for e in CHEQUE_EVIDENCE] if complete else []
        story = (f"خوانده بابت خرید کالا مبلغ {amount:,} ریال بدهکار است و با وجود مراجعات مکرر بدهی خود را نپرداخته است. "
                 "لذا صدور حکم بر محکومیت خوانده به پرداخت اصل خواسته و خسارات قانونی مورد استدعاست.")
    elif kind == "mahr":
        coins = rng.choice([14, 50, 110, 313])
        parts.append(f"خواسته و بهای آن: مطالبه مهریه به تعداد {coins} عدد سکه تمام بهار آزادی مقوم به {amount:,} ریال")
        evidence = [e.format(num=num) for e in MAHR_EVIDENCE] if complete else []
        story = ("اینجانب همسر دائمی خوانده هستم و مهریه‌ام عندالمطالبه است و تاکنون پرداخت نشده است. "
                 "صدور حکم بر محکومیت خوانده به پرداخت مهریه مورد استدعاست.")
    else:
        parts.append(f"خواسته و بهای آن: تخلیه ید مستأجر از یک واحد مسکونی به علت انقضای مدت اجاره مقوم به {amount:,} ریال")
        evidence = list(EVICTION_EVIDENCE) if complete else ["تصویر اظهارنامه ارسالی"]
        story = ("مدت اجاره به پایان رسیده است و مستأجر با وجود اظهارنامه ملک را تخلیه نکرده است. "
                 "صدور دستور تخلیه ید مورد استدعاست.")
    evidence.append("تصویر مصدق کارت ملی خواهان")
    parts += ["", "دلایل و منضمات دادخواست:"] + [f"{i}- {e}" for i, e in enumerate(evidence, 1)]
    parts += ["", "شرح دادخواست:", "ریاست محترم دادگاه", "با سلام و احترام، به استحضار می‌رساند " + story, "",
              "محل امضا: خواهان", "تاریخ: 1404/02/10"]
    return "\n".join(parts)


def make_dataset(n: int = 120, seed: int = 7, noise: float = 0.08) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        kind = ("cheque", "mahr", "eviction")[i % 3]
        complete = rng.random() < 0.55
        fruitless = int(not complete)
        if rng.random() < noise:
            fruitless = 1 - fruitless
        rows.append({"id": f"t{i}", "text": make_petition(rng, kind, complete), "fruitless": fruitless, "kind": kind})
    return rows


# --- made-up rulings (for `screening train --rulings` tests) -------------------------------------

# Words that make each made-up ruling its own case (no two are near-duplicates).
_POOL = ("باغ انبار کارگاه مغازه زمین خودرو کامیون تراکتور فرش طلا سکه دام گندم برنج چای پارچه کتاب رایانه گوشی "
         "یخچال مبل کابینت کاشی سیمان آهن مس چوب شیشه رنگ لوله کابل موتور پمپ ژنراتور قایق هواپیما اتوبوس دوچرخه "
         "ساعت دوربین پرینتر سرور نرم‌افزار سهام اوراق برات حواله قبض بیمه سپرده وام قسط اجاره ودیعه رهن صلح هبه").split()
_LOST = ("قرار عدم استماع دعوی صادر می‌گردد.", "قرار رد دعوی خواهان صادر می‌گردد.")
_WON = "حکم به محکومیت خوانده به پرداخت خواسته در حق خواهان صادر می‌گردد."


def make_ruling(claim: str, decision: str) -> str:
    """A first-instance ruling followed by its appeal, in the archive's layout."""
    return (f". رأی دادگاه بدوی. در خصوص دعوی آقای الف. به طرفیت آقای ب. به خواسته {claim}، "
            f"این دادگاه با توجه به محتویات پرونده {decision} . رأی دادگاه تجدیدنظر استان. دادنامه تأیید می‌شود.")


def make_rulings(n: int = 60, seed: int = 7) -> list[dict]:
    """`n` rulings {"id", "text"}, every other one fruitless; the claim says whether its proof was given."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        fruitless = i % 2 == 0
        words = " ".join(rng.sample(_POOL, 12))
        head = rng.choice(["مطالبه وجه چک", "مطالبه بهای کالا", "استرداد ثمن"])
        proof = "بدون ارائه گواهی عدم پرداخت و بدون سند" if fruitless else "با تصویر مصدق سند و گواهی عدم پرداخت"
        decision = _LOST[i % 4 // 2] if fruitless else _WON
        out.append({"id": f"r{i}", "text": make_ruling(f"{head} بابت {words} {proof}", decision)})
    return out
