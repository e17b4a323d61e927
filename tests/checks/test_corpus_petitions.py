"""Every petition of the shipped corpus reads as a petition (the test of `looks_like_petition` may not
turn a real draft away)."""
import json
from pathlib import Path

import pytest

from screening.checks.parse import looks_like_petition
from screening.text.normalize import get_normaliser

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "petitions.jsonl"


@pytest.mark.slow
def test_all_corpus_petitions_are_petitions():
    normaliser = get_normaliser()
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 6000
    turned_away = [r["id"] for r in rows if not looks_like_petition(normaliser.normalise(r["text"]).text)]
    assert turned_away == []
