"""Output formats: rows → bytes (CSV, JSONL) or an Excel workbook.

CSV and JSONL are line formats: each row is encoded to whole bytes and appended, so a file can
be cut back to the last committed row and continued (see `resume.py`). An .xlsx cannot be
appended to, so it is written at the end from a JSONL journal (`write_xlsx`).
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from screening.batch.rows import COLUMNS, LIST_COLUMNS, PROBABILITY_DIGITS

LIST_SEPARATOR = ";"
UTF8_BOM = "\ufeff".encode()


def public(row: dict[str, Any]) -> dict[str, Any]:
    """The row as users see it: the output columns in order, nothing private."""
    return {c: row.get(c) for c in COLUMNS}


def flat_values(row: dict[str, Any]) -> list[Any]:
    """Cell values for CSV and Excel: lists joined with ';', None as empty."""
    out: list[Any] = []
    for c in COLUMNS:
        v = row.get(c)
        if c in LIST_COLUMNS:
            v = LIST_SEPARATOR.join(v or [])
        out.append(v)
    return out


# A cell that starts with one of these is run as a formula by Excel and LibreOffice when the CSV
# is opened («=HYPERLINK(...)» as an id). OWASP's rule for CSV injection: prefix such a cell with
# an apostrophe, which spreadsheets show as text and do not evaluate.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """`value` made inert for a spreadsheet: "'" before a formula-leading character."""
    return "'" + value if value.startswith(FORMULA_LEADS) else value


class CsvFormat:
    """UTF-8 with a BOM (so that Excel shows Persian), a header row, RFC 4180 quoting, and
    formula-leading cells neutralised (`neutralise_formula`)."""

    suffix = ".csv"

    def preamble(self) -> bytes:
        return UTF8_BOM + self._line(list(COLUMNS))

    def encode(self, row: dict[str, Any]) -> bytes:
        cells = []
        for c, v in zip(COLUMNS, flat_values(row)):
            if v is None:
                v = ""
            elif c == "fruitless_probability":
                v = f"{v:.{PROBABILITY_DIGITS}f}"
            elif isinstance(v, str):
                v = neutralise_formula(v)
            cells.append(v)
        return self._line(cells)

    @staticmethod
    def _line(cells: list[Any]) -> bytes:
        buf = io.StringIO()
        csv.writer(buf).writerow(cells)
        return buf.getvalue().encode("utf-8")


class JsonlFormat:
    """One JSON object per line, keys = the output columns; lists stay lists."""

    suffix = ".jsonl"

    def preamble(self) -> bytes:
        return b""

    def encode(self, row: dict[str, Any]) -> bytes:
        return (json.dumps(public(row), ensure_ascii=False) + "\n").encode("utf-8")


class JournalFormat:
    """The private JSONL kept while a run goes on: the full row, private keys included."""

    suffix = ".jsonl"

    def preamble(self) -> bytes:
        return b""

    def encode(self, row: dict[str, Any]) -> bytes:
        return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


LINE_FORMATS = {".csv": CsvFormat, ".jsonl": JsonlFormat}
OUTPUT_SUFFIXES = (".csv", ".jsonl", ".xlsx")


def write_lines(path: Path, fmt: CsvFormat | JsonlFormat, rows: Iterable[dict[str, Any]]) -> None:
    """Write a whole line-format file (used when the rows come from a journal)."""
    with open(path, "wb") as f:
        f.write(fmt.preamble())
        for row in rows:
            f.write(fmt.encode(row))
        f.flush()
        os.fsync(f.fileno())


def write_xlsx(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Stream rows into an .xlsx with openpyxl's write-only mode (memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("screening")
    ws.append(list(COLUMNS))
    for row in rows:
        cells = []
        for v in flat_values(row):
            if isinstance(v, str):
                # Set as a string cell, so an id such as "=HYPERLINK(...)" is never a formula.
                cell = WriteOnlyCell(ws, value=None)
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", v)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(v)
        ws.append(cells)
    wb.save(path)
    with open(path, "rb+") as f:
        os.fsync(f.fileno())
