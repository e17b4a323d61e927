"""Model directories: write them atomically, load them only when they are what was written.

A model directory (`models/NAME/`) holds the model files, `metadata.json` (versions, data
hash, thresholds, metrics and the sha256 of every model file), `MODEL_CARD.md`, and
`SHA256SUMS`: the sha256 of every file the model reads, `metadata.json` included (its band
thresholds decide what «زیاد» means), in the format `sha256sum -c` checks.
Loading checks that manifest, the schema, every file's hash, the thresholds and the library
versions that matter before anything is deserialised; a mismatch is a `ModelLoadError` with a
Persian + English message.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from screening.model import sklearn_backend, transformers_backend
from screening.model.files import (
    ModelLoadError,
    ModelWriteError,
    atomic_directory,
    library_version,
    major_minor,
    read_json_metadata,
    sha256_file,
)

METADATA_FILE = "metadata.json"
CARD_FILE = "MODEL_CARD.md"
MANIFEST_FILE = "SHA256SUMS"
SCHEMA = "petition-screening/model/v1"

# Libraries whose major.minor must match the one that trained the model, per backend.
VERSION_CHECKED = {
    "sklearn": ("scikit-learn",),
    "transformers": ("scikit-learn", "torch", "transformers"),
}


def library_versions(extra: tuple[str, ...] = ()) -> dict[str, str | None]:
    import platform

    names = ("scikit-learn", "skops", "numpy", "scipy", "petition-screening") + tuple(extra)
    out: dict[str, str | None] = {"python": platform.python_version()}
    for n in names:
        out[n] = library_version(n)
    return out


_TAMPERED_FA = (
    "فایل‌های مدل دست‌کاری شده یا ناقص‌اند و مدل بارگذاری نشد؛ مدل را دوباره آموزش دهید یا از نسخه سالم بازگردانید."
)


def write_manifest(path: str | Path, names: list[str]) -> None:
    """`SHA256SUMS` over `names` (paths relative to the model directory), one `<sha256>  <name>` line each."""
    path = Path(path)
    lines = [f"{sha256_file(path / name)}  {name}\n" for name in sorted(set(names))]
    (path / MANIFEST_FILE).write_text("".join(lines), encoding="utf-8")


def read_manifest(path: str | Path) -> dict[str, str]:
    """name → sha256 from `SHA256SUMS`; a missing or malformed manifest is a `ModelLoadError`."""
    manifest = Path(path) / MANIFEST_FILE
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ModelLoadError(
            f"{_TAMPERED_FA} (model directory has no integrity manifest {MANIFEST_FILE}; models written by this "
            "version have one: retrain it)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{_TAMPERED_FA} (integrity manifest unreadable: {type(exc).__name__})") from None
    out: dict[str, str] = {}
    for line in lines:
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise ModelLoadError(f"{_TAMPERED_FA} (integrity manifest {MANIFEST_FILE} is malformed)")
        out[name] = digest
    return out


def verify_manifest(path: str | Path) -> dict[str, str]:
    """Every file in `SHA256SUMS` has its recorded hash, and `metadata.json` is one of them."""
    path = Path(path)
    if not path.is_dir():
        raise ModelLoadError(f"پوشه مدل پیدا نشد: {path} (model directory not found)")
    manifest = read_manifest(path)
    bad: list[str] = [] if METADATA_FILE in manifest else [f"{METADATA_FILE} (not covered)"]
    for rel, digest in sorted(manifest.items()):
        target = (path / rel).resolve()
        if path.resolve() not in target.parents or not target.is_file():
            bad.append(f"{rel} (missing)")
        elif sha256_file(target) != digest:
            bad.append(f"{rel} (sha256 differs)")
    if bad:
        raise ModelLoadError(f"{_TAMPERED_FA} (model files were tampered with or are incomplete: {', '.join(bad)})")
    return manifest


def verify_thresholds(meta: dict[str, Any]) -> None:
    """Band thresholds that can mean something: 0 < medium ≤ high < 1."""
    t = meta.get("thresholds")
    ok = isinstance(t, dict) and all(isinstance(t.get(k), (int, float)) and not isinstance(t.get(k), bool)
                                     for k in ("medium", "high"))
    if not ok or not 0 < t["medium"] <= t["high"] < 1:
        raise ModelLoadError(
            "آستانه‌های سطح خطر در metadata.json مدل نامعتبر است (باید ۰ < متوسط ≤ زیاد < ۱ باشد)؛ مدل بارگذاری نشد. "
            f"(model thresholds must satisfy 0 < medium <= high < 1, got {t!r})"
        )


def read_metadata(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if not path.is_dir():
        raise ModelLoadError(f"پوشه مدل پیدا نشد: {path} (model directory not found)")
    return read_json_metadata(path / METADATA_FILE, SCHEMA, ModelLoadError,
                              f"فایل metadata.json در پوشه مدل نیست: {path} (model metadata missing)", "مدل", "model")


def verify_files(path: str | Path, meta: dict[str, Any], manifest: dict[str, str] | None = None) -> None:
    """Every listed file exists with its recorded sha256; nothing listed may be missing, and (given
    the manifest) every one is also covered by `SHA256SUMS`."""
    path = Path(path)
    files = meta.get("files")
    if not isinstance(files, dict) or not files:
        raise ModelLoadError("فهرست فایل‌های مدل در metadata.json نیست (model metadata lists no files)")
    bad: list[str] = [f"{rel} (not in {MANIFEST_FILE})" for rel in sorted(files)
                      if manifest is not None and manifest.get(rel) != files[rel]]
    for rel, digest in sorted(files.items()):
        target = (path / rel).resolve()
        if path.resolve() not in target.parents or not target.is_file():
            bad.append(f"{rel} (missing)")
            continue
        if sha256_file(target) != digest:
            bad.append(f"{rel} (sha256 differs)")
    if bad:
        raise ModelLoadError(f"{_TAMPERED_FA} (model files were tampered with or are incomplete: {', '.join(bad)})")


def verify_versions(meta: dict[str, Any]) -> None:
    backend = meta.get("backend", "sklearn")
    recorded = meta.get("versions") or {}
    for dist in VERSION_CHECKED.get(backend, ("scikit-learn",)):
        want = recorded.get(dist)
        have = library_version(dist)
        if major_minor(want) != major_minor(have):
            raise ModelLoadError(
                f"نسخه {dist} با نسخه‌ای که مدل با آن آموزش دیده سازگار نیست: مدل با {want} و نصب‌شده {have}. "
                f"مدل را با نسخه نصب‌شده دوباره آموزش دهید. "
                f"(model was trained with {dist} {want}, installed is {have}; major.minor must match)"
            )


def load_model(path: str | Path):
    """Load a model directory as a Scorer (see docs/MODEL_SPEC.md), after all checks."""
    path = Path(path)
    manifest = verify_manifest(path)  # first: metadata.json itself is what was written
    meta = read_metadata(path)
    verify_files(path, meta, manifest)
    verify_versions(meta)
    backend = meta.get("backend")
    for key in ("name", "version", "thresholds"):
        if key not in meta:
            raise ModelLoadError(f"metadata.json مدل کلید «{key}» را ندارد (model metadata lacks {key!r})")
    verify_thresholds(meta)
    if backend not in ("sklearn", "transformers"):
        raise ModelLoadError(f"نوع مدل ناشناخته است (unknown model backend {backend!r})")
    try:
        if backend == "sklearn":
            return sklearn_backend.load(path, meta)
        # The backend module imports torch only on first use: the default install never needs it.
        return transformers_backend.load(path, meta)
    except ModelLoadError:
        raise
    except Exception as exc:  # whatever a backend trips over is one clear message, never a traceback
        raise ModelLoadError(
            f"مدل بارگذاری نشد؛ پوشه مدل ناسازگار یا خراب است. (model could not be loaded: {type(exc).__name__})"
        ) from exc


def save_model_dir(
    out: str | Path,
    write: Callable[[Path], None],
    metadata: dict[str, Any],
    card: Callable[[dict[str, Any]], str] | None = None,
    force: bool = False,
) -> Path:
    """Write a model directory atomically.

    `write(tmp_dir)` writes the model files; then every file is hashed into
    `metadata["files"]`, `metadata.json` and (if given) `MODEL_CARD.md` are written, then
    `SHA256SUMS` over the model files and `metadata.json`, and the temporary directory replaces
    `out` in one `os.replace`. An existing `out` is replaced
    only with `force=True`; a failure leaves it as it was.
    """
    out = Path(out)
    if out.exists() and not force:
        raise ModelWriteError(
            f"پوشه {out} از پیش وجود دارد؛ برای جایگزینی آن --force بدهید. "
            f"(model directory {out} exists; pass --force to replace it)"
        )
    with atomic_directory(out) as tmp:
        write(tmp)
        files = {}
        for p in sorted(tmp.rglob("*")):
            if p.is_file() and p.name not in (METADATA_FILE, CARD_FILE, MANIFEST_FILE):
                files[p.relative_to(tmp).as_posix()] = sha256_file(p)
        metadata = dict(metadata, files=files)
        (tmp / METADATA_FILE).write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        if card is not None:
            (tmp / CARD_FILE).write_text(card(metadata), encoding="utf-8")
        write_manifest(tmp, [METADATA_FILE, *files])
    return out
