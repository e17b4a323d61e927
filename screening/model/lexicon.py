"""Words that may never be features of the model nor reasons people read: function words, honorifics,
name initials and place names.

Why: a score must move for what is asked and on what grounds, not because a text says «در», because
the plaintiff is «خانم», or because the court sits in «تهران» (real rulings come mostly from Tehran,
so a model left alone learns the city). These words are removed from the n-gram vocabulary when the
model is fitted, and a reason naming one of them is never shown.
"""
from __future__ import annotations

from functools import lru_cache

# Honorifics and forms of address: who the parties are is read from `claim_features.PARTY_CUES`.
HONORIFICS = frozenset({
    "آقای", "آقا", "آقایان", "خانم", "خانمها", "خانم‌ها", "بانو", "جناب", "سرکار", "محترم", "محترمه", "ریاست",
    "فرزند", "فرزندان", "نام", "شهرت", "ساکن", "نشانی", "به‌نشانی",
})

# Provinces, their capitals and the larger towns and Tehran districts that rulings name as
# addresses or seats of courts (Statistical Centre of Iran's divisions, as commonly spelled).
PLACE_NAMES = frozenset({
    "تهران", "ری", "شمیران", "اسلامشهر", "شهریار", "ورامین", "پاکدشت", "دماوند", "فیروزکوه", "رباط‌کریم", "قرچک",
    "پردیس", "بهارستان", "ملارد", "قدس", "کرج", "البرز", "نظرآباد", "فردیس", "هشتگرد", "ساوجبلاغ",
    "اصفهان", "کاشان", "نجف‌آباد", "خمینی‌شهر", "شاهین‌شهر", "مشهد", "خراسان", "نیشابور", "سبزوار", "تربت",
    "بجنورد", "بیرجند", "شیراز", "فارس", "مرودشت", "کازرون", "تبریز", "آذربایجان", "مراغه", "مرند", "ارومیه",
    "خوی", "مهاباد", "اردبیل", "اهواز", "خوزستان", "آبادان", "دزفول", "خرمشهر", "قم", "قزوین", "زنجان",
    "همدان", "کرمانشاه", "سنندج", "کردستان", "ایلام", "لرستان", "خرم‌آباد", "بروجرد", "اراک", "مرکزی", "ساوه",
    "رشت", "گیلان", "انزلی", "لاهیجان", "ساری", "مازندران", "بابل", "آمل", "قائمشهر", "گرگان", "گلستان",
    "سمنان", "شاهرود", "یزد", "کرمان", "رفسنجان", "سیرجان", "زاهدان", "سیستان", "بلوچستان", "زابل", "چابهار",
    "بندرعباس", "هرمزگان", "کیش", "قشم", "بوشهر", "شهرکرد", "بختیاری", "چهارمحال", "یاسوج", "کهگیلویه",
    "بویراحمد", "ایران", "پاسداران", "ونک", "تجریش", "نیاوران", "سعادت‌آباد", "شهرک", "غرب", "نارمک", "تهرانپارس",
    "ولیعصر", "انقلاب", "آزادی", "جردن", "میرداماد", "شریعتی", "ستارخان", "پونک", "جنت‌آباد", "اکباتان",
    "منطقه", "ناحیه", "بخش", "خیابان", "کوچه", "پلاک", "بلوار", "میدان", "بزرگراه", "طبقه", "واحد",
})

# hazm's stop words that carry a legal meaning here and may stay features.
_LEGAL_CONTENT = frozenset({"اجرا", "حکم", "قرار", "دعوا", "دعوی"})


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """hazm's Persian stop words (single words; multi-word entries are split), less the legal content words."""
    from hazm import stopwords_list

    words: set[str] = set()
    for w in stopwords_list():
        for part in w.replace("_", " ").split():
            words.add(part)
    return frozenset(words - _LEGAL_CONTENT)


@lru_cache(maxsize=1)
def excluded_words() -> frozenset[str]:
    """Every word that may be neither a feature nor a reason."""
    return stop_words() | HONORIFICS | PLACE_NAMES


def is_excluded(word: str) -> bool:
    """A function word, honorific, place name, or a name initial (one letter, as rulings write «م.»)."""
    return len(word) <= 1 or word in excluded_words()
