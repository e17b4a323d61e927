"""Features of a screened petition: word and character n-grams of the normalised text, plus
the structured output of the core (missing fields, claim type, findings, forum, value,
missing key evidence).

Why our own tf-idf instead of scikit-learn's `TfidfVectorizer`: scoring runs inside every
`screen()` call, and sklearn's analyzer costs about 2 ms on a 2 KB petition for character
n-grams alone (measured here), more than hazm's normaliser. This vectorizer has the same
maths (smooth idf, sublinear tf, l2 norm, `min_df`, `max_features`) but reads each
distinct word once per process: a word's character n-gram ids are cached, so a petition
costs a few dictionary look-ups per word and some numpy.

Feature names are prefixed: `w:` word n-gram, `c:` character n-gram (within a word,
`char_wb` style), `s:` structured feature.

Function words, honorifics, name initials and place names (`lexicon.is_excluded`) are never
n-gram features. Structured features come in two families (docs/MODEL_SPEC.md):
- legal (`legal=True`): claim type, the class of what is asked, the parties, the value band,
  the forum and the CPC 84 grounds the core read — they mean the same in a petition and in a
  court's restatement of it (`claim_features`);
- completeness (`completeness=True`): missing Article 51 items, form-level findings and missing
  key evidence. They describe a full petition form, so they are given only for a text the parser
  read as one (`is_full_petition`); a court's restatement or a short note never gets them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from screening.knowledge.findings import FINDING_TYPES
from screening.model.claim_features import doc_claim_features
from screening.model.lexicon import is_excluded
from screening.report import Severity

# Letters (with half-spaces inside words) or digit runs; digit runs become one shape token,
# since amounts, dates and IDs carry no signal as words (the structured features have them).
_TOKEN_RE = re.compile(r"[^\W\d_][\w\u200c]*|\d+")
_WORD_CHUNK_RE = re.compile(r"[\w\u200c]+")
NUMBER_TOKEN = "#"
# The parties' names are not evidence of anything: a model must not score a petition by who
# the plaintiff is. Their words are replaced by one token before any n-gram is taken.
NAME_TOKEN = "@"
_CACHE_LIMIT = 200_000

# Findings that depend on "today" rather than on the petition: not features (the same
# petition must get the same score on another day).
TIME_DEPENDENT_FINDINGS = frozenset({"LAST_DAY", "DEADLINE"})

# CPC 84 grounds and other legal bars the core reads from the wording: the FRUITLESS findings
# that are not about the evidence list, and the unregistered-deal warning (1403 law).
_EVIDENCE_FINDINGS = frozenset({"MISSING_EVIDENCE", "ESAR_NO_WITNESSES"})
GROUND_FINDINGS = frozenset(
    code for code, ft in FINDING_TYPES.items() if ft.severity is Severity.FRUITLESS and code not in _EVIDENCE_FINDINGS
) | {"UNREGISTERED_IMMOVABLE_DEAL"}

# A text is read as a full petition form when at most this many Article 51 items are missing.
FULL_PETITION_MAX_MISSING = 2


@dataclass(frozen=True)
class Tokens:
    """The words of one normalised text (positions are found only when a reason needs them).

    `unique` and `counts`: the distinct words and how often each occurs; `seq`: for each
    token, the index of its word in `unique`. Features are computed per distinct word.
    """

    words: list[str]
    text: str = ""
    unique: list[str] = field(default_factory=list)
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    seq: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def span_of(self, word: str) -> tuple[int, int] | None:
        """Where `word` first occurs as a whole word in the text, or None."""
        if word in (NUMBER_TOKEN, NAME_TOKEN):
            return None
        # str.find plus a look at the neighbours: a regex per word would be compiled afresh
        # for each reason (the re cache cannot hold every word).
        text, start = self.text, 0
        while (k := text.find(word, start)) >= 0:
            end = k + len(word)
            if not (k and _is_word_char(text[k - 1])) and not (end < len(text) and _is_word_char(text[end])):
                return k, end
            start = k + 1
        return None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch == "\u200c"


def tokenize(text: str, names: frozenset[str] = frozenset()) -> Tokens:
    """Words of `text`; digit runs become `#`, words of the parties' names become `@`.

    The words are `_TOKEN_RE`'s matches. They are found chunk by chunk (runs of word characters
    and half-spaces): a chunk that opens with a letter is one word, one of digits only is `#`, and
    only the rare other chunks («12ab», «_x») go through `_TOKEN_RE` (a test compares the two)."""
    words: list[str] = []
    add = words.append
    for chunk in _WORD_CHUNK_RE.findall(text):
        if chunk[0].isalpha():
            add(NAME_TOKEN if chunk in names else chunk)
        elif chunk.isdecimal():
            add(NUMBER_TOKEN)
        else:
            for w in _TOKEN_RE.findall(chunk):
                add(NUMBER_TOKEN if w[0].isdigit() else (NAME_TOKEN if w in names else w))
    index: dict[str, int] = {}
    seq = np.array([index.setdefault(w, len(index)) for w in words], dtype=np.int64)
    counts = np.bincount(seq, minlength=len(index)).astype(np.float64)
    return Tokens(words, text, list(index), counts, seq)


def word_ngrams(words: Sequence[str], n_min: int, n_max: int) -> list[str]:
    grams: list[str] = []
    if n_min <= 1 <= n_max:
        grams.extend(words)
    for n in range(max(2, n_min), n_max + 1):
        grams.extend(map(" ".join, zip(*(words[i:] for i in range(n)))))
    return grams


def char_ngrams(word: str, n_min: int, n_max: int) -> list[str]:
    """n-grams of ` word ` (padded, as scikit-learn's `char_wb`)."""
    padded = f" {word} "
    out: list[str] = []
    for n in range(n_min, n_max + 1):
        if n > len(padded):
            break
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass(frozen=True)
class Elements:
    """n-gram occurrences of one document: feature id, weight (how many times), and the
    distinct word(s) owning it (index into Tokens.unique; owner2 = -1 or None if one owner)."""

    ids: np.ndarray
    weights: np.ndarray
    owner1: np.ndarray
    owner2: np.ndarray | None

    @staticmethod
    def empty() -> "Elements":
        z = np.zeros(0, dtype=np.int64)
        return Elements(z, np.zeros(0), z, None)


@dataclass(frozen=True)
class BlockWeights:
    """One document's tf-idf in one block: sorted unique feature ids, values, counts, and the
    elements they came from (to spread a feature's contribution back over its words)."""

    ids: np.ndarray
    values: np.ndarray
    counts: np.ndarray
    elements: Elements


class NgramTfidf:
    """tf-idf over word n-grams (`kind="word"`) or in-word character n-grams (`kind="char"`).

    Input to `fit`/`transform` is a list of `Tokens`. Parameters as TfidfVectorizer's.
    """

    def __init__(
        self,
        kind: str = "word",
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = 20_000,
        sublinear_tf: bool = True,
        drop_excluded: bool = True,
    ):
        if kind not in ("word", "char"):
            raise ValueError(f"kind must be 'word' or 'char', not {kind!r}")
        self.kind = kind
        self.ngram_range = tuple(ngram_range)
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.drop_excluded = drop_excluded
        self._cache: dict[str, np.ndarray] = {}

    # -- state for skops: the per-process cache is not part of the model ------------------
    # The vocabulary is stored as one string of terms in id order: skops writes a dict of
    # 50,000 entries as 50,000 nodes (about 10 MB); one string is a tenth of that.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_cache", None)
        vocab = state.pop("vocabulary_", None)
        if vocab is not None:
            state["vocabulary_terms_"] = "\n".join(self.feature_names())
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        state.setdefault("drop_excluded", False)  # models saved before the lexicon existed
        self.__dict__.update(state)
        if terms is not None:
            self.vocabulary_ = {t: i for i, t in enumerate(terms.split("\n"))} if terms else {}
        self._cache = {}

    # -- fitting -------------------------------------------------------------------------
    def fit(self, docs: Sequence[Tokens], y: Any = None) -> "NgramTfidf":
        # Grams are interned to integers so that term and document frequencies are numpy
        # bincounts; a word's character grams are computed once for the whole corpus.
        index: dict[str, int] = {}
        intern = index.setdefault
        per_doc: list[np.ndarray] = []  # unique gram ids of each document
        tf_parts: list[np.ndarray] = []
        lo, hi = self.ngram_range
        if self.kind == "word":
            for toks in docs:
                ids = np.fromiter((intern(g, len(index)) for g in word_ngrams(toks.words, lo, hi)), dtype=np.int64)
                tf_parts.append(ids)
                per_doc.append(np.unique(ids))
        else:
            word_grams: dict[str, np.ndarray] = {}
            word_count: Counter[str] = Counter()
            for toks in docs:
                words_here = [w for w in toks.words if not (self.drop_excluded and is_excluded(w))]
                word_count.update(words_here)
                arrays = []
                for w in set(words_here):
                    g = word_grams.get(w)
                    if g is None:
                        g = np.fromiter((intern(x, len(index)) for x in char_ngrams(w, lo, hi)), dtype=np.int64)
                        word_grams[w] = g
                    arrays.append(g)
                per_doc.append(np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, dtype=np.int64))
            words = list(word_count)
            if words:
                tf_parts.append(np.concatenate([word_grams[w] for w in words]))
                weights = np.repeat([float(word_count[w]) for w in words], [len(word_grams[w]) for w in words])
        n_grams = len(index)
        df = np.bincount(np.concatenate(per_doc), minlength=n_grams) if per_doc else np.zeros(n_grams, dtype=np.int64)
        if self.kind == "word":
            tf = np.bincount(np.concatenate(tf_parts), minlength=n_grams) if tf_parts else np.zeros(n_grams)
        else:
            tf = np.bincount(tf_parts[0], weights=weights, minlength=n_grams) if tf_parts else np.zeros(n_grams)
        grams = np.empty(n_grams, dtype=object)
        for g, i in index.items():
            grams[i] = g
        kept = [i for i in np.flatnonzero(df >= self.min_df).tolist()]
        if self.drop_excluded:
            # No gram made of a function word, honorific or place name: for word grams any
            # excluded part drops the gram; for character grams, grams that occur only in
            # excluded words were never counted (see above).
            if self.kind == "word":
                kept = [i for i in kept if not any(map(is_excluded, grams[i].split(" ")))]
        # The most frequent first, ties broken by the gram itself: the same data gives the
        # same vocabulary, whatever the order of the documents.
        kept.sort(key=lambda i: (-tf[i], grams[i]))
        if self.max_features is not None:
            kept = kept[: self.max_features]
        kept.sort(key=lambda i: grams[i])
        self.vocabulary_ = {grams[i]: k for k, i in enumerate(kept)}
        n = len(docs)
        self.idf_ = np.log((1 + n) / (1 + df[kept].astype(np.float64))) + 1.0 if kept else np.zeros(0)
        self._cache = {}
        return self

    @property
    def n_features(self) -> int:
        return len(self.vocabulary_)

    def feature_names(self) -> list[str]:
        names = [""] * len(self.vocabulary_)
        for g, i in self.vocabulary_.items():
            names[i] = g
        return names

    # -- transforming ---------------------------------------------------------------------
    def _char_ids(self, word: str) -> np.ndarray:
        lo, hi = self.ngram_range
        if self.drop_excluded and is_excluded(word):
            ids = np.zeros(0, dtype=np.int64)
        else:
            ids = np.fromiter((i for i in map(self.vocabulary_.get, char_ngrams(word, lo, hi)) if i is not None), dtype=np.int64)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = ids
        return ids

    def elements(self, toks: Tokens) -> "Elements":
        """In-vocabulary n-grams of one document, counted per distinct word.

        word kind: unigrams once per distinct word (weight = its count), bigrams once per
        position (weight 1, owned half by each of their two words); char kind: each distinct
        word's character n-grams, weighted by the word's count.
        """
        uniq = toks.unique
        if self.kind == "word":
            lo, hi = self.ngram_range
            get = self.vocabulary_.get
            parts_id, parts_wt, parts_o1, parts_o2 = [], [], [], []
            if lo <= 1 <= hi and uniq:
                arr = np.fromiter(map(get, uniq, repeat(-1)), dtype=np.int64, count=len(uniq))
                keep = np.flatnonzero(arr >= 0)
                parts_id.append(arr[keep])
                parts_wt.append(toks.counts[keep])
                parts_o1.append(keep)
                parts_o2.append(np.full(len(keep), -1, dtype=np.int64))
            words = toks.words
            for n in range(max(2, lo), hi + 1):
                grams = list(map(" ".join, zip(*(words[i:] for i in range(n)))))
                arr = np.fromiter(map(get, grams, repeat(-1)), dtype=np.int64, count=len(grams))
                keep = np.flatnonzero(arr >= 0)
                parts_id.append(arr[keep])
                parts_wt.append(np.ones(len(keep)))
                parts_o1.append(toks.seq[keep])
                parts_o2.append(toks.seq[keep + n - 1])
            if not parts_id:
                return Elements.empty()
            return Elements(np.concatenate(parts_id), np.concatenate(parts_wt), np.concatenate(parts_o1), np.concatenate(parts_o2))
        arrays = list(map(self._cache.get, uniq))
        for k, a in enumerate(arrays):
            if a is None:
                arrays[k] = self._char_ids(uniq[k])
        if not arrays:
            return Elements.empty()
        lengths = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
        owners = np.repeat(np.arange(len(arrays), dtype=np.int64), lengths)
        return Elements(np.concatenate(arrays), toks.counts[owners], owners, None)

    def weights(self, el: "Elements") -> "BlockWeights":
        """tf-idf of one document from its elements."""
        if el.ids.size == 0:
            z = np.zeros(0, dtype=np.int64)
            return BlockWeights(z, np.zeros(0), np.zeros(0), el)
        dense = np.bincount(el.ids, weights=el.weights, minlength=self.n_features)
        ids = np.flatnonzero(dense)
        counts = dense[ids]
        tf = 1.0 + np.log(counts) if self.sublinear_tf else counts
        vals = tf * self.idf_[ids]
        norm = math.sqrt(float(vals @ vals))
        if norm > 0:
            vals = vals / norm
        return BlockWeights(ids, vals, counts, el)

    def transform(self, docs: Sequence[Tokens]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for toks in docs:
            bw = self.weights(self.elements(toks))
            indices.append(bw.ids)
            data.append(bw.values)
            indptr.append(indptr[-1] + len(bw.ids))
        return sp.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(docs), self.n_features),
        )


