"""The score step in the real pipeline: probability, band, reasons, model; and the effect of
key evidence on the probability."""
from __future__ import annotations

import pytest

from screening.knowledge.bands import band
from screening.pipeline import Screener, default_model_dir, resolve_model

CHEQUE_PETITION = """برگ دادخواست به دادگاه صلح

خواهان: رضا نوری فرزند احمد به نشانی تهران، خیابان آزادی، پلاک 14
خوانده: جواد رحیمی فرزند حسن به نشانی تهران، خیابان انقلاب، پلاک 31

خواسته و بهای آن: مطالبه وجه یک فقره چک مقوم به 300,000,000 ریال به انضمام خسارت دادرسی

دلایل و منضمات دادخواست:
{evidence}

شرح دادخواست:
ریاست محترم دادگاه
با سلام و احترام، به استحضار می‌رساند خوانده بابت خرید کالا مبلغ 300,000,000 ریال بدهکار است و با وجود مراجعات مکرر بدهی خود را نپرداخته است. لذا صدور حکم بر محکومیت خوانده به پرداخت اصل خواسته و خسارات قانونی مورد استدعاست.

محل امضا: خواهان
تاریخ: 1404/02/10
"""
WITH_CHEQUE = "1- تصویر مصدق چک شماره 552310\n2- تصویر مصدق گواهی عدم پرداخت بانک ملت\n3- تصویر مصدق کارت ملی خواهان"
WITHOUT_CHEQUE = "1- تصویر مصدق کارت ملی خواهان"


@pytest.fixture(params=["trained-in-test", "shipped-default"])
def screener(request, model_dir):
    if request.param == "shipped-default":
        if not (default_model_dir() / "metadata.json").is_file():
            pytest.skip("models/default is not trained in this checkout")
        return Screener()
    return Screener(model_dir=model_dir)


@pytest.fixture
def shipped():
    if not (default_model_dir() / "metadata.json").is_file():
        pytest.skip("models/default is not trained in this checkout")
    return Screener()


def test_probability_rises_without_the_cheque_and_falls_when_it_is_added_back(model_dir):
    # A model trained on full petition forms reads the evidence list (the shipped model, trained
    # on courts' restatements of claims, has no evidence list to read and does not).
    screener = Screener(model_dir=model_dir)
    complete = screener.screen(CHEQUE_PETITION.format(evidence=WITH_CHEQUE))
    stripped = screener.screen(CHEQUE_PETITION.format(evidence=WITHOUT_CHEQUE))
    restored = screener.screen(CHEQUE_PETITION.format(evidence=WITH_CHEQUE))
    assert stripped.fruitless_probability > complete.fruitless_probability + 0.05
    assert restored.fruitless_probability == complete.fruitless_probability
    raised = [r for r in stripped.reasons if r.direction == "raises"]
    assert any("چک" in r.label_fa or "گواهی" in r.label_fa for r in raised)


def test_report_json_has_probability_band_reasons_and_model(screener):
    report = screener.screen(CHEQUE_PETITION.format(evidence=WITHOUT_CHEQUE)).to_dict()
    assert 0.0 <= report["fruitless_probability"] <= 1.0
    assert report["risk_band"] in ("low", "medium", "high")
    assert report["model"]["name"] and report["model"]["version"] and report["model"]["backend"] == "sklearn"
    assert report["reasons"]
    for r in report["reasons"]:
        assert set(r) == {"feature", "label_fa", "direction", "weight", "span"}
        assert r["direction"] in ("raises", "lowers") and r["weight"] > 0


def test_band_follows_the_thresholds_in_the_metadata(model_dir):
    scorer = resolve_model(model_dir)
    doc = Screener(model_dir=model_dir).run(CHEQUE_PETITION.format(evidence=WITHOUT_CHEQUE))
    assert doc.risk_band == band(doc.fruitless_probability, scorer.thresholds)
    assert band(scorer.thresholds["medium"] - 1e-6, scorer.thresholds) == "low"
    assert band(scorer.thresholds["high"], scorer.thresholds) == "high"


def test_no_model_means_no_score(model_dir):
    report = Screener(model_dir=None).screen(CHEQUE_PETITION.format(evidence=WITH_CHEQUE))
    assert report.fruitless_probability is None and report.risk_band is None and report.model is None


def test_shipped_model_is_honest_about_real_claims(shipped):
    """The shipped model: trained on real rulings, its score carries the claim type's real base rate and its
    own real-data figure, and no Article 51 item or evidence-list gap (which a court's restatement never
    has) is a feature or a reason."""
    from screening.model.io import read_metadata

    meta = read_metadata(default_model_dir())
    assert meta["metrics"]["kind"] == "rulings" and meta["data"]["source"].startswith("rulings:")
    structured = resolve_model("default").model.features.structured_.vocabulary_
    assert structured and not any(k.startswith(("missing=", "evidence_missing=")) for k in structured)
    assert any(k.startswith("ask=") for k in structured) and any(k.startswith("defendant=") for k in structured)
    complete = shipped.screen(CHEQUE_PETITION.format(evidence=WITH_CHEQUE))
    stripped = shipped.screen(CHEQUE_PETITION.format(evidence=WITHOUT_CHEQUE))
    for report in (complete, stripped):
        assert not any(r.feature.startswith(("s:missing=", "s:evidence_missing=")) for r in report.reasons)
    lo, hi = meta["clip"]
    assert lo <= complete.fruitless_probability <= hi
    assert complete.base_rate["n"] >= 10 and 0 < complete.base_rate["fruitless_rate"] < 1
    assert complete.model.quality_fa and "رأی واقعی" in complete.model.quality_fa
    assert 0.0 <= complete.familiarity <= 1.0
