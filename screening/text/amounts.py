"""Money amounts in Persian petitions: digits, number words, units, and the "words (digits)" pair.

DOMAIN.md §9: amounts are written with `,` `٬` `.` `/` `،` as group separators, sometimes with the
groups reversed by right-to-left copying (`۰۰۰/۰۰۰/۲۰`), in words («چهارصد و پنجاه میلیون»), in digits
next to scale words («۴۵۰ میلیون»), in ریال or تومان (1 toman = 10 rial). Everything here returns
integer rial.

Public functions:
- `to_ascii_digits(s)`: Persian/Arabic-Indic digits → ASCII.
- `parse_number_words(s)`: a number expression (words, digits + scale words) → int.
- `parse_amount(s)`: one money expression as written → `Amount`.
- `find_amounts(text)`: every money expression in a normalised petition text → `AmountMatch`es.

Speed matters (this runs on every petition), so all patterns are compiled once at import, and
`find_amounts` only looks around a few anchors (unit words, "(", «مبلغ») instead of scanning
every position for number words. Expressions that end at an anchor are matched *backwards* with a
mirrored regex on the reversed text, so each anchor costs one anchored match.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from screening.text.digits import ARABIC_LETTERS, FOLD_FOR_PARSING, NON_ASCII_DIGITS, to_ascii_digits

__all__ = [
    "Amount",
    "AmountMatch",
    "find_amounts",
    "parse_amount",
    "parse_number_words",
    "to_ascii_digits",
]

Unit = Literal["rial", "toman"]

# --------------------------------------------------------------------------- characters

# For parsing free input: digits, plus Arabic letter forms that appear in copied text (ي ك ى).
_FOLD = FOLD_FOR_PARSING
_FOLD_CHARS = NON_ASCII_DIGITS + ARABIC_LETTERS
# A digit of any of the three scripts: the patterns take them as they are (int() reads them all),
# so find_amounts need not translate a whole text that has Persian digits.
_D = "[0-9۰-۹٠-٩]"


def _needs_fold(s: str) -> bool:
    # A few substring tests beat one regex character-class scan on Persian text (~2 µs vs ~7 µs / 2 KB).
    return any(c in s for c in _FOLD_CHARS)


def _fold(s: str) -> str:
    return s.translate(_FOLD) if _needs_fold(s) else s


# --------------------------------------------------------------------------- number words (data)

HALF = Fraction(1, 2)

# Values below 1000 ("small") combine within a group; scales (>= 1000) multiply the group.
SMALL_WORDS: dict[str, int] = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8, "نه": 9,
    "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "پونزده": 15,
    "شانزده": 16, "شونزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "هژده": 18,
    "نوزده": 19,
    "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
    "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500, "پونصد": 500,
    "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
SCALE_WORDS: dict[str, int] = {
    "هزار": 10**3,
    "میلیون": 10**6, "ملیون": 10**6,
    "میلیارد": 10**9, "ملیارد": 10**9, "بیلیون": 10**9,  # Iranian usage: بیلیون = میلیارد
    "تریلیون": 10**12,
}
HALF_WORD = "نیم"

# Token items: ("n", small) | ("s", scale) | ("h", 1/2) | ("d", digits text)
_Item = tuple[str, object]


def _word_items() -> dict[str, tuple[_Item, ...]]:
    items: dict[str, tuple[_Item, ...]] = {w: (("n", v),) for w, v in SMALL_WORDS.items()}
    items.update({w: (("s", v),) for w, v in SCALE_WORDS.items()})
    items[HALF_WORD] = (("h", HALF),)
    # Written joined without a half-space: «یکهزار», «پانصدهزار», «دومیلیون».
    for w, v in SMALL_WORDS.items():
        if v < 10 or v >= 100:
            for sw, sv in SCALE_WORDS.items():
                items.setdefault(w + sw, (("n", v), ("s", sv)))
    return items


WORD_ITEMS = _word_items()
_HUNDRED_PARTS = {w[: -len("صد")] for w in SMALL_WORDS if w.endswith("صد") and w != "صد"}

UNIT_WORDS: dict[str, Unit] = {"ریال": "rial", "تومان": "toman", "تومن": "toman"}
_UNIT_FACTOR: dict[str, int] = {"rial": 1, "toman": 10}

# --------------------------------------------------------------------------- patterns

_SEP_CHARS = ",٬.،/٫"
_SEP = rf"[ \t\u00a0]*[{_SEP_CHARS}][ \t\u00a0]*"
# A run of digit groups. Symmetric (its own mirror image), so the same text serves the reversed scan.
# Bounded (18 digits, 8 more groups) so a hostile run of digits costs little and int() stays small.
_RUN = rf"{_D}{{1,18}}(?:{_SEP}{_D}{{1,18}}){{0,8}}"
_DIGITS = rf"(?<!{_D})(?<!{_D}[{_SEP_CHARS}]){_RUN}(?!{_D})(?![{_SEP_CHARS}]{_D})"
# No real amount has more tokens than this («یک میلیون و دویست و سی و چهار هزار و ...» has 14).
MAX_TOKENS = 30
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_JOIN = r"(?:[\s\u200c]+و[\s\u200c]+|[\s\u200c]+)"


def _alternation(words: list[str]) -> str:
    """A regex matching any of `words`, built as a character trie.

    ~200 number words as a flat alternation cost the engine a branch test per word at every token;
    as a trie it is a handful of first-letter branches. Optional tails are greedy, so the longest
    word is tried first and shorter ones on backtracking («یکصد» before «یک»).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _expression(words: list[str]) -> str:
    token = rf"(?:{_DIGITS}|{_NOT_LETTER_BEFORE}(?:{_alternation(words)}){_NOT_LETTER_AFTER})"
    return rf"{token}(?:{_JOIN}{token}){{0,{MAX_TOKENS - 1}}}"