# --- structured features ----------------------------------------------------------------


def is_full_petition(doc: Any) -> bool:
    """The parser read the text as a petition form: at most a couple of Article 51 items missing.

    A court's restatement of a claim or a two-line note misses most of them; for such a text the
    missing items say nothing about the claim (measured: ROC-AUC about 0.5 on real rulings)."""
    return getattr(doc, "fields", None) is not None and len(getattr(doc, "missing_fields", None) or []) <= FULL_PETITION_MAX_MISSING


def structured_features(doc: Any, legal: bool = True, completeness: bool = True) -> dict[str, float]:
    """What the core found, as named numbers. Every key is a feature (`s:` prefix added later).

    legal: claim type, forum, CPC 84 grounds, what is asked, the parties, the value band.
    completeness: missing Article 51 items, other findings, missing key evidence, the claim
    value's presence — only for a full petition (`is_full_petition`)."""
    feats: dict[str, float] = {}
    ct = getattr(doc, "claim_type", None)
    if ct is not None:
        feats[f"claim_type={ct.code}"] = 1.0
    forum = getattr(doc, "forum", None)
    if forum is not None:
        feats[f"forum={forum.code}"] = 1.0
    findings = [f.code for f in getattr(doc, "findings", None) or [] if f.code not in TIME_DEPENDENT_FINDINGS]
    if legal:
        for code in findings:
            if code in GROUND_FINDINGS:
                feats[f"finding={code}"] = 1.0
        feats.update(doc_claim_features(doc, doc_text(doc)))
    if completeness and is_full_petition(doc):
        for name in getattr(doc, "missing_fields", None) or []:
            feats[f"missing={name}"] = 1.0
        for code in findings:
            if not legal or code not in GROUND_FINDINGS:
                feats[f"finding={code}"] = 1.0
        for e in getattr(doc, "evidence_checklist", None) or []:
            if e.key and not e.present:
                feats[f"evidence_missing={e.code}"] = 1.0
        fields = getattr(doc, "fields", None)
        value = getattr(fields, "claim_value_rial", None) if fields is not None else None
        if value:
            feats["value_present"] = 1.0
            # log10 of the rial value, scaled to about [0, 1] (10^12 rial = 1): keeps it on the
            # scale of the other features for the regularised model.
            feats["value_log10"] = min(math.log10(max(float(value), 1.0)) / 12.0, 1.5)
        else:
            feats["value_absent"] = 1.0
    return feats


