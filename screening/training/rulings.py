"""Label training rows from a rulings archive (دادنامه), not from hand-labelled petitions.

Offices keep rulings, rarely labelled petitions. A first-instance civil ruling restates the
claim (parties, خواسته, the plaintiff's account) and then gives the court's reasoning and
decision. From it we take:

- the outcome: from the decision wording of the FIRST-instance ruling only (the archive's
  texts carry «رأی دادگاه بدوی» then «رأی دادگاه تجدیدنظر»; we cut at the appeal);
- the training text: the claim description, i.e. what precedes the court's reasoning,
  which is the closest thing in a ruling to the petition the office saw.

Rulings that are criminal, administrative (دیوان عدالت اداری), Supreme Court reviews or
unifying rulings without a first-instance section, or whose decision cannot be read, are
skipped with a reason, and the caller reports the counts.

All wordings live in the tables below (data, not if-chains), so an office can extend them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

# Outcome codes, and which of them count as a fruitless claim (دعوای بی‌نتیجه).
# merits_rejected («حکم به رد دعوی») is a judgment on the merits, not a bar at the door:
# it follows the corpus datasheet (corpus/README.md), which labels it fruitless = 0.
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
FRUITLESS_OUTCOMES = frozenset({"rejected_petition", "not_heard", "claim_rejected", "invalid", "no_right"})

# Persian spellings vary: «دعوی/دعوا/دعوای/دعاوی», «بی‌حقی/بی حقی/بیحقی», «رأی/رای».
_DAVA = r"(?:دعوی|دعوا|دعوای|دعاوی)"
_BIHAGHI = r"(?:بی\s?حقی)"

# Decision wordings → outcome. Every match in the decision part counts (see `combine`).
# Spacing is loose on purpose: the archive writes «قراررد دعوا», «حکم بربطلان», «رددعوی».
DECISION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("rejected_petition", r"قرار\s*(?:رد|ابطال)\s*دادخواست"),
    ("not_heard", r"قرار\s*(?:به\s*)?عدم\s*استماع"),
    ("claim_rejected", rf"قرار\s*(?:به\s*)?رد\s*(?:{_DAVA}|آن\b)"),
    ("invalid", rf"حکم\s*(?:به|بر)?\s*بطلان\s*(?:{_DAVA}|آن\b)"),
    ("invalid", r"به\s*بطلان\s*آن\s*(?:انشاء\s*)?حکم"),
    ("no_right", rf"حکم\s*(?:به|بر)?\s*{_BIHAGHI}"),
    ("merits_rejected", rf"حکم\s*(?:به|بر)\s*رد\s*(?:{_DAVA}|آن\b)"),
    # The rest of the claim dismissed on the merits next to a win on part of it.
    ("merits_rejected", r"(?:مازاد|مابقی|بقیه)\s*(?:بر\s*)?(?:خواسته)?[^.]{0,80}?محکوم\s*به\s*(?:رد|بطلان)"),
    # A judgment for the plaintiff: any «حکم به/بر ...» that is not one of the losses above,
    # or the court «ordering and condemning» the defendant in its own words.
    ("accepted", rf"حکم\s*(?:به|بر)\s*(?!رد\b|رد\s*{_DAVA}|بطلان\s*(?:{_DAVA}|آن\b)|{_BIHAGHI}|شرح\s*زیر)[\u0600-\u06FF]"),
    ("accepted", r"حکم\s*(?:محکومیت|الزام)"),
    ("accepted", r"(?:در\s*حق\s*خواهان\S*|ملزم\s*و)\s*محکوم\s*می\s*(?:نماید|کند|نمایند|دارد|گردد)"),
)

# A decision wording right after one of these is someone's request, not the court's decision
# («وکیل خوانده تقاضای صدور قرار رد دعوی را نمود»).
REQUEST_CUES = (r"تقاضای", r"درخواست", r"ایراد", r"خواستار", r"تقاضا", r"مستدعی")

# Where the first-instance ruling ends: the appeal (or a higher court) begins.
APPEAL_CUES = (
    r"رأی\s+دادگاه\s+تجدید\s?نظر",
    r"رأی\s+شعبه\s+تجدید\s?نظر",
    r"رأی\s+شعبه\s+دیوان\s+عالی",
)

# Headings that start a first-instance ruling.
FIRST_INSTANCE_CUES = (r"رأی\s+دادگاه\s+بدوی",)

# Texts of bodies whose cases are not civil petitions to a court, or that hold no
# first-instance section of their own: skipped with the reason given.
NON_CIVIL_HEADINGS: tuple[tuple[str, str], ...] = (
    ("administrative", r"دیوان\s+عدالت\s+اداری"),
    ("supreme_court_review", r"^\W*رأی\s+(?:شعبه\s+دیوان\s+عالی|خلاصه\s+جریان\s+پرونده)"),
    ("unifying_ruling", r"^\W*مقدمه\W+علت\s+طرح"),
)

# Criminal vocabulary: a ruling using any of these in its first-instance part is criminal.
CRIMINAL_CUES = (
    r"کیفرخواست", r"\bبزه", r"مجازات", r"\bحبس\b", r"شلاق", r"دادسرا", r"\bمتهم", r"جزای\s+نقدی",
    r"قانون\s+مجازات", r"تعزیر", r"قصاص", r"\bدیه\b",
)

# Where the court's reasoning starts: the training text ends here.
REASONING_CUES = (
    r"این\s+دادگاه",
    r"دادگاه\s+(?:با|پس\s+از|نظر\s+به|ضمن|در\s?خصوص|صرف\s?نظر|بعد\s+از)\s",
    r"با\s?توجه\s+به",
    r"نظر\s?به\s+(?:اینکه|این‌که|این\s+که|جامع|محتویات|مراتب|مجموع|اوراق)",
    r"نظر\s?باینکه",
    r"با\s?عنایت\s+به",
    r"با\s+بررسی\s+(?:اوراق|محتویات|پرونده)",
    r"صرف\s?نظر\s+از\s+ماهیت",
    r"با\s+(?:التفات|امعان\s+نظر|ملاحظه)\s",
)

# Words of the plaintiff's own claim: below this many characters the cut text carries no claim.
MIN_CLAIM_CHARS = 60

SKIP_REASONS_FA = {
    "criminal": "رأی کیفری",
    "administrative": "رأی دیوان عدالت اداری",
    "supreme_court_review": "رأی دیوان عالی کشور بدون متن رأی بدوی",
    "unifying_ruling": "رأی وحدت رویه",
    "no_first_instance": "متن رأی بدوی یافت نشد",
    "unclear": "عبارت تصمیم دادگاه روشن نیست",
    "no_claim_text": "شرح دعوا پیش از استدلال دادگاه یافت نشد",
    "bad_row": "سطر بدون فیلد text",
}


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_DECISIONS = [(code, re.compile(p)) for code, p in DECISION_PATTERNS]
_REQUEST = re.compile(rf"(?:{'|'.join(REQUEST_CUES)})\s+(?:صدور\s+)?$")
_APPEAL = _compile(APPEAL_CUES)
_FIRST = _compile(FIRST_INSTANCE_CUES)
_CRIMINAL = _compile(CRIMINAL_CUES)
_REASONING = _compile(REASONING_CUES)
_NON_CIVIL = [(code, re.compile(p)) for code, p in NON_CIVIL_HEADINGS]
_DAVA_SPLIT = re.compile(r"[\s.]+")


def clean(text: str) -> str:
    """Fold the spelling variants the tables do not list: Arabic letters, ZWNJ, «رای»."""
    text = text.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    text = text.replace("\u200c", " ").replace("\u200f", "").replace("\u200e", "")
    text = re.sub(r"\bرای\b", "رأی", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return text


@dataclass(frozen=True)
class RulingLabel:
    """What one ruling gave: an outcome and the claim text, or the reason it was skipped."""

    outcome: str | None
    fruitless: int | None
    text: str | None
    skipped: str | None = None  # a key of SKIP_REASONS_FA
    outcomes_found: tuple[str, ...] = ()


def first_instance_part(text: str) -> str | None:
    """The first-instance ruling: from its heading up to the appeal, or None."""
    m = _FIRST.search(text)
    if not m:
        return None
    rest = text[m.end():]
    cut = _APPEAL.search(rest)
    return rest[: cut.start()] if cut else rest


def reasoning_start(part: str) -> int | None:
    """Offset where the court starts reasoning; the claim description is before it."""
    m = _REASONING.search(part)
    return m.start() if m else None


_TRAILING_COURT = re.compile(r"(?:[،,]?\s*(?:لذا|بنابراین|این)?\s*دادگاه)?\s*$")


def first_decision(part: str) -> int | None:
    """Offset of the first decision wording in `part` that is not someone's request."""
    starts = []
    for _, pattern in _DECISIONS:
        for m in pattern.finditer(part):
            if not _REQUEST.search(part[max(0, m.start() - 25): m.start()]):
                starts.append(m.start())
                break
    return min(starts) if starts else None


