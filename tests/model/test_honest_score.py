"""Honest scores: familiarity pulls an unfamiliar text toward its claim type's base rate, scores stay
inside the clip, texts that are not petitions get none, reasons are never function words or place
names, and a batch is scored in one pass."""
from __future__ import annotations

import numpy as np
import pytest

from screening.model.lexicon import is_excluded
from screening.model.scorer import Score
from screening.model.step import ScoreFruitlessness
from screening.pipeline import Screener, resolve_model
from screening.training import train as T

# Words that must never be a reason: Persian function words and the names of cities.
NEVER_REASONS = [
    "از", "به", "در", "با", "که", "این", "آن", "را", "و", "برای", "تا", "بر", "است", "شده", "می", "هم",
    "تهران", "اصفهان", "شیراز", "مشهد", "تبریز", "کرج", "خانم", "آقای",
]


def test_stop_words_and_city_names_are_excluded_by_the_lexicon():
    for word in NEVER_REASONS:
        assert is_excluded(word), word
    for legal in ("چک", "مهریه", "تخلیه", "ابطال", "بطلان", "اعسار"):
        assert not is_excluded(legal), legal


def test_no_reason_is_a_stop_word_or_a_city(trained, dataset):
    docs, _ = T.screen_documents([r["text"] for r in dataset[:40]], [T.TRAINING_TODAY] * 40)
    vocab = trained.backend.model_.features.word_.vocabulary_
    for word in NEVER_REASONS:
        assert word not in vocab and not any(word in g.split(" ") for g in vocab)
    for score in trained.backend.model_.score_many(docs):
        for r in score.reasons:
            if r.feature.startswith("text:"):
                assert r.feature[len("text:"):] not in NEVER_REASONS, r


def test_unfamiliar_text_is_pulled_to_the_base_rate_and_says_so(trained):
    model = trained.backend.model_
    familiar = T.screen_documents([trained.rows.texts[0]], [T.TRAINING_TODAY])[0][0]
    # (run directly: the pipeline would not score this text at all, it is not a petition)
    odd = Screener(model_dir=None).run("سلام، فردا هوا آفتابی است و ما به کوه می‌رویم تا عکس بگیریم و ناهار بخوریم.")
    s_fam, s_odd = model.score(familiar), model.score(odd)
    assert s_fam.familiarity is not None and s_fam.familiarity > 0.5 and s_fam.caveat is None
    assert s_odd.familiarity < 0.5
    assert s_odd.caveat["code"] == "unfamiliar" and "نرخ پایه" in s_odd.caveat["message_fa"]
    # with no familiar words at all the score is the base rate itself
    if s_odd.familiarity == 0:
        assert s_odd.probability == pytest.approx(s_odd.base_rate["fruitless_rate"], abs=1e-9)
    base = s_odd.base_rate
    assert set(base) == {"claim_type", "n", "fruitless_rate"} and base["n"] > 0 and 0 <= base["fruitless_rate"] <= 1


def test_scores_stay_inside_the_clip(trained):
    lo, hi = trained.backend.model_.clip
    docs, _ = T.screen_documents(trained.rows.texts[:60], trained.rows.todays[:60])
    p = trained.backend.predict_proba(docs)
    assert lo <= p.min() and p.max() <= hi


def test_score_many_equals_score_one_by_one(trained):
    model = trained.backend.model_
    docs, _ = T.screen_documents(trained.rows.texts[:12], trained.rows.todays[:12])
    batch = model.score_many(docs)
    for doc, b in zip(docs, batch):
        one = model.score(doc)
        assert one.probability == pytest.approx(b.probability, abs=1e-12)
        assert one.reasons == b.reasons and one.familiarity == b.familiarity


class _CountingScorer:
    """Wraps a real scorer and counts how it is called."""

    def __init__(self, scorer):
        self.inner, self.info, self.thresholds = scorer, scorer.info, scorer.thresholds
        self.single, self.batches = 0, []

    def score(self, doc):
        self.single += 1
        return self.inner.score(doc)

    def score_many(self, docs):
        self.batches.append(len(docs))
        return self.inner.score_many(docs)


def test_pipe_scores_each_batch_with_one_call_and_skips_non_petitions(model_dir, dataset):
    counting = _CountingScorer(resolve_model(model_dir))
    screener = Screener(model_dir=None)
    screener.steps.append(ScoreFruitlessness(counting))
    texts = [r["text"] for r in dataset[:10]]
    reports = list(screener.pipe(texts, batch_size=10))
    assert counting.batches == [10] and counting.single == 0
    assert all(r.fruitless_probability is not None and r.base_rate for r in reports)

    # a document marked as not a petition gets no score and never reaches the model
    doc = Screener(model_dir=None).run(texts[0])
    doc.is_petition = False
    step = ScoreFruitlessness(counting)
    step(doc)
    step.pipe([doc])
    assert doc.fruitless_probability is None and doc.risk_band is None and doc.reasons == []
    assert counting.single == 0 and counting.batches == [10]


def test_report_json_carries_base_rate_familiarity_caveat_and_quality(model_dir, dataset):
    report = Screener(model_dir=model_dir).screen(dataset[0]["text"]).to_dict()
    assert set(report["base_rate"]) == {"claim_type", "n", "fruitless_rate"}
    assert 0.0 <= report["familiarity"] <= 1.0
    assert "score_caveat" in report
    assert report["model"]["quality_fa"]
    none = Screener(model_dir=None).screen(dataset[0]["text"]).to_dict()
    assert none["base_rate"] is None and none["familiarity"] is None and none["score_caveat"] is None


def test_score_unpacks_as_the_old_pair():
    s = Score(0.4, [], familiarity=1.0)
    p, reasons = s
    assert p == 0.4 and reasons == []
    assert np.isclose(float(p), 0.4)