_WORDS = list(WORD_ITEMS)
_WORDS_REVERSED = [w[::-1] for w in _WORDS]
_UNIT_ALT = _alternation(list(UNIT_WORDS))
_UNIT_REV_ALT = _alternation([u[::-1] for u in UNIT_WORDS])

EXPR = _expression(_WORDS)
_EXPR_REV = _expression(_WORDS_REVERSED)
_GAP = r"[\s\u200c]*"

# Tokens inside a span that already matched EXPR: any letter run there is a number word or «و».
_TOKEN = re.compile(rf"(?P<d>{_RUN})|(?P<w>[^\W\d_]+)")
_FULL_EXPR = re.compile(EXPR)
_SEP_SPLIT = re.compile(rf"({_SEP})")
_DIGIT_RUN = re.compile(_RUN)
_ONE_SEP = str.maketrans({c: "," for c in _SEP_CHARS})
_FULL_AMOUNT = re.compile(
    rf"(?:(?:به[\s\u200c]+)?مبلغ[\s\u200c:]*)?(?P<expr>{EXPR}){_GAP}(?:(?P<unit>{_UNIT_ALT})ی?)?[\s.،:]*"
)

# find_amounts: anchors, then anchored matches around them.
_MOQAVVAM_TAIL = re.compile(r"[\s\u200c]+به")  # «مقوم» is a cue only as «مقوم به»
_REV_BEFORE_UNIT = re.compile(rf"{_GAP}(?P<expr>{_EXPR_REV})")
_REV_BEFORE_PAREN = re.compile(rf"{_GAP}(?:(?P<unit>{_UNIT_REV_ALT}){_NOT_LETTER_AFTER}{_GAP})?(?P<expr>{_EXPR_REV})")
_PAREN_INNER = re.compile(rf"{_GAP}(?P<expr>{EXPR}){_GAP}(?:(?P<unit>{_UNIT_ALT}){_GAP})?\)")
_UNIT_AFTER = re.compile(rf"{_GAP}(?P<unit>{_UNIT_ALT})")
_AFTER_CUE = re.compile(rf"[\s\u200c:]*(?P<expr>{EXPR})")
_REV_CUE = re.compile(rf"[\s\u200c:]*(?:غلبم|هب[\s\u200c]+موقم)")
_PERCENT_AFTER = re.compile(r"[\s\u200c]*(?:درصد|%|٪)")

# A pair without any unit word is only taken for sums this large (or after «مبلغ»/«مقوم به»),
# so «ماده پنجاه و یک (51)» or «سه (3) فقره» are not read as money.
MIN_UNITLESS_PAIR_RIAL = 1_000_000
# «مبلغ» + a number with no unit is only taken from this size («مبلغ 3 فقره چک» is a count).
MIN_CUE_ONLY_RIAL = 1_000


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Amount:
    """One money expression, parsed. `rial` is always integer rial."""

    rial: int
    unit: Unit
    unit_assumed: bool  # no ریال/تومان written: taken as rial
    reversed_groups: bool  # digit groups were reversed by RTL copy and put back
    from_words: bool  # number words took part («۴۵۰ میلیون» counts)
    text: str  # as written