def decision_outcomes(part: str) -> list[str]:
    """Outcome codes of every decision wording in `part` that is the court's, in order."""
    found: list[tuple[int, str]] = []
    for code, pattern in _DECISIONS:
        for m in pattern.finditer(part):
            before = part[max(0, m.start() - 25): m.start()]
            if _REQUEST.search(before):
                continue
            found.append((m.start(), code))
    found.sort()
    return [code for _, code in found]


def combine(outcomes: list[str]) -> str | None:
    """One outcome for the ruling: a win on part and a loss on part is a partial acceptance.

    Without a win, the first bar the court gave decides (a ruling usually gives one).
    """
    if not outcomes:
        return None
    losses = [o for o in outcomes if o != "accepted"]
    if "accepted" in outcomes:
        return "partially_accepted" if losses else "accepted"
    return losses[0]


def label_ruling(text: str) -> RulingLabel:
    """Derive the first-instance outcome and the claim text of one ruling."""
    text = clean(text)
    for code, pattern in _NON_CIVIL:
        if pattern.search(text[:200]):
            return RulingLabel(None, None, None, skipped=code)
    part = first_instance_part(text)
    if part is None:
        return RulingLabel(None, None, None, skipped="no_first_instance")
    if _CRIMINAL.search(part):
        return RulingLabel(None, None, None, skipped="criminal")
    start = reasoning_start(part)
    if start is None:
        # No reasoning cue: the claim runs up to the sentence that decides.
        start = first_decision(part)
    claim = _TRAILING_COURT.sub("", part[:start]) if start is not None else ""
    claim = claim.strip(" .،\n")
    decision_part = part[start:] if start is not None else part
    outcomes = decision_outcomes(decision_part)
    outcome = combine(outcomes)
    if outcome is None:
        return RulingLabel(None, None, None, skipped="unclear", outcomes_found=tuple(outcomes))
    if len(claim) < MIN_CLAIM_CHARS:
        return RulingLabel(outcome, None, None, skipped="no_claim_text", outcomes_found=tuple(outcomes))
    return RulingLabel(
        outcome=outcome,
        fruitless=int(outcome in FRUITLESS_OUTCOMES),
        text=claim,
        outcomes_found=tuple(outcomes),
    )


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


