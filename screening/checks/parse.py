"""Parse a normalised petition into sections and fields.

Two layouts are read (DOMAIN.md §10):
- the official form pasted as text: headed lines «خواهان: ...», «خوانده: ...», «خواسته و بهای آن: ...»,
  «دلایل و منضمات دادخواست:», «شرح دادخواست:», «محل امضا: ...», «تاریخ: ...»;
- free narrative: «اینجانب ... به طرفیت ... به خواسته ... مقوم به ... ریال ... مورد استدعاست».
Headed sections win; narrative cues fill what the headings did not give. Without a «دلایل و منضمات»
heading, the prose lists the evidence («به پیوست … تقدیم می‌گردد», «به استناد …», «به انضمام تصویر …»),
a closing line with the signer's name and a date is the signature, and what follows the «به خواسته …»
clause, in its own sentence or the next ones, is the account of the facts. `looks_like_petition` says
whether the text is a petition at all.

All offsets here are in the *normalised* text; `PetitionParser` converts the spans it
reports to the original text with `NormalisedText.span_to_original`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from screening.text.amounts import find_amounts
from screening.text.jalali import InvalidJalaliDate, format_jalali, parse_jalali_date
from screening.knowledge.claim_types import cue
from screening.text.gate import finditer_windowed
from screening.text.normalize import NormalisedText
from screening.report import Party, PetitionFields, Span

# --- section headings ---------------------------------------------------------------------------
# Longest alternatives first inside each group; the heading must start a line and end with ':'
# or the end of the line, so a sentence that merely begins with «خواهان» is not a heading.
_HEADINGS: tuple[tuple[str, str], ...] = (
    ("service_date", r"تاریخ_ابلاغ(?:_(?:دادنامه|رای|رأی|حکم|قرار|اخطاریه))?"),
    ("plaintiff", r"(?:مشخصات_|نام_و_نام_خانوادگی_)?(?:تجدید_?نظر_?خواه(?:ان)?|فرجام_?خواه(?:ان)?|واخواه(?:ان)?|خواهان(?:_ها|ان|گان)?|درخواست_?کننده|متقاضی|معترض(?!_?علیه))(?:_نام_و_نام_خانوادگی)?"),
    ("defendant", r"(?:مشخصات_|نام_و_نام_خانوادگی_)?(?:تجدید_?نظر_?خوانده(?:_?گان)?|فرجام_?خوانده(?:_?گان)?|واخوانده(?:_?گان)?|خوانده(?:_?گان)?|خواندگان|معترض_?علیه(?:م)?)(?:_نام_و_نام_خانوادگی)?"),
    ("representative", r"(?:مشخصات_)?(?:وکیل|وکلا|نماینده)(?:_یا_نماینده_قانونی|_(?:یا_)?نماینده|_قانونی)?(?:_خواهان)?"),
    ("claim", r"(?:تعیین_)?خواسته(?:_و_بهای_آن)?|بهای_خواسته|موضوع_(?:دعوا|دعوی|خواسته)"),
    ("evidence", r"(?:مدارک|دلایل)_و_(?:دلایل|مدارک|مستندات|منضمات)|دلایل(?:_و_منضمات)?(?:_دادخواست)?|مستندات(?:_دعوا)?|منضمات|ضمائم|ضمایم|پیوست_?ها|مدارک(?:_پیوست)?"),
    ("facts", r"شرح_(?:دادخواست|دعوا|دعوی|ماوقع|خواسته)|متن_دادخواست"),
    ("signature", r"محل_امضا(?:ء)?(?:\s*[\-–]?\s*(?:و_)?مهر)?(?:\s*[\-–]?\s*(?:و_)?(?:اثر_)?انگشت)?|امضا(?:ء)?(?:_و_(?:اثر_)?انگشت)?|مهر_و_امضا(?:ء)?"),
    ("date", r"تاریخ(?:_تنظیم)?(?:_دادخواست)?"),
)
_HEADING_RE = re.compile(
    r"^[ \t]*(?:\d{1,2}[ \t]*[-.)][ \t]*)?(?:"
    + "|".join(f"(?P<{name}>{pattern.replace('_', '[ \u200c]?')})" for name, pattern in _HEADINGS)
    + r")[ \t]*(?:[:：][ \t]*|$)",
    re.MULTILINE,
)
_INLINE_HEADING_RE = re.compile(
    r"(?:(?<=\s)|^)(?:" + "|".join(f"(?P<{name}>{pattern.replace('_', '[ \u200c]?')})" for name, pattern in _HEADINGS)
    + r")[ \t]*[:：][ \t]*"
)
# Party lines pasted without a colon («خوانده شرکت ... به شناسه ملی ...») count as headings only when
# the line carries party details, so that a narrative sentence starting with «خوانده» does not.
_BARE_PARTY_HEADING_RE = re.compile(
    r"^[ \t]*(?:" + "|".join(f"(?P<{name}>{pattern.replace('_', '[ \u200c]?')})" for name, pattern in _HEADINGS
                            if name in ("plaintiff", "defendant", "representative")) + r")[ \t]+(?=[^\n]*(?:فرزند|کد[ \u200c]?ملی|شناسه[ \u200c]?ملی|شماره[ \u200c]?ملی|نشانی|ساکن))",
    re.MULTILINE,
)

# --- cues ---------------------------------------------------------------------------------------
_ADDRESSEE_RE = cue(r"(?:(?:برگ_)?دادخواست_(?:[^\n]{0,25}?_)?به|(?:ریاست|محضر|قاضی|دادرس)_محترم(?:_ریاست)?|ریاست_محترم_شعبه[^\n]{0,20}?)_((?:دادگاه|شورا|شعبه|دیوان)[^\n،,:]{0,60})")
# Narrative parties: «اینجانب NAME فرزند ... به طرفیت NAME ... به خواسته ...». «علیه» only as a word
# of its own (not «محال‌علیه»). A plaintiff clause must carry party details to count.
_NARRATIVE_PLAINTIFF_RE = cue(r"(?:اینجانب(?:ان|ه)?|این_جانب(?:ان)?|موکل(?:_اینجانب|ین)?|خواهان|(?<![^\s])من)_(?!محترم)(.{2,400}?)(?=به_طرفیت|(?<![^\s])علیه\s|به_خواسته|\n|$)")
# What a narrative party clause match can span with its look-ahead: a cue word, 400 characters, a stop word.
NARRATIVE_CLAUSE_SPAN = 440
_NARRATIVE_DEFENDANT_RE = cue(r"(?:به_طرفیت_|(?<![^\s])علیه\s)(.{2,400}?)(?=دادخواستی|به_خواسته|تقدیم|،_?به_استحضار|\n|$)")
_DEFENDANT_CLAUSE_RE = cue(r"به_طرفیت")
_PARTY_DETAIL_RE = cue(r"فرزند|کد_?ملی|شماره_ملی|شناسه_ملی|ساکن|به_نشانی|نشانی|اقامتگاه")
_NARRATIVE_CLAIM_RE = cue(r"به_خواسته_(.{2,300}?)(?=\.(?!\d)|\n|$|،_?(?:به_استحضار|توضیح|بدین|با_این|زیرا|چرا_که|چون)|\s(?:زیرا|چرا_که|چون_که)\s)")
_FILING_VERB_RE = re.compile(r"\s*(?:دادخواستی?[\s\u200c]*)?(?:(?:تقدیم|طرح[\s\u200c]*دعوا)(?:[\s\u200c]*حضور)?[\s\u200c]*)?"
                             r"می[\s\u200c]?(?:نمایم|دارم|کنم|دهم|گردد|شود)[\s.]*$")
_VALUE_CUE_RE = cue(r"(?<![^\W\d])(?:مقوم_به|بهای_خواسته|به_ارزش|به_مبلغ|به_میزان|بالغ_بر|ارزش_خواسته)")
_STRONG_VALUE_CUE_RE = cue(r"(?<![^\W\d])(?:مقوم_به|بهای_خواسته|ارزش_خواسته)")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_AMOUNT_ONLY_RE = cue(r"\d[\d,٬./]*|ریال|تومان|مقوم_به|بهای_خواسته")
# The request's cue words; the request is the sentence that holds the last of them.
_REQUEST_CUE_RE = cue(
    r"مورد_(?:استدعا|تقاضا|درخواست)(?:ست|_است|_می_باشد)?|استدعای_(?:صدور|رسیدگی)|(?:تقاضای|درخواست)_(?:صدور|رسیدگی|تعیین|الزام|محکومیت|ابطال|فسخ|اعلام)|"
    r"خواستار(?:م|یم|_است|_هستم|_می_باشم)|رسیدگی_(?:کنید|فرمایید|بفرمایید|شود|گردد)|(?:را|است)_خواهانم|"
    r"تقاضا_(?:دارم|دارد|داریم|می_شود|می_گردد|می_نمایم|می_کنم)|خواهشمند(?:_است|م)|استدعا_(?:دارم|دارد|داریم)|مستدعی_است"
)
_SENTENCE_END_RE = re.compile(r"\.(?!\d)|\n")
_FACTS_CUES = cue(r"به_استحضار|توضیح_آنکه|بدین_شرح|به_شرح_زیر|احتراما|به_موجب|بابت|در_تاریخ|متاسفانه|علی_رغم|با_وجود")
# Evidence written in prose, without a «دلایل و منضمات» heading; each cue's group 1 is the list.
# Kept as separate cues (not one alternation) so that each keeps a sound keyword gate.
_EVIDENCE_LABEL_RE = cue(r"(?:دلایل|مستندات|منضمات|ادله|مدارک(?:_پیوست)?)_?(?:و_(?:منضمات|مدارک|دلایل))?\s*[:：]\s*(.{3,500}?)(?=\n|$|\s(?:لذا|بنابراین|علیهذا|علی_هذا)\s)")
_EVIDENCE_PROSE_RES = (
    _EVIDENCE_LABEL_RE,
    cue(r"به_استناد_(.{3,250}?)(?=\.(?!\d)|\n|$|،_?(?:لذا|صدور|تقاضا|درخواست|خواهشمند|دادخواست|تقدیم|مورد|به_خواسته))"),
    cue(r"به_انضمام_((?:تصویر|کپی|رونوشت|اصل)[^.\n]{3,200})"),
    cue(r"به_پیوست_(.{3,300}?)_(?:تقدیم|ارائه|ضمیمه|پیوست|تحویل)_?(?:می_?گردد|می_?شود|می_?نمایم|می_?دارم|شده|است|گردید)"),
    cue(r"(?:پیوست|ضمیمه)_(?:شده|است|می_باشد)?[:：]?\s*((?:تصویر|کپی|رونوشت|اصل)[^.\n]{3,150}?)(?=[.\n]|$)"),
    cue(r"((?:تصویر|کپی|رونوشت|اصل)_[^.\n]{3,200}?)_(?:پیوست|ضمیمه)_?(?:است|شده|می_باشد|می_گردد|گردیده|دادخواست)"),
)
# «به استناد ماده ۱۰ قانون مدنی» or «به استناد خیار عیب» cites law or a legal ground, not evidence.
_STATUTE_RE = cue(r"(?:ماده|مواد|قانون|تبصره|بند|رای_وحدت|رأی_وحدت|اصل_\d|خیار|قاعده|شرط_ضمن)")
_SIGNATURE_INLINE_RE = cue(r"\(_?امضا(?:ء)?_?\)|[-–]\s*امضا(?:ء)?\s*(?=تاریخ|\n|$)|(?:^|\n)\s*امضا(?:ء)?\s*[:：]?\s*\S|اثر_انگشت|مهر_و_امضا")
_CLOSING_RE = cue(r"(?:با_تشکر_و_احترام|با_(?:تشکر|سپاس|احترام|تقدیم_احترام))\s*[\-–،,:]?\s*\n?\s*([^\n\d،,:.]{3,40}?)\s*(?=تاریخ|\n|$)")
# The look-behind ("no digit or / before the first digit") stands after the first digit, so that
# the pattern opens with \d and the regex engine skips the letters in C (2.5 × faster; same matches).
_DATE_RE = re.compile(r"(\d(?<![\d/]\d)\d{0,3})[/\-.](\d{1,2})[/\-.](\d{1,4})(?![\d/])")

# --- party details ------------------------------------------------------------------------------
_NAME_STOP = cue(
    r"\s(?:فرزند|نام_پدر|به_کد|کد_?ملی|شماره_ملی|شناسه_ملی|به_شماره|به_نشانی|نشانی|ساکن|آدرس|اقامتگاه|شغل|تلفن|همراه|موبایل|کد_?پستی|"
    r"متولد|سن|به_مدیریت|با_مدیریت|با_وکالت|به_وکالت|به_نمایندگی|دارای|با_کد|به_سمت|هستم|می_باشم)|[،,(:؛\n\t|]"
)
_NAME_LABEL_RE = cue(r"\s*(?:نام_و_نام_خانوادگی|نام)\s*[:：]\s*")
_HONORIFIC_RE = cue(r"^(?:.{0,30}?\s)?(?:آقای|آقا|خانم|جناب|سرکار_خانم|سرکار)_")
_FATHER_RE = cue(r"(?:فرزند|نام_پدر\s*[:：]?)\s*(?:مرحوم_)?([^\s،,:؛()\d]+(?:_(?!به|کد|شماره|ساکن|شغل|با|و\b|دارای|متولد|سن|فرزند)[^\s،,:؛()\d]+)?)")
_NATIONAL_ID_RE = cue(r"(?:کد_?ملی|شماره_ملی|شماره_شناسایی_ملی)\s*(?:شماره)?\s*[:：]?\s*(\d[\d \-]{6,12}\d)")
_LEGAL_ID_RE = cue(r"شناسه_(?:ملی|ملّی)\s*[:：]?\s*(\d[\d \-]{8,13}\d)")
_BARE_ID_RE = re.compile(r"(?<![\d/,.\-])(\d{10})(?![\d/,.\-])")
_ADDRESS_RE = cue(r"(?:به_نشانی|نشانی|ساکن|آدرس|اقامتگاه(?:_قانونی)?)\s*[:：]?\s*(.+?)(?=\s(?:کد_?پستی|تلفن|همراه|موبایل|شماره_تماس|شماره_همراه|به_کد_ملی|کد_ملی)|[(\n]|$)")
_ADDRESS_UNKNOWN_RE = cue(r"مجهول_?المکان|نشانی_(?:ایشان_)?(?:نامعلوم|معلوم_نیست)|اقامتگاه_(?:ایشان_)?(?:نامعلوم|معلوم_نیست)")
_MOBILE_RE = cue(r"(?:تلفن_همراه|شماره_همراه|همراه|موبایل|تلفن|شماره_تماس)\s*[:：]?\s*(\+?\d[\d \-]{8,15}\d)")
_BARE_MOBILE_RE = re.compile(r"(?<!\d)((?:\+98|0098|0)9\d{9})(?!\d)")
_POSTAL_RE = cue(r"کد_?پستی\s*[:：]?\s*(\d[\d \-]{8,12}\d)")
_NONE_RE = cue(r"[-–ـ.\s]*|ندارد|ندارم|ندارند|نداریم|---*")
_ITEM_SPLIT_RE = re.compile(r"(?:^|\n|\s)\s*(?:\d{1,2}|[اآ]لف|ب|ج|د)\s*[-–.)]\s+")
_PARTY_ITEM_SPLIT_RE = re.compile(r"(?:^|\n)\s*\d{1,2}\s*[-–.)]\s*")


SpanMaker = Callable[[int, int], Span]  # normalised offsets → a span in the user's own text


@dataclass
class Section:
    name: str
    start: int  # of the content, in normalised text
    end: int
    text: str


@dataclass
class ParsedPetition:
    """Fields (normalised offsets) plus the sections they came from."""

    fields: PetitionFields
    sections: dict[str, Section] = field(default_factory=dict)
    evidence_text: str = ""  # where evidence was listed (for evidence checks)
    claim_text: str = ""
    amount_matches: list = field(default_factory=list)
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, raw) in normalised text
    layout: str = "narrative"  # "form" when headings carried the fields
    narrative_claim_end: int | None = None  # end of the «به خواسته ...» clause in a narrative
    is_petition: bool = True  # False when the text does not read as a petition (looks_like_petition)
    evidence_listed: bool = False  # the evidence came from a list («دلایل و منضمات», «مدارک پیوست: …»), not prose
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)  # where prose named the evidence (not facts)


def find_sections(text: str) -> dict[str, Section]:
    """Headed sections; the first heading of each kind wins, content runs to the next heading."""
    heads = [(m.start(), m.end(), m.lastgroup) for m in _HEADING_RE.finditer(text)]
    taken = {h[0] for h in heads}
    heads += [(m.start(), m.end(), m.lastgroup) for m in _BARE_PARTY_HEADING_RE.finditer(text) if m.start() not in taken]
    if len(heads) < 2 and text.count("\n") < 4:
        # A form pasted from a web page often loses its line breaks: «... خواهان: ... خوانده: ...».
        # Then a heading may stand mid-line, as long as a colon follows it.
        heads += [(m.start(), m.end(), m.lastgroup) for m in _INLINE_HEADING_RE.finditer(text) if m.start() not in taken]
    heads.sort()
    sections: dict[str, Section] = {}
    for k, (h_start, h_end, name) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        if name in sections or name is None:
            continue
        content = text[h_end:end]
        lead = len(content) - len(content.lstrip())
        sections[name] = Section(name, h_end + lead, end, content.strip())
    return sections


def parse_party(text: str, role: str, offset: int = 0) -> Party | None:
    """One party's details from its stretch of text; None when no name is found."""
    if lead := _NAME_LABEL_RE.match(text):  # «نام و نام خانوادگی: ...» inside the party line
        text, offset = text[lead.end():], offset + lead.end()
    stop = _NAME_STOP.search(text)
    raw_name = text[: stop.start()] if stop else text[:80]
    hon = _HONORIFIC_RE.match(raw_name)
    if hon:
        raw_name = raw_name[hon.end():]
    name = " ".join(raw_name.split()).strip(" -–:.")
    if len(name) < 2 or not any(ch.isalpha() for ch in name) or len(name) > 80:
        name = None
    party = Party(role=role, name=name, span=Span(offset, offset + len(text.rstrip())))
    if m := _FATHER_RE.search(text):
        party.father_name = m.group(1).replace("\u200c", " ").strip()
    if m := _LEGAL_ID_RE.search(text):
        party.legal_id = re.sub(r"\D", "", m.group(1))
    if m := _NATIONAL_ID_RE.search(text):
        party.national_id = re.sub(r"\D", "", m.group(1))
    elif not party.legal_id:
        postal = _POSTAL_RE.search(text)
        for m in _BARE_ID_RE.finditer(text):
            if postal and postal.start(1) <= m.start() < postal.end(1):
                continue
            if text[max(0, m.start() - 15): m.start()].rstrip().endswith(("تلفن", "همراه", "پستی")):
                continue
            if m.group(1).startswith("09"):
                continue
            party.national_id = m.group(1)
            break
    if _ADDRESS_UNKNOWN_RE.search(text):
        party.address_unknown = True
    if m := _ADDRESS_RE.search(text):
        address = m.group(1).strip(" ،,.-:")
        if len(address) >= 3 and not _ADDRESS_UNKNOWN_RE.fullmatch(address):
            party.address = address
    if m := _MOBILE_RE.search(text):
        party.mobile = re.sub(r"[ \-]", "", m.group(1))
    elif m := _BARE_MOBILE_RE.search(text):
        party.mobile = m.group(1)
    if m := _POSTAL_RE.search(text):
        party.postal_code = re.sub(r"\D", "", m.group(1))
    return party if (party.name or party.national_id or party.legal_id) else None


