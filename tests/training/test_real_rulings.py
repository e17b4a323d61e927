"""Training on real rulings: the holdout rule, near-duplicate groups, the label definition, and (when
../shared/data is there) the real archives themselves."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from screening.training import train as T

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
for candidate in (DATA, Path("/work/shared/data")):
    if (candidate / "rulings-ara.jsonl").is_file():
        DATA = candidate
        break
LABELS = Path(__file__).resolve().parents[1] / "data" / "ruling_labels.csv"


def test_holdout_is_a_fifth_by_sha256_of_the_id():
    ids = [f"ara-{i}" for i in range(2000)]
    share = np.mean([T.is_holdout(i) for i in ids])
    assert 0.17 < share < 0.23
    assert T.is_holdout("x") == (int(hashlib.sha256(b"x").hexdigest(), 16) % 5 == 0)
    # the hand-labelled development rulings are never in the holdout
    with open(LABELS, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and not any(T.is_holdout(r["id"]) for r in rows if r["split"] == "dev")


def test_near_duplicates_share_a_group_and_different_cases_do_not():
    a = "مطالبه وجه چک شماره ۱۲ بابت خرید کالا از فروشگاه لوازم خانگی به طرفیت فروشنده"
    texts = [a, a + " و خسارت دادرسی", "ابطال رأی داور در قرارداد مشارکت ساخت آپارتمان", "تخلیه مغازه به علت انقضای مدت اجاره"]
    g = T.near_duplicate_groups(texts)
    assert g[0] == g[1] and len({g[0], g[2], g[3]}) == 3


def test_merits_dismissal_is_fruitless_and_referrals_are_left_out(tmp_path):
    assert "merits_rejected" in T.FRUITLESS and T.NOT_FRUITLESS == {"accepted", "partially_accepted"}
    assert not T.FRUITLESS & T.NOT_FRUITLESS


@pytest.mark.skipif(not (DATA / "rulings-ara.jsonl").is_file(), reason="../shared/data is not on this machine")
def test_real_archives_load_deduplicated_with_both_classes():
    rows = T.load_rulings([DATA / "rulings-archive.jsonl", DATA / "rulings-ara.jsonl"])
    assert len(rows.texts) == len({" ".join(t.split()) for t in rows.texts}) > 400
    assert 0.3 < np.mean(rows.labels) < 0.7
    holdout = [T.is_holdout(i) for i in rows.ids]
    assert 0.15 < np.mean(holdout) < 0.3
    lab = rows.labelling
    assert lab["files"] == ["rulings-archive.jsonl", "rulings-ara.jsonl"] and lab["labelled"] >= len(rows.texts)
