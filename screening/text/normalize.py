"""Normalise pasted Persian text with hazm without damaging what the checks need.

hazm's spacing correction splits `1402/05/10` and `450,000,000` into pieces (STACK.md), so
structured tokens (digit groups with separators, e-mails, IBANs) are swapped for private-use
placeholder characters before hazm runs and put back afterwards. Digits are folded to ASCII
first (a 1:1 change), so everything downstream reads `0-9`.

`NormalisedText.to_original(i)` maps a position in the normalised text back to the user's
own characters; the alignment is computed lazily, on the first call, because most petitions
need only a few spans.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator

from screening.text.digits import fold_digits
from screening.text.gate import required_words

# Characters in the Unicode private-use area stand in for protected tokens while hazm runs;
# hazm leaves them alone. Any that the user pasted are dropped first so they cannot collide.
_PUA_START = 0xE000
_PUA_END = 0xF8FF
_PUA_RE = re.compile("[\ue000-\uf8ff]")

# Linear time on any input: every run that a branch could start inside of may only be entered at its
# first character (the look-behinds), and is then consumed possessively (`++`, Python ≥ 3.11), so
# the engine never retries a long run of digits or e-mail characters from each of its positions
# (without this, 32,000 digits took 27 s). A match can only start at a run's first character anyway:
# a later start would see the same run end, so what is matched is unchanged.
_PROTECTED_RE = re.compile(
    r"""
    (?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++   # e-mail
    | (?:IR|ir)?\+?(?<!\d)\d++(?:[-,٬./،:٫]\d++)++            # dates, amounts, IDs with separators
    | (?:IR|ir)\d++ | \+\d{8,}+                                  # IBAN, phone with its «+»
    """,
    re.VERBOSE,
)

# Every character a protected token can hold. Runs of them (two or more) are found with one
# character-class scan; the alternation above, with its look-behinds, then runs only inside them,
# which is about three times cheaper on a Persian petition than running it over every position.
# Same matches: a token never holds a character outside the class, and the character before a run
# is outside it too, so each look-behind sees what it would see in the whole text.
_PROTECTED_RUN_RE = re.compile(r"[\dA-Za-z._%+@\-,٬/،:٫]{2,}+")  # \d: any Unicode digit, as below


def protected_tokens(text: str) -> Iterator[re.Match[str]]:
    """`_PROTECTED_RE.finditer(text)`, found run by run."""
    for run in _PROTECTED_RUN_RE.finditer(text):
        yield from _PROTECTED_RE.finditer(text, run.start(), run.end())


ZWNJ = "\u200c"

# hazm's letters for its repeated-character rule (hazm.normalizer.Normalizer.__init__).
_HAZM_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_LETTER_RUN_RE = re.compile(f"[{_HAZM_LETTERS}]++")
# hazm.Normalizer.seperate_mi's pattern, \bن?می[letters]+ (a word that starts with «می» or «نمی»),
# written to open with its first letter so that the regex engine skips other characters in C
# (2 × faster; the same matches: tests compare it with hazm's own pass).
_MI_WORD_RE = re.compile(r"(?:ن(?<=\bن)می|م(?<=\bم)ی)[آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی]+")
_TATWEEL_CR_RE = re.compile("[\u0640\r]")
_TRIPLE_LETTER_RE = re.compile(f"([{_HAZM_LETTERS}])\\1{{2,}}+")


@dataclass(frozen=True)
class NormalisedText:
    """A normalised text and the way back to the original."""

    original: str
    text: str
    # Pieces of `text` that were copied verbatim from `original` (protected tokens):
    # (norm_start, orig_start, length). Exact anchors for the alignment.
    _anchors: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)
    _hazm_input: str = field(default="", repr=False)  # placeholder text that hazm saw
    _hazm_output: str = field(default="", repr=False)
    _placeholder_to_orig: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    _segments: tuple[tuple[int, int, bool], ...] = field(default=((0, 0, True),), repr=False)
    # A half-space stood where it joins nothing: spaced before hazm ran or dropped after it, so
    # characters meet (or part) that hazm's rules saw otherwise («..‌.», a digit and a letter).
    _stray_zwnj: bool = field(default=False, repr=False)

    def to_original(self, i: int) -> int:
        """Position in `original` of the character at position `i` of `text`."""
        if i <= 0:
            return 0
        if i >= len(self.text):
            return len(self.original)
        norm_starts, orig_starts = self._map
        k = bisect.bisect_right(norm_starts, i) - 1
        return min(orig_starts[k] + (i - norm_starts[k]), len(self.original))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        return o_start, max(o_end, o_start)

    @cached_property
    def _map(self) -> tuple[list[int], list[int]]:
        """Run-length map: normalised offset → original offset, as parallel sorted lists."""
        return _build_map(self)


@dataclass(frozen=True)
class ChainedNormalisedText:
    """A text normalised in more than one pass, with the way back through each pass to the original.

    Same reading interface as `NormalisedText` (`original`, `text`, `to_original`,
    `span_to_original`): positions go back through the last pass, then the one before it."""

    original: str
    text: str
    passes: tuple[NormalisedText, ...]

    def to_original(self, i: int) -> int:
        for nt in reversed(self.passes):
            i = nt.to_original(i)
        return i

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        for nt in reversed(self.passes):
            start, end = nt.span_to_original(start, end)
        return start, end


# A text whose first pass forms a new protected token or leaves a stray half-space gets another pass
# (rarely more than one); this many at most.
MAX_PASSES = 3


class Normaliser:
    """Folds digits and letters, fixes half-spaces, removes diacritics; protects structured tokens.

    One instance per process: building hazm's Normalizer loads a word list (1-2 s).
    """

    def __init__(self, dictionary_spacing: bool = False):
        from hazm import Lemmatizer, Normalizer  # hazm's import costs ~1.5 s: only when a normaliser is built

        self.dictionary_spacing = dictionary_spacing
        if dictionary_spacing:
            self._hazm = Normalizer(persian_numbers=False)
        else:
            # hazm's spacing correction has two parts: regular-expression rules (extra spaces,
            # affixes such as «ها»/«ی»/«می», punctuation) and a dictionary pass that tokenises every
            # line to join compound words («زمین لرزه»). The dictionary pass is the one that splits
            # dates and amounts, and it costs about a third of normalising; no check needs compound
            # words joined, so by default only the regular-expression rules run. Without that pass
            # hazm's own tokenizer is not needed, and the word list that the repeated-letter and
            # «می» rules use is loaded once (through the lemmatizer) instead of twice: ~0.4 s less
            # at start-up.
            h = Normalizer(correct_spacing=False, decrease_repeated_chars=False, seperate_mi=False, persian_numbers=False)
            lemmatizer = Lemmatizer(joined_verb_parts=False)
            h._words = lemmatizer.words
            h._verbs = set(lemmatizer.verbs.keys())
            self._hazm = h

    def _hazm_steps(self, text: str) -> str:
        """hazm's `Normalizer.normalize` steps, with three differences: the letter-folding table is
        built once (hazm 0.12.1 rebuilds it on every call) and skipped when no variant letter is
        present; persian_numbers stays off, since downstream reads ASCII digits; and what hazm
        deletes (diacritics, special marks, tatweel, carriage returns) is deleted *first*, before
        the style and spacing rules, because a character deleted after them can join what they
        look for («..ـ.» became «...» and only a second pass made it «…»)."""
        h = self._hazm
        text = _fold_like_hazm(text)
        if "\u0640" in text or "\r" in text:
            text = _TATWEEL_CR_RE.sub("", text)  # hazm's own [ـ\r] spacing rule, run before the others
        text = h.remove_diacritics(text)
        text = h.remove_specials_chars(text)
        if '""' in text:  # empty quotes: hazm quotes them only on a second pass; do it now
            text = text.replace('""', "«»")
        text = h.persian_style(text)
        text = _correct_spacing(text)
        text = h.unicodes_replacement(text)
        text = self._decrease_repeated_chars(text)
        return self._separate_mi(text)

    def _decrease_repeated_chars(self, text: str) -> str:
        """hazm's `decrease_repeated_chars` in linear time, with the same result.

        hazm finds each word holding a letter three or more times in a row with
        `[L]*([L])\\1{2,}[L]*`, which retries every position of a long word and backtracks through it
        (quadratic: 200,000 letters without spaces took minutes), and then rebuilds the whole text
        once per such word. Its match is always a whole run of letters, so here the runs are found
        with one possessive pass, and the text is joined once.
        """
        if _TRIPLE_LETTER_RE.search(text) is None:
            return text
        words = self._hazm._words
        pieces: list[str] = []
        last = 0
        for m in _LETTER_RUN_RE.finditer(text):
            word = m.group()
            if _TRIPLE_LETTER_RE.search(word) is None:
                continue
            if words and word not in words:
                no_repeat = _TRIPLE_LETTER_RE.sub(r"\1", word)
                two_repeat = _TRIPLE_LETTER_RE.sub(r"\1\1", word)
                if (no_repeat in words) != (two_repeat in words):
                    word = no_repeat if no_repeat in words else two_repeat
                else:
                    word = two_repeat
            pieces.append(text[last : m.start()])
            pieces.append(word)
            last = m.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def _separate_mi(self, text: str) -> str:
        """hazm's `seperate_mi` with the same pattern and result, and a cheaper replacement: hazm runs
        `re.sub("^(ن?می)", …)` on every word that starts with «می» (most do not change)."""
        verbs = self._hazm._verbs

        def replace(m: re.Match[str]) -> str:
            word = m.group()
            cut = 3 if word.startswith("نمی") else 2
            joined = word[:cut] + "\u200c" + word[cut:]
            return joined if verbs and joined in verbs else word

        return _MI_WORD_RE.sub(replace, text) if "می" in text else text

    def __call__(self, text: str) -> NormalisedText:
        return self.normalise(text)

    def normalise(self, text: str) -> NormalisedText | ChainedNormalisedText:
        """`text` normalised, with the way back to it. Normalising the result again changes nothing:
        when one pass leaves work for a second (see `_settled`), the second is done here."""
        passes = [self._normalise_once(text)]
        while len(passes) < MAX_PASSES and not _settled(passes[-1]):
            again = self._normalise_once(passes[-1].text)
            if again.text == passes[-1].text:
                break
            passes.append(again)
        if len(passes) == 1:
            return passes[0]
        return ChainedNormalisedText(original=text, text=passes[-1].text, passes=tuple(passes))

    def _normalise_once(self, text: str) -> NormalisedText:
        # 1. Digits to ASCII (same length), drop pasted private-use characters (rare) by
        #    mapping them to spaces so offsets still hold.
        folded = fold_digits(text)
        if _PUA_RE.search(folded):
            folded = _PUA_RE.sub(" ", folded)
        stray_zwnj = False
        if "\u200c" in folded:  # stray half-spaces become spaces (same length) so hazm sees plain text
            spaced = _ZWNJ_RUN_RE.sub(_stray_zwnj_to_spaces, folded)
            stray_zwnj, folded = spaced != folded, spaced
        # A spot where one hazm pass does not reach its own fixed point: tabs next to punctuation.
        # Settling it first (one character for one) keeps normalising idempotent.
        if "\t" in folded:
            folded = folded.replace("\t", " ")


        # 2. Swap protected tokens for placeholders.
        pieces: list[str] = []
        placeholders: dict[str, tuple[int, int]] = {}
        # (position in hazm input, position in original, is verbatim): to map hazm's input back
        segments: list[tuple[int, int, bool]] = [(0, 0, True)]
        src_pos = 0
        last = 0
        code = _PUA_START
        for m in protected_tokens(folded):
            if code > _PUA_END:
                break
            token = m.group()
            ph = chr(code)
            code += 1
            pieces.append(folded[last : m.start()])
            src_pos += m.start() - last
            padded = _needs_space(folded, m.start(), m.end())
            pieces.append(f" {ph} " if padded else ph)
            segments.append((src_pos, m.start(), False))  # pad/placeholder → token start
            src_pos += 3 if padded else 1
            segments.append((src_pos, m.end(), True))
            placeholders[ph] = (m.start(), m.end())
            last = m.end()
        pieces.append(folded[last:])
        hazm_input = "".join(pieces)

        # 3. hazm, then put the tokens back exactly as the user wrote them (digits folded).
        hazm_output = self._hazm_steps(hazm_input)
        hazm_output = fold_digits(hazm_output)
        dropped = _has_stray_zwnj(hazm_output)
        hazm_output = _tidy(hazm_output, dropped)
        stray_zwnj = stray_zwnj or dropped
        if placeholders:
            out: list[str] = []
            anchors: list[tuple[int, int, int]] = []
            last = shift = 0
            for m in _PUA_RE.finditer(hazm_output):
                o_start, o_end = placeholders[m.group()]
                out.append(hazm_output[last : m.start()])
                anchors.append((m.start() + shift, o_start, o_end - o_start))
                out.append(folded[o_start:o_end])
                shift += o_end - o_start - 1
                last = m.end()
            out.append(hazm_output[last:])
            normalised = "".join(out)
        else:
            normalised, anchors = hazm_output, []
        return NormalisedText(
            original=text,
            text=normalised,
            _anchors=tuple(anchors),
            _hazm_input=hazm_input,
            _hazm_output=hazm_output,
            _placeholder_to_orig=placeholders,
            _segments=tuple(segments),
            _stray_zwnj=stray_zwnj,
        )


# hazm is not idempotent at the edges (':\u200c' → ': \u200c' → ':'). A half-space only means
# something between two letters; drop the others, then the spaces they leave behind.
_ZWNJ_RUN_RE = re.compile("\u200c+")
_SPACE_RUN_RE = re.compile(r"[ \t]{2,}")
_NEWLINE_RUN_RE = re.compile(r"\n{3,}")
_LINE_EDGE_SPACE_RE = re.compile(r"[ \t]+(?=\n)|(?<=\n)[ \t]+")


def _between_letters(m: re.Match[str]) -> bool:
    text, start, end = m.string, m.start(), m.end()
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def _drop_stray_zwnj(m: re.Match[str]) -> str:
    return m.group() if _between_letters(m) else ""


def _stray_zwnj_to_spaces(m: re.Match[str]) -> str:
    return m.group() if _between_letters(m) else " " * (m.end() - m.start())


def _any_zwnj(text: str, odd: Callable[[str, int], bool]) -> bool:
    """Whether `odd(text, i)` holds for some half-space at `i`. A petition holds dozens of half-spaces
    (hazm writes «می‌», «‌ها»); a loop over them is several times cheaper than a regex callback per run."""
    i = text.find("\u200c")
    while i >= 0:
        if odd(text, i):
            return True
        i = text.find("\u200c", i + 1)
    return False


def _stray_at(t: str, i: int) -> bool:
    # Not standing alone between two letters (one of a run of two is stray too).
    return not (0 < i < len(t) - 1 and t[i - 1].isalpha() and t[i + 1].isalpha())


def _has_stray_zwnj(text: str) -> bool:
    """A half-space not standing alone between two letters."""
    return _any_zwnj(text, _stray_at)


def _settled(nt: NormalisedText) -> bool:
    """Whether a second pass over `nt.text` can be skipped: no stray half-space was spaced or dropped,
    no «ی» stands alone, and the protected tokens of the result are the ones put back
    (a character deleted inside «3:ـ3», or a space hazm removed, can join digits into a token that
    only a second pass protects — and hazm spaces a token's placeholder unlike plain digits)."""
    if nt._stray_zwnj or " ی " in nt.text:
        # «ی» left standing alone: hazm's ezafe rule («([^ ]ه) ی ») may only now find its space.
        return False
    if not _may_join_a_token().search(nt._hazm_input):
        return True  # nothing hazm deletes, and no space it removes, stands between token characters
    tokens = [(m.start(), m.end()) for m in protected_tokens(nt.text)]
    return tokens == [(start, start + length) for start, _, length in nt._anchors]


@functools.cache
def _may_join_a_token() -> re.Pattern[str]:
    """Where hazm can join token characters (digits, separators, a placeholder): a character it
    deletes between two of them, or a space it removes before «.», «:» or «،»."""
    from hazm.normalizer import DIACRITICS_PATTERNS, SPECIAL_CHARS_PATTERNS

    token = r"\dA-Za-z._%+@\-,٬/،:٫\ue000-\uf8ff"
    deleted = "|".join(["[\u0640\r]", *(p if isinstance(p, str) else p.pattern
                                          for p, _ in (*DIACRITICS_PATTERNS, *SPECIAL_CHARS_PATTERNS))])
    return re.compile(f"[{token}](?:(?:{deleted})+| +(?=[.:،]))[{token}]")


def _tidy(text: str, stray_zwnj: bool | None = None) -> str:
    """`stray_zwnj`: `_has_stray_zwnj(text)` when the caller has it already."""
    # Each pass is guarded by a cheap test: most texts need none of them.
    if _has_stray_zwnj(text) if stray_zwnj is None else stray_zwnj:
        text = _ZWNJ_RUN_RE.sub(_drop_stray_zwnj, text)
    if "  " in text or "\t" in text:
        text = _SPACE_RUN_RE.sub(" ", text)
    if " \n" in text or "\n " in text or "\t" in text:
        # What `_LINE_EDGE_SPACE_RE.sub("", text)` does, line by line (several times cheaper): only
        # the first line's start and the last line's end differ, and the strip below takes those.
        text = "\n".join([line.strip(" \t") for line in text.split("\n")])
    if "\n\n\n" in text:
        # hazm's \n{3,} rule ran before the trimming above joined these lines (a second pass would run it).
        text = _NEWLINE_RUN_RE.sub("\n\n", text)
    return text.strip(" \t")


def _needs_space(text: str, start: int, end: int) -> bool:
    """Whether a token is glued to letters («مبلغ100,000ریال»): hazm would glue the placeholder too.

    Characters hazm deletes (diacritics, tatweel, format and control characters) are looked
    past, so that the decision is the same on the second pass over the output.
    """
    i = start - 1
    while i >= 0 and _invisible(text[i]):
        i -= 1
    j = end
    while j < len(text) and _invisible(text[j]):
        j += 1
    before = text[i] if i >= 0 else " "
    after = text[j] if j < len(text) else " "
    return before.isalpha() or after.isalpha()


def _invisible(ch: str) -> bool:
    return ch == "ـ" or unicodedata.category(ch)[0] in "MC"


# --- alignment --------------------------------------------------------------------------------

_LOOKAHEAD = 48
_PROBE = 6


def _build_map(nt: NormalisedText) -> tuple[list[int], list[int]]:
    """Align hazm's output with its input (greedy, with short look-ahead resynchronisation).

    hazm's edits are local (spaces, half-spaces, diacritics, repeated characters, letter
    variants), so a two-pointer walk that re-syncs on the next few characters is enough.
    Placeholders are exact anchors: each maps to the original token it replaced.
    """
    # hazm first folds letter variants one for one; fold the input the same way so that
    # only hazm's real edits (spaces, diacritics, repeats) look like differences.
    src, dst = _fold_like_hazm(nt._hazm_input), nt._hazm_output
    # Map each position of the placeholder text back to the original.
    src_to_orig = _placeholder_text_map(nt)

    norm_starts: list[int] = [0]
    orig_starts: list[int] = [0]
    i = j = 0  # i in src (hazm input), j in dst (hazm output)
    norm_pos = 0  # position in the final normalised text (placeholders expanded)
    n_src, n_dst = len(src), len(dst)
    placeholders = nt._placeholder_to_orig
    while j < n_dst:
        ch = dst[j]
        if ch in placeholders:
            o_start, o_end = placeholders[ch]
            norm_starts.append(norm_pos)
            orig_starts.append(o_start)
            norm_pos += o_end - o_start
            # skip src forward to the same placeholder
            k = src.find(ch, i)
            i = (k + 1) if k >= 0 else i
            j += 1
            norm_starts.append(norm_pos)
            orig_starts.append(o_end)
            continue
        if i < n_src and src[i] == ch:
            # a run of equal characters: one anchor for the whole run
            run = _common_run(src, i, dst, j)
            if placeholders and (ph := _PUA_RE.search(dst, j, j + run)):
                run = max(1, ph.start() - j)
            norm_starts.append(norm_pos)
            orig_starts.append(src_to_orig(i))
            i += run
            j += run
            norm_pos += run
            continue
        # Mismatch: was something deleted from src, inserted into dst, or substituted?
        probe = dst[j : j + _PROBE]
        k = src.find(probe, i, i + _LOOKAHEAD) if i < n_src else -1
        if k > i:  # characters deleted by hazm
            i = k
            continue
        probe_src = src[i : i + _PROBE]
        k = dst.find(probe_src, j, j + _LOOKAHEAD) if probe_src else -1
        if k > j:  # characters inserted by hazm (spaces, half-spaces)
            for _ in range(k - j):
                norm_starts.append(norm_pos)
                orig_starts.append(src_to_orig(min(i, n_src - 1)) if n_src else 0)
                norm_pos += 1
            j = k
            continue
        # substitution of one character
        norm_starts.append(norm_pos)
        orig_starts.append(src_to_orig(min(i, n_src - 1)) if n_src else 0)
        norm_pos += 1
        j += 1
        i += 1
    return norm_starts, orig_starts


def _common_run(a: str, i: int, b: str, j: int) -> int:
    """Length of the common run a[i:] / b[j:] (>= 1), by doubling then halving slice compares."""
    limit = min(len(a) - i, len(b) - j)
    lo, step = 1, 16
    while lo + step <= limit and a[i + lo : i + lo + step] == b[j + lo : j + lo + step]:
        lo += step
        step *= 2
    while step > 1:
        step //= 2
        if lo + step <= limit and a[i + lo : i + lo + step] == b[j + lo : j + lo + step]:
            lo += step
    while lo < limit and a[i + lo] == b[j + lo]:
        lo += 1
    return lo


def _fold_like_hazm(text: str) -> str:
    global _HAZM_FOLD, _HAZM_FOLD_RE
    if _HAZM_FOLD is None:
        from hazm.constants import TRANSLATION_DST, TRANSLATION_SRC

        _HAZM_FOLD = str.maketrans(TRANSLATION_SRC, TRANSLATION_DST)
        _HAZM_FOLD_RE = re.compile("[" + re.escape(TRANSLATION_SRC) + "]")
    # str.translate looks every character up in a dict (~0.4 ms for 2 KB); replacing only the
    # variant letters that occur is ~20 times cheaper, as long as they are few: each costs a
    # Python call, so a long text written all in Arabic letters («يك» × 100,000) is translated.
    if len(text) > _TRANSLATE_ABOVE and len(_HAZM_FOLD_RE.findall(text, 0, _TRANSLATE_SAMPLE)) > _TRANSLATE_SAMPLE // 50:
        return text.translate(_HAZM_FOLD)
    return _HAZM_FOLD_RE.sub(lambda m: chr(_HAZM_FOLD[ord(m.group())]), text)


_TRANSLATE_ABOVE = 20_000
_TRANSLATE_SAMPLE = 20_000


_HAZM_FOLD: dict[int, int] | None = None
_HAZM_FOLD_RE: re.Pattern[str] | None = None


def _placeholder_text_map(nt: NormalisedText):
    """Function: position in hazm's input → position in the original text."""
    src_starts = [seg[0] for seg in nt._segments]
    n_orig = len(nt.original)
    if len(src_starts) == 1:  # no placeholders: hazm's input is the original, position for position

        def same(p: int) -> int:
            return p if p < n_orig else n_orig

        return same

    def to_orig(p: int) -> int:
        k = bisect.bisect_right(src_starts, p) - 1
        src_start, orig_start, verbatim = nt._segments[k]
        return min(orig_start + (p - src_start if verbatim else 0), n_orig)

    return to_orig


# --- hazm's spacing pass, each rule run only when it can change something ------------------


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\\w` means to `re` for str patterns


def _zwnj_before_non_word(t: str) -> bool:
    """A half-space followed by a non-word character or the end: where `\\b\\u200c*\\B` can end.
    (A half-space is not a word character, so \\B after one needs a non-word character or the end
    next; with no half-space the pattern would need \\b and \\B at one place.)"""
    return _any_zwnj(t, lambda t, i: i + 1 == len(t) or not _is_word(t[i + 1]))


def _zwnj_after_non_word(t: str) -> bool:
    """A half-space at the start or after a non-word character: where `\\B\\u200c*\\b` can start."""
    return _any_zwnj(t, lambda t, i: i == 0 or not _is_word(t[i - 1]))


# Rules whose every match holds a literal `required_words` cannot see (a look-around or an
# anchor in the way), or none: the condition without which the rule cannot match.
_SPACING_GUARDS = {
    "\\b\\u200c*\\B": _zwnj_before_non_word,
    "\\B\\u200c*\\b": _zwnj_after_non_word,
    "^ +| +$": lambda t: t[:1] == " " or t.endswith(" ") or t.endswith(" \n"),  # no MULTILINE
    "[\u0640\\r]": lambda t: "\u0640" in t or "\r" in t,
    "(^| )(ن?می) ": lambda t: "می " in t,
    ("(?<=[^\\n\\d \\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]{2}) (تر(ین?)?|گری?|های?)"
     "(?=[ \\n\\.:!،؛؟»\\]\\)\\}«\\[\\(\\{]|$)"): lambda t: " تر" in t or " گر" in t or " ها" in t,
}
@functools.cache
def _spacing_rules() -> list[tuple[re.Pattern[str], str, tuple[str, ...] | None, object]]:
    """hazm 0.12's three spacing lists, in its order, each with the words one of which its every
    match contains (`screening.text.gate`) or a hand-written guard."""
    from hazm.normalizer import AFFIX_SPACING_PATTERNS, EXTRA_SPACE_PATTERNS, PUNCTUATION_SPACING_PATTERNS

    rules = []
    for pattern, repl in (*EXTRA_SPACE_PATTERNS, *AFFIX_SPACING_PATTERNS, *PUNCTUATION_SPACING_PATTERNS):
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        rules.append((compiled, repl, required_words(compiled, min_word=1), _SPACING_GUARDS.get(compiled.pattern)))
    return rules


def _correct_spacing(text: str) -> str:
    """hazm's `Normalizer.correct_spacing` without its tokenizer (we build hazm with
    correct_spacing=False, so it has none and its per-line pass changes nothing): the same
    rules in the same order, skipping a rule when its guard shows it cannot match. About half
    the cost on a 2 KB petition; a test compares it with hazm's own on the corpus and on
    generated text."""
    for compiled, repl, words, guard in _spacing_rules():
        if words is not None and not any(w in text for w in words):
            continue
        if guard is not None and not guard(text):
            continue
        text = compiled.sub(repl, text)
    return text


_DEFAULT: list[Normaliser] = []


def get_normaliser() -> Normaliser:
    """The process-wide normaliser (hazm's word list loads once)."""
    if not _DEFAULT:
        _DEFAULT.append(Normaliser())
    return _DEFAULT[0]


def normalise(text: str) -> str:
    """Normalised text only (convenience for tools and tests)."""
    return get_normaliser().normalise(text).text
