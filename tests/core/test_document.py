"""The bottom floor's `Document`: invalid characters replaced one for one, pickling round-trips."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from screening.document import REPLACEMENT_CHARACTER, Document, make_valid
from screening.pipeline import Screener

from tests.core.petitions import cheque_form


@pytest.mark.parametrize(
    "bad",
    ["\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\U0005ffff"],
)
def test_invalid_characters_are_replaced_one_for_one(bad: str) -> None:
    text = "خواهان" + bad + "خوانده 😀"
    fixed = make_valid(text)
    assert len(fixed) == len(text)
    assert fixed == "خواهان" + REPLACEMENT_CHARACTER + "خوانده 😀"


@pytest.mark.parametrize("good", ["😀", "\U00020000", "\ufdcf", "\ufdf0", "\ufffd", "\ue000"])
def test_valid_characters_are_kept(good: str) -> None:
    text = "متن " + good + " متن"
    assert make_valid(text) is text


def test_a_screened_document_survives_pickling() -> None:
    # Process pools and caches pickle documents; the claim type's gated cue patterns used to
    # recurse forever while being rebuilt.
    doc = Screener(model_dir=None).run(cheque_form(), today=dt.date(2026, 1, 1))
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.claim_type.code == doc.claim_type.code
    assert copy.to_report() == doc.to_report()
