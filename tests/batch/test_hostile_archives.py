"""Archives as a careless office or an attacker makes them: nothing lost, nothing leaked, nothing run.

Broken CSV quoting keeps every row in its place; zip bombs are refused before they are unpacked;
ids and file names that are not valid text never crash a run; formula-looking cells stay inert.
"""
from __future__ import annotations

import csv
import io
import json
import os
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from screening.batch.readers import (
    DOCX_MAX_UNPACKED_BYTES,
    XLSX_MAX_ENTRIES,
    CsvReader,
    FolderReader,
    JsonlReader,
    MalformedInput,
    XlsxReader,
)
from screening.batch.rows import COLUMNS, empty_row
from screening.batch.writers import CsvFormat, Layout, write_xlsx
from screening.cli.main import main

TEXT = "خواهان: علی رضایی فرزند حسن\nخوانده: رضا احمدی\nخواسته: مطالبه وجه چک به مبلغ 10,000,000 ریال"


# --- CSV structure -------------------------------------------------------------------------------


def test_unclosed_quote_keeps_five_rows_as_five_rows_and_no_text_in_the_id_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "id,text\n"
        'p1,"متن اول"\n'
        'p2,"متن دوم که نقل‌قولش بسته نشده\n'
        "p3,علی رضایی کد ملی 0012345679\n"
        'p4,"متن چهارم"\n'
        "p5,متن پنجم\n",
        encoding="utf-8",
    )
    reader = CsvReader(path)
    assert reader.prepare() == 5
    rows = list(reader)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert [r.id for r in rows] == ["p1", "2", "p3", "p4", "p5"]
    assert rows[1].text is None and "خط 3" in rows[1].error and "نقل" in rows[1].error
    assert rows[2].text == "علی رضایی کد ملی 0012345679"
    assert rows[3].text == "متن چهارم"
    assert all("0012345679" not in r.id for r in rows)


