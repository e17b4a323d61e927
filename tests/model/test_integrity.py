"""Model integrity: every file the model reads, metadata.json included, is covered by SHA256SUMS,
and every command refuses a model that is not what was written, with one message and exit code 2."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from screening.cli.main import main
from screening.model.io import MANIFEST_FILE, METADATA_FILE, ModelLoadError, load_model, write_manifest
from screening.pipeline import default_model_dir

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cheque_complete.txt"


@pytest.fixture()
def zero_thresholds(model_dir, tmp_path) -> Path:
    """The attack of issue 13: band thresholds set to 0, so that 16 % reads «زیاد»."""
    d = tmp_path / "tampered"
    shutil.copytree(model_dir, d)
    meta = json.loads((d / METADATA_FILE).read_text(encoding="utf-8"))
    meta["thresholds"] = {"medium": 0.0, "high": 0.0}
    (d / METADATA_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return d


def test_written_manifest_covers_metadata_and_every_model_file(model_dir):
    lines = (model_dir / MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    names = {line.split("  ", 1)[1] for line in lines}
    meta = json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8"))
    assert names == {METADATA_FILE, *meta["files"]}


def test_shipped_model_has_a_valid_manifest_that_sha256sum_accepts():
    d = default_model_dir()
    load_model(d)
    if shutil.which("sha256sum"):
        assert subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST_FILE], cwd=d).returncode == 0


def test_edited_thresholds_are_refused(zero_thresholds):
    with pytest.raises(ModelLoadError, match="metadata.json") as exc:
        load_model(zero_thresholds)
    assert "دست‌کاری" in str(exc.value)


def test_thresholds_that_mean_nothing_are_refused_even_with_a_matching_manifest(zero_thresholds):
    meta = json.loads((zero_thresholds / METADATA_FILE).read_text(encoding="utf-8"))
    write_manifest(zero_thresholds, [METADATA_FILE, *meta["files"]])
    with pytest.raises(ModelLoadError, match="thresholds"):
        load_model(zero_thresholds)


def test_a_model_without_manifest_is_refused(model_dir, tmp_path):
    d = tmp_path / "old"
    shutil.copytree(model_dir, d)
    (d / MANIFEST_FILE).unlink()
    with pytest.raises(ModelLoadError, match=MANIFEST_FILE):
        load_model(d)


def test_a_model_file_left_out_of_the_manifest_is_refused(model_dir, tmp_path):
    d = tmp_path / "partial"
    shutil.copytree(model_dir, d)
    write_manifest(d, [METADATA_FILE])
    with pytest.raises(ModelLoadError, match=f"model.skops \\(not in {MANIFEST_FILE}\\)"):
        load_model(d)


@pytest.mark.parametrize("command", ["check", "score", "serve"])
def test_every_command_refuses_a_tampered_model_with_exit_2_and_no_traceback(command, zero_thresholds, tmp_path, capsys):
    argv = {
        "check": ["check", str(EXAMPLE), "--model", str(zero_thresholds)],
        "score": ["score", str(EXAMPLE), "-o", str(tmp_path / "o.csv"), "--quiet", "--model", str(zero_thresholds)],
        "serve": ["serve", "--port", "1", "--model", str(zero_thresholds)],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "دست‌کاری" in err and "Traceback" not in err
    assert not list(tmp_path.glob("o.csv*"))
