"""Readers: every input row comes out once, in order, with its id; unreadable files stop early."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from screening.batch.readers import Archive, CsvReader, FolderReader, JsonlReader, MalformedInput, XlsxReader, open_reader

PETITION_A = "خواهان: علی رضایی فرزند حسن\nخوانده: رضا احمدی\nخواسته: مطالبهٔ وجه چک به مبلغ 450,000,000 ریال"
PETITION_B = "خواهان: مریم کریمی\nخوانده: شرکت نمونه\nخواسته: مطالبهٔ اجرت‌المثل، با احترام"


def _rows(reader):
    total = reader.prepare()
    rows = list(reader)
    assert len(rows) == total  # the progress bar's total is the number of rows that come out
    return rows


def test_csv_with_bom_and_persian_headers_guesses_text_and_id(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        "\ufeffشماره,نام خواهان,شرح دادخواست\n"
        f'101,علی,"{PETITION_A}"\n'
        f'102,مریم,"{PETITION_B}"\n'.encode()
    )
    rows = _rows(CsvReader(path))
    assert [(r.number, r.id) for r in rows] == [(1, "101"), (2, "102")]
    assert rows[0].text == PETITION_A  # multi-line text inside quotes stays one row
    assert rows[1].text == PETITION_B


def test_csv_without_known_header_takes_longest_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'کد_پرونده,ستون_الف,ستون_ب\nx1,کوتاه,"{PETITION_A}"\nx2,کوتاه,"{PETITION_B}"\n', encoding="utf-8")
    rows = _rows(CsvReader(path))
    assert [r.text for r in rows] == [PETITION_A, PETITION_B]
    assert [r.id for r in rows] == ["1", "2"]  # no id column recognised: the row number


def test_csv_explicit_columns_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\nk1,متن یک\n", encoding="utf-8")
    rows = _rows(CsvReader(path, text_column="b", id_column="a"))
    assert (rows[0].id, rows[0].text) == ("k1", "متن یک")
    with pytest.raises(MalformedInput) as info:
        CsvReader(path, text_column="متن").prepare()
    assert "متن" in info.value.message_fa and "a، b" in info.value.message_fa


def test_csv_broken_row_is_an_error_row_and_blank_lines_are_not_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,یک\n\n2,دو,اضافه\n3,سه\n", encoding="utf-8")
    rows = _rows(CsvReader(path))
    assert [r.id for r in rows] == ["1", "2", "3"]
    assert rows[1].text is None and "3 ستون" in rows[1].error
    assert rows[2].text == "سه" and rows[2].error is None


def test_csv_bad_encoding_stops_with_position(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("id,text\n1,خوب\n".encode() + "2,بد\n".encode("cp1256"))
    with pytest.raises(MalformedInput) as info:
        CsvReader(path).prepare()
    assert "UTF-8" in info.value.message_fa and "خط 3" in info.value.message_fa


def test_jsonl_objects_strings_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"petition_id": 7, "متن": PETITION_A}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps(PETITION_B, ensure_ascii=False),
        json.dumps([1, 2]),
        json.dumps({"petition_id": 9, "متن": 5}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = _rows(JsonlReader(path))
    assert [r.id for r in rows] == ["7", "2", "3", "4", "9"]
    assert rows[0].text == PETITION_A
    assert rows[1].error and "JSON" in rows[1].error
    assert rows[2].text == PETITION_B
    assert rows[3].error and rows[4].error


def test_xlsx_streams_first_sheet_with_numeric_ids_and_skips_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ردیف", "متن"])
    ws.append([1, PETITION_A])
    ws.append([None, None])
    ws.append([2.0, PETITION_B])
    ws.append([3, None])
    wb.save(path)
    rows = _rows(XlsxReader(path))
    assert [r.id for r in rows] == ["1", "2", "3"]
    assert [r.text for r in rows] == [PETITION_A, PETITION_B, ""]


def test_broken_xlsx_stops(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(MalformedInput) as info:
        XlsxReader(path).prepare()
    assert "اکسل" in info.value.message_fa


def test_folder_of_txt_and_docx_in_name_order_with_bad_files_as_error_rows(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(PETITION_B, encoding="utf-8-sig")
    (folder / "sub" / "c.txt").write_bytes("خراب".encode("cp1256"))
    (folder / "notes.md").write_text("not a petition", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("ریاست محترم دادگاه")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "خواهان"
    table.rows[0].cells[1].text = "علی رضایی"
    document.save(folder / "a.docx")
    (folder / "z.docx").write_bytes(b"not a zip")
    rows = _rows(FolderReader(folder))
    assert [r.id for r in rows] == ["a.docx", "b.txt", "sub/c.txt", "z.docx"]
    assert "ریاست محترم دادگاه" in rows[0].text and "خواهان\tعلی رضایی" in rows[0].text
    assert rows[1].text == PETITION_B  # the BOM is not part of the text
    assert rows[2].error and "UTF-8" in rows[2].error
    assert rows[3].error


def test_archive_of_several_inputs_prefixes_ids_and_fingerprint_follows_content(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.jsonl"
    a.write_text("id,text\n1,یک\n", encoding="utf-8")
    b.write_text(json.dumps({"id": "x", "text": "دو"}, ensure_ascii=False) + "\n", encoding="utf-8")
    archive = Archive([a, b])
    assert archive.prepare() == 2
    assert [r.id for r in archive] == ["a.csv:1", "b.jsonl:x"]
    before = archive.fingerprint()
    a.write_text("id,text\n1,یکی\n", encoding="utf-8")
    assert Archive([a, b]).fingerprint() != before


def test_unknown_format_and_missing_input(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(MalformedInput):
        open_reader(tmp_path / "a.pdf")
    with pytest.raises(MalformedInput):
        open_reader(tmp_path / "missing.csv")
