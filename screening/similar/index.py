"""A similar-claim index: its files, loading them only when they are what was written, and the query.

An index directory holds
- `vectorizer.skops`: the fitted TF-IDF vectoriser (skops, loaded with an explicit trust list; never pickle);
- `postings.npz`: the rulings' L2-normalised TF-IDF vectors stored term by term (a terms × rulings CSR
  matrix, i.e. an inverted index): one query multiplies only the posting lists of its own terms;
- `rulings.json`: per ruling, in column order, what a match shows (id, outcome, fruitless, ground,
  date, court, link, a few words of the claim) and never the court's text;
- `metadata.json`: schema, counts, parameters, versions and the sha256 of every other file.

The builder lives on the training floor (screening.training.similar_index); this module only reads.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import scipy.sparse as sp

from screening.model.files import atomic_directory, library_version, major_minor, read_json_metadata, sha256_file
from screening.report import SimilarRuling

SCHEMA = "petition-screening/similar-index/v1"
METADATA_FILE = "metadata.json"
VECTORIZER_FILE = "vectorizer.skops"
POSTINGS_FILE = "postings.npz"
RULINGS_FILE = "rulings.json"
RULING_COLUMNS = ("id", "outcome", "fruitless", "ground", "date", "court", "link", "claim")

# Shown: at most this many rulings, each at least this similar (cosine of TF-IDF vectors). The
# threshold an index was built with is in its metadata; this is the default for a new one.
SHOWN = 5
DEFAULT_THRESHOLD = 0.2
# The neighbour rate rests on this many nearest rulings (when at least one passes the threshold).
RATE_NEIGHBOURS = 20

# Types `vectorizer.skops` may hold beyond what skops trusts by itself.
TRUSTED_TYPES: tuple[str, ...] = ()

# What the vectoriser reads: runs of two or more letters. Digits (case numbers, amounts, dates)
# and party initials («م. ر.») say nothing about what kind of claim it is.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "\u200c": " "})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # diacritics and tatweel


class IndexLoadError(RuntimeError):
    """An index directory that cannot be trusted or used. The message is for people."""


class IndexWriteError(RuntimeError):
    """An index directory that may not be written (exists and no force)."""


def matching_form(text: str) -> str:
    """The one folding both sides go through before the vectoriser: a ruling's claim when the
    index is built and a petition's claim when it is queried (Arabic letters, half-spaces,
    diacritics)."""
    return _MARKS.sub("", text.translate(_FOLD))


@dataclass
class SimilarIndex:
    """A loaded index. `search(text)` gives the rulings to show and the neighbour rate."""

    vectorizer: Any  # a fitted sklearn TfidfVectorizer
    postings: sp.csr_matrix  # terms × rulings, float32, each ruling's column of unit length
    rulings: dict[str, list]  # RULING_COLUMNS → one value per ruling
    threshold: float = DEFAULT_THRESHOLD
    metadata: dict[str, Any] | None = None
    shown: int = SHOWN
    rate_neighbours: int = RATE_NEIGHBOURS

    def __len__(self) -> int:
        return self.postings.shape[1]

    def similarities(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(ruling rows, cosine similarities) of every ruling sharing a term with `text`."""
        q = self.vectorizer.transform([matching_form(text)])
        if q.nnz == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores = (q.astype(np.float32) @ self.postings).tocsr()
        return scores.indices.astype(np.int64), scores.data

    def nearest(self, text: str, k: int, exclude: int | None = None) -> list[tuple[int, float]]:
        """The `k` most similar rulings as (row, similarity), best first; ties by row."""
        rows, sims = self.similarities(text)
        if exclude is not None:
            keep = rows != exclude
            rows, sims = rows[keep], sims[keep]
        if len(rows) > k:
            top = np.argpartition(-sims, k - 1)[:k]
            rows, sims = rows[top], sims[top]
        order = np.lexsort((rows, -sims))
        return [(int(rows[i]), float(sims[i])) for i in order]

    def search(self, text: str, exclude: int | None = None) -> tuple[list[SimilarRuling], dict[str, Any] | None]:
        """Up to `shown` rulings at or above the threshold, and the fruitless rate weighted by
        similarity over the `rate_neighbours` nearest; both empty when no ruling reaches the threshold.

        The rate rests on all of the nearest, not only those shown: on the development rulings
        this steadier estimate ranked fruitless claims better (see README, *Similar rulings*)."""
        near = self.nearest(text, max(self.shown, self.rate_neighbours), exclude)
        shown = [(row, s) for row, s in near if s >= self.threshold][: self.shown]
        if not shown:
            return [], None
        return [self.ruling(row, s) for row, s in shown], self.rate([(row, s) for row, s in near[: self.rate_neighbours] if s > 0])

    def rate(self, near: list[tuple[int, float]]) -> dict[str, Any] | None:
        if not near:
            return None
        fruitless = self.rulings["fruitless"]
        weight = sum(s for _, s in near)
        rate = sum(s for row, s in near if fruitless[row]) / weight
        return {"rate": round(rate, 4), "n": len(near)}

    def ruling(self, row: int, similarity: float) -> SimilarRuling:
        c = self.rulings
        return SimilarRuling(
            id=c["id"][row], similarity=min(max(similarity, 0.0), 1.0), outcome=c["outcome"][row],
            fruitless=bool(c["fruitless"][row]), ground=c["ground"][row], date=c["date"][row],
            court=c["court"][row], link=c["link"][row], claim=c["claim"][row],
        )