@dataclass(slots=True)  # not frozen: a frozen __init__ costs ~2 µs per match on this hot path
class AmountMatch:
    """A money expression found in a text, with offsets [start, end) into that text.

    For the usual pair «چهارصد و پنجاه میلیون ریال (450,000,000 ریال)» one match carries both
    values: `words_rial` (the side written without digits) and `digits_rial` (the side with digits,
    including «450 میلیون»). A single expression fills one of them. `rial` is the digits value
    when there is one, else the words value.
    """

    start: int
    end: int
    text: str
    rial: int
    unit: Unit
    unit_assumed: bool
    digits_rial: int | None
    words_rial: int | None
    reversed_groups: bool = False

    @property
    def values_differ(self) -> bool:
        """True for a pair whose words and digits disagree (DOMAIN §9 VALUE_MISMATCH)."""
        return self.digits_rial is not None and self.words_rial is not None and self.digits_rial != self.words_rial


# --------------------------------------------------------------------------- digits


def _digits_value(tok: str, *, before_scale: bool, allow_reverse: bool) -> tuple[int | Fraction, bool] | None:
    """Value of one run of digit groups, and whether its groups were reversed.

    `,` `٬` `،` always group thousands; a single `٫` is always the decimal point. A single `.` or `/`
    with no spaces around it is a decimal point when a scale word follows («1.5 میلیارد»,
    «2/5 میلیون») or when the part after it is not three digits long; otherwise it groups thousands
    («500.000»).
    """
    if tok.isdigit():
        # A bare run with a leading zero is a phone number, ID or code, never a sum of money.
        return (int(tok), False) if len(tok) == 1 or int(tok[0]) else None
    if " " in tok or "\t" in tok or "\u00a0" in tok:
        parts = _SEP_SPLIT.split(tok)
        groups = parts[0::2]
        first_sep = parts[1]
    else:  # the usual case: one separator character between groups, no regex needed
        groups = tok.translate(_ONE_SEP).split(",")
        first_sep = tok[len(groups[0])]
    if len(groups) == 2 and ("٫" in first_sep or first_sep in (".", "/") and (before_scale or len(groups[1]) != 3)):
        return int(groups[0]) + Fraction(int(groups[1]), 10 ** len(groups[1])), False
    lens = [*map(len, groups)]
    inner_threes = lens.count(3) - (lens[0] == 3) - (lens[-1] == 3) == len(lens) - 2
    forward = inner_threes and 0 < lens[0] <= 3 and lens[-1] == 3
    backward = inner_threes and 0 < lens[-1] <= 3 and lens[0] == 3
    # DOMAIN §9: a leading 000 group means the groups were reversed by RTL copy.
    reverse = allow_reverse and backward and len(groups[0]) == 3 and not int(groups[0])
    if forward and not reverse:
        return int("".join(groups)), False
    if allow_reverse and backward and not before_scale:
        return int("".join(reversed(groups))), True
    return None


def _digit_suffixes(tok: str, start: int) -> list[tuple[str, int]]:
    """Later starting points inside a digit run: «1404/01/15 ...» → «01/15», «15»."""
    out = []
    for m in _SEP_SPLIT.finditer(tok):
        out.append((tok[m.end():], start + m.end()))
    return out


# --------------------------------------------------------------------------- number words


def _evaluate(items: list[_Item]) -> int | Fraction | None:
    """Combine token items into a number; None if they do not form one well-formed number.

    Within a group, hundreds → tens → units, each at most once (so «بیست پنج» is fine but
    «پنج بیست» is not). A scale closes the group: larger-then-smaller adds («یک میلیارد و
    پانصد میلیون»); a scale larger than everything before it multiplies («هزار و پانصد میلیون»,
    «سه هزار میلیارد»).
    """
    total: int | Fraction = 0
    current: int | Fraction = 0
    limit = 1000  # the next small word must be below this
    last_scale: int | None = None
    prev = ""
    n = len(items)
    for i, (kind, v) in enumerate(items):
        if kind == "n":
            if v >= limit:  # type: ignore[operator]
                return None
            current += v  # type: ignore[operator]
            limit = 100 if v >= 100 else (10 if v >= 20 else 1)  # type: ignore[operator]
        elif kind == "d":
            if limit != 1000 or current:
                return None
            current = v  # type: ignore[assignment]
            limit = 0
        elif kind == "h":
            nxt = items[i + 1][0] if i + 1 < n else ""
            if isinstance(current, Fraction) and current.denominator != 1:
                return None
            if nxt == "s":  # «دو و نیم میلیون», «نیم میلیون»
                current += HALF
                limit = 0
            elif prev == "s" and not current and last_scale:  # «یک میلیارد و نیم»
                if nxt:
                    return None
                total += Fraction(last_scale, 2)
            else:
                current += HALF
                limit = 0
        else:  # scale
            scale: int = v  # type: ignore[assignment]
            if total and total < scale:
                total = (total + current) * scale
            else:
                seg = current if current else (1 if not total else 0)
                if not seg or (last_scale is not None and scale >= last_scale):
                    return None
                total += seg * scale
            last_scale = scale
            current = 0
            limit = 1000
        prev = kind
    if not n:
        return None
    return total + current


