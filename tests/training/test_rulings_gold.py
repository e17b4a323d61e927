"""The ruling reader against hand labels and for label leakage: real rulings when present, synthetic ones always.

The real rulings live in ../shared/data (never committed); those tests skip where it is absent. The hand
labels (ids and outcomes only) are tests/data/ruling_labels.csv.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from screening.cli.train import print_agreement
from screening.training.rulings import DECISION_WORDS, agreement, find_gold, label_rulings, load_gold, read_ruling

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "data" / "ruling_labels.csv"
DATA = REPO.parent / "shared" / "data"
if not DATA.is_dir():
    DATA = Path("/work/shared/data")
FILES = [DATA / "rulings-ara.jsonl", DATA / "rulings-archive.jsonl"]
needs_data = pytest.mark.skipif(not all(f.is_file() for f in FILES), reason="../shared/data rulings are not on this machine")

# Decision wording that would leak the label into a training text, as a reader of Persian sees it.
LEAK = re.compile(r"(?<![\u0600-\u06FF])(?:حکم|قرار|محکوم\w*|صادر\s*و\s*اعلام|بطلان\s*دعو\w*|بی\s?حقی|رد\s*دعو\w*|عدم\s*استماع)(?![\u0600-\u06FF])")


def _records() -> list[dict]:
    out = []
    for f in FILES:
        with open(f, encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def test_gold_file_holds_ids_and_labels_only():
    with open(GOLD, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["source", "id", "split", "outcome", "fruitless", "ground", "claim_type_hint"]
    assert len(rows) >= 150
    for row in rows:
        assert all(len(v) < 80 for v in row.values())  # no ruling text
        holdout = int(hashlib.sha256(row["id"].encode()).hexdigest(), 16) % 5 == 0
        assert row["split"] == ("holdout" if holdout else "dev")
        if row["fruitless"]:
            assert row["fruitless"] == str(int(row["outcome"] not in ("accepted", "partially_accepted")))


def test_the_gold_file_is_found_from_the_package():
    assert find_gold() == GOLD


@needs_data
def test_reader_agrees_with_hand_labels_on_95_percent_of_fruitless_calls():
    ag = agreement(_records(), load_gold(GOLD))
    assert ag.usable >= 200
    # Among gold-usable rulings: reader's fruitless == gold fruitless; a reader skip counts as a disagreement.
    assert ag.fruitless_rate >= 0.95, ag.disagreements
    assert ag.outcome_rate >= 0.95, ag.disagreements
    assert ag.ground_rate >= 0.90
    # What the hand labeller left out (administrative, Supreme Court, criminal…) the reader leaves out too.
    assert ag.left_out_agree >= 0.95 * ag.left_out_gold


@needs_data
def test_reader_agrees_with_the_blind_labels():
    blind = load_gold(REPO / "tests" / "data" / "ruling_labels_blind.csv")
    ag = agreement(_records(), blind)
    assert ag.usable >= 90
    assert ag.fruitless_rate >= 0.95, ag.disagreements
    assert ag.outcome_rate >= 0.90, ag.disagreements
    assert ag.left_out_agree == ag.left_out_gold


@needs_data
def test_no_decision_wording_in_any_training_text_from_real_rulings():
    rows, summary = label_rulings(_records())
    assert summary.labelled >= 300
    assert summary.skipped.get("duplicate", 0) >= 3  # the rulings published in both files count once
    for row in rows:
        assert not LEAK.search(row["text"]), (row["id"], LEAK.search(row["text"]).group())
        assert row["khasteh"] is None or not LEAK.search(row["khasteh"])


SYNTHETIC = [
    ("در خصوص دادخواست آقای الف. به طرفیت آقای ب. به خواسته صدور حکم به محکومیت خوانده به پرداخت وجه چک، "
     "خواهان تقاضای صدور قرار تامین خواسته و حکم بر محکومیت خوانده را کرده است. قطع نظر از ماهیت، دادگاه "
     "قرار رد دعوا صادر می‌نماید."),
    ("در خصوص دعوای خانم ج. به طرفیت آقای د. به خواسته الزام به تنظیم سند رسمی که به موجب دادنامه سابق حکم به "
     "بطلان دعوا و بی‌حقی و رد دعوای دیگری صادر شده و قرار عدم استماع آن صادر و اعلام شده بود، این دادگاه "
     "حکم به الزام خوانده صادر و اعلام می‌نماید."),
]


@pytest.mark.parametrize("body", SYNTHETIC)
def test_no_decision_wording_in_synthetic_claim_texts(body):
    r = read_ruling(". رأی دادگاه بدوی. " + body)
    assert r.outcome is not None
    assert not LEAK.search(r.claim_text), r.claim_text
    assert r.claim_text.startswith("در خصوص")


def test_leak_words_are_the_readers_decision_words():
    # the reader scrubs at least what the leakage test looks for
    for word in ("حکم", "قرار", "محکوم", "بی\\s?حقی", "عدم\\s*استماع"):
        assert any(word in w for w in DECISION_WORDS)


def test_train_cli_prints_agreement_with_given_hand_labels(tmp_path):
    body = ("در خصوص دعوی آقای الف. ب. به طرفیت آقای ج. د. به خواسته مطالبه وجه چک به مبلغ دویست میلیون ریال، "
            "خواهان اعلام نموده خوانده چک را صادر کرده است، دادگاه {}")
    rulings = tmp_path / "r.jsonl"
    rows = [("r1", "حکم بر بطلان دعوی خواهان صادر می‌نماید."), ("r2", "خوانده را به پرداخت وجه چک محکوم می‌نماید."),
            ("r3", "قرار عدم استماع دعوا صادر می‌گردد.")]
    rulings.write_text("".join(json.dumps({"id": i, "text": ". رأی دادگاه بدوی. " + body.format(d)}, ensure_ascii=False) + "\n"
                               for i, d in rows), encoding="utf-8")
    gold = tmp_path / "g.csv"
    gold.write_text("source,id,split,outcome,fruitless,ground,claim_type_hint\n"
                    "x,r1,dev,invalid,1,,\nx,r2,dev,accepted,0,,\nx,r3,dev,accepted,0,,\n", encoding="utf-8")
    out = io.StringIO()
    result = print_agreement(rulings, gold, out=out)
    assert result["usable"] == 3 and result["fruitless_agree"] == 2
    assert "fruitless 66.7% (2/3)" in out.getvalue()
