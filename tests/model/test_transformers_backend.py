"""The optional transformers backend, end to end on a tiny BERT built here.

A 2-layer BERT (hidden 32) and a WordPiece tokenizer trained on a few hundred petitions are saved
to a temporary folder, fine-tuned through `screening train --backend transformers`, reloaded as a
model directory and used by `Screener`. Skipped when torch/transformers are not installed, unless
PETITION_TEST_TRANSFORMERS=1 (as `make test-transformers` sets): then a missing extra fails.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random
from pathlib import Path

import numpy as np
import pytest

REQUIRED = os.environ.get("PETITION_TEST_TRANSFORMERS") == "1"
INSTALLED = all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "tokenizers"))
pytestmark = pytest.mark.skipif(
    not INSTALLED and not REQUIRED,
    reason="torch/transformers not installed (pip install -e '.[transformers]'); "
    "set PETITION_TEST_TRANSFORMERS=1 to require these tests",
)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus" / "petitions.jsonl"
WINDOW = 128


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """A tiny BERT gains nothing from two threads, and OpenMP's spinning makes a step ~15x slower
    when the two cores are shared with other work (measured: 10 ms vs 180 ms per step)."""
    if not INSTALLED:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_extra_is_installed_when_required():
    # Under PETITION_TEST_TRANSFORMERS=1 a missing extra must fail, not skip.
    assert INSTALLED, "PETITION_TEST_TRANSFORMERS=1 but torch/transformers/tokenizers are not importable"


@pytest.fixture(scope="module")
def petitions(dataset) -> list[dict]:
    """A few hundred labelled petitions: the corpus when it has been generated, else the test generator."""
    if CORPUS.is_file():
        rows = []
        with CORPUS.open(encoding="utf-8") as fh:
            for line in fh:
                rows.append(json.loads(line))
                if len(rows) >= 300:
                    break
        return [{"text": r["text"], "fruitless": int(r["fruitless"])} for r in rows]
    return [{"text": r["text"], "fruitless": int(r["fruitless"])} for r in dataset]


@pytest.fixture(scope="module")
def base_model(petitions, tmp_path_factory) -> Path:
    from tests.tiny_bert import make_tiny_base_model

    folder = tmp_path_factory.mktemp("tiny-bert")
    return make_tiny_base_model([p["text"] for p in petitions], folder, seed=0, vocab_size=1500,
                                hidden_size=32, layers=2, heads=2, intermediate_size=64, max_positions=512)


@pytest.fixture(scope="module")
def trained(petitions, base_model, tmp_path_factory):
    """`screening train --backend transformers` on ~100 petitions; returns (exit code, model dir).

    The base model takes 512 positions; --max-length 128 sets the window (and keeps the test fast).
    """
    from screening.cli.main import main

    work = tmp_path_factory.mktemp("tf-train")
    rng = random.Random(3)
    rows = rng.sample(petitions, min(100, len(petitions)))
    data = work / "small.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = work / "model"
    code = main(["train", "--backend", "transformers", "--base-model", str(base_model), "--data", str(data),
                 "--out", str(out), "--seed", "5", "--cv-folds", "2", "--epochs", "1",
                 "--max-length", str(WINDOW), "--no-progress"])
    return code, out


def test_base_model_folder_looks_like_a_checkpoint(base_model):
    config = json.loads((base_model / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "bert"
    assert (config["num_hidden_layers"], config["hidden_size"], config["num_attention_heads"]) == (2, 32, 2)
    assert (base_model / "model.safetensors").is_file() and (base_model / "tokenizer.json").is_file()


def test_cli_trains_a_model_directory_that_says_its_backend(trained):
    code, out = trained
    assert code == 0
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["backend"] == "transformers"
    assert meta["long_text"]["strategy"] == "head+tail"
    assert meta["long_text"]["window"] == WINDOW
    assert meta["long_text"]["head_tokens"] + meta["long_text"]["tail_tokens"] == WINDOW - 2  # [CLS] … [SEP]
    assert meta["versions"]["torch"] and meta["versions"]["transformers"] and meta["versions"]["scikit-learn"]
    assert "calibrator.skops" in meta["files"] and "hf/model.safetensors" in meta["files"]
    assert 0.0 <= meta["thresholds"]["medium"] <= meta["thresholds"]["high"] <= 1.0
    assert (out / "MODEL_CARD.md").is_file()


def test_screener_loads_the_directory_and_scores_a_petition(trained, petitions):
    from screening import Screener

    code, out = trained
    assert code == 0
    report = Screener(model_dir=out).screen(petitions[0]["text"])
    assert report.fruitless_probability is not None
    assert 0.0 <= report.fruitless_probability <= 1.0
    assert report.risk_band in {"low", "medium", "high"}
    assert report.model is not None and report.model.backend == "transformers"
    assert json.loads(json.dumps(report.to_dict()))["model"]["backend"] == "transformers"


def test_the_api_serves_a_transformers_model(trained, petitions):
    from fastapi.testclient import TestClient

    from screening import Screener
    from screening_web.app import create_app

    code, out = trained
    assert code == 0
    with TestClient(create_app(Screener(model_dir=out), csrf_secret="test-secret")) as client:
        response = client.post("/api/v1/screen", json={"text": petitions[2]["text"]})
    assert response.status_code == 200
    body = response.json()
    assert body["model"]["backend"] == "transformers"
    assert 0.0 <= body["fruitless_probability"] <= 1.0


def test_batch_scoring_uses_a_transformers_model(trained, petitions, tmp_path):
    from screening.cli.main import main

    code, out = trained
    assert code == 0
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"r{i}", "text": p["text"]}, ensure_ascii=False) + "\n"
                              for i, p in enumerate(petitions[:3])), encoding="utf-8")
    result = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(result), "--model", str(out), "--jobs", "1", "--quiet"]) == 0
    rows = [json.loads(line) for line in result.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["r0", "r1", "r2"]
    assert all(0.0 <= r["fruitless_probability"] <= 1.0 for r in rows)
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert all(r["model"] == f"{meta['name']}@{meta['version']}" for r in rows)


def test_a_petition_longer_than_the_window_is_scored_and_its_reasons_point_into_it(trained, petitions):
    from screening import Screener

    code, out = trained
    assert code == 0
    screener = Screener(model_dir=out)
    text = petitions[1]["text"] + "\n" + "\n".join(
        f"بند {i}. خوانده در تاریخ 1403/0{1 + i % 9}/1{i % 9} مبلغ {i + 1},000,000 ریال دیگر نیز دریافت کرده است."
        for i in range(60)
    )
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(out / "hf", local_files_only=True)
    assert len(tokenizer(text)["input_ids"]) > 3 * WINDOW
    report = screener.screen(text)
    assert 0.0 <= report.fruitless_probability <= 1.0
    for reason in report.reasons:
        assert reason.direction in {"raises", "lowers"}
        if reason.span is not None:
            assert 0 <= reason.span.start < reason.span.end <= len(text)


def test_a_changed_weight_file_is_refused(trained, tmp_path):
    import shutil

    from screening.model.io import ModelLoadError, load_model

    code, out = trained
    assert code == 0
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    weights = copy / "hf" / "model.safetensors"
    blob = bytearray(weights.read_bytes())
    blob[-1] ^= 0xFF
    weights.write_bytes(bytes(blob))
    with pytest.raises(ModelLoadError):
        load_model(copy)


@pytest.mark.parametrize("remove", ["config.json", "model.safetensors", "tokenizer.json", None])
def test_missing_or_incomplete_base_model_is_a_clear_error(base_model, tmp_path, capsys, remove):
    import shutil

    from screening.cli.main import main

    if remove is None:
        folder = tmp_path / "no-such-folder"
        expected = "does not exist"
    else:
        folder = tmp_path / "partial"
        shutil.copytree(base_model, folder)
        (folder / remove).unlink()
        expected = {"config.json": "config.json", "model.safetensors": "weights",
                    "tokenizer.json": "tokenizer files"}[remove]
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"text": "برگ دادخواست", "fruitless": 1}, ensure_ascii=False) + "\n", encoding="utf-8")
    code = main(["train", "--backend", "transformers", "--base-model", str(folder), "--data", str(data),
                 "--out", str(tmp_path / "out"), "--no-progress"])
    err = capsys.readouterr().err
    assert code != 0
    assert "مدل پایه" in err and expected in err
    assert not (tmp_path / "out").exists()


def test_backend_learns_a_visible_signal_and_occlusion_finds_it(tmp_path, monkeypatch):
    """Direct fit/predict/explain/save/load on an easy task: the court named in the heading decides."""
    from screening.model.transformers_backend import TransformersBackend, load
    from tests.tiny_bert import make_tiny_base_model
    from screening.pipeline import Screener

    rng = random.Random(0)
    screener = Screener(model_dir=None)
    texts, labels = [], []
    for i in range(48):
        fruitless = i % 2
        court = "دادگاه نظامی" if fruitless else "دادگاه صلح"
        body = " ".join(rng.sample(["خوانده", "مبلغ", "چک", "بدهی", "پرداخت", "نکرده", "است", "مطالبه", "وجه"], 6))
        texts.append(f"برگ دادخواست به {court}\n\nخواهان: علی رضایی\nخواسته: {body}.\nشرح: {body}.")
        labels.append(fruitless)
    docs = [screener.run(t) for t in texts]
    base = make_tiny_base_model(texts, tmp_path / "base", seed=0, vocab_size=300, max_positions=64)
    backend = TransformersBackend(base, seed=1, max_length=64, epochs=25, batch_size=8, learning_rate=2e-3,
                                  validation_fraction=0.25).fit(docs[:40], labels[:40])
    p = backend.predict_proba(docs[40:])
    y = np.array(labels[40:])
    assert p[y == 1].min() > p[y == 0].max()  # every held-out fruitless one ranks above every sound one

    # Occlusion: the heading line is the passage that moves the score, in the direction of the label
    # (the network may key on either court name, so look at one petition of each class).
    found = []
    for i in (40, 41):
        for reason in backend.explain(docs[i]):
            if reason.feature == "passage" and "دادگاه" in texts[i][reason.span.start:reason.span.end]:
                assert reason.direction == ("raises" if labels[i] else "lowers")
                found.append(i)
    assert found

    files = backend.save(tmp_path / "model")
    assert {"calibrator.skops", "transformers_backend.json", "hf/model.safetensors"} <= set(files)
    meta = {"name": "easy", "version": "1", "thresholds": {"medium": 0.3, "high": 0.6}}
    scorer = load(tmp_path / "model", meta)
    assert np.allclose(scorer.predict_proba(docs[40:]), p, atol=1e-6)
    assert scorer.info.backend == "transformers"
    p_loaded, reasons = scorer.score(docs[found[0]])
    assert abs(p_loaded - p[found[0] - 40]) < 1e-6
    assert any(r.feature == "passage" for r in reasons)

    # A CPU-only office can turn the extra forward passes off without retraining.
    monkeypatch.setenv("PETITION_OCCLUSION_PASSAGES", "0")
    _, reasons = load(tmp_path / "model", meta).score(docs[found[0]])
    assert not any(r.feature == "passage" for r in reasons)


def test_same_seed_same_data_gives_the_same_model(tmp_path):
    from screening.model.transformers_backend import TransformersBackend
    from tests.tiny_bert import make_tiny_base_model
    from screening.pipeline import Screener

    screener = Screener(model_dir=None)
    texts = [f"برگ دادخواست به دادگاه {'صلح' if i % 2 else 'خانواده'}\nخواهان: علی رضایی\nخواسته: مطالبه {i + 1},000,000 ریال."
             for i in range(16)]
    docs = [screener.run(t) for t in texts]
    labels = [i % 2 for i in range(16)]
    base = make_tiny_base_model(texts, tmp_path / "base", seed=0, vocab_size=200, max_positions=64)
    fit = lambda seed: TransformersBackend(base, seed=seed, max_length=64, epochs=2, batch_size=4).fit(docs, labels)  # noqa: E731
    first, again, other = fit(3), fit(3), fit(4)
    assert np.array_equal(first.predict_proba(docs), again.predict_proba(docs))
    assert not np.array_equal(first.predict_proba(docs), other.predict_proba(docs))


def test_rulings_train_the_transformer_on_the_same_labels(base_model, tmp_path, capsys):
    """`--rulings` with the transformers backend: the same labels, grouped CV and holdout as the default model."""
    from screening.cli.main import main
    from tests.petition_factory import make_rulings

    records = make_rulings(40, seed=11)
    f = tmp_path / "rulings.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "tf-rulings"
    code = main(["train", "--backend", "transformers", "--base-model", str(base_model), "--rulings", str(f),
                 "--out", str(out), "--seed", "5", "--cv-folds", "2", "--epochs", "1", "--max-length", str(WINDOW),
                 "--no-learning-curve", "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "ROC-AUC" in printed and "constant base-rate Brier" in printed
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["backend"] == "transformers" and meta["metrics"]["kind"] == "rulings"
    assert meta["data"]["labelling"]["labelled"] == 40 and meta["quality_fa"]