def _items_of(tokens: list[tuple[str, str]], *, allow_reverse: bool) -> tuple[list[_Item] | None, bool, bool]:
    """Token texts → items. Returns (items or None, has_words, reversed_groups)."""
    if len(tokens) == 1 and tokens[0][0] == "d":
        r = _digits_value(tokens[0][1], before_scale=False, allow_reverse=allow_reverse)
        if r is None:
            return None, False, False
        return [("d", r[0])], False, r[1]
    words = [t for k, t in tokens if k == "w"]
    # Merge «چهار صد» / «سی صد» / «یک صد» written apart into the hundreds word.
    merged: list[tuple[str, str]] = []
    for k, t in tokens:
        if k == "w" and t == "صد" and merged and merged[-1][0] == "w" and merged[-1][1] in _HUNDRED_PARTS:
            merged[-1] = ("w", merged[-1][1] + "صد")
        else:
            merged.append((k, t))
    items: list[_Item] = []
    for i, (k, t) in enumerate(merged):
        if k == "w":
            word_items = WORD_ITEMS.get(t)
            if word_items is None:
                return None, True, False
            items.extend(word_items)
        else:
            nxt = merged[i + 1] if i + 1 < len(merged) else None
            before_scale = nxt is not None and nxt[0] == "w" and nxt[1] in SCALE_WORDS
            r = _digits_value(t, before_scale=before_scale, allow_reverse=False)
            if r is None:
                return None, bool(words), False
            items.append(("d", r[0]))
    return items, bool(words), False


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        if m.lastgroup == "d":
            out.append(("d", m.group(), m.start(), m.end()))
        elif (w := m.group()) != "و":
            out.append(("w", w, m.start(), m.end()))
    return out


def _as_int(v: int | Fraction | None) -> int | None:
    if v is None:
        return None
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else None
    return v


def parse_number_words(s: str) -> int | None:
    """Persian number words (and digits next to scale words) → int; None if `s` is not one number.

    «سیصد و پنجاه هزار» → 350000; «دو و نیم میلیون» → 2500000; «۵۰۰ میلیون» → 500000000;
    «1.5 میلیارد» → 1500000000; «یک‌صد» → 100. Plain digits are accepted too («450,000» → 450000).
    """
    t = _fold(s).strip()
    if not t or not _FULL_EXPR.fullmatch(t):
        return None
    toks = [(k, x) for k, x, _, _ in _tokens(t)]
    items, _, _ = _items_of(toks, allow_reverse=False)
    return _as_int(_evaluate(items)) if items is not None else None


# --------------------------------------------------------------------------- amounts


def _to_rial(value: int | Fraction, unit: Unit) -> int | None:
    return _as_int(value * _UNIT_FACTOR[unit])


def parse_amount(s: str) -> Amount | None:
    """One money expression as written → `Amount` in integer rial; None if it is not one.

    Accepts digits with any separator («۴۵۰/۰۰۰/۰۰۰», «200.000.000»), reversed groups
    («۰۰۰/۰۰۰/۲۰» → 20,000,000 with `reversed_groups`), words, digits + scale words, an optional
    leading «مبلغ», and an optional unit (toman ×10; none → rial with `unit_assumed`).
    """
    t = _fold(s).strip()
    m = _FULL_AMOUNT.fullmatch(t)
    if not m:
        return None
    toks = [(k, x) for k, x, _, _ in _tokens(t, m.start("expr"), m.end("expr"))]
    items, has_words, reversed_groups = _items_of(toks, allow_reverse=True)
    if items is None:
        return None
    value = _evaluate(items)
    if value is None:
        return None
    unit_word = m.group("unit")
    unit: Unit = UNIT_WORDS[unit_word] if unit_word else "rial"
    rial = _to_rial(value, unit)
    if rial is None:
        return None
    return Amount(rial, unit, unit_word is None, reversed_groups, has_words, s)


