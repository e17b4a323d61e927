"""Output formats: rows → bytes (CSV, JSONL) or an Excel workbook, in English codes or Persian for staff.

CSV and JSONL are line formats: each row is encoded to whole bytes and appended, so a file can
be cut back to the last committed row and continued (see `resume.py`). An .xlsx cannot be
appended to, so it is written at the end from a JSONL journal (`write_xlsx`).

A `Layout` shapes what every format writes: the input's other columns carried through first (in
their original order), then the result columns; with `lang="fa"` the result headers and values are
Persian (band, claim-type, court and Article 51 labels from screening.knowledge, findings as their
messages one per line) and the Excel sheet reads right to left.
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.batch.rows import COLUMNS, LIST_COLUMNS, PROBABILITY_DIGITS
from screening.knowledge.bands import BAND_BY_CODE
from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE
from screening.knowledge.fields import FIELD_BY_CODE
from screening.knowledge.forums import FORUM_BY_CODE
from screening.text.digits import fa_percent

LIST_SEPARATOR = ";"
UTF8_BOM = "\ufeff".encode()


LANGS = ("en", "fa")
COLUMN_LABELS_FA = {
    "id": "شناسه",
    "fruitless_probability": "احتمال بی‌نتیجه ماندن",
    "risk_band": "سطح خطر",
    "claim_type": "نوع دعوا",
    "forum": "مرجع صالح",
    "missing_fields": "موارد ماده ۵۱ که نیامده",
    "findings": "ایرادها",
    "deadline_status": "وضعیت مهلت",
    "model": "مدل",
    "similar_ids": "آرای مشابه",
    "neighbour_fruitless_rate": "سهم بی‌نتیجه در آرای مشابه",
    "error": "خطا",
}
DEADLINE_STATUS_FA = {"open": "مهلت در جریان", "last_day": "امروز آخرین روز مهلت", "expired": "مهلت گذشته"}
FA_LIST_SEPARATOR = "، "
FA_MESSAGE_SEPARATOR = "\n"
# Excel column widths (characters) for the result columns; carried-through columns get EXTRA_WIDTH.
XLSX_WIDTHS = {"id": 14, "fruitless_probability": 12, "risk_band": 10, "claim_type": 22, "forum": 22,
               "missing_fields": 28, "findings": 70, "deadline_status": 16, "model": 22, "error": 40,
               "similar_ids": 30, "neighbour_fruitless_rate": 14}
EXTRA_WIDTH = 18


@dataclass(frozen=True)
class Layout:
    """Columns carried through from the input (before the results), and the output language."""

    extra_columns: tuple[str, ...] = ()
    lang: str = "en"

    def header(self) -> list[str]:
        results = [COLUMN_LABELS_FA[c] for c in COLUMNS] if self.lang == "fa" else list(COLUMNS)
        return [*self.extra_columns, *results]


DEFAULT_LAYOUT = Layout()


def _label(table: dict[str, Any], code: str | None) -> str | None:
    spec = table.get(code or "")
    return spec.label_fa if spec is not None else code


def persian_values(row: dict[str, Any], *, probability_as_number: bool = False) -> list[Any]:
    """The result cells in Persian: labels instead of codes, findings as their messages."""
    band = row.get("risk_band")
    p = row.get("fruitless_probability")
    messages = row.get("_messages") or row.get("findings") or []
    return [
        row.get("id"),
        (p if probability_as_number else fa_percent(p)) if p is not None else None,
        BAND_BY_CODE[band].label_fa if band in BAND_BY_CODE else (None if row.get("error") else BAND_BY_CODE["none"].label_fa),
        _label(CLAIM_TYPE_BY_CODE, row.get("claim_type")),
        _label(FORUM_BY_CODE, row.get("forum")),
        FA_LIST_SEPARATOR.join(_label(FIELD_BY_CODE, f) or "" for f in row.get("missing_fields") or []),
        FA_MESSAGE_SEPARATOR.join(f"• {m}" for m in messages),
        DEADLINE_STATUS_FA.get(row.get("deadline_status") or "", row.get("deadline_status")),
        row.get("model"),
        FA_LIST_SEPARATOR.join(row.get("similar_ids") or []),
        _fa_rate(row.get("neighbour_fruitless_rate"), probability_as_number),
        row.get("error"),
    ]


def _fa_rate(rate: float | None, as_number: bool) -> Any:
    return None if rate is None else rate if as_number else fa_percent(rate)


def extra_values(row: dict[str, Any], layout: Layout) -> list[Any]:
    extra = row.get("_extra") or {}
    return [extra.get(c) for c in layout.extra_columns]


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

    def __init__(self, layout: Layout = DEFAULT_LAYOUT):
        self.layout = layout

    def preamble(self) -> bytes:
        return UTF8_BOM + self._line(self.layout.header())

    def encode(self, row: dict[str, Any]) -> bytes:
        extra = ["" if v is None else v for v in extra_values(row, self.layout)]
        if self.layout.lang == "fa":
            return self._line([*extra, *("" if v is None else v for v in persian_values(row))])
        cells = extra
        for c, v in zip(COLUMNS, flat_values(row)):
            if v is None:
                v = ""
            elif c == "fruitless_probability":
                v = f"{v:.{PROBABILITY_DIGITS}f}"
            cells.append(v)
        return self._line(cells)

    @staticmethod
    def _line(cells: list[Any]) -> bytes:
        # Every text cell passes here — header, carried-through columns, results, in either language.
        buf = io.StringIO()
        csv.writer(buf).writerow([neutralise_formula(c) if isinstance(c, str) else c for c in cells])
        return buf.getvalue().encode("utf-8")


class JsonlFormat:
    """One JSON object per line, keys = the carried-through columns then the output columns; lists stay lists.

    A carried-through column whose name is also an output column's is written as «NAME (ورودی)».
    """

    suffix = ".jsonl"

    def __init__(self, layout: Layout = DEFAULT_LAYOUT):
        self.layout = layout

    def preamble(self) -> bytes:
        return b""

    def encode(self, row: dict[str, Any]) -> bytes:
        results = public(row)
        if self.layout.lang == "fa":
            values = persian_values(row, probability_as_number=True)
            values[6] = row.get("_messages") or row.get("findings") or []  # findings stay a list here
            values[5] = [_label(FIELD_BY_CODE, f) for f in row.get("missing_fields") or []]
            results = dict(zip(self.layout.header()[len(self.layout.extra_columns):], values))
        out: dict[str, Any] = {}
        for name, value in zip(self.layout.extra_columns, extra_values(row, self.layout)):
            out[f"{name} (ورودی)" if name in results else name] = value
        out.update(results)
        return (json.dumps(out, ensure_ascii=False) + "\n").encode("utf-8")


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


def write_xlsx(path: Path, rows: Iterable[dict[str, Any]], layout: Layout = DEFAULT_LAYOUT) -> None:
    """Stream rows into an .xlsx with openpyxl's write-only mode (memory stays flat).

    Bold header on a tinted row, frozen below the header, column widths set; with `lang="fa"` the
    sheet is right-to-left and findings wrap one per line.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("screening" if layout.lang != "fa" else "غربالگری")
    fa = layout.lang == "fa"
    if fa:
        ws.sheet_view.rightToLeft = True
    widths = [EXTRA_WIDTH] * len(layout.extra_columns) + [XLSX_WIDTHS.get(c, 16) for c in COLUMNS]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    header = []
    for name in layout.header():
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.fill = header_font, header_fill
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top", horizontal="right" if fa else None)
    findings_at = len(layout.extra_columns) + COLUMNS.index("findings")
    for row in rows:
        values = extra_values(row, layout) + (persian_values(row, probability_as_number=True) if fa else flat_values(row))
        cells = []
        for i, v in enumerate(values):
            if isinstance(v, str):
                # Set as a string cell, so an id such as "=HYPERLINK(...)" is never a formula.
                cell = WriteOnlyCell(ws, value=None)
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", v)
                cell.data_type = "s"
                if fa and i == findings_at:
                    cell.alignment = wrap
                cells.append(cell)
            else:
                cells.append(v)
        ws.append(cells)
    wb.save(path)
    with open(path, "rb+") as f:
        os.fsync(f.fileno())
