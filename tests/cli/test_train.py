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


# Words that make each made-up ruling its own case (no two are near-duplicates).
_POOL = ("باغ انبار کارگاه مغازه زمین خودرو کامیون تراکتور فرش طلا سکه دام گندم برنج چای پارچه کتاب رایانه گوشی "
         "یخچال مبل کابینت کاشی سیمان آهن مس چوب شیشه رنگ لوله کابل موتور پمپ ژنراتور قایق هواپیما اتوبوس دوچرخه "
         "ساعت دوربین پرینتر سرور نرم‌افزار سهام اوراق برات حواله قبض بیمه سپرده وام قسط اجاره ودیعه رهن صلح هبه").split()


def _claim(rng, fruitless: bool) -> str:
    words = " ".join(rng.sample(_POOL, 12))
    head = rng.choice(["مطالبه وجه چک", "مطالبه بهای کالا", "استرداد ثمن"])
    proof = "بدون ارائه گواهی عدم پرداخت و بدون سند" if fruitless else "با تصویر مصدق سند و گواهی عدم پرداخت"
    return f"{head} بابت {words} {proof}"


def test_train_from_a_rulings_archive_reports_counts(tmp_path, capsys):
    import random

    rng = random.Random(7)
    lost = ["قرار عدم استماع دعوی صادر می‌گردد.", "قرار رد دعوی خواهان صادر می‌گردد."]
    won = ["حکم به محکومیت خوانده به پرداخت خواسته در حق خواهان صادر می‌گردد."]
    records = []
    for i in range(60):
        fruitless = i % 2 == 0
        decision = lost[i % 4 // 2] if fruitless else won[0]
        records.append({"id": f"r{i}", "text": _ruling(_claim(rng, fruitless), decision)})
    records.append({"id": "crim", "text": ". رأی دادگاه بدوی. در خصوص اتهام آقای الف. موضوع کیفرخواست دادسرا متهم به حبس محکوم می‌شود."})
    records.append({"id": "unclear", "text": _ruling("مطالبه وجه", "قرار کارشناسی صادر می‌شود.")})
    records.append(dict(records[1], id="copy"))  # the same ruling twice: one training text
    f = tmp_path / "rulings.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "r"
    assert main(["train", "--rulings", str(f), "--out", str(out), "--no-progress", "--no-learning-curve"]) == 0
    captured = capsys.readouterr()
    assert "labelled 61" in captured.out and "criminal" in captured.out and "unclear" in captured.out
    # the acceptance lines are printed
    for needle in ("ROC-AUC", ">= 0.70", "constant base-rate Brier", "ECE", "<= 0.05", "holdout"):
        assert needle in captured.out, needle
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    lab = meta["data"]["labelling"]
    assert lab["labelled"] == 61 and lab["duplicates_dropped"] == 1
    assert lab["skipped"] == {"criminal": 1, "unclear": 1}
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
    assert "Selection bias" in card and "holdout" in card
