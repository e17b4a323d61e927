"""A literal pre-filter for regular expressions: skip a search that cannot match.

Most cues of the legal tables (a claim type's wording, a ground of CPC 84) are absent from most
petitions, and a failed `re.search` still walks the whole text (a few microseconds for 2 KB, times
a hundred cues). Every match of «(?:رفع|منع)_مزاحمت» contains «مزاحمت»; if the text does not,
`str.__contains__` (a fast memory scan) says so without running the regex.

`required_words(pattern)` reads the pattern with the regex module's own parser and returns words
one of which every match must contain, or None when it cannot tell. It is conservative: only
runs of plain literal characters count, a group that may repeat zero times contributes nothing,
an alternation counts only when every branch has a word, and look-arounds are ignored.
`GatedPattern` wraps a compiled pattern with that gate and otherwise behaves like it.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

try:  # the parser behind `re.compile` (Python 3.11+ names it re._parser)
    from re import _constants as _sre_c
    from re import _parser as _sre_p
except ImportError:  # pragma: no cover - older layouts: no gate, never a wrong answer
    _sre_c = _sre_p = None

# A shorter required word is too common to filter anything («و», «به»).
MIN_WORD = 2
# A character class of more literals than this is not worth a test per character.
MAX_CLASS_GATE = 8

_Gate = frozenset  # words one of which must occur


def _best(candidates: list[_Gate]) -> _Gate | None:
    """The most selective gate: longest shortest word, then fewest words."""
    if not candidates:
        return None
    return max(candidates, key=lambda g: (min(map(len, g)), -len(g)))


_REPEATS = tuple(op for op in (getattr(_sre_c, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op)


def _seq_gate(items: Any, min_word: int) -> _Gate | None:
    candidates: list[_Gate] = []
    run: list[str] = []

    def close() -> None:
        if len(run) >= min_word:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        if op is _sre_c.LITERAL:
            run.append(chr(av))
            continue
        if op in _REPEATS and av[0] >= 1 and len(av[2].data) == 1 and av[2].data[0][0] is _sre_c.LITERAL:
            # c{m,n}: its first m copies follow what came before, its last m copies precede what
            # comes after, but the two ends are adjacent only when it repeats exactly m times.
            copies = [chr(av[2].data[0][1])] * av[0]
            run.extend(copies)
            if av[1] != av[0]:
                close()
                run.extend(copies)
            continue
        if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
            # Zero-width: it does not break a run of literals (\b inside «\bچک» keeps «چک» whole).
            if op is _sre_c.AT:
                continue
            close()
            continue
        close()
        gate = None
        if op is _sre_c.SUBPATTERN:
            gate = _seq_gate(av[3], min_word)
        elif op is _sre_c.ATOMIC_GROUP:
            gate = _seq_gate(av, min_word)
        elif op in _REPEATS:
            if av[0] >= 1:
                gate = _seq_gate(av[2], min_word)
        elif op is _sre_c.IN and min_word <= 1 and len(av) <= MAX_CLASS_GATE and all(o is _sre_c.LITERAL for o, _ in av):
            gate = frozenset(chr(v) for _, v in av)  # [.:]: one of these characters
        elif op is _sre_c.BRANCH:
            branches = [_seq_gate(b, min_word) for b in av[1]]
            if branches and all(b is not None for b in branches):
                gate = frozenset().union(*branches)
        if gate is not None:
            candidates.append(gate)
    close()
    return _best(candidates)


def required_words(pattern: str | re.Pattern[str], min_word: int = MIN_WORD) -> tuple[str, ...] | None:
    """Words (of `min_word` characters or more) one of which every match of `pattern` contains
    (sorted), or None when none is known."""
    if _sre_p is None:
        return None
    source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, 0)
    if not isinstance(source, str):
        return None
    try:
        parsed = _sre_p.parse(source, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no gate
        return None
    if (flags | parsed.state.flags) & (re.IGNORECASE | re.VERBOSE):
        return None  # case folding or verbose layout: literals are not what the text must hold
    gate = _seq_gate(parsed.data, min_word)
    return tuple(sorted(gate)) if gate else None


class GatedPattern:
    """A compiled pattern that is only run when one of its required words occurs in the text."""

    __slots__ = ("_re", "words")

    def __init__(self, compiled: re.Pattern[str], words: tuple[str, ...]):
        self._re = compiled
        self.words = words

    def _possible(self, text: str) -> bool:
        for w in self.words:  # a plain loop: a generator per call costs more than the tests
            if w in text:
                return True
        return False

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self._re.search(text, *args) if self._possible(text) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self._re.finditer(text, *args) if self._possible(text) else iter(())

    def findall(self, text: str, *args: int) -> list[Any]:
        return self._re.findall(text, *args) if self._possible(text) else []

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self._re.sub(repl, text, count) if self._possible(text) else text

    def __getattr__(self, name: str) -> Any:
        if name in GatedPattern.__slots__:
            # Not set yet (pickle builds the object before its state): no recursion through `_re`.
            raise AttributeError(name)
        return getattr(self._re, name)

    def __getstate__(self) -> tuple[re.Pattern[str], tuple[str, ...]]:
        return self._re, self.words

    def __setstate__(self, state: tuple[re.Pattern[str], tuple[str, ...]]) -> None:
        self._re, self.words = state

    def __repr__(self) -> str:
        return f"GatedPattern({self._re.pattern!r}, words={self.words!r})"


def gated(compiled: re.Pattern[str], min_word: int = MIN_WORD) -> re.Pattern[str] | GatedPattern:
    """`compiled` behind its literal gate, or itself when no required word is known."""
    words = required_words(compiled, min_word)
    return GatedPattern(compiled, words) if words else compiled


def finditer_windowed(pattern: re.Pattern[str] | GatedPattern, text: str, longest: int,
                      window: int = 4096) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, searched one window of start positions at a time.

    For a pattern whose matches, with what their look-arounds read, never span more than `longest`
    characters. A failing scan of a long text is one C call that holds the interpreter lock for its
    whole length (1.7 s for 200,000 characters of «اینجانب» under a 400-character lazy clause);
    in windows, another thread (the web server's event loop) runs between them. Same matches:
    a window is searched up to `longest` characters past its last start, and a match that starts
    beyond its last start is found again, whole, from the next window."""
    if isinstance(pattern, GatedPattern):
        if not pattern._possible(text):
            return
        pattern = pattern._re
    n = len(text)
    pos = 0
    while pos <= n:
        last_start = pos + window
        endpos = last_start + longest
        m = pattern.search(text, pos, endpos) if endpos < n else pattern.search(text, pos)
        if m is None:
            if endpos >= n:
                return
            pos = last_start
            continue
        if endpos < n and m.start() >= last_start:
            pos = last_start  # may be cut short by the window's end: search it again from the next one
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1