def _parse_parties(text: str, role: str, offset: int) -> list[Party]:
    """A party section may list several people, numbered «1- ... 2- ...»."""
    if _NONE_RE.fullmatch(text.strip()):
        return []
    starts = [m.end() for m in _PARTY_ITEM_SPLIT_RE.finditer(text)]
    if len(starts) >= 2:
        chunks = [(s, starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)]
    else:
        chunks = [(0, len(text))]
    parties = []
    for s, e in chunks:
        party = parse_party(text[s:e], role, offset + s)
        if party:
            parties.append(party)
    return parties


def _evidence_items(text: str) -> list[str]:
    parts = [p.strip(" \n-–.،,:") for p in _ITEM_SPLIT_RE.split(text)]
    items = [" ".join(p.split()) for p in parts if len(p.strip()) >= 3]
    if len(items) <= 1 and "،" in text:
        items = [" ".join(p.split()) for p in re.split(r"[،؛]|\sو\s", text) if len(p.strip()) >= 3]
    return items


# In prose, «تصویر چک و گواهی عدم پرداخت» lists two documents: «و» splits where a document's name follows.
_PROSE_ITEM_SPLIT_RE = cue(
    r"[،؛]|\s+و\s+(?=(?:تصویر|کپی|رونوشت|اصل|گواهی|استشهاد|شهادت|قرارداد|رسید|فیش|پرینت|اظهار_?نامه|سند|مبایعه|"
    r"اجاره|وکالت|روزنامه|شناسنامه|کارت|فاکتور|گزارش|نظر|استعلام|صورت|عقد|دادنامه)\w*)"
)