def load_index(path: str | Path) -> SimilarIndex:
    """Load an index directory after checking its schema, every file's sha256 and scikit-learn's version."""
    path = Path(path)
    meta = read_json_metadata(
        path / METADATA_FILE, SCHEMA, IndexLoadError,
        f"پوشه نمایه آرای مشابه «{path}» یافت نشد یا metadata.json ندارد (no index directory at {path})",
        "نمایه آرای مشابه", "index")
    files = meta.get("files")
    if not isinstance(files, dict) or set(files) != {VECTORIZER_FILE, POSTINGS_FILE, RULINGS_FILE}:
        raise IndexLoadError("فهرست فایل‌های نمایه در metadata.json کامل نیست (index metadata lists the wrong files)")
    bad = [name for name, digest in sorted(files.items())
           if not (path / name).is_file() or sha256_file(path / name) != digest]
    if bad:
        raise IndexLoadError(
            "فایل‌های نمایه آرای مشابه دست‌کاری شده یا ناقص‌اند؛ نمایه را دوباره بسازید. "
            f"(index files were changed or are missing: {', '.join(bad)})"
        )
    want, have = (meta.get("versions") or {}).get("scikit-learn"), library_version("scikit-learn")
    if major_minor(want) != major_minor(have):
        raise IndexLoadError(
            f"نمایه با scikit-learn {want} ساخته شده و نسخه نصب‌شده {have} است؛ نمایه را دوباره بسازید. "
            f"(index built with scikit-learn {want}, installed {have})"
        )
    import skops.io as sio  # only when an index is used: screening without one never pays for it

    untrusted = sio.get_untrusted_types(file=path / VECTORIZER_FILE)
    unknown = [t for t in untrusted if t not in TRUSTED_TYPES]
    if unknown:
        raise IndexLoadError(f"فایل واژه‌نامه نمایه انواع ناشناخته دارد (untrusted types in {VECTORIZER_FILE}: {unknown})")
    vectorizer = sio.load(path / VECTORIZER_FILE, trusted=list(untrusted))
    postings = sp.load_npz(path / POSTINGS_FILE).tocsr()
    rulings = json.loads((path / RULINGS_FILE).read_text(encoding="utf-8"))
    n = postings.shape[1]
    if (not isinstance(rulings, dict) or set(rulings) != set(RULING_COLUMNS)
            or any(len(rulings[c]) != n for c in RULING_COLUMNS)
            or postings.shape[0] != len(getattr(vectorizer, "vocabulary_", {}))):
        raise IndexLoadError("اجزای نمایه با هم نمی‌خوانند (index parts disagree in size)")
    return SimilarIndex(vectorizer=vectorizer, postings=postings, rulings=rulings,
                        threshold=float(meta.get("threshold", DEFAULT_THRESHOLD)), metadata=meta)


def save_index(out: str | Path, vectorizer: Any, postings: sp.csr_matrix, rulings: dict[str, list],
               metadata: dict[str, Any], force: bool = False,
               card: Callable[[dict[str, Any]], str] | None = None) -> Path:
    """Write an index directory atomically; an existing one is replaced only with `force`."""
    import skops.io as sio

    out = Path(out)
    if out.exists() and not force:
        raise IndexWriteError(
            f"پوشه {out} از پیش وجود دارد؛ برای جایگزینی آن --force بدهید. (index directory {out} exists; pass --force)"
        )
    with atomic_directory(out) as tmp:
        sio.dump(vectorizer, tmp / VECTORIZER_FILE)
        sp.save_npz(tmp / POSTINGS_FILE, postings.tocsr(), compressed=True)
        (tmp / RULINGS_FILE).write_text(json.dumps({c: rulings[c] for c in RULING_COLUMNS}, ensure_ascii=False),
                                        encoding="utf-8")
        files = {name: sha256_file(tmp / name) for name in (VECTORIZER_FILE, POSTINGS_FILE, RULINGS_FILE)}
        meta = dict(metadata, schema=SCHEMA, files=files,
                    versions={d: library_version(d) for d in ("scikit-learn", "scipy", "numpy", "skops")})
        (tmp / METADATA_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if card is not None:
            (tmp / "README.md").write_text(card(meta), encoding="utf-8")
    return out
