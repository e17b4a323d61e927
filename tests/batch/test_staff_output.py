"""`screening score --lang fa` / `--drop-columns`: output office staff can read, with the archive's own columns kept."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from screening.batch.rows import COLUMNS
from screening.batch.writers import COLUMN_LABELS_FA, Layout, persian_values
from screening.cli.main import main
from screening.knowledge.bands import BAND_BY_CODE
from screening.knowledge.claim_types import CLAIM_TYPE_BY_CODE
from screening.pipeline import default_screener

TODAY = "2025-06-01"
ROOT = Path(__file__).resolve().parents[2]
CHEQUE = (ROOT / "examples" / "cheque_complete.txt").read_text(encoding="utf-8")
NO_DEFENDANT = "\n".join(line for line in CHEQUE.splitlines() if not line.startswith("خوانده:"))
# The archive's own columns, around the text and id, in an order that is not alphabetical.
HEADER = ["شعبه", "شماره", "تاریخ ثبت", "متن دادخواست", "کارشناس"]
ROWS = [
    ["۱۲ حقوقی", "p-1", "1403/05/10", CHEQUE, "خانم رحیمی"],
    ["۳ صلح", "p-2", "1403/05/11", NO_DEFENDANT, "آقای نادری"],
]
EXTRA = ["شعبه", "تاریخ ثبت", "کارشناس"]  # everything but the text and the id, in the archive's order
FA_HEADER = [COLUMN_LABELS_FA[c] for c in COLUMNS]


def _archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    return path


def _score(*args: str) -> int:
    return main(["score", *args, "--quiet", "--jobs", "1", "--today", TODAY])


def test_lang_fa_csv_keeps_the_archive_columns_in_order_before_persian_results(tmp_path):
    out = tmp_path / "out.csv"
    assert _score(str(_archive(tmp_path)), "-o", str(out), "--lang", "fa") == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == EXTRA + FA_HEADER
    assert "شناسه" in rows[0] and "سطح خطر" in rows[0] and "risk_band" not in rows[0]
    first, second = (dict(zip(rows[0], r)) for r in rows[1:])
    assert [first[c] for c in EXTRA] == ["۱۲ حقوقی", "1403/05/10", "خانم رحیمی"]
    assert first["شناسه"] == "p-1" and second["شناسه"] == "p-2"
    report = default_screener().screen(NO_DEFENDANT)
    assert second["نوع دعوا"] == CLAIM_TYPE_BY_CODE[report.claim_type.code].label_fa == report.claim_type.label_fa
    assert second["سطح خطر"] == BAND_BY_CODE[report.risk_band].label_fa
    assert second["احتمال بی‌نتیجه ماندن"].endswith("٪")
    assert "مشخصات خوانده" in second["موارد ماده ۵۱ که نیامده"]
    # Findings are their Persian messages, one per line, not codes.
    assert "خوانده (طرف دعوا) مشخص نشده است" in second["ایرادها"] and "MISSING_" not in second["ایرادها"]
    assert len(second["ایرادها"].splitlines()) == len(report.findings)


def test_lang_fa_xlsx_is_right_to_left_with_widths_a_styled_header_and_the_columns(tmp_path):
    out = tmp_path / "out.xlsx"
    assert _score(str(_archive(tmp_path)), "-o", str(out), "--lang", "fa") == 0
    ws = openpyxl.load_workbook(out).active
    assert ws.sheet_view.rightToLeft is True
    header = [c.value for c in ws[1]]
    assert header == EXTRA + FA_HEADER
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(w and w >= 10 for w in widths) and widths[header.index("ایرادها")] > widths[header.index("شناسه")]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [v[: len(EXTRA)] for v in values] == [["۱۲ حقوقی", "1403/05/10", "خانم رحیمی"], ["۳ صلح", "1403/05/11", "آقای نادری"]]
    probability = values[1][header.index("احتمال بی‌نتیجه ماندن")]
    assert isinstance(probability, float) and 0 <= probability <= 1  # still a number Excel can sort


def test_english_output_carries_the_columns_too_and_drop_columns_leaves_them_out(tmp_path):
    archive = _archive(tmp_path)
    kept, dropped = tmp_path / "kept.csv", tmp_path / "dropped.jsonl"
    assert _score(str(archive), "-o", str(kept)) == 0
    assert _score(str(archive), "-o", str(dropped), "--drop-columns") == 0
    with open(kept, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == EXTRA + list(COLUMNS)
    lines = [json.loads(x) for x in dropped.read_text(encoding="utf-8").splitlines()]
    assert list(lines[0]) == list(COLUMNS)


def test_jsonl_output_puts_the_archive_keys_first(tmp_path):
    out = tmp_path / "out.jsonl"
    assert _score(str(_archive(tmp_path)), "-o", str(out)) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert list(first)[: len(EXTRA)] == EXTRA and list(first)[len(EXTRA):] == list(COLUMNS)


def test_persian_values_of_an_error_row_leave_the_result_cells_empty():
    row = {c: None for c in COLUMNS} | {"id": "7", "error": "متن خالی است", "missing_fields": [], "findings": []}
    values = persian_values(row)
    assert values[0] == "7" and values[-1] == "متن خالی است"
    assert values[1] is None and values[2] is None
    assert Layout(("a",), "fa").header()[:2] == ["a", "شناسه"]
