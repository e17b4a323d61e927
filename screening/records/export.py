"""Writes the records as CSV (lists joined with «;», like `screening score`) or JSON Lines."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from screening.records.store import EXPORT_COLUMNS

FORMATS = ("csv", "jsonl")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def iter_records(rows: Iterable[dict[str, Any]], fmt: str, *, with_text: bool = False,
                 chunk_rows: int = 500) -> Iterator[str]:
    """The export as pieces of text (a header, then `chunk_rows` records at a time), for a file or a
    streamed download: memory stays flat however many records there are."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    columns = list(EXPORT_COLUMNS) + (["text"] if with_text else [])
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        piece = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return piece

    if fmt == "csv":
        writer.writerow(columns)
        yield take()
    for n, row in enumerate(rows, 1):
        if fmt == "csv":
            writer.writerow([_cell(row.get(c)) for c in columns])
        else:
            buffer.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        if n % chunk_rows == 0:
            yield take()
    if buffer.tell():
        yield take()


def write_records(rows: Iterable[dict[str, Any]], out: TextIO, fmt: str, *, with_text: bool = False) -> int:
    """Write every row to `out`; returns how many were written."""
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for piece in iter_records(counted(), fmt, with_text=with_text):
        out.write(piece)
    return count
