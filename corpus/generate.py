"""Deterministic generator of the synthetic petition corpus (standard library only).

    python corpus/generate.py --seed 13 --n 6000 --out corpus/petitions.jsonl
    python corpus/generate.py --stats corpus/petitions.jsonl      # tables for the datasheet

Each row is drawn with its own `random.Random(f"{seed}:{index}")`, so the same seed gives a byte-identical file
and the first k rows do not depend on --n. How a row is built (see corpus/README.md for the shares):
  1. claim type (weights in vocab.CLAIMS);
  2. scenario: clean (accepted / partially_accepted / merits_rejected), Article 51 defect (rejected_petition,
     or cured → accepted), or a legal ground (DOMAIN.md §4/§7) that decides the outcome via GROUND_OUTCOME;
  3. the petition text in "form" or "narrative" style, with the ground visible only where the law makes it
     visible (a missing key document, the addressed court, a date, a sentence);
  4. surface noise of real drafts (digits, Arabic letters, ZWNJ, typos, spacing, informal register);
  5. label noise: with probability LABEL_NOISE the fruitless bit is flipped (row gets noise=true).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("petition_corpus_vocab", _HERE / "vocab.py")
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)  # type: ignore[union-attr]

CLAIM_TYPES = list(V.CLAIMS)
OUTCOMES = ["accepted", "partially_accepted", "rejected_petition", "not_heard", "claim_rejected", "invalid",
            "no_right", "merits_rejected"]
# Procedural dead-ends count as fruitless. merits_rejected («حکم به رد دعوا») is a loss after a full hearing on
# the merits; screening cannot foresee it, so it is NOT fruitless (see README, "Labelling").
FRUITLESS = {"accepted": 0, "partially_accepted": 0, "merits_rejected": 0, "rejected_petition": 1,
             "not_heard": 1, "claim_rejected": 1, "invalid": 1, "no_right": 1}
ARTICLE51_FIELDS = ["plaintiff", "defendant", "claim", "claim_value", "facts", "request", "evidence", "signature"]

# Which decision each ground leads to (the basis in brackets).
GROUND_OUTCOME = {
    "NO_JURISDICTION": "claim_rejected",  # CPC 84(1)/89: قرار عدم صلاحیت (territorial); see README
    "WRONG_FORUM": "claim_rejected",  # wrong kind of court (Peace / General / Family); قرار عدم صلاحیت
    "LIS_PENDENS": "claim_rejected",  # CPC 84(2)
    "PLAINTIFF_INCAPACITY": "claim_rejected",  # CPC 84(3)
    "NOT_AGAINST_DEFENDANT": "claim_rejected",  # CPC 84(4)
    "AUTHORITY_UNPROVEN": "claim_rejected",  # CPC 84(5)
    "RES_JUDICATA": "claim_rejected",  # CPC 84(6)
    "NOT_DEFINITIVE": "claim_rejected",  # CPC 84(9)
    "NO_LEGAL_EFFECT": "invalid",  # CPC 84(7); courts write حکم بطلان دعوا
    "ILLEGITIMATE": "invalid",  # CPC 84(8); بطلان
    "NO_INTEREST": "no_right",  # CPC 2, 84(10); practice often حکم بی‌حقی
    "PAST_RELATIVE_MAINTENANCE": "no_right",  # CC 1206: relatives have no right to past maintenance
    "TIME_BARRED": "not_heard",  # Commerce 280, 315: عدم استماع against endorsers
    "ESAR_NO_WITNESSES": "not_heard",  # CPC 506
    "NO_TITLE_FOR_EVICTION": "not_heard",  # RVR 672
    "UNREGISTERED_IMMOVABLE_DEAL": "not_heard",  # 1403 registration law: «قابل استماع نیست»
    "MISSING_EVIDENCE": "not_heard",  # key document of DOMAIN §7 absent
}
OUTCOME_PRECEDENCE = ["rejected_petition", "claim_rejected", "no_right", "invalid", "not_heard"]

# Shares (documented in README).
P_DEFECT = 0.12  # Article 51 defect scenario
P_GROUND = 0.30  # legal-ground scenario
P_CURED = 0.30  # defect cured within 10 days (CPC 54) → accepted
P_CURED_SIGNATURE = 0.70  # a missing signature is usually cured on the spot
P_SECOND_DEFECT = 0.15
P_SECOND_GROUND = 0.10
P_DECOY = 0.25
LABEL_NOISE = 0.05
P_FORM = 0.55
CLEAN_OUTCOMES_FIN = [("accepted", 0.62), ("partially_accepted", 0.18), ("merits_rejected", 0.20)]
CLEAN_OUTCOMES_NONFIN = [("accepted", 0.75), ("partially_accepted", 0.05), ("merits_rejected", 0.20)]
DEFECT_WEIGHTS = {"plaintiff": 1, "defendant": 2, "claim": 2, "claim_value": 3, "facts": 2, "request": 2,
                  "evidence": 3, "signature": 2}

# ----------------------------------------------------------------------------- Jalali calendar
EPOCH_YEAR = 1370


def is_leap(year: int) -> bool:
    """33-year rule; matches the official calendar for 1370–1420 (1399, 1403 leap; 1404, 1405 not)."""
    return year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)


def month_len(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


def to_ordinal(y: int, m: int, d: int) -> int:
    n = sum(366 if is_leap(yy) else 365 for yy in range(EPOCH_YEAR, y))
    n += sum(month_len(y, mm) for mm in range(1, m))
    return n + d - 1


def from_ordinal(n: int) -> tuple[int, int, int]:
    y = EPOCH_YEAR
    while n >= (366 if is_leap(y) else 365):
        n -= 366 if is_leap(y) else 365
        y += 1
    m = 1
    while n >= month_len(y, m):
        n -= month_len(y, m)
        m += 1
    return y, m, n + 1


# ----------------------------------------------------------------------------- numbers and IDs (DOMAIN §8)
ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
SCALES = [(10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار")]


def _below_thousand(n: int) -> list[str]:
    parts = []
    if n >= 100:
        parts.append(HUNDREDS[n // 100])
        n %= 100
    if 10 <= n < 20:
        parts.append(TEENS[n - 10])
    else:
        if n >= 20:
            parts.append(TENS[n // 10])
        if n % 10:
            parts.append(ONES[n % 10])
    return parts


def number_to_words(n: int) -> str:
    """Persian words for a non-negative integer («چهارصد و پنجاه میلیون»)."""
    if n == 0:
        return "صفر"
    parts: list[str] = []
    for value, name in SCALES:
        if n >= value:
            head = n // value
            # above 999 billion the count of billions is itself spelled out («هزار و سیصد میلیارد»)
            words = number_to_words(head) if head >= 1000 else " و ".join(_below_thousand(head))
            parts.append(name if (value == 1000 and head == 1) else words + " " + name)  # «هزار», not «یک هزار»
            n %= value
    if n:
        parts.append(" و ".join(_below_thousand(n)))
    return " و ".join(parts)


def national_id(rng: random.Random, valid: bool = True) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if len(set(d)) == 1 or all(x == 0 for x in d[3:9]):
            continue
        s = sum(d[i] * (10 - i) for i in range(9)) % 11
        check = s if s < 2 else 11 - s
        if not valid:
            check = (check + rng.randint(1, 9)) % 10
        return "".join(map(str, d)) + str(check)


def legal_id(rng: random.Random) -> str:
    while True:
        d = [1, 0] + [rng.randint(0, 9) for _ in range(8)]
        if all(x == 0 for x in d[3:9]):
            continue
        base = d[9] + 2
        weights = [29, 27, 23, 19, 17]
        r = sum((base + d[i]) * weights[i % 5] for i in range(10)) % 11
        return "".join(map(str, d)) + str(0 if r == 10 else r)


def postal_code(rng: random.Random, prefix: str) -> str:
    first = prefix + "".join(rng.choice("13456789") for _ in range(2)) + rng.choice("134679")
    return first + "".join(rng.choice("013456789") for _ in range(5))


def mobile(rng: random.Random) -> str:
    core = rng.choice(["912", "913", "919", "935", "936", "937", "938", "939", "901", "902", "905", "930",
                       "933", "921", "922"]) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    form = rng.random()
    if form < 0.80:
        return "0" + core
    if form < 0.88:
        return "+98" + core
    if form < 0.93:
        return "0098" + core
    return "0" + core[:3] + " " + core[3:6] + " " + core[6:]


# ----------------------------------------------------------------------------- surface formatting
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ZWNJ = "\u200c"


def weighted(rng: random.Random, pairs: list[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def group_digits(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def format_amount(rial: int, rng: random.Random) -> str:
    """The claim value as drafters write it: separators, words, toman, or words and digits together."""
    sep = weighted(rng, [(",", 0.5), ("/", 0.2), (".", 0.12), ("٬", 0.1), ("", 0.08)])
    digits = group_digits(rial, sep) if sep else str(rial)
    mode = weighted(rng, [("digits", 0.45), ("both", 0.2), ("words", 0.1), ("toman", 0.12), ("short", 0.08),
                          ("words_first", 0.04), ("reversed", 0.01)])
    if mode == "digits":
        return f"{digits} ریال"
    if mode == "both":
        return f"{digits} ریال ({number_to_words(rial)} ریال)"
    if mode == "words_first":
        return f"{number_to_words(rial)} ریال ({digits} ریال)"
    if mode == "words":
        return f"{number_to_words(rial)} ریال"
    if mode == "toman":
        toman = rial // 10
        if toman % 1_000_000 == 0 and rng.random() < 0.7:
            return f"{toman // 1_000_000} میلیون تومان"
        return f"{group_digits(toman, sep or ',')} تومان"
    if mode == "short":
        if rial % 1_000_000 == 0:
            return f"{rial // 1_000_000} میلیون ریال"
        return f"{digits} ریال"
    # RTL copy reverses the groups (DOMAIN §9): 450,000,000 → 000,000,450
    groups = f"{rial:,}".split(",")
    return (sep or "/").join(reversed(groups)) + " ریال"


def nice_amount(rng: random.Random, lo: int, hi: int) -> int:
    # Log-uniform with extra mass around the Peace Court cap, where forum mistakes happen.
    if lo < V.PEACE_CAP_RIAL < hi and rng.random() < 0.15:
        x = rng.uniform(0.7, 1.4) * V.PEACE_CAP_RIAL
    else:
        x = lo * (hi / lo) ** rng.random()
    step = 10_000_000 if x >= 100_000_000 else 1_000_000
    if rng.random() < 0.15:
        step //= 10
    return max(step, int(round(x / step)) * step)


# ----------------------------------------------------------------------------- people
def person(rng: random.Random, female: bool = False, city: tuple | None = None) -> dict:
    city = city or rng.choice(V.CITIES)
    first = rng.choice(V.FEMALE_NAMES if female else V.MALE_NAMES)
    last = rng.choice(V.SURNAMES)
    addr = f"{city[0]}، {rng.choice(city[2])}، {rng.choice(V.ALLEYS)}، پلاک {rng.randint(1, 220)}"
    if rng.random() < 0.4:
        addr += f"، {rng.choice(['واحد', 'طبقه'])} {rng.randint(1, 12)}"
    return {
        "name": f"{first} {last}", "last": last, "father": rng.choice(V.MALE_NAMES),
        "nid": national_id(rng, valid=rng.random() > 0.06), "job": rng.choice(V.JOBS),
        "age": rng.randint(22, 75), "city": city, "address": addr, "postal": postal_code(rng, city[3]),
        "mobile": mobile(rng), "company": False, "female": female,
    }


def company(rng: random.Random, city: tuple | None = None) -> dict:
    p = person(rng, city=city)
    name = (f"شرکت {rng.choice(V.COMPANY_WORDS_1)} {rng.choice(V.COMPANY_WORDS_2)} "
            f"{rng.choice(V.COMPANY_WORDS_3)} {rng.choice(V.COMPANY_KINDS)}").strip()
    p.update({"name": name, "company": True, "lid": legal_id(rng), "manager": p["name"]})
    return p


def party_line(rng: random.Random, p: dict, table: bool, minor_guardian: str | None = None,
               show_age: bool = False, drop_address: bool = False) -> str:
    """One party as written in the party box: labelled inline text, or a pasted e-form row (tab separated)."""
    addr = "" if drop_address else p["address"]
    if p["company"]:
        bits = [p["name"], f"به شناسه ملی {p['lid']}"]
        if rng.random() < 0.6:
            bits.append(f"به مدیریت عاملی آقای {p['manager']}")
        if addr:
            bits.append(f"به نشانی {addr}")
        if rng.random() < 0.6 and addr:
            bits.append(f"کدپستی {p['postal']}")
        return " ".join(bits)
    if table:
        cells = [f"نام و نام خانوادگی: {p['name']}"]
        if rng.random() < 0.9:
            cells.append(f"نام پدر: {p['father']}")
        if show_age or rng.random() < 0.3:
            cells.append(f"سن: {p['age']}")
        cells.append(f"کد ملی: {p['nid']}")
        if rng.random() < 0.5:
            cells.append(f"شغل: {p['job']}")
        if addr:
            cells.append(f"نشانی: {addr}")
            cells.append(f"کدپستی: {p['postal']}")
        cells.append(f"تلفن همراه: {p['mobile']}")
        line = rng.choice(["\t", " | ", "  "]).join(cells)
    else:
        bits = [p["name"]]
        if rng.random() < 0.9:
            bits.append(f"فرزند {p['father']}")
        bits.append(rng.choice(["به کد ملی", "کد ملی:", "به شماره ملی", "ش.م"]) + f" {p['nid']}")
        if show_age:
            bits.append(f"{rng.choice(['سن', 'متولد', 'به سن'])} {p['age']}" + ("" if rng.random() < 0.5 else " سال"))
        if rng.random() < 0.5:
            bits.append(f"شغل {p['job']}")
        if addr:
            bits.append(f"{rng.choice(['به نشانی', 'ساکن', 'نشانی:'])} {addr}")
            if rng.random() < 0.85:
                bits.append(f"کدپستی {p['postal']}")
        if rng.random() < 0.85:
            bits.append(f"{rng.choice(['تلفن همراه', 'تلفن:', 'موبایل'])} {p['mobile']}")
        line = " ".join(bits)
    if minor_guardian:
        line += f" با ولایت پدرش آقای {minor_guardian}"
    return line


# ----------------------------------------------------------------------------- scenario
def choose_scenario(rng: random.Random, ct: str) -> dict:
    spec = V.CLAIMS[ct]
    r = rng.random()
    if r < P_DEFECT:
        fields = [f for f in DEFECT_WEIGHTS if (spec["financial"] or f != "claim_value")
                  and not (spec.get("no_defendant") and f == "defendant")]
        pairs = [(f, DEFECT_WEIGHTS[f]) for f in fields]
        missing = [weighted(rng, pairs)]
        if rng.random() < P_SECOND_DEFECT:
            second = weighted(rng, [p for p in pairs if p[0] not in missing])
            missing.append(second)
        if "plaintiff" in missing:
            cured = False  # CPC 56: rejected without a cure notice
        elif missing == ["signature"]:
            cured = rng.random() < P_CURED_SIGNATURE
        else:
            cured = rng.random() < P_CURED
        missing = [f for f in ARTICLE51_FIELDS if f in missing]
        return {"kind": "defect", "missing": missing, "cured": cured, "grounds": []}
    if r < P_DEFECT + P_GROUND:
        pairs = list(spec["grounds"].items())
        grounds = [weighted(rng, pairs)]
        if rng.random() < P_SECOND_GROUND:
            extra = [(g, w) for g, w in [("NOT_DEFINITIVE", 1), ("LIS_PENDENS", 1), ("AUTHORITY_UNPROVEN", 1),
                                         ("MISSING_EVIDENCE", 1)] if g not in grounds and g in spec["grounds"]]
            if extra:
                grounds.append(weighted(rng, extra))
        return {"kind": "ground", "missing": [], "cured": False, "grounds": grounds}
    return {"kind": "clean", "missing": [], "cured": False, "grounds": []}


def outcome_for(rng: random.Random, ct: str, sc: dict) -> tuple[str, list[str]]:
    if sc["kind"] == "defect":
        if sc["cured"]:
            return "accepted", []
        return "rejected_petition", sorted("MISSING_" + f.upper() for f in sc["missing"])
    if sc["kind"] == "ground":
        outs = [GROUND_OUTCOME[g] for g in sc["grounds"]]
        best = min(outs, key=OUTCOME_PRECEDENCE.index)
        return best, sorted(sc["grounds"])
    table = CLEAN_OUTCOMES_FIN if V.CLAIMS[ct]["financial"] else CLEAN_OUTCOMES_NONFIN
    return weighted(rng, table), []


# ----------------------------------------------------------------------------- forum
def correct_forum(spec: dict, value: int | None) -> str:
    forum = spec["forum"]
    if forum == "by_value":
        return "peace" if value is not None and value <= V.PEACE_CAP_RIAL else "general"
    if forum == "family_by_value":
        return "peace" if value is not None and value <= V.PEACE_CAP_RIAL else "family"
    return forum


def wrong_forum(rng: random.Random, spec: dict, right: str) -> str:
    if spec["forum"] in ("family", "family_by_value"):
        # A divorce or custody claim sent to a civil court, or a big mahr to the Peace Court.
        return "general" if right != "family" or rng.random() < 0.7 else "peace"
    if right == "peace":
        return "general"
    if right == "general":
        return "peace" if spec["forum"] == "by_value" else rng.choice(["peace", "family"])
    return "general"


# ----------------------------------------------------------------------------- one petition
def build_row(seed: int, index: int) -> dict:
    rng = random.Random(f"{seed}:{index}")
    ct = weighted(rng, [(c, V.CLAIMS[c]["weight"]) for c in CLAIM_TYPES])
    spec = V.CLAIMS[ct]
    sc = choose_scenario(rng, ct)
    true_outcome, true_grounds = outcome_for(rng, ct, sc)
    grounds = set(sc["grounds"])
    missing = set(sc["missing"])

    # --- dates
    unregistered = "UNREGISTERED_IMMOVABLE_DEAL" in grounds
    if unregistered:
        pdate = to_ordinal(1403, 6, 1) + rng.randint(0, 390)
        d1 = rng.randint(to_ordinal(1403, 4, 3), pdate - 20)
    else:
        pdate = to_ordinal(1402, 1, 15) + rng.randint(0, 880)
        d1 = pdate - rng.randint(230, 1100)
        if ct == "deed_transfer" and d1 >= to_ordinal(1403, 4, 3):
            d1 = to_ordinal(1403, 4, 3) - rng.randint(30, 900)
    date_style = weighted(rng, [("pad", 0.8), ("nopad", 0.12), ("dayfirst", 0.04), ("short", 0.04)])

    def fmt_date(o: int) -> str:
        y, m, d = from_ordinal(o)
        if date_style == "nopad":
            return f"{y}/{m}/{d}"
        if date_style == "dayfirst":
            return f"{d}/{m}/{y}"
        if date_style == "short" and rng.random() < 0.5:
            return f"{y % 100:02d}/{m}/{d}"
        return f"{y}/{m:02d}/{d:02d}"

    # --- parties and places
    court_city = rng.choice(V.CITIES)
    wife_plaintiff = ct in ("mahr", "marital_fair_wage") or (ct == "nafaqa") or \
        (ct == "divorce" and rng.random() < 0.6) or (ct in ("custody", "visitation") and rng.random() < 0.55)
    if "PAST_RELATIVE_MAINTENANCE" in grounds:
        wife_plaintiff = rng.random() < 0.5
    if "NO_INTEREST" in grounds and ct == "mahr":
        wife_plaintiff = True
    p_city = court_city if rng.random() < 0.7 else rng.choice(V.CITIES)
    plaintiff = person(rng, female=wife_plaintiff, city=p_city)
    if ct == "tamkin":
        plaintiff = person(rng, female=False, city=p_city)
    family = spec["forum"] in ("family", "family_by_value")
    d_female = ct == "tamkin" or (family and not wife_plaintiff and ct not in ("nafaqa",))
    if "PAST_RELATIVE_MAINTENANCE" in grounds:
        d_female = False
    d_city = court_city
    if spec["territory"] in ("wife", "any") and rng.random() < 0.3:
        d_city = rng.choice(V.CITIES)
    if "NO_JURISDICTION" in grounds and spec["territory"] == "defendant":
        d_city = rng.choice([c for c in V.CITIES if c != court_city])
        plaintiff = person(rng, female=wife_plaintiff, city=court_city)
    use_company = ct in ("cheque", "money_claim", "damages", "contract_rescission", "other", "fair_rent") and \
        rng.random() < 0.15
    defendant = company(rng, city=d_city) if use_company else person(rng, female=d_female, city=d_city)
    p_city_prop = court_city
    if "NO_JURISDICTION" in grounds and spec["territory"] == "property":
        p_city_prop = rng.choice([c for c in V.CITIES if c != court_city])
    dec_city = court_city
    if "NO_JURISDICTION" in grounds and spec["territory"] == "deceased":
        dec_city = rng.choice([c for c in V.CITIES if c != court_city])

    # --- value and forum
    value = None
    amt2 = None
    coins = rng.choice([1, 5, 14, 50, 110, 114, 124, 313, 500, 1000, 1372, 1400])
    months = rng.randint(3, 36)
    monthly = rng.choice(range(10_000_000, 90_000_001, 5_000_000))
    claim_variant = None
    if spec["financial"]:
        lo, hi = spec["value"]
        value = nice_amount(rng, lo, hi)
        if ct == "mahr":
            claim_variant = rng.randrange(len(spec["claim"]))
            if claim_variant == 0:
                value = coins * rng.choice(range(400_000_000, 900_000_001, 10_000_000))
        if ct == "nafaqa":
            value = monthly * months
        if ct == "late_payment_damages":
            amt2 = nice_amount(rng, 50_000_000, 5_000_000_000)
        if ct == "mahr" and claim_variant == 2:
            amt2 = value
    right = correct_forum(spec, value)
    if spec["forum"] == "main":
        right = rng.choice(["general", "peace", "family"])
    forum = wrong_forum(rng, spec, right) if "WRONG_FORUM" in grounds else right
    court_name = rng.choice(V.COURTS[forum])

    # --- representation
    lawyer = None
    if rng.random() < 0.18 or "AUTHORITY_UNPROVEN" in grounds and rng.random() < 0.6:
        lawyer = person(rng, city=court_city)
    poa = lawyer is not None and "AUTHORITY_UNPROVEN" not in grounds
    incapable = "PLAINTIFF_INCAPACITY" in grounds
    if incapable:
        plaintiff["age"] = rng.randint(12, 17)
    guardian_decoy = not grounds and rng.random() < 0.03
    if guardian_decoy:
        plaintiff["age"] = rng.randint(11, 17)

    x1 = f"{rng.choice(V.MALE_NAMES)} {rng.choice(V.SURNAMES)}"
    x2 = f"{rng.choice(V.MALE_NAMES)} {rng.choice(V.SURNAMES)}"
    amt_text = format_amount(value, rng) if value is not None else ""
    if "claim_value" in missing:
        amt_text = rng.choice(["وجه مذکور", "مبلغ مورد طلب", "مبلغ مندرج در سند"])
    heirs = rng.choice([f"{rng.randint(1, 4)} پسر و {rng.randint(0, 4)} دختر و همسر متوفی",
                        f"اینجانب و {rng.randint(1, 5)} نفر دیگر به شرح استشهادیه",
                        "همسر و فرزندان متوفی به شرح پیوست"])
    year_now = from_ordinal(pdate)[0]
    ctx = {
        "P": plaintiff["name"], "PF": plaintiff["father"], "D": defendant["name"], "COURT": court_name,
        "CITY": court_city[0], "AMT": amt_text,
        "AMT2": format_amount(amt2, rng) if amt2 and "claim_value" not in missing else amt_text,
        "NO": f"{rng.randint(1000, 9999)}/{rng.randint(100000, 999999)}" if rng.random() < 0.6
        else "".join(str(rng.randint(0, 9)) for _ in range(16)),
        "NO2": str(rng.randint(10000, 999999)), "BANK": rng.choice(V.BANKS), "BRANCH": rng.choice(V.BRANCH_WORDS),
        "D0": fmt_date(d1 - rng.randint(20, 200)), "D1": fmt_date(d1), "D_OK": fmt_date(d1 + rng.randint(1, 10)),
        "D_LATE": fmt_date(d1 + rng.randint(60, 200)), "D_NEW": fmt_date(d1),
        "X": x1, "X2": x2,
        "PROP": f"{rng.randint(1, 900)} فرعی از {rng.randint(1, 300)} اصلی بخش {rng.randint(1, 12)} {p_city_prop[0]}",
        "PADDR": f"{p_city_prop[0]}، {rng.choice(p_city_prop[2])}، {rng.choice(V.ALLEYS)}، پلاک {rng.randint(1, 200)}",
        "PCITY": p_city_prop[0], "DCITY": dec_city[0],
        "CHILD": rng.choice(V.MALE_NAMES + V.FEMALE_NAMES), "CHILD_AGE": str(rng.randint(2, 14)),
        "MONTHS": str(months), "MONTHLY": format_amount(monthly, rng), "COINS": str(coins),
        "MARR_NO": str(rng.randint(100, 9999)), "MARR_DATE": fmt_date(to_ordinal(rng.randint(1380, 1400), 1, 1)
                                                                      + rng.randint(0, 360)),
        "OFFICE": str(rng.randint(1, 250)), "DEC": f"{rng.choice(V.MALE_NAMES + V.FEMALE_NAMES)} {plaintiff['last']}",
        "DEATH_DATE": fmt_date(pdate - rng.randint(20, 400)), "HEIRS": heirs,
        "BRANCH_NO": str(rng.randint(1, 60)), "CASE_NO": f"{year_now - rng.randint(0, 2)}/{rng.randint(10, 2999)}",
        "JUDG_NO": str(year_now - rng.randint(0, 3)) + "".join(str(rng.randint(0, 9)) for _ in range(14)),
        "CAR": rng.choice(V.CARS), "P_AGE": str(plaintiff["age"]), "OLD_YEAR": str(rng.randint(1385, 1401)),
        "REASON": rng.choice(spec["reasons"]),
        "HARDSHIP": rng.choice(spec.get("hardships", ["مشکلات مالی"])),
        "INCIDENT": rng.choice(spec.get("incidents", ["حادثه"])),
        "N_NOTES": rng.choice(["دو", "سه", "چهار"]),
    }

    def fill(t: str) -> str:
        return t.format(**ctx)

    # --- claim
    claim_tpl = spec["claim"][claim_variant] if claim_variant is not None else rng.choice(spec["claim"])
    for g in sorted(grounds):
        if (ct, g) in V.GROUND_CLAIM:
            claim_tpl = rng.choice(V.GROUND_CLAIM[(ct, g)])
    claim = fill(claim_tpl)

    # --- evidence
    key_alts = spec["key_evidence"]
    for g in sorted(grounds):
        key_alts = V.GROUND_KEY_EVIDENCE.get((ct, g), key_alts)
    key_items = [rng.choice(alts) for alts in key_alts]
    drop_key = set()
    if "MISSING_EVIDENCE" in grounds or "ESAR_NO_WITNESSES" in grounds:
        drop_key.add(rng.choice(spec["missable"]) if key_alts is spec["key_evidence"] else 0)
    if "NO_TITLE_FOR_EVICTION" in grounds:
        drop_key.add(0)
        key_items.append(rng.choice(["تصویر قولنامه عادی", "تصویر مبایعه‌نامه عادی مورخ {D1}", "رسیدهای پرداخت ثمن"]))
    if "ESAR_NO_WITNESSES" in grounds and rng.random() < 0.3:
        key_items.append("شهادت‌نامه یک نفر همسایه")
    evidence = [fill(it) for i, it in enumerate(key_items) if i not in drop_key]
    banned = [w for g in sorted(grounds) for w in V.GROUND_EXCLUDES_EVIDENCE.get(g, [])]
    optional = [o for o in spec["optional_evidence"] if not any(w in o for w in banned)]
    rng.shuffle(optional)
    n_opt = rng.randint(1 if drop_key else 0, min(3, len(optional)))
    evidence += [fill(o) for o in optional[:n_opt]]
    if rng.random() < 0.25:
        evidence.append(rng.choice(["تصویر کارت ملی خواهان", "تصویر شناسنامه خواهان"]))
    if poa and rng.random() < 0.95:  # 5%: the وکالت‌نامه went in through the e-system, not listed
        evidence.append(fill(rng.choice(V.POA_EVIDENCE)))
    evidence = list(dict.fromkeys(evidence))  # drafts rarely list the same document twice
    if rng.random() < 0.15 and len(evidence) > 2:
        first = evidence.pop(0)
        evidence.insert(rng.randint(1, len(evidence)), first)

    # --- facts
    replace = any((ct, g) in V.REPLACES_FACTS for g in grounds)
    facts: list[str] = [] if replace else [fill(rng.choice(spec["facts"]))]
    if "NO_TITLE_FOR_EVICTION" in grounds:
        facts = [fill(spec["facts"][1])]
    conditional_request = False
    for g in sorted(grounds):
        texts = spec["ground_text"].get(g) or V.GROUND_TEXT.get(g, [])
        if isinstance(texts, dict):
            texts = texts["female" if plaintiff["female"] else "male"]
        if g == "NOT_DEFINITIVE" and rng.random() < 0.5:
            conditional_request = True
            continue
        if g == "AUTHORITY_UNPROVEN" and lawyer is not None and rng.random() < 0.6:
            continue  # only the missing وکالت‌نامه shows it
        if g == "PLAINTIFF_INCAPACITY" and rng.random() < 0.4:
            continue  # only the age in the party box shows it
        if g == "ESAR_NO_WITNESSES" and rng.random() < 0.4:
            continue  # only the absent استشهادیه shows it
        if texts:
            facts.append(fill(rng.choice(texts)))
    if rng.random() < P_DECOY:
        pool = list(V.DECOYS["any"])
        if not grounds:
            pool += V.DECOYS.get(ct, []) * 2
        facts.insert(rng.randint(0, len(facts)), fill(rng.choice(pool)))

    req_tpl = rng.choice(spec["request"])
    for g in sorted(grounds):
        if (ct, g) in V.GROUND_REQUEST:
            req_tpl = rng.choice(V.GROUND_REQUEST[(ct, g)])
    request = fill(req_tpl)
    if conditional_request:
        request = rng.choice(V.CONDITIONAL_PREFIXES) + request

    drop_p_address = "plaintiff" in missing and rng.random() < 0.4
    signer = lawyer["name"] if lawyer is not None and rng.random() < 0.7 else plaintiff["name"]
    if "AUTHORITY_UNPROVEN" in grounds and lawyer is None:
        signer = x1
    parts = {
        "forum": forum, "court": court_name, "claim": claim, "evidence": evidence, "facts": facts,
        "request": request, "date": fmt_date(pdate), "signer": signer,
    }
    style = "form" if rng.random() < P_FORM else "narrative"
    text = (render_form if style == "form" else render_narrative)(
        rng, spec, ctx, parts, plaintiff, defendant, lawyer, missing, drop_p_address,
        show_age=incapable or guardian_decoy, guardian=(f"{plaintiff['father']} {plaintiff['last']}"
                                                         if guardian_decoy else None),
        force_city="NO_JURISDICTION" in grounds)
    text = surface_noise(rng, text)

    # --- label noise: flip the fruitless bit
    outcome, row_grounds, noise = true_outcome, true_grounds, False
    if rng.random() < LABEL_NOISE:
        noise = True
        if FRUITLESS[true_outcome]:
            outcome = weighted(rng, CLEAN_OUTCOMES_FIN)
            row_grounds = []
        else:
            g = weighted(rng, list(spec["grounds"].items()))
            outcome, row_grounds = GROUND_OUTCOME[g], [g]
    return {"id": f"c-{index + 1:06d}", "text": text, "claim_type": ct, "outcome": outcome,
            "fruitless": FRUITLESS[outcome], "grounds": row_grounds, "style": style, "noise": noise}


# ----------------------------------------------------------------------------- rendering
def _title(rng: random.Random, forum: str, ctx: dict, force_city: bool) -> str:
    options = V.FORM_TITLES[forum]
    t = rng.choice([o for o in options if "{CITY}" in o] if force_city and any("{CITY}" in o for o in options)
                   else options)
    return t.format(**ctx)


def _opener(rng: random.Random, ctx: dict, force_city: bool) -> str:
    options = [o for o in V.ADDRESS_OPENERS if "{CITY}" in o] if force_city else V.ADDRESS_OPENERS
    return rng.choice(options).format(**ctx)


def _evidence_block(rng: random.Random, items: list[str]) -> list[str]:
    style = weighted(rng, [("dash", 0.5), ("dot", 0.2), ("paren", 0.15), ("inline", 0.15)])
    if style == "inline":
        return [" ".join(f"{i}- {it}" for i, it in enumerate(items, 1))]
    mark = {"dash": "{}- ", "dot": "{}. ", "paren": "{}) "}[style]
    return [mark.format(i) + it for i, it in enumerate(items, 1)]


def render_form(rng, spec, ctx, parts, plaintiff, defendant, lawyer, missing, drop_p_address, show_age,
                guardian, force_city) -> str:
    table = rng.random() < 0.3
    lines = [_title(rng, parts["forum"], ctx, force_city), ""]
    # a pasted e-form row already carries its own cell labels, so the row label is just the role
    p_label = rng.choice(["خواهان", "خواهان:"]) if table else rng.choice(V.LABELS["plaintiff"])
    d_label = rng.choice(["خوانده", "خوانده:"]) if table else rng.choice(V.LABELS["defendant"])
    if "plaintiff" not in missing or drop_p_address:
        lines.append(f"{p_label} "
                     + party_line(rng, plaintiff, table, guardian, show_age, drop_address=drop_p_address))
    if spec.get("no_defendant"):
        pass
    elif "defendant" not in missing:
        lines.append(f"{d_label} " + party_line(rng, defendant, table))
    elif rng.random() < 0.5:
        lines.append(f"{rng.choice(V.LABELS['defendant'])} {defendant['name']}")  # name only, no address
    if lawyer is not None:
        lines.append(f"{rng.choice(V.LABELS['lawyer'])} {lawyer['name']} {rng.choice(V.LAWYER_TITLES)} "
                     f"به نشانی {lawyer['address']} تلفن {lawyer['mobile']}")
    if guardian and rng.random() < 0.5:
        lines.append(f"ولی قهری: {guardian}")
    lines.append("")
    if "claim" not in missing:
        claim = parts["claim"]
        if spec["financial"] and "claim_value" not in missing and ctx["AMT"] not in claim:
            claim += f" {rng.choice(['مقوم به', 'به مبلغ', 'مقوم به مبلغ'])} {ctx['AMT']}"
        elif not spec["financial"] and rng.random() < 0.3:
            claim += " (غیرمالی)"
        lines.append(f"{rng.choice(V.LABELS['claim'])} {claim}")
        lines.append("")
    if "evidence" not in missing:
        lines.append(rng.choice(V.LABELS["evidence"]))
        lines += _evidence_block(rng, parts["evidence"])
        lines.append("")
    body: list[str] = []
    if "facts" not in missing:
        body.append(rng.choice(V.SALUTATIONS) + " " + " ".join(parts["facts"]))
    if "request" not in missing:
        body.append(rng.choice(["لذا ", "بنا به مراتب فوق، ", "علیهذا ", ""]) + parts["request"])
    if body or rng.random() < 0.5:
        lines.append(rng.choice(V.LABELS["facts"]))
        if body:
            lines.append(_opener(rng, ctx, force_city))
            lines += body if rng.random() < 0.6 else [" ".join(body)]
        lines.append("")
    if "signature" not in missing:
        lines.append(rng.choice(V.LABELS["signature"]).format(P=parts["signer"]))
    lines.append(rng.choice(V.LABELS["date"]).format(DATE=parts["date"]))
    return "\n".join(lines)


def render_narrative(rng, spec, ctx, parts, plaintiff, defendant, lawyer, missing, drop_p_address, show_age,
                     guardian, force_city) -> str:
    plain = rng.random() < 0.3
    lines = []
    if rng.random() < 0.85 or force_city:
        lines.append(_opener(rng, ctx, force_city))
    who = []
    if "plaintiff" not in missing or drop_p_address:
        p = plaintiff
        desc = f"{p['name']}"
        if rng.random() < 0.8:
            desc += f" فرزند {p['father']}"
        desc += f" به کد ملی {p['nid']}"
        if show_age:
            desc += f" به سن {p['age']} سال"
        if guardian:
            desc += f" با ولایت پدرم آقای {guardian}"
        if not drop_p_address:
            desc += f" {rng.choice(['ساکن', 'به نشانی'])} {p['address']}"
            if rng.random() < 0.6:
                desc += f" کدپستی {p['postal']}"
            if rng.random() < 0.6:
                desc += f" تلفن {p['mobile']}"
        opener = rng.choice(V.PLAIN_OPENERS) if plain else rng.choice(V.SALUTATIONS) + " اینجانب"
        who.append(opener.format(P=desc) if "{P}" in opener else f"{opener} {desc}")
    else:
        who.append(rng.choice(V.SALUTATIONS) + " اینجانب")
    if lawyer is not None:
        who.append(f"با وکالت آقای {lawyer['name']} {rng.choice(V.LAWYER_TITLES)}")
    if "defendant" not in missing and not spec.get("no_defendant"):
        d = defendant
        dd = d["name"]
        if d["company"]:
            dd += f" به شناسه ملی {d['lid']}"
        elif rng.random() < 0.6:
            dd += f" فرزند {d['father']}"
        dd += f" {rng.choice(['ساکن', 'به نشانی'])} {d['address']}"
        who.append(f"به طرفیت {dd}")
    if "claim" not in missing:
        c = f"به خواسته {parts['claim']}"
        if spec["financial"] and "claim_value" not in missing and ctx["AMT"] not in c:
            c += f" مقوم به {ctx['AMT']}"
        who.append(c)
    who.append(rng.choice(["دادخواستی تقدیم می‌نمایم.", "تقدیم حضور می‌نمایم.", "طرح دعوا می‌نمایم.",
                           "دادخواست می‌دهم."]))
    lines.append(" ".join(who))
    if "facts" not in missing:
        facts = " ".join(parts["facts"])
        lines.append(("توضیح آنکه " if rng.random() < 0.4 else "") + facts)
    if "evidence" not in missing:
        if rng.random() < 0.5:
            lines.append(rng.choice(["دلایل: ", "مدارک پیوست: "]) + " ".join(_evidence_block(rng, parts["evidence"])))
        else:
            lines.append("به استناد " + "، ".join(parts["evidence"][:-1])
                         + (" و " if len(parts["evidence"]) > 1 else "") + parts["evidence"][-1] + "،")
    if "request" not in missing:
        lines.append(rng.choice(["لذا ", "بنابراین ", "علیهذا "]) + parts["request"])
    tail = []
    if "signature" not in missing:
        tail.append(rng.choice(["با تشکر - {P} (امضا)", "با احترام، {P}", "{P} - امضا", "امضا: {P}"])
                    .format(P=parts["signer"]))
    tail.append(rng.choice(["تاریخ: {D}", "{D}"]).format(D=parts["date"]))
    lines += tail
    text = ("\n" if rng.random() < 0.7 else " ").join(lines[:-len(tail)]) + "\n" + "\n".join(tail)
    if plain:
        for formal, informal in V.INFORMAL_SWAPS:
            if rng.random() < 0.7:
                text = text.replace(formal, informal)
    return text


# ----------------------------------------------------------------------------- draft noise
_WORD = re.compile(r"[\u0600-\u06FF\u200c]{4,}")


def _typo(rng: random.Random, word: str) -> str:
    op = rng.random()
    i = rng.randrange(1, len(word) - 1)
    if op < 0.35:
        for a, b in V.TYPO_SWAPS:
            if a in word:
                return word.replace(a, b, 1)
    if op < 0.6:
        return word[:i] + word[i + 1:]
    if op < 0.8:
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def surface_noise(rng: random.Random, text: str) -> str:
    # typos: 15% of drafts, 1–3 words
    if rng.random() < 0.15:
        words = list(_WORD.finditer(text))
        for m in sorted(rng.sample(words, min(len(words), rng.randint(1, 3))), key=lambda m: -m.start()):
            text = text[:m.start()] + _typo(rng, m.group()) + text[m.end():]
    # ZWNJ: 35% of drafts lose it or get a space instead
    r = rng.random()
    if r < 0.175:
        text = text.replace(ZWNJ, "")
    elif r < 0.35:
        text = text.replace(ZWNJ, " ")
    # Arabic ي/ك: 15% of drafts, whole text or only some occurrences
    if rng.random() < 0.15:
        if rng.random() < 0.6:
            text = text.replace("ی", "ي").replace("ک", "ك")
        else:
            text = "".join(("ي" if ch == "ی" else "ك") if ch in "یک" and rng.random() < 0.4 else ch for ch in text)
    # digits: Latin, Persian, Arabic-Indic, or mixed per number
    mode = weighted(rng, [("latin", 0.45), ("persian", 0.40), ("mixed", 0.12), ("arabic", 0.03)])
    if mode == "persian":
        text = text.translate(PERSIAN_DIGITS)
    elif mode == "arabic":
        text = text.translate(ARABIC_DIGITS)
    elif mode == "mixed":
        text = re.sub(r"\d+", lambda m: m.group().translate(PERSIAN_DIGITS) if rng.random() < 0.5 else m.group(),
                      text)
    # spacing: doubled spaces, stray blank lines, trailing spaces; rarely a one-line paste
    if rng.random() < 0.2:
        text = re.sub(r" ", lambda m: "  " if rng.random() < 0.05 else " ", text)
        text = re.sub(r"\n", lambda m: "\n\n" if rng.random() < 0.2 else ("  \n" if rng.random() < 0.1 else "\n"),
                      text)
    if rng.random() < 0.03:
        text = re.sub(r"\s*\n\s*", " ", text)
    return text


# ----------------------------------------------------------------------------- CLI
def generate(seed: int, n: int) -> list[dict]:
    return [build_row(seed, i) for i in range(n)]


def write_jsonl(rows: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def stats_markdown(rows: list[dict]) -> str:
    n = len(rows)
    pct = lambda k: f"{100 * k / n:.1f}%"  # noqa: E731
    out = [f"rows: {n}", "", "| outcome | rows | share |", "|---|---:|---:|"]
    oc = Counter(r["outcome"] for r in rows)
    out += [f"| {o} | {oc[o]} | {pct(oc[o])} |" for o in OUTCOMES]
    fr = sum(r["fruitless"] for r in rows)
    nz = sum(r["noise"] for r in rows)
    out += ["", f"fruitless: {fr} ({pct(fr)}); label noise (flipped): {nz} ({pct(nz)}); "
                f"form style: {pct(sum(r['style'] == 'form' for r in rows))}", "",
            "| claim_type | rows | fruitless | fruitless share |", "|---|---:|---:|---:|"]
    cc = Counter(r["claim_type"] for r in rows)
    cf = Counter(r["claim_type"] for r in rows if r["fruitless"])
    out += [f"| {c} | {cc[c]} | {cf[c]} | {100 * cf[c] / max(cc[c], 1):.0f}% |" for c in CLAIM_TYPES]
    gc = Counter(g for r in rows for g in r["grounds"])
    out += ["", "| ground | rows |", "|---|---:|"] + [f"| {g} | {k} |" for g, k in sorted(gc.items())]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the synthetic petition corpus (deterministic under --seed).")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--n", type=int, default=6000)
    ap.add_argument("--out", type=Path, default=_HERE / "petitions.jsonl")
    ap.add_argument("--stats", type=Path, default=None, help="print datasheet tables for an existing JSONL file")
    args = ap.parse_args(argv)
    if args.stats:
        rows = [json.loads(line) for line in args.stats.open(encoding="utf-8")]
        print(stats_markdown(rows))
        return 0
    if args.n < 1:
        ap.error("--n must be at least 1")
    write_jsonl(generate(args.seed, args.n), args.out)
    print(f"wrote {args.n} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
