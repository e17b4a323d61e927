"""train(): split, CV, metrics, thresholds; same seed and data → same numbers."""
from __future__ import annotations

import json

import pytest

from screening.training import train as T


def test_metrics_cover_what_the_card_reports(trained):
    m = trained.metrics
    assert m["cv"]["folds"] == 5
    for key in ("roc_auc", "pr_auc", "brier", "accuracy"):
        assert m["cv"][key]["mean"] is not None
    test = m["test"]
    assert test["n"] == trained.n_test and trained.n_train + trained.n_test == len(trained.rows.texts)
    assert len(test["reliability"]) == 10 and sum(r["n"] for r in test["reliability"]) == test["n"]
    assert test["baseline"]["roc_auc"] == 0.5 and 0 <= test["baseline"]["accuracy"] <= 1
    assert set(test["by_claim_type"]) <= {"cheque", "mahr", "eviction", "unknown", "money_claim"}
    # the synthetic signal (missing key evidence) is learnable: far better than the baseline
    assert test["roc_auc"] > 0.8 and test["brier"] < test["baseline"]["brier"]


def test_same_seed_same_data_same_metrics(dataset, trained):
    rows = T.rows_from_records(dataset, source="tests:synthetic")
    again = T.train(rows, lambda: T.make_backend("sklearn", seed=13, **T.PETITION_PARAMS), seed=13, test_size=0.25)
    assert json.dumps(again.metrics, sort_keys=True) == json.dumps(trained.metrics, sort_keys=True)
    assert again.thresholds == trained.thresholds


def test_labelled_csv_and_jsonl_are_read(tmp_path):
    csv_file = tmp_path / "d.csv"
    csv_file.write_text("text,fruitless\nمتن یک,1\nمتن دو,no\n,1\nمتن سه,maybe\n", encoding="utf-8")
    rows = T.load_labelled(csv_file)
    assert rows.texts == ["متن یک", "متن دو"] and rows.labels == [1, 0]
    assert rows.skipped == {"no_text": 1, "no_label": 1}
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text('{"text": "الف", "fruitless": true}\n{"text": "ب", "outcome": "not_heard"}\n'
                     '{"text": "ج", "outcome": "merits_rejected"}\n{"text": "د", "outcome": "partially_accepted"}\n',
                     encoding="utf-8")
    # issue 11's one definition: a dismissal on the merits gives the plaintiff nothing, so it is fruitless
    assert T.load_labelled(jsonl).labels == [1, 1, 1, 0]


def test_too_little_data_is_a_clear_error():
    rows = T.rows_from_records([{"text": "برگ دادخواست مطالبه وجه چک", "fruitless": 1}] * 3
                               + [{"text": "برگ دادخواست مطالبه مهریه", "fruitless": 0}] * 3, source="tiny")
    with pytest.raises(T.TrainingDataError, match="not enough data"):
        T.train(rows, lambda: T.make_backend("sklearn"), seed=1)
