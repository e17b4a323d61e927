"""Writers: the columns the issue names, lists joined in CSV/Excel, lists kept in JSONL."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from screening.batch.rows import COLUMNS, empty_row, error_row
from screening.batch.writers import CsvFormat, JsonlFormat, write_xlsx


def _scored_row() -> dict:
    row = empty_row("پرونده-1")
    row.update(
        fruitless_probability=0.25,
        risk_band="medium",
        claim_type="cheque",
        forum="general_civil_court",
        missing_fields=["defendant_address", "evidence"],
        findings=["MISSING_DEFENDANT_ADDRESS", "MISSING_EVIDENCE"],
        deadline_status="open",
        model="petition-lr@1",
        _days_left=4,
    )
    return row


def test_csv_has_bom_header_joined_lists_and_fixed_probability() -> None:
    fmt = CsvFormat()
    data = fmt.preamble() + fmt.encode(_scored_row()) + fmt.encode(error_row("2", "خطا، با کاما"))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    assert rows[1] == [
        "پرونده-1", "0.2500", "medium", "cheque", "general_civil_court",
        "defendant_address;evidence", "MISSING_DEFENDANT_ADDRESS;MISSING_EVIDENCE", "open", "petition-lr@1", "", "", "",
    ]
    assert rows[2][0] == "2" and rows[2][-1] == "خطا، با کاما" and rows[2][1:-1] == [""] * (len(COLUMNS) - 2)


def test_jsonl_keeps_lists_and_drops_private_keys() -> None:
    line = JsonlFormat().encode(_scored_row())
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    obj = json.loads(line)
    assert list(obj) == list(COLUMNS)
    assert obj["missing_fields"] == ["defendant_address", "evidence"]
    assert obj["fruitless_probability"] == 0.25 and obj["error"] is None


def test_xlsx_rows_and_ids_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [_scored_row(), error_row('=HYPERLINK("http://x")', "متن خالی\x07")])
    ws = openpyxl.load_workbook(path).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    assert values[1][0] == "پرونده-1" and values[1][1] == 0.25
    assert values[1][5] == "defendant_address;evidence"
    cell = ws.cell(row=3, column=1)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert values[2][-1] == "متن خالی"  # control characters Excel rejects are dropped