def label_rulings(records: Iterable[dict]) -> tuple[list[dict], RulingsSummary]:
    """Rows {"text", "fruitless", "outcome", "id"} for the rulings that could be labelled."""
    rows: list[dict] = []
    summary = RulingsSummary()
    for i, rec in enumerate(records):
        text = rec.get("text") if isinstance(rec, dict) else None
        if not isinstance(text, str) or not text.strip():
            summary.skipped["bad_row"] += 1
            continue
        lab = label_ruling(text)
        if lab.skipped:
            summary.skipped[lab.skipped] += 1
            continue
        summary.labelled += 1
        summary.outcomes[lab.outcome] += 1
        rows.append({"id": rec.get("id", str(i)), "text": lab.text, "fruitless": lab.fruitless, "outcome": lab.outcome})
    return rows, summary


# --- TEMP shim: the operative-part reader's API over the labeller above -----------------------------
# The `labeller` branch replaces this module with a real operative-part reader of the same API;
# until it lands, `read_ruling` wraps `label_ruling` and reads the ground and the «خواسته» crudely.

_SHIM_GROUND = re.compile(
    r"بند\s*\(?\s*(\d{1,2})\s*\)?\s*(?:از\s*)?ماده\s*(84|۸۴)"
    r"|ماده\s*(\d{1,4})\s*قانون\s*(آیین\s*دادرسی\s*مدنی|مدنی)"
)
_SHIM_KHASTEH = re.compile(r"به\s+خواسته\s+(.{3,80}?)(?:[؛،.\n]|\s+بدین\s+شرح|\s+مقوم|\s+به\s+طرفیت|$)")
_FA_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass(frozen=True)
class RulingReading:
    outcome: str | None
    fruitless: int | None
    ground: str | None
    claim_text: str
    khasteh: str | None
    skip_reason: str | None


def read_ruling(text: str) -> RulingReading:
    lab = label_ruling(text)
    part = first_instance_part(clean(text)) or ""
    ground = None
    start = reasoning_start(part) or 0
    m = _SHIM_GROUND.search(part[start:].translate(_FA_TO_ASCII))
    if m and lab.outcome is not None and lab.outcome != "accepted":
        if m.group(1):
            ground = f"84({m.group(1)})"
        else:
            ground = ("CC " if m.group(4) == "مدنی" else "CPC ") + m.group(3)
    k = _SHIM_KHASTEH.search(clean(text))
    return RulingReading(
        outcome=lab.outcome if not lab.skipped else None,
        fruitless=lab.fruitless,
        ground=ground,
        claim_text=lab.text or "",
        khasteh=k.group(1).strip(" ()«»") if k else None,
        skip_reason=lab.skipped,
    )
