"""Model directories: written atomically, loaded only when intact and version-compatible."""
from __future__ import annotations

import json
import shutil

import pytest

from screening.model.files import atomic_directory
from screening.model.io import METADATA_FILE, ModelLoadError, ModelWriteError, load_model, save_model_dir, write_manifest


def _copy(model_dir, tmp_path):
    dst = tmp_path / "copy"
    shutil.copytree(model_dir, dst)
    return dst


def _edit_metadata(d, meta):
    """Rewrite metadata.json *and* its manifest entry, as someone editing the model on purpose would,
    so that the check after the integrity check is the one under test."""
    (d / METADATA_FILE).write_text(json.dumps(meta), encoding="utf-8")
    write_manifest(d, [METADATA_FILE, *meta["files"]])


def test_written_directory_has_model_metadata_and_card(model_dir):
    names = sorted(p.name for p in model_dir.iterdir())
    assert names == ["MODEL_CARD.md", "SHA256SUMS", "metadata.json", "model.skops"]
    meta = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))
    assert meta["schema"] == "petition-screening/model/v1" and meta["backend"] == "sklearn"
    assert set(meta["files"]) == {"model.skops"}
    assert 0 < meta["thresholds"]["medium"] < meta["thresholds"]["high"] < 1
    assert meta["versions"]["scikit-learn"] and meta["data"]["sha256"]
    card = (model_dir / "MODEL_CARD.md").read_text(encoding="utf-8")
    for section in ("Model details", "Intended use", "Factors", "Metrics", "Evaluation data", "Training data",
                    "Quantitative analyses", "Ethical considerations", "Caveats and recommendations"):
        assert f"## {section}" in card
    # no pickle anywhere: the model file is a skops zip archive
    assert (model_dir / "model.skops").read_bytes()[:2] == b"PK"


def test_tampered_model_file_is_refused_with_a_clear_message(model_dir, tmp_path):
    d = _copy(model_dir, tmp_path)
    with open(d / "model.skops", "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelLoadError, match="دست‌کاری") as exc:
        load_model(d)
    assert "model.skops" in str(exc.value) and "tampered" in str(exc.value)


def test_missing_model_file_is_refused(model_dir, tmp_path):
    d = _copy(model_dir, tmp_path)
    (d / "model.skops").unlink()
    with pytest.raises(ModelLoadError, match="missing"):
        load_model(d)


def test_other_scikit_learn_version_is_refused_naming_both(model_dir, tmp_path):
    d = _copy(model_dir, tmp_path)
    meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
    installed = meta["versions"]["scikit-learn"]
    meta["versions"]["scikit-learn"] = "0.24.2"
    _edit_metadata(d, meta)
    with pytest.raises(ModelLoadError) as exc:
        load_model(d)
    assert "0.24.2" in str(exc.value) and installed in str(exc.value)


def test_unknown_schema_and_missing_metadata_are_refused(model_dir, tmp_path):
    d = _copy(model_dir, tmp_path)
    meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
    meta["schema"] = "something/else"
    _edit_metadata(d, meta)
    with pytest.raises(ModelLoadError, match="schema"):
        load_model(d)
    (d / "metadata.json").unlink()
    with pytest.raises(ModelLoadError, match="metadata"):
        load_model(d)


def test_intact_directory_loads_and_scores(model_dir):
    scorer = load_model(model_dir)
    assert scorer.info.name == "synthetic" and scorer.info.backend == "sklearn"


def _write(out, payload: bytes, force=False):
    return save_model_dir(out, lambda d: (d / "model.bin").write_bytes(payload),
                          {"schema": "petition-screening/model/v1"}, force=force)


def test_save_refuses_to_overwrite_without_force_and_replaces_with_it(tmp_path):
    out = tmp_path / "models" / "default"
    _write(out, b"one")
    with pytest.raises(ModelWriteError, match="--force"):
        _write(out, b"two")
    assert (out / "model.bin").read_bytes() == b"one"
    _write(out, b"two", force=True)
    assert (out / "model.bin").read_bytes() == b"two"
    meta = json.loads((out / "metadata.json").read_text())
    assert list(meta["files"]) == ["model.bin"]
    # nothing temporary is left beside it
    assert sorted(p.name for p in out.parent.iterdir()) == ["default"]


def test_a_failed_write_leaves_the_old_model_untouched(tmp_path):
    out = tmp_path / "m"
    _write(out, b"good")

    def broken(d):
        (d / "model.bin").write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        save_model_dir(out, broken, {}, force=True)
    assert (out / "model.bin").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_atomic_directory_swaps_in_whole_or_leaves_the_old_one(tmp_path):
    out = tmp_path / "model"
    out.mkdir()
    (out / "old.txt").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_directory(out) as tmp:
            (tmp / "new.txt").write_text("half written")
            raise RuntimeError("disk full")
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no temporary folder left behind
    with atomic_directory(out) as tmp:
        (tmp / "new.txt").write_text("whole")
    assert sorted(p.name for p in out.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["model"]
