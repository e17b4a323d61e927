"""`screening train` end to end on small data written here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.petition_factory import make_dataset  # noqa: E402

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


def _ruling(claim: str, decision: str) -> str:
    return (f". رأی دادگاه بدوی. در خصوص دعوی آقای الف. به طرفیت آقای ب. به خواسته {claim}، "
            f"این دادگاه با توجه به محتویات پرونده {decision} . رأی دادگاه تجدیدنظر استان. دادنامه تأیید می‌شود.")


def test_train_from_a_rulings_archive_reports_counts(tmp_path, capsys):
    claims = ["مطالبه وجه یک فقره چک بدون ارائه گواهی عدم پرداخت", "مطالبه مهریه بدون سند ازدواج",
              "مطالبه وجه چک با تصویر مصدق چک و گواهی عدم پرداخت", "مطالبه مهریه با تصویر سند رسمی ازدواج"]
    lost = ["قرار عدم استماع دعوی صادر می‌گردد.", "قرار رد دعوی خواهان صادر می‌گردد."]
    won = ["حکم به محکومیت خوانده به پرداخت خواسته در حق خواهان صادر می‌گردد."]
    records = []
    for i in range(40):
        missing = i % 2 == 0
        claim = claims[(i // 2) % 2] if missing else claims[2 + (i // 2) % 2]
        decision = lost[i % 4 // 2] if missing else won[0]
        records.append({"id": str(i), "text": _ruling(claim + f" شماره {i}", decision)})
    records.append({"id": "crim", "text": ". رأی دادگاه بدوی. در خصوص اتهام آقای الف. موضوع کیفرخواست دادسرا متهم به حبس محکوم می‌شود."})
    records.append({"id": "unclear", "text": _ruling("مطالبه وجه", "قرار کارشناسی صادر می‌شود.")})
    f = tmp_path / "rulings.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    gold = tmp_path / "gold.csv"  # hand labels for three of them, one of which the reader gets wrong
    gold.write_text("source,id,split,outcome,fruitless,ground,claim_type_hint\n"
                    "x,0,dev,not_heard,1,,\nx,1,dev,accepted,0,,\nx,2,dev,accepted,0,,\nx,crim,dev,not_civil,,,\n", encoding="utf-8")
    out = tmp_path / "r"
    assert main(["train", "--rulings", str(f), "--out", str(out), "--no-progress", "--gold", str(gold)]) == 0
    captured = capsys.readouterr()
    assert "labelled 40" in captured.out and "not_civil" in captured.out and "unclear" in captured.out
    assert "agreement with hand labels" in captured.out and "fruitless 66.7% (2/3)" in captured.out
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["data"]["labelling"]["labelled"] == 40
    assert meta["data"]["labelling"]["skipped"] == {"not_civil": 1, "unclear": 1}
    assert meta["metrics"]["cv"]["roc_auc"]["mean"] is not None


def test_train_with_a_missing_gold_file_is_a_clear_error(tmp_path, capsys):
    f = tmp_path / "rulings.jsonl"
    f.write_text(json.dumps({"id": "a", "text": _ruling("مطالبه وجه چک", "قرار عدم استماع دعوی صادر می‌گردد.")},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["train", "--rulings", str(f), "--out", str(tmp_path / "m"), "--gold", str(tmp_path / "none.csv")]) == 2
    assert "gold labels file not found" in capsys.readouterr().err
