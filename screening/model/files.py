"""Model files at the bottom of the model floor: their errors and their hashes (io and both backends use them)."""
from __future__ import annotations

import hashlib
from pathlib import Path


class ModelLoadError(RuntimeError):
    """A model directory that cannot be trusted or used. The message is for people."""


class ModelWriteError(RuntimeError):
    """A model directory that may not be written (exists and no force)."""


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
