"""screening.pipeline: the plug-in points (Screener(steps=), CheckRules(rules=)), pipe() for batches,
and resolve_model(), the one reader of a --model value."""
from __future__ import annotations

import datetime as _dt
import shutil

import pytest

from screening.checks.steps import CheckRules, Normalise, Parse, RecogniseClaimType, RouteForum
from screening.document import Document, UnusableInput
from screening.model.files import ModelLoadError
from screening.pipeline import Screener, default_model_dir, default_screener, default_steps, resolve_model
from screening.report import Finding, Severity
from tests.core.petitions import cheque_form

TODAY = _dt.date(2026, 12, 1)


def test_default_steps_are_named_in_order():
    assert Screener(model_dir=None).step_names == ["normalise", "parse", "petition_kind", "claim_type", "forum", "check",
                                                   "deadline"]
    assert [s.name for s in default_steps("default")][-1] == "score"


def test_a_screener_runs_exactly_the_steps_it_is_given():
    class Mark:
        name = "mark"

        def __call__(self, doc: Document) -> Document:
            doc.findings.append(Finding("OFFICE_RULE", Severity.WARN, "دستور داخلی دفتر", "بررسی شد"))
            return doc

    steps = [s for s in default_steps(None) if s.name != "deadline"] + [Mark()]
    screener = Screener(steps=steps)
    assert screener.step_names[-1] == "mark" and "deadline" not in screener.step_names
    report = screener.screen(cheque_form(), today=TODAY)
    assert [f.code for f in report.findings] == ["OFFICE_RULE"]


def test_check_rules_takes_the_rules_it_is_given():
    def no_signature_needed(ctx):
        return [Finding("OWN_RULE", Severity.DEFECT, "قاعده آزمایشی", f"خواسته: {ctx.spec.code}")]

    only_own = Screener(steps=[Normalise(), Parse(), RecogniseClaimType(), RouteForum(),
                               CheckRules(rules=(("own", no_signature_needed),))])
    assert only_own.steps[-1].rule_names == ["own"]
    report = only_own.screen(cheque_form(defendant=None), today=TODAY)
    # The Article 51 items are still computed, but the only finding is the rule we gave.
    assert [f.code for f in report.findings] == ["OWN_RULE"] and "defendant" in report.missing_fields
    default = Screener(model_dir=None).screen(cheque_form(defendant=None), today=TODAY)
    assert "MISSING_DEFENDANT" in [f.code for f in default.findings]


def test_pipe_keeps_order_and_puts_errors_in_place():
    texts = [cheque_form(), "", cheque_form(defendant=None), "x" * 200_001]
    out = list(Screener(model_dir=None).pipe(texts, batch_size=3, today=TODAY))
    assert len(out) == 4
    assert isinstance(out[1], UnusableInput) and out[1].code == "empty"
    assert isinstance(out[3], UnusableInput) and out[3].code == "too_long"
    assert out[0].to_dict() == Screener(model_dir=None).screen(texts[0], today=TODAY).to_dict()
    assert "defendant" in out[2].missing_fields


def test_pipe_with_the_shipped_model_scores_like_screen():
    screener = default_screener("default")
    texts = [cheque_form(), cheque_form(evidence=None), cheque_form(defendant=None)]
    piped = [r.to_dict() for r in screener.pipe(texts, batch_size=2, today=TODAY)]
    one_by_one = [screener.screen(t, today=TODAY).to_dict() for t in texts]
    assert piped == one_by_one
    assert all(r["fruitless_probability"] is not None for r in piped)


def test_resolve_model_reads_default_none_and_a_directory(tmp_path):
    assert resolve_model(None) is None and resolve_model("none") is None and resolve_model("NONE") is None
    shipped = resolve_model("default")
    assert shipped is not None and shipped.info.name
    assert resolve_model("default") is shipped  # loaded once
    copy = tmp_path / "mine"
    shutil.copytree(default_model_dir(), copy)
    assert resolve_model(copy).info.version == shipped.info.version


def test_a_missing_model_directory_is_an_error_never_a_silent_report(tmp_path):
    with pytest.raises(ModelLoadError, match="metadata.json"):
        resolve_model(tmp_path / "nothing-here")
    with pytest.raises(ModelLoadError):
        Screener(model_dir=tmp_path / "nothing-here")


def test_default_screener_is_one_per_model_value():
    assert default_screener() is default_screener("default")
    assert default_screener(None).step_names[-1] == "deadline"
