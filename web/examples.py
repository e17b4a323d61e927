"""Example petitions the page can fill the textarea with (GET /?example=<name>).

The project's own examples/*.txt, installed as package data of `screening_examples`.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

_CANDIDATE_DIRS = (Path(str(files("screening_examples"))),)

# How the office sees each shipped example; an example without a label is listed by number.
EXAMPLE_LABELS_FA = {
    "cheque_complete": "مطالبه وجه چک",
    "narrative_mahr": "مطالبه مهریه (متن روایی)",
    "appeal_late": "تجدیدنظرخواهی",
    "missing_defendant": "دادخواست بدون خوانده",
}


@lru_cache(maxsize=1)
def list_examples() -> tuple[tuple[str, str], ...]:
    """(name, Persian label) of each example petition, in file-name order."""
    for directory in _CANDIDATE_DIRS:
        files = sorted(directory.glob("*.txt")) if directory.is_dir() else []
        if files:
            return tuple(
                (f.stem, EXAMPLE_LABELS_FA.get(f.stem, f"نمونه {i}")) for i, f in enumerate(files, start=1)
            )
    return ()


def example_text(name: str) -> str | None:
    """The example's text, or None for a name that is not one of ours (no paths from the URL)."""
    names = [n for n, _ in list_examples()]
    if not names:
        return None
    if name not in names:
        name = names[0] if name in ("1", "true", "yes", "") else ""
    if not name:
        return None
    for directory in _CANDIDATE_DIRS:
        path = directory / f"{name}.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None
