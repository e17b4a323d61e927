"""`screening train` end to end on small data written here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.petition_factory import make_dataset, make_ruling, make_rulings  # noqa: E402

from screening.cli.main import main  # noqa: E402


@pytest.fixture
def data_file(tmp_path):
    f = tmp_path / "labelled.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_dataset(80, seed=3)), encoding="utf-8")
    return f


def test_train_prints_metrics_and_writes_a_loadable_model(data_file, tmp_path, capsys):
    out = tmp_path / "m"
    assert main(["train", "--data", str(data_file), "--out", str(out), "--no-progress", "--seed", "5"]) == 0
    printed = capsys.readouterr().out
    for needle in ("ROC-AUC", "PR-AUC", "Brier", "majority", "reliability", "by claim type", "cross-validation",
                   "thresholds", "cheque"):
        assert needle in printed
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["seed"] == 5 and meta["name"] == "m"
    from screening.model.io import load_model

    assert load_model(out).info.name == "m"


def test_existing_output_needs_force(data_file, tmp_path, capsys):
    out = tmp_path / "m"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    assert main(["train", "--data", str(data_file), "--out", str(out), "--no-progress"]) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "keep.txt").exists()


def test_train_from_a_rulings_archive_reports_counts(tmp_path, capsys):
    records = make_rulings(60, seed=7)
    records.append({"id": "crim", "text": ". رأی دادگاه بدوی. در خصوص اتهام آقای الف. موضوع کیفرخواست دادسرا متهم به حبس محکوم می‌شود."})
    records.append({"id": "unclear", "text": make_ruling("مطالبه وجه", "قرار کارشناسی صادر می‌شود.")})
    records.append(dict(records[1], id="copy"))  # the same ruling twice: one training text
    f = tmp_path / "rulings.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    gold = tmp_path / "gold.csv"  # hand labels for three of them, one of which disagrees with the reader
    gold.write_text("source,id,split,outcome,fruitless,ground,claim_type_hint\n"
                    "x,r0,dev,not_heard,1,,\nx,r1,dev,accepted,0,,\nx,r2,dev,accepted,0,,\nx,crim,dev,not_civil,,,\n",
                    encoding="utf-8")
    out = tmp_path / "r"
    assert main(["train", "--rulings", str(f), "--out", str(out), "--no-progress", "--no-learning-curve",
                 "--gold", str(gold)]) == 0
    captured = capsys.readouterr()
    assert "labelled 60" in captured.out and "not_civil" in captured.out and "unclear" in captured.out
    assert "agreement with hand labels" in captured.out and "fruitless 66.7% (2/3)" in captured.out
    # the acceptance lines are printed
    for needle in ("ROC-AUC", ">= 0.70", "constant base-rate Brier", "ECE", "<= 0.05", "holdout"):
        assert needle in captured.out, needle
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    lab = meta["data"]["labelling"]
    assert lab["labelled"] == 60 and lab["skipped"] == {"duplicate": 1, "not_civil": 1, "unclear": 1}
    assert lab["agreement"]["fruitless_agree"] == 2 and lab["agreement"]["usable"] == 3
    m = meta["metrics"]
    assert m["kind"] == "rulings" and m["cv"]["roc_auc"] is not None and m["cv"]["roc_auc_ci"]["low"] <= m["cv"]["roc_auc"]
    # holdout = sha256(id) % 5 == 0, never in the development split
    from screening.training.train import is_holdout

    n_holdout = sum(is_holdout(r["id"]) for r in records[:60])
    assert meta["data"]["test_rows"] == n_holdout and meta["data"]["train_rows"] == 60 - n_holdout
    assert meta["quality_fa"] and "رأی واقعی" in meta["quality_fa"]
    assert set(meta["base_rates"]["all"]) == {"n", "fruitless_rate"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card.index("How good it is on real claims") < card.index("Model details")
    assert "Selection bias" in card and "holdout" in card and "hand labels" in card


def test_train_with_a_missing_gold_file_is_a_clear_error(tmp_path, capsys):
    f = tmp_path / "rulings.jsonl"
    f.write_text(json.dumps({"id": "a", "text": make_ruling("مطالبه وجه چک", "قرار عدم استماع دعوی صادر می‌گردد.")},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["train", "--rulings", str(f), "--out", str(tmp_path / "m"), "--gold", str(tmp_path / "none.csv")]) == 2
    assert "gold labels file not found" in capsys.readouterr().err
