"""The fast tf-idf must compute what scikit-learn's TfidfVectorizer computes."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from screening.model.features import NAME_TOKEN, NUMBER_TOKEN, _TOKEN_RE, NgramTfidf, char_ngrams, tokenize, word_ngrams

TEXTS = [
    "مطالبه وجه یک فقره چک به مبلغ 450,000,000 ریال",
    "مطالبه مهریه به تعداد 110 سکه تمام بهار آزادی",
    "تخلیه ید مستأجر به علت انقضای مدت اجاره",
    "مطالبه وجه چک و خسارت تأخیر تأدیه از تاریخ 1403/02/20",
    "الزام به تنظیم سند رسمی یک دستگاه آپارتمان می‌باشد",
]


def test_tokens_keep_half_spaces_and_fold_numbers():
    toks = tokenize("مبلغ 450,000,000 ریال می‌باشد")
    assert toks.words == ["مبلغ", NUMBER_TOKEN, NUMBER_TOKEN, NUMBER_TOKEN, "ریال", "می\u200cباشد"]
    assert toks.span_of("می‌باشد") == (22, 29) and toks.span_of("باشد") is None
    assert toks.span_of(NUMBER_TOKEN) is None


def _sklearn(kind: str, ngram_range):
    lo, hi = ngram_range
    if kind == "word":
        analyzer = lambda t: word_ngrams(tokenize(t).words, lo, hi)  # noqa: E731
    else:
        analyzer = lambda t: [g for w in tokenize(t).words for g in char_ngrams(w, lo, hi)]  # noqa: E731
    return TfidfVectorizer(analyzer=analyzer, min_df=1, sublinear_tf=True)


def test_word_and_char_tfidf_match_scikit_learn():
    toks = [tokenize(t) for t in TEXTS]
    for kind, rng in (("word", (1, 2)), ("char", (2, 4))):
        # the maths as scikit-learn's, so with our lexicon of excluded words switched off
        ours = NgramTfidf(kind, rng, min_df=1, max_features=None, drop_excluded=False).fit(toks)
        ref = _sklearn(kind, rng).fit(TEXTS)
        assert ours.feature_names() == list(ref.get_feature_names_out())
        np.testing.assert_allclose(ours.transform(toks).toarray(), ref.transform(TEXTS).toarray(), atol=1e-12)


def test_max_features_keeps_the_most_frequent_and_is_deterministic():
    toks = [tokenize(t) for t in TEXTS]
    a = NgramTfidf("word", (1, 1), min_df=1, max_features=3).fit(toks)
    b = NgramTfidf("word", (1, 1), min_df=1, max_features=3).fit(list(reversed(toks)))
    assert a.vocabulary_ == b.vocabulary_
    assert "مطالبه" in a.vocabulary_ and len(a.vocabulary_) == 3


def test_unknown_words_are_ignored_not_errors():
    v = NgramTfidf("char", (2, 3), min_df=1, max_features=None).fit([tokenize(TEXTS[0])])
    m = v.transform([tokenize("واژه‌ای کاملاً تازه")])
    assert m.shape == (1, v.n_features)


def _words_by_regex(text: str, names: frozenset[str]) -> list[str]:
    """What `tokenize` returns as words, by the one-regex definition."""
    return [NUMBER_TOKEN if w[0].isdigit() else (NAME_TOKEN if w in names else w) for w in _TOKEN_RE.findall(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("ابپ تی12٣²½_a\u200c.،\n-"), max_size=40))
def test_tokenize_finds_the_token_patterns_words(text):
    names = frozenset({"اب", "a"})
    toks = tokenize(text, names)
    assert toks.words == _words_by_regex(text, names)
    assert toks.unique == list(dict.fromkeys(toks.words))
    assert [toks.unique[i] for i in toks.seq] == toks.words
    assert toks.counts.tolist() == [float(toks.words.count(u)) for u in toks.unique]
