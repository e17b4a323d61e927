"""Writes the records as CSV (lists joined with «;», like `screening score`) or JSON Lines."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from screening.records.store import EXPORT_COLUMNS

FORMATS = ("csv", "jsonl")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_records(rows: Iterable[dict[str, Any]], out: TextIO, fmt: str, *, with_text: bool = False) -> int:
    """Write every row to `out`; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    columns = list(EXPORT_COLUMNS) + (["text"] if with_text else [])
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            n += 1
    else:
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    return n
