"""Model and index directories at the bottom of the model floor: their errors, hashes, metadata and library versions."""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterator


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


# distribution name → module to ask for __version__ when the distribution's metadata is missing
_MODULES = {"scikit-learn": "sklearn", "skops": "skops", "numpy": "numpy", "scipy": "scipy",
            "torch": "torch", "transformers": "transformers", "tokenizers": "tokenizers"}


def library_version(dist: str) -> str | None:
    """Installed version of a distribution, or None; never imports torch unless asked."""
    try:
        return version(dist)
    except PackageNotFoundError:
        mod = _MODULES.get(dist)
        if mod is None:
            return None
        try:
            return getattr(importlib.import_module(mod), "__version__", None)
        except ImportError:
            return None


def major_minor(v: str | None) -> tuple[str, ...] | None:
    """"1.9.2+local" → ("1", "9"): what must match for a saved model or index to load."""
    return tuple(v.split("+")[0].split(".")[:2]) if v else None


def read_json_metadata(meta_file: Path, schema: str, error: type[Exception], missing: str, what_fa: str,
                       what_en: str) -> dict[str, Any]:
    """A directory's metadata.json, refused with `error` (`missing` when absent) unless it is a JSON object of `schema`."""
    if not meta_file.is_file():
        raise error(missing)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise error(f"فایل metadata.json {what_fa} خوانا نیست ({what_en} metadata unreadable: {exc})") from exc
    if not isinstance(meta, dict) or meta.get("schema") != schema:
        found = meta.get("schema") if isinstance(meta, dict) else None
        raise error(f"قالب {what_fa} شناخته نیست (unknown {what_en} schema {found!r}; expected {schema!r})")
    return meta


@contextmanager
def atomic_directory(out: Path) -> Iterator[Path]:
    """A temporary folder beside `out` for the block to write into, then swapped in whole.

    On success the folder replaces `out` in one `os.replace` (an existing `out` is moved aside
    first and put back if the swap fails, so readers see the old directory or the new one, never
    half of either); on any failure the folder is removed and `out` is left as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / out.name)
            try:
                os.replace(tmp, out)
            except BaseException:
                os.replace(old / out.name, out)  # put the old directory back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