class StructuredVectorizer:
    """A DictVectorizer over `structured_features`, keeping names seen at least `min_df` times."""

    def __init__(self, min_df: int = 1):
        self.min_df = min_df

    def fit(self, dicts: Sequence[dict[str, float]], y: Any = None) -> "StructuredVectorizer":
        df: Counter[str] = Counter()
        for d in dicts:
            df.update(d.keys())
        names = sorted(k for k, c in df.items() if c >= self.min_df)
        self.vocabulary_ = {k: i for i, k in enumerate(names)}
        return self

    @property
    def n_features(self) -> int:
        return len(self.vocabulary_)

    def feature_names(self) -> list[str]:
        return sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)

    def row(self, d: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        pairs = sorted((self.vocabulary_[k], v) for k, v in d.items() if k in self.vocabulary_)
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids, vals = zip(*pairs)
        return np.asarray(ids, dtype=np.int64), np.asarray(vals, dtype=np.float64)


# --- the whole feature set --------------------------------------------------------------


@dataclass
class DocFeatures:
    """One document's feature vector, and what is needed to explain it."""

    indices: np.ndarray  # global feature ids (sorted within each block)
    values: np.ndarray
    tokens: Tokens
    word: BlockWeights
    char: BlockWeights | None
    structured: dict[str, float]


def party_name_words(doc: Any) -> frozenset[str]:
    """Words of the names of the parties and their representatives, as the parser found them."""
    fields = getattr(doc, "fields", None)
    if fields is None:
        return frozenset()
    words: set[str] = set()
    for group in (fields.plaintiffs, fields.defendants, fields.representatives):
        for party in group or []:
            for name in (party.name, party.father_name):
                if name:
                    words.update(m.group() for m in _TOKEN_RE.finditer(name) if not m.group()[0].isdigit())
    return frozenset(words)


def doc_tokens(doc: Any) -> Tokens:
    return tokenize(doc_text(doc), party_name_words(doc))


def doc_text(doc: Any) -> str:
    """The normalised text of a Document (the raw text only for hand-made test objects)."""
    nt = getattr(doc, "normalised", None)
    return nt.text if nt is not None else doc.text


class DocumentFeatures:
    """Word n-grams + character n-grams + structured features of pipeline Documents.

    Blocks are laid side by side: [word | char | structured]. Parameters in the constructor,
    fitted state in attributes ending with `_`, as scikit-learn does.
    """

    def __init__(
        self,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 4),
        word_max_features: int | None = 20_000,
        char_max_features: int | None = 30_000,
        min_df: int = 2,
        use_char: bool = True,
        legal: bool = True,
        completeness: bool = True,
        structured_scale: float = 1.0,
    ):
        self.word_ngram_range = tuple(word_ngram_range)
        self.char_ngram_range = tuple(char_ngram_range)
        self.word_max_features = word_max_features
        self.char_max_features = char_max_features
        self.min_df = min_df
        self.use_char = use_char
        self.legal = legal
        self.completeness = completeness
        # Structured values are multiplied by this: below 1 they are regularised harder than
        # the n-grams (the same L2 penalty buys less of a score).
        self.structured_scale = structured_scale

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Models saved before the two families existed used all structured features.
        state = {"legal": False, "completeness": True, "structured_scale": 1.0, **state}
        self.__dict__.update(state)

    def structured(self, doc: Any) -> dict[str, float]:
        return structured_features(doc, legal=self.legal, completeness=self.completeness)

    def fit(self, docs: Sequence[Any], y: Any = None) -> "DocumentFeatures":
        toks = [doc_tokens(d) for d in docs]
        self.word_ = NgramTfidf("word", self.word_ngram_range, self.min_df, self.word_max_features).fit(toks)
        self.char_ = (
            NgramTfidf("char", self.char_ngram_range, self.min_df, self.char_max_features).fit(toks)
            if self.use_char
            else None
        )
        self.structured_ = StructuredVectorizer(min_df=1).fit([self.structured(d) for d in docs])
        return self

    @property
    def offsets(self) -> tuple[int, int, int]:
        """Start of the word, char and structured blocks."""
        n_word = self.word_.n_features
        n_char = self.char_.n_features if self.char_ is not None else 0
        return 0, n_word, n_word + n_char

    @property
    def n_features(self) -> int:
        return self.offsets[2] + self.structured_.n_features

    def feature_names(self) -> list[str]:
        names = [f"w:{g}" for g in self.word_.feature_names()]
        if self.char_ is not None:
            names += [f"c:{g}" for g in self.char_.feature_names()]
        names += [f"s:{k}" for k in self.structured_.feature_names()]
        return names

    def features(self, doc: Any) -> DocFeatures:
        toks = doc_tokens(doc)
        _, char_off, struct_off = self.offsets
        word = self.word_.weights(self.word_.elements(toks))
        parts_i = [word.ids]
        parts_v = [word.values]
        char = None
        if self.char_ is not None:
            char = self.char_.weights(self.char_.elements(toks))
            parts_i.append(char.ids + char_off)
            parts_v.append(char.values)
        sdict = self.structured(doc)
        s_ids, s_vals = self.structured_.row(sdict)
        parts_i.append(s_ids + struct_off)
        parts_v.append(s_vals * self.structured_scale)
        return DocFeatures(
            indices=np.concatenate(parts_i),
            values=np.concatenate(parts_v),
            tokens=toks,
            word=word,
            char=char,
            structured=sdict,
        )

    def transform(self, docs: Iterable[Any]) -> sp.csr_matrix:
        return self.matrix([self.features(d) for d in docs])

    def matrix(self, feats: Sequence[DocFeatures]) -> sp.csr_matrix:
        """The feature matrix of documents already vectorised (one row each)."""
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for f in feats:
            indices.append(f.indices)
            data.append(f.values)
            indptr.append(indptr[-1] + len(f.indices))
        n = len(indptr) - 1
        return sp.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(n, self.n_features),
        )

    def fit_transform(self, docs: Sequence[Any], y: Any = None) -> sp.csr_matrix:
        return self.fit(docs, y).transform(docs)
