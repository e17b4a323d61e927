"""Precision and recall of `missing_fields` (Article 51 items said missing) over every test petition whose
missing items are known: the legal-check petitions, the core tests' cheque form with each item removed in
turn, the narrative and insolvency petitions, the shipped examples and the web test petitions.

Run `python tests/checks/test_missing_fields_accuracy.py` (from the repository root) to print the figures.
"""
from __future__ import annotations

import random
from pathlib import Path

from screening.pipeline import Screener
from tests.checks.legal_petitions import CASES
from tests.core.petitions import INSOLVENCY, NARRATIVE_MAHR, cheque_form
from tests.core.test_screen import MISSING_CASES
from tests.petition_factory import make_petition

ROOT = Path(__file__).resolve().parents[2]
MIN_PRECISION = MIN_RECALL = 0.95


def labelled_petitions() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, text, missing items as an expert reads them)."""
    out = [(c.name, c.text, c.missing) for c in CASES if c.claim_type is not None]
    out.append(("core:cheque_form", cheque_form(), ()))
    out += [(f"core:without_{field}", cheque_form(**kwargs), (field,)) for field, kwargs in MISSING_CASES.items()]
    out += [("core:narrative_mahr", NARRATIVE_MAHR, ()), ("core:insolvency", INSOLVENCY, ())]
    out += [(f"examples:{p.name}", p.read_text(encoding="utf-8"), ())
            for p in sorted((ROOT / "examples").glob("*.txt")) if p.name != "appeal_late.txt"]
    web = (ROOT / "tests/web/petitions/complete_cheque.txt").read_text(encoding="utf-8")
    out.append(("web:complete_cheque", web, ()))
    out.append(("web:missing_defendant", "\n".join(l for l in web.splitlines() if not l.startswith("خوانده:")) + "\n",
                ("defendant",)))
    rng = random.Random(5)
    out += [(f"factory:{kind}:{i}", make_petition(rng, kind, complete=bool(i % 2)), ())
            for i in range(6) for kind in ("cheque", "mahr", "eviction")]
    return out


def measure(screener: Screener | None = None) -> dict:
    screener = screener or Screener(model_dir=None)
    tp = fp = fn = 0
    errors = []
    petitions = labelled_petitions()
    for name, text, truth in petitions:
        got = set(screener.screen(text).missing_fields)
        want = set(truth)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        if got != want:
            errors.append((name, sorted(got - want), sorted(want - got)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"petitions": len(petitions), "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "errors": errors}


def test_missing_field_precision_and_recall_are_at_least_095():
    m = measure()
    assert m["petitions"] >= 60 and m["tp"] >= 15
    assert m["precision"] >= MIN_PRECISION, m["errors"]
    assert m["recall"] >= MIN_RECALL, m["errors"]


if __name__ == "__main__":
    m = measure()
    print(f"petitions {m['petitions']}  tp {m['tp']}  fp {m['fp']}  fn {m['fn']}  "
          f"precision {m['precision']:.3f}  recall {m['recall']:.3f}")
    for name, extra, lost in m["errors"]:
        print(f"  {name}: said missing {extra}, not found missing {lost}")