@dataclass(slots=True)
class _Side:
    start: int
    end: int
    value: int | Fraction
    has_digits: bool
    reversed_groups: bool


def _candidates(full: list[tuple[str, str, int]]):
    """The whole token list, then shorter ones from the left, lazily (the first usually parses)."""
    yield full
    for i in range(len(full)):
        if i:
            yield full[i:]
        k, x, s = full[i]
        if k == "d":
            for sub, sub_start in _digit_suffixes(x, s):
                yield [("d", sub, sub_start)] + full[i + 1:]


def _find_all(text: str, word: str) -> list[int]:
    out = []
    i = text.find(word)
    while i != -1:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _find_units(text: str) -> list[tuple[int, str]]:
    """(position, unit word) of every ریال / تومان / تومن, in text order."""
    out = [(i, "ریال") for i in _find_all(text, "ریال")]
    for i in _find_all(text, "توم"):  # one search for both تومان and تومن
        if text.startswith("تومان", i):
            out.append((i, "تومان"))
        elif text.startswith("تومن", i):
            out.append((i, "تومن"))
    out.sort()
    return out


def _find_cues(text: str) -> list[int]:
    """Positions right after «مبلغ» or «مقوم به»."""
    out = [i + 4 for i in _find_all(text, "مبلغ")]
    for i in _find_all(text, "مقوم"):
        m = _MOQAVVAM_TAIL.match(text, i + 4)
        if m:
            out.append(m.end())
    out.sort()
    return out


def _read_side(text: str, start: int, end: int, *, may_drop_leading: bool) -> _Side | None:
    """Value of the expression in text[start:end]. A backward scan may have swallowed number-like
    words that belong to the sentence before («نه 450,000 ریال»), so it may drop leading tokens."""
    if _DIGIT_RUN.fullmatch(text, start, end):  # the usual «450,000,000»: no tokenising needed
        r = _digits_value(text[start:end], before_scale=False, allow_reverse=True)
        if r is not None:
            return _Side(start, end, r[0], True, r[1])
        if not may_drop_leading:
            return None
    toks = _tokens(text, start, end)
    if not toks:
        return None
    full = [(k, x, s) for k, x, s, _ in toks]
    for cand in _candidates(full) if may_drop_leading else (full,):
        items, _, reversed_groups = _items_of([(k, x) for k, x, _ in cand], allow_reverse=True)
        if items is None:
            continue
        value = _evaluate(items)
        if value is None:
            continue
        s0 = cand[0][2]
        has_digits = any(k == "d" for k, _, _ in cand)
        return _Side(s0, end, value, has_digits, reversed_groups)
    return None


def _read_side_forward(text: str, start: int, end: int) -> _Side | None:
    """Forward counterpart: after «مبلغ» the greedy match may run into the next sentence, so drop
    trailing tokens until the rest is one number."""
    toks = _tokens(text, start, end)
    for j in range(len(toks), 0, -1):
        cand = toks[:j]
        items, _, reversed_groups = _items_of([(k, x) for k, x, _, _ in cand], allow_reverse=True)
        if items is None:
            continue
        value = _evaluate(items)
        if value is None:
            continue
        return _Side(cand[0][2], cand[-1][3], value, any(k == "d" for k, *_ in cand), reversed_groups)
    return None