def _prose_items(text: str) -> list[str]:
    return [" ".join(p.split()).strip(" .،,:") for p in _PROSE_ITEM_SPLIT_RE.split(text) if len(p.strip()) >= 3]


_ITEM_LINE_RE = re.compile(r"^\s*(?:\d{1,2}|[اآ]لف|ب|ج|د|[-–•*])\s*[-–.)]?\s*\S")


def _evidence_block(text: str) -> str:
    """An evidence section ends at the first line that is not a list item: in a narrative the
    next heading may be far below, after the request and the signature."""
    lines = text.split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            continue
        if not _ITEM_LINE_RE.match(line):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _first_date(text: str) -> str | None:
    m = _DATE_RE.search(text)
    return _canonical_date(m) if m else None


def _canonical_date(m: re.Match[str]) -> str:
    """YYYY/MM/DD when the date is a real Jalali date; otherwise as written (the date check flags it)."""
    try:
        return format_jalali(parse_jalali_date(m.group()))
    except InvalidJalaliDate:
        return m.group()


class PetitionParser:
    """Normalised text → `ParsedPetition`. Stateless; compiled patterns live at module level.

    `parse` runs one small method per Article 51 item, in the order of the petition; each reads
    the text (and what earlier ones found) and fills its part of `parsed.fields`.
    """

    name = "parse"

    def parse(self, nt: NormalisedText) -> ParsedPetition:
        text = nt.text
        sections = find_sections(text)
        parsed = ParsedPetition(fields=PetitionFields(), sections=sections)
        formish = sum(1 for k in ("plaintiff", "defendant", "claim", "evidence", "facts") if k in sections)
        parsed.layout = "form" if formish >= 2 else "narrative"

        def span(start: int, end: int) -> Span:
            return Span(*nt.span_to_original(start, end))

        self.parse_court(text, parsed, span)
        self.parse_parties(text, parsed, span)
        self.parse_claim(text, parsed, span)
        self.parse_evidence(text, parsed, span)
        self.parse_facts_and_request(text, parsed, span)
        self.parse_signature(text, parsed, span)
        self.parse_dates(text, parsed)
        parsed.is_petition = looks_like_petition(text, parsed)
        return parsed

    @staticmethod
    def parse_court(text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """The court the draft is addressed to («برگ دادخواست به دادگاه …», «ریاست محترم …»)."""
        f = parsed.fields
        if m := _ADDRESSEE_RE.search(text[:600]) or _ADDRESSEE_RE.search(text):
            f.addressed_court = " ".join(m.group(1).split()).strip()
            f.spans["addressed_court"] = span(m.start(1), m.end(1))

    @staticmethod
    def parse_parties(text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """Plaintiffs, defendants and representatives: headed lines first, else the narrative clause."""
        f, sections = parsed.fields, parsed.sections
        for role, attr in (("plaintiff", "plaintiffs"), ("defendant", "defendants"), ("representative", "representatives")):
            sec = sections.get(role)
            if sec and sec.text:
                setattr(f, attr, _parse_parties(sec.text, role, sec.start))
        if not f.plaintiffs:
            for m in finditer_windowed(_NARRATIVE_PLAINTIFF_RE, text, NARRATIVE_CLAUSE_SPAN):
                if not _PARTY_DETAIL_RE.search(m.group(1)[:160]) or _DEFENDANT_CLAUSE_RE.search(m.group(1)):
                    continue  # «در وجه اینجانب صادر ...», «اینجانب به طرفیت ...»: not the plaintiff's own clause
                if party := parse_party(m.group(1), "plaintiff", m.start(1)):
                    f.plaintiffs = [party]
                    break
        # In a pasted form without a defendant line, «خوانده» in the story names nobody new.
        if not f.defendants and parsed.layout == "narrative" and (m := _NARRATIVE_DEFENDANT_RE.search(text)):
            if party := parse_party(m.group(1), "defendant", m.start(1)):
                f.defendants = [party]
        for party in (*f.plaintiffs, *f.defendants, *f.representatives):
            if party.span is not None:
                party.span = span(party.span.start, party.span.end)

    def parse_claim(self, text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """The claim (خواسته) and its value in rials."""
        f = parsed.fields
        claim_sec = parsed.sections.get("claim")
        claim_start = 0
        if claim_sec and claim_sec.text:
            parsed.claim_text, claim_start = claim_sec.text, claim_sec.start
        elif m := _NARRATIVE_CLAIM_RE.search(text):
            parsed.claim_text, claim_start = m.group(1), m.start(1)
            # What follows the claim clause, in its own sentence or the next ones, is the account.
            parsed.narrative_claim_end = m.end(1)
        if parsed.claim_text:
            claim = parsed.claim_text
            cut = _VALUE_CUE_RE.search(claim)
            subject = claim[: cut.start()] if cut else _AMOUNT_ONLY_RE.sub(" ", claim)
            # A claim that is only a value («مقوم به ... ریال») does not say what is claimed.
            # «… دادخواست تقدیم می‌نمایم» closes the narrative clause; it is not what is claimed. A one-word
            # claim («طلاق») is a claim there; elsewhere one word left after the amount is not.
            stripped = _FILING_VERB_RE.sub("", subject)
            needed = 1 if stripped != subject else 2
            subject = stripped
            if len(_WORD_RE.findall(subject)) >= needed:
                f.claim = " ".join(subject.split()).strip(" ،,.")[:300]
            if f.claim:
                f.spans["claim"] = span(claim_start, claim_start + len(claim))
        parsed.amount_matches = find_amounts(text)
        value = self._claim_value(parsed, claim_start, text)
        if value is not None:
            f.claim_value_rial = value.digits_rial if value.digits_rial is not None else value.words_rial
            f.claim_value_words_rial = value.words_rial
            f.claim_value_text = text[value.start:value.end]
            f.spans["claim_value"] = span(value.start, value.end)

    @staticmethod
    def parse_evidence(text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """Evidence: the «دلایل و منضمات» list, or where the prose names what is attached or relied on."""
        f = parsed.fields
        ev_sec = parsed.sections.get("evidence")
        if ev_sec and ev_sec.text:
            ev_text = _evidence_block(ev_sec.text)
            ev_sec.end = ev_sec.start + len(ev_text)  # what follows the list is narrative again
            parsed.evidence_text = ev_text
            f.evidence = _evidence_items(ev_text)
            f.spans["evidence"] = span(ev_sec.start, ev_sec.start + len(ev_text))
            parsed.evidence_listed = True
            return
        found = sorted(((m.start(), m.end(), m.group(1), pattern is _EVIDENCE_LABEL_RE)
                        for pattern in _EVIDENCE_PROSE_RES for m in pattern.finditer(text)), key=lambda t: t[0])
        items, kept = [], []
        for start, end, listed, labelled in found:
            if kept and start < kept[-1][1]:
                continue  # the same words read by two cues
            split = _evidence_items(listed) if labelled else _prose_items(listed)
            new = [item for item in split if not _STATUTE_RE.match(item) and item not in items]
            if new:
                items += new
                kept.append((start, end, listed))
                parsed.evidence_listed = parsed.evidence_listed or labelled
        if items:
            parsed.evidence_spans = [(start, end) for start, end, _ in kept]
            parsed.evidence_text = "\n".join(listed for _, _, listed in kept)
            f.evidence = items
            f.spans["evidence"] = span(kept[0][0], kept[-1][1])

    @staticmethod
    def parse_facts_and_request(text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """The request to the court (the sentence of the last request cue) and the account of the facts."""
        f, sections = parsed.fields, parsed.sections
        facts_sec = sections.get("facts")
        request_spans = [_sentence_around(text, m.start(), m.end()) for m in _REQUEST_CUE_RE.finditer(text)]
        if request_spans:
            r_start, r_end = request_spans[-1]
            f.request = " ".join(text[r_start:r_end].split()).strip(" .")
            f.spans["request"] = span(r_start, r_end)
        if facts_sec:
            facts_source = _cut(text, facts_sec.start, facts_sec.end, request_spans)
        else:
            holes = [(s.start, s.end) for k, s in sections.items() if k != "facts"]
            facts_source = _cut(text, parsed.narrative_claim_end or 0, len(text), holes + request_spans + parsed.evidence_spans)
        facts_wo_request = _drop_salutation(facts_source)
        words = facts_wo_request.split()
        # After the «... به خواسته ...» clause, what a narrative says is its account of the facts;
        # without that clause, cue words must show that there is an account at all.
        explained = facts_sec is not None or parsed.narrative_claim_end is not None or _FACTS_CUES.search(facts_wo_request)
        if len(words) >= 12 and explained:
            f.facts = " ".join(words)[:2000]
            if facts_sec:
                f.spans["facts"] = span(facts_sec.start, facts_sec.end)

    @staticmethod
    def parse_signature(text: str, parsed: ParsedPetition, span: SpanMaker) -> None:
        """The signature: the «محل امضا» box, a «(امضا)» mark, a closing «با تشکر – NAME», or a last
        line that holds a party's (or the lawyer's) name and a date."""
        f = parsed.fields
        sig_sec = parsed.sections.get("signature")
        if sig_sec and sig_sec.text and any(ch.isalpha() for ch in sig_sec.text.split("\n")[0]):
            first = sig_sec.text.split("\n")[0]
            f.signature = " ".join(first.split())
            f.spans["signature"] = span(sig_sec.start, sig_sec.start + len(first))
            return
        tail_start = max(0, len(text) - 400)
        tail = text[tail_start:]
        if m := _SIGNATURE_INLINE_RE.search(tail):
            # the whole line: «با تشکر - مریم احمدی (امضا)» names who signed
            line_start = tail.rfind("\n", 0, m.start() + 1) + 1
            line_end = tail.find("\n", m.end())
            line_end = len(tail) if line_end < 0 else line_end
            f.signature = " ".join(tail[line_start:line_end].split())
            f.spans["signature"] = span(tail_start + line_start, tail_start + line_end)
        elif m := _CLOSING_RE.search(tail.rstrip()):
            f.signature = m.group(1).strip()
            f.spans["signature"] = span(tail_start + m.start(1), tail_start + m.end(1))
        elif found := _closing_name_line(text, [p.name for p in (*f.plaintiffs, *f.representatives) if p.name]):
            start, end = found
            f.signature = " ".join(text[start:end].split())
            f.spans["signature"] = span(start, end)

    @staticmethod
    def parse_dates(text: str, parsed: ParsedPetition) -> None:
        """Every date, the petition's own date (its «تاریخ» line or a date near the end) and a service date."""
        f, sections = parsed.fields, parsed.sections
        parsed.dates = [(m.start(), m.end(), m.group()) for m in _DATE_RE.finditer(text)]
        date_sec = sections.get("date")
        if date_sec and (d := _first_date(date_sec.text)):
            f.date = d
        elif parsed.dates:
            last_start, _, _ = parsed.dates[-1]
            if last_start > len(text) - 200:
                f.date = _canonical_date(_DATE_RE.match(text, last_start))
        # fields.service_date is the deadline detector's (checks.deadlines.detect), the one source.

    @staticmethod
    def _claim_value(parsed: ParsedPetition, claim_start: int, text: str):
        """The claim's value: an amount in the claim section, after «مقوم به» and the like."""
        amounts = parsed.amount_matches
        if not amounts:
            return None
        if parsed.claim_text:
            c_end = claim_start + len(parsed.claim_text)
            in_claim = [a for a in amounts if claim_start <= a.start < c_end]
            if in_claim:
                cued = [a for a in in_claim if _VALUE_CUE_RE.search(text[max(claim_start, a.start - 30): a.start])]
                return (cued or in_claim)[0]
            return None  # a claim section without an amount: the value is missing
        for a in amounts:
            if _STRONG_VALUE_CUE_RE.search(text[max(0, a.start - 30): a.start]):
                return a
        return None


def _closing_name_line(text: str, names: list[str]) -> tuple[int, int] | None:
    """A short line among the last three that holds a signer's name, with a date on it or on the next
    line: the signature block of a petition written without a «محل امضا» box."""
    if not names:
        return None
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()][-3:]
    for k, (start, end) in enumerate(lines):
        line = text[start:end]
        if len(line.split()) > 10 or not any(name in line for name in names):
            continue
        next_line = text[lines[k + 1][0]:lines[k + 1][1]] if k + 1 < len(lines) else ""
        if _DATE_RE.search(line) or (_DATE_RE.search(next_line) and len(next_line.split()) <= 4):
            return start, end
    return None


_PETITION_CUE_RE = cue(
    r"دادخواست|خواهان|خوانده|خواسته|طرفیت|دادگاه|شورای_حل_اختلاف|دادرس|مطالبه|محکومیت|استدعا|صدور_حکم|دعوا|دعوی|"
    r"مهریه|نفقه|طلاق|حضانت|تخلیه|چک|سفته|اعسار|وراثت|ترکه|اجاره|مبایعه|تجدید_?نظر|واخواهی|فرجام|وکالت|"
    r"ریاست_محترم|الزام|خسارت|بدهکار|قرارداد|مقوم_به"
)
_PERSIAN_WORD_RE = re.compile(r"[\u0600-\u06FF\u200c]{2,}")
MIN_PERSIAN_WORDS = 4
MIN_PETITION_CUES = 2


def looks_like_petition(text: str, parsed: ParsedPetition | None = None) -> bool:
    """Whether the text reads as a civil petition at all: some Persian (CPC 51 asks for Persian) and
    at least two distinct legal cue words (party, claim, court, request) — or a party or claim the
    parser found. «سلام», a line of English or a shopping list fail; any draft petition passes."""
    if sum(1 for _ in islice(_PERSIAN_WORD_RE.finditer(text), MIN_PERSIAN_WORDS)) < MIN_PERSIAN_WORDS:
        return False
    cues: set[str] = set()
    for m in _PETITION_CUE_RE.finditer(text):
        cues.add(" ".join(m.group().split()))
        if len(cues) >= MIN_PETITION_CUES:
            return True
    f = parsed.fields if parsed is not None else None
    return bool(f and (f.claim or f.defendants or f.plaintiffs) and cues)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (to '.', a line break, or 400 characters) that holds text[start:end]."""
    lo = max(0, start - 400)
    begin = lo
    for m in _SENTENCE_END_RE.finditer(text, lo, start):
        begin = m.end()
    m = _SENTENCE_END_RE.search(text, end, end + 120)
    finish = m.start() if m else min(len(text), end + 120)
    while begin < start and text[begin] in " \t":
        begin += 1
    return begin, finish


def _cut(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """text[start:end] without the given holes."""
    pieces, pos = [], start
    for h_start, h_end in sorted(holes):
        if h_end <= pos or h_start >= end:
            continue
        if h_start > pos:
            pieces.append(text[pos:h_start])
        pos = max(pos, h_end)
    if pos < end:
        pieces.append(text[pos:end])
    return " ".join(pieces)


_SALUTATION_RE = cue(r"(?:ریاست|محضر|قاضی)_محترم(?:_ریاست)?_(?:دادگاه|شعبه|شورا)[^\n،.]{0,40}")


def _drop_salutation(text: str) -> str:
    return _SALUTATION_RE.sub(" ", text, count=2)