def test_quote_left_open_to_the_end_of_the_file_loses_no_row_after_it(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,"چند\nخطی"\n2,"باز\n3,سوم\n4,چهارم\n', encoding="utf-8")
    rows = list(CsvReader(path))
    assert [(r.id, r.text) for r in rows] == [("1", "چند\nخطی"), ("2", None), ("3", "سوم"), ("4", "چهارم")]
    assert "خط 4" in rows[1].error


def test_stray_quote_and_wrong_field_count_are_error_rows_at_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,خوب\n2,"بد"x\n3,"چند\nخطی"\n4,a,b\n', encoding="utf-8")
    rows = list(CsvReader(path))
    assert [r.text for r in rows] == ["خوب", None, "چند\nخطی", None]
    assert "خط 3" in rows[1].error and "خط 6" in rows[3].error


# --- zip bombs -----------------------------------------------------------------------------------


def _docx_bomb(path: Path) -> None:
    """A small .docx whose media entry inflates past the cap (zeros compress about 1000:1)."""
    good = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(TEXT)
    d.save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        with dst.open("word/media/image1.png", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(DOCX_MAX_UNPACKED_BYTES // len(chunk) + 8):
                f.write(chunk)


def test_docx_bomb_is_one_error_row_refused_before_unpacking(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _docx_bomb(folder / "bomb.docx")
    (folder / "ok.txt").write_text(TEXT, encoding="utf-8")
    assert (folder / "bomb.docx").stat().st_size < 1_000_000
    started = time.perf_counter()
    rows = list(FolderReader(folder))
    assert time.perf_counter() - started < 1.0
    assert [r.id for r in rows] == ["bomb.docx", "ok.txt"]
    assert rows[0].text is None and "مگابایت" in rows[0].error
    assert rows[1].text == TEXT


def test_xlsx_with_too_many_entries_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(XLSX_MAX_ENTRIES + 1):
            z.writestr(f"xl/junk/{i}.xml", b"")
    started = time.perf_counter()
    with pytest.raises(MalformedInput, match="بخش"):
        XlsxReader(path).prepare()
    assert time.perf_counter() - started < 1.0


# --- formulas --------------------------------------------------------------------------------------


def test_formula_cell_in_xlsx_is_reported_as_a_formula_not_as_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "text"])
    ws.append(["1", TEXT])
    ws.append(["2", "=A2&A3"])  # openpyxl saves formulas without a value, as a script would
    wb.save(path)
    rows = list(XlsxReader(path))
    assert rows[0].text == TEXT
    assert rows[1].text is None and "فرمول" in rows[1].error and "=A2&A3" in rows[1].error


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_output_neutralises_formula_leading_cells(lead: str) -> None:
    row = empty_row(f"{lead}HYPERLINK(\"http://x\")")
    row["error"] = f"{lead}1+1"
    fmt = CsvFormat()
    cells = next(csv.reader(io.StringIO(fmt.encode(row).decode("utf-8"))))
    assert cells[0] == f"'{lead}HYPERLINK(\"http://x\")"
    assert cells[COLUMNS.index("error")] == f"'{lead}1+1"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_csv_output_neutralises_carried_columns_and_the_persian_layout_too(lang: str) -> None:
    row = empty_row("=1+1")
    row["_extra"] = {"یادداشت": "@SUM(A1)"}
    fmt = CsvFormat(Layout(extra_columns=("یادداشت",), lang=lang))
    cells = next(csv.reader(io.StringIO(fmt.encode(row).decode("utf-8"))))
    assert cells[0] == "'@SUM(A1)" and cells[1] == "'=1+1"


def test_plain_cells_and_probabilities_are_written_unchanged() -> None:
    row = empty_row("پرونده-۱")
    row.update(fruitless_probability=0.25, findings=["MISSING_CLAIM"])
    cells = next(csv.reader(io.StringIO(CsvFormat().encode(row).decode("utf-8"))))
    assert cells[0] == "پرونده-۱" and cells[1] == "0.2500" and cells[COLUMNS.index("findings")] == "MISSING_CLAIM"


def test_xlsx_output_keeps_a_formula_looking_id_as_a_string_cell(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    write_xlsx(path, [empty_row("=1+1")])
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(2, 1).value == "=1+1" and ws.cell(2, 1).data_type == "s"


# --- invalid text in ids, texts and file names -------------------------------------------------------


def test_lone_surrogates_in_jsonl_ids_and_texts_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "\ud800x", "text": "خواهان: علی \udc00"}) + "\n", encoding="utf-8")
    reader = JsonlReader(path)
    reader.prepare()
    (row,) = list(reader)
    assert row.id == "\ufffdx" and row.text == "خواهان: علی \ufffd"
    row.id.encode("utf-8")


def test_score_writes_every_format_for_bad_ids_names_and_texts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"\xff\xfe-name.txt")  # not UTF-8: Python hands it over with lone surrogates
    try:
        (folder / odd).write_text(TEXT, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system does not store non-UTF-8 names")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        json.dumps({"id": "\ud800", "text": TEXT + "\udfff"}) + "\n" + json.dumps({"id": "=cmd()", "text": TEXT}) + "\n",
        encoding="utf-8",
    )
    for suffix in (".csv", ".jsonl", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        assert main(["score", str(folder), str(jsonl), "-o", str(out), "--quiet", "--jobs", "1", "--model", "none"]) == 0
        assert out.exists() and not list(tmp_path.glob("*.partial"))
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["in:\ufffd\ufffd-name.txt", "a.jsonl:\ufffd", "a.jsonl:=cmd()"]
    assert "INVALID_CHARACTERS" in rows[1]["findings"] and "INVALID_CHARACTERS" not in rows[2]["findings"]
    alone = tmp_path / "alone.csv"
    assert main(["score", str(jsonl), "-o", str(alone), "--quiet", "--jobs", "1", "--model", "none"]) == 0
    with open(alone, encoding="utf-8-sig", newline="") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["\ufffd", "'=cmd()"]