class _Taken:
    """Spans already taken, kept sorted and non-overlapping: overlap test by bisection, so a long
    text with thousands of amounts stays linear-ish."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # spans starting before e are candidates; the nearest one decides
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def find_amounts(text: str) -> list[AmountMatch]:
    """Money expressions in a normalised text (ASCII digits, Persian letters), in text order.

    Taken: an expression followed by ریال/تومان; the pair «words (digits)» / «digits (words)» with a
    unit on either side or after the parenthesis (one match, both values); and a number right after
    «مبلغ»/«مقوم به» (unit assumed rial). Not taken: dates, IDs, phone or cheque numbers, which
    have no unit word and are not in the pair form. Offsets index `text` itself.
    """
    original = text
    if any(c in text for c in ARABIC_LETTERS):  # ي ك ى: digits need no folding (see _D)
        text = text.translate(_FOLD)  # one char for one char: offsets unchanged
    # Anchors by plain substring search: far cheaper than a regex alternation over the whole text.
    parens = _find_all(text, "(")
    units = _find_units(text)
    cues = _find_cues(text)
    if not units and not parens and not cues:
        return []
    n = len(text)
    rev = text[::-1]
    found: list[AmountMatch] = []
    taken = _Taken()

    # 1) pairs around "(": words (digits) / digits (words)
    for p in parens:
        inner = _PAREN_INNER.match(text, p + 1)
        if not inner:
            continue
        outer = _REV_BEFORE_PAREN.match(rev, n - p)
        if not outer:
            continue
        o_start, o_end = n - outer.end("expr"), n - outer.start("expr")
        o_side = _read_side(text, o_start, o_end, may_drop_leading=True)
        i_side = _read_side(text, inner.start("expr"), inner.end("expr"), may_drop_leading=False)
        if o_side is None or i_side is None or i_side.start != inner.start("expr"):
            continue
        if o_side.has_digits == i_side.has_digits:
            continue
        o_unit_w = outer.group("unit")
        o_unit_w = o_unit_w[::-1] if o_unit_w else None
        i_unit_w = inner.group("unit")
        end = inner.end()
        after_w = None
        if not o_unit_w and not i_unit_w:
            after = _UNIT_AFTER.match(text, end)
            if after:
                after_w = after.group("unit")
                end = after.end()
        o_unit_w = o_unit_w or i_unit_w or after_w
        i_unit_w = i_unit_w or after_w or o_unit_w
        unit_assumed = o_unit_w is None
        o_unit: Unit = UNIT_WORDS[o_unit_w] if o_unit_w else "rial"
        i_unit: Unit = UNIT_WORDS[i_unit_w] if i_unit_w else "rial"
        o_rial = _to_rial(o_side.value, o_unit)
        i_rial = _to_rial(i_side.value, i_unit)
        if o_rial is None or i_rial is None:
            continue
        digits_side, words_side = (o_side, i_side) if o_side.has_digits else (i_side, o_side)
        digits_rial, words_rial = (o_rial, i_rial) if o_side.has_digits else (i_rial, o_rial)
        digits_unit = o_unit if o_side.has_digits else i_unit
        if unit_assumed and max(digits_rial, words_rial) < MIN_UNITLESS_PAIR_RIAL:
            if not _REV_CUE.match(rev, n - o_side.start):
                continue
        start = o_side.start
        found.append(AmountMatch(start, end, original[start:end], digits_rial, digits_unit, unit_assumed,
                                 digits_rial, words_rial, digits_side.reversed_groups))
        taken.add(start, end)

    # 2) an expression right before ریال / تومان
    for u, unit_word in units:
        u_end = u + len(unit_word)
        if taken.overlaps(u, u_end):
            continue
        m = _REV_BEFORE_UNIT.match(rev, n - u)
        if not m:
            continue
        side = _read_side(text, n - m.end("expr"), n - m.start("expr"), may_drop_leading=True)
        if side is None:
            continue
        unit = UNIT_WORDS[unit_word]
        rial = _to_rial(side.value, unit)
        if rial is None or taken.overlaps(side.start, u_end):
            continue
        found.append(AmountMatch(side.start, u_end, original[side.start:u_end], rial, unit, False,
                                 rial if side.has_digits else None, None if side.has_digits else rial,
                                 side.reversed_groups))
        taken.add(side.start, u_end)

    # 3) «مبلغ» / «مقوم به» + a number, no unit
    for c in cues:
        m = _AFTER_CUE.match(text, c)
        if not m or taken.overlaps(m.start("expr"), m.start("expr") + 1):
            continue
        side = _read_side_forward(text, m.start("expr"), m.end("expr"))
        if side is None or taken.overlaps(side.start, side.end):
            continue
        if _PERCENT_AFTER.match(text, side.end):
            continue
        rial = _to_rial(side.value, "rial")
        if rial is None or rial < MIN_CUE_ONLY_RIAL:
            continue
        found.append(AmountMatch(side.start, side.end, original[side.start:side.end], rial, "rial", True,
                                 rial if side.has_digits else None, None if side.has_digits else rial,
                                 side.reversed_groups))
        taken.add(side.start, side.end)

    found.sort(key=lambda x: x.start)
    return found
