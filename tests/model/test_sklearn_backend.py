"""The compact saved model scores exactly as scikit-learn's calibrated ensemble; reasons point
at the user's own text."""
from __future__ import annotations

import numpy as np


def test_compact_model_equals_calibrated_classifier(trained):
    backend = trained.backend
    from screening.training.train import screen_documents

    rows = trained.rows
    docs, _ = screen_documents(rows.texts[:20], rows.todays[:20])
    model = backend.model_
    feats = [model.features.features(d) for d in docs]
    X = model.features.matrix(feats)
    np.testing.assert_allclose(model.calibrated_proba(feats), backend.calibrated_.predict_proba(X)[:, 1], atol=1e-6)


def test_loaded_model_scores_as_the_trained_one(trained, model_dir):
    from screening.model.io import load_model
    from screening.training.train import screen_documents

    docs, _ = screen_documents(trained.rows.texts[:10], trained.rows.todays[:10])
    scorer = load_model(model_dir)
    np.testing.assert_allclose(scorer.predict_proba(docs), trained.backend.predict_proba(docs), atol=1e-6)


def test_reasons_have_direction_weight_and_spans_in_the_original_text(trained, dataset):
    from screening.training.train import screen_documents

    text = next(r["text"] for r in dataset if r["fruitless"] and r["kind"] == "cheque")
    # Persian digits in the user's text: spans must still point at the user's characters
    text = text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    doc = screen_documents([text], [trained.rows.todays[0]])[0][0]
    reasons = trained.backend.explain(doc)
    assert reasons and len(reasons) <= 8
    assert all(r.direction in ("raises", "lowers") and r.weight > 0 for r in reasons)
    assert reasons == sorted(reasons, key=lambda r: -r.weight)
    words = [r for r in reasons if r.feature.startswith("text:") and r.span and r.feature not in ("text:#", "text:@")]
    for r in words:
        assert text[r.span.start:r.span.end] == r.feature[len("text:"):]
    # the missing cheque is among the reasons that raise the score
    assert any(r.direction == "raises" and ("چک" in r.label_fa) for r in reasons)


def test_party_names_are_not_features(trained):
    names = trained.backend.model_.features.word_.vocabulary_
    for name in ("علی", "رضایی", "زهرا", "مهدی", "کاظمی"):
        assert name not in names
