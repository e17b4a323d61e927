"""Readers for petition archives: one per format, each yielding rows lazily.

Every reader has two passes over its source:
- `prepare()` streams through the whole source once, without holding it, to find out whether it
  can be read at all (encoding, broken Excel) and which columns hold the text and the id. It
  raises `MalformedInput` — before the caller has written any output — and returns the row count
  (used for the progress bar's ETA).
- iterating yields `InputRow`s in source order. A row that cannot be read becomes an `InputRow`
  with `error` set, so that every input row still yields one output row.
"""
from __future__ import annotations

import abc

import codecs
import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Rows sampled to guess the text and id columns.
GUESS_SAMPLE_ROWS = 200
# Longer than any petition the screener accepts (200,000 characters), so a long text reaches the
# screener and gets its own message, while an unclosed quote cannot swallow the rest of the archive.
CSV_FIELD_LIMIT = 1_000_000
_CHUNK = 1 << 20

TEXT_COLUMN_NAMES = ("text", "متن", "شرح", "petition", "دادخواست", "متن دادخواست", "شرح دادخواست", "body", "content")
ID_COLUMN_NAMES = ("id", "شناسه", "شماره", "ردیف", "کد", "شماره دادخواست", "petition_id", "number", "no")


class MalformedInput(Exception):
    """A whole input that cannot be read; nothing may be written. `message_fa` is for people."""

    def __init__(self, message_fa: str):
        super().__init__(message_fa)
        self.message_fa = message_fa


@dataclass(frozen=True)
class InputRow:
    """One petition from an archive: its place, its id, and its text or why it could not be read."""

    number: int  # 1-based position within its source (data rows, header excluded)
    id: str
    text: str | None
    error: str | None = None
    # The input's other columns (not the text, not the id: it has its own output column), name →
    # value in their original order; the writers carry them through to the output.
    extra: dict[str, Any] = field(default_factory=dict)


def _canonical_name(name: object) -> str:
    """Header names compared loosely: case, spaces, half-spaces and Arabic ي/ك do not matter."""
    s = str(name or "").strip().lower()
    s = s.replace("ي", "ی").replace("ك", "ک").replace("\u200c", " ")
    return re.sub(r"[\s_\-]+", " ", s)


def _pick_column(
    header: list[str], wanted: str | None, known: Iterable[str], role_fa: str, source: str
) -> int | None:
    """Index of the column named `wanted` (required to exist), else of a known name, else None."""
    canon = [_canonical_name(h) for h in header]
    if wanted is not None:
        key = _canonical_name(wanted)
        if key in canon:
            return canon.index(key)
        raise MalformedInput(
            f"ستون {role_fa} «{wanted}» در «{source}» پیدا نشد؛ ستون‌های موجود: {'، '.join(map(str, header))}"
        )
    for name in known:
        key = _canonical_name(name)
        if key in canon:
            return canon.index(key)
    return None


def _longest_column(header: list[str], sample: list[list[Any]], exclude: int | None) -> int | None:
    """The column whose sampled values are longest on average: petitions are the long field."""
    best, best_len = None, -1.0
    for i in range(len(header)):
        if i == exclude:
            continue
        lengths = [len(str(r[i])) for r in sample if i < len(r) and r[i] is not None]
        avg = sum(lengths) / len(lengths) if lengths else 0.0
        if avg > best_len:
            best, best_len = i, avg
    return best


def _other_columns(header: list[str], cols: "_Columns | None") -> list[str]:
    """The header's names other than the text and id columns (the id has its own output column), in order."""
    if cols is None:
        return []
    return [h for i, h in enumerate(header) if i not in (cols.text, cols.id)]


def _plain(value: Any) -> Any:
    """A cell as JSON can hold it (dates and times as ISO text), for the output journal."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _cell_to_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 12 as 12.0; ids must read "12"
    return str(value)


class _Columns:
    """Resolved text/id column positions for a tabular source."""

    def __init__(self, text: int, id: int | None):
        self.text = text
        self.id = id


def _resolve_columns(
    header: list[str], sample: list[list[Any]], text_column: str | None, id_column: str | None, source: str
) -> _Columns:
    if not header:
        raise MalformedInput(f"«{source}» سرستون ندارد؛ ردیف اول باید نام ستون‌ها باشد.")
    id_idx = _pick_column(header, id_column, ID_COLUMN_NAMES if id_column is None else (), "شناسه", source)
    text_idx = _pick_column(header, text_column, TEXT_COLUMN_NAMES if text_column is None else (), "متن", source)
    if text_idx is None:
        text_idx = _longest_column(header, sample, exclude=id_idx)
    if text_idx is None:
        raise MalformedInput(f"ستون متن دادخواست در «{source}» پیدا نشد؛ آن را با --text-column نام ببرید.")
    if id_idx == text_idx:
        id_idx = None
    return _Columns(text_idx, id_idx)


class Reader(abc.ABC):
    """Base: a named source of `InputRow`s. `id_prefix` keeps ids unique across several inputs."""

    path: Path
    id_prefix: str = ""

    @abc.abstractmethod
    def prepare(self) -> int:
        """Check the whole source before anything is written; return its row count."""

    @abc.abstractmethod
    def __iter__(self) -> Iterator[InputRow]:
        """The rows, lazily, in order."""

    def extra_columns(self) -> list[str]:
        """Names of the columns other than text and id (known after `prepare()`); none for files."""
        return []

    def fingerprint(self) -> str:
        """A hash of the source's bytes, so that `--resume` can refuse a changed input."""
        h = hashlib.sha256()
        with open(self.path, "rb") as f:
            while chunk := f.read(_CHUNK):
                h.update(chunk)
        return h.hexdigest()

    def _id(self, value: str | None, number: int) -> str:
        value = (value or "").strip()
        return self.id_prefix + (value if value else str(number))


def _check_utf8(path: Path) -> None:
    """Stream the file through a strict UTF-8 decoder; report where it first fails."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset, line = 0, 1
    with open(path, "rb") as f:
        while True:
            chunk = f.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                bad = offset + exc.start
                line += chunk[: exc.start].count(b"\n")
                raise MalformedInput(
                    f"«{path.name}» با کدگذاری UTF-8 خوانده نمی‌شود (بایت {bad}، خط {line})؛ "
                    "فایل را با کدگذاری UTF-8 ذخیره کنید و دوباره بدهید."
                ) from None
            if not chunk:
                return
            offset += len(chunk)
            line += chunk.count(b"\n")


class TabularReader(Reader):
    """A file of records with named columns (CSV, JSONL, Excel); the columns may be named or guessed."""

    def __init__(self, path: str | Path, text_column: str | None = None, id_column: str | None = None, id_prefix: str = ""):
        self.path = Path(path)
        self.text_column = text_column
        self.id_column = id_column
        self.id_prefix = id_prefix


class CsvReader(TabularReader):
    """CSV in UTF-8, with or without a BOM. One petition per row; the header names the columns."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._columns: _Columns | None = None
        self._header: list[str] = []

    def _records(self) -> Iterator[tuple[int, list[str] | None, str | None]]:
        """(line number, fields or None, csv error or None); blank lines skipped."""
        csv.field_size_limit(CSV_FIELD_LIMIT)
        with open(self.path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield reader.line_num, None, str(exc)
                    continue
                if record:
                    yield reader.line_num, record, None

    def prepare(self) -> int:
        _check_utf8(self.path)
        records = self._records()
        count = 0
        sample: list[list[str]] = []
        for _, fields, _err in records:
            self._header = fields or []
            break
        for _, fields, _err in records:
            count += 1
            if fields is not None and len(sample) < GUESS_SAMPLE_ROWS:
                sample.append(fields)
        self._columns = _resolve_columns(self._header, sample, self.text_column, self.id_column, self.path.name)
        return count

    def __iter__(self) -> Iterator[InputRow]:
        if self._columns is None:
            self.prepare()
        cols = self._columns
        assert cols is not None
        width = len(self._header)
        records = self._records()
        next(records, None)  # the header
        for number, (line, fields, err) in enumerate(records, start=1):
            if fields is None:
                yield InputRow(number, self._id(None, number), None, f"ردیف خراب در خط {line}: {err}")
                continue
            row_id = self._id(fields[cols.id] if cols.id is not None and cols.id < len(fields) else None, number)
            if len(fields) != width:
                yield InputRow(
                    number, row_id, None,
                    f"ردیف خراب در خط {line}: {len(fields)} ستون دارد ولی سرستون {width} ستون دارد.",
                )
                continue
            yield InputRow(number, row_id, fields[cols.text], extra=self._extra(fields))

    def extra_columns(self) -> list[str]:
        return _other_columns(self._header, self._columns)

    def _extra(self, values: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
        cols = self._columns
        return {self._header[i]: (values[i] if i < len(values) else None)
                for i in range(len(self._header)) if cols is not None and i not in (cols.text, cols.id)}


class JsonlReader(TabularReader):
    """JSON Lines: one object per line (or a bare string, taken as the text). Blank lines skipped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._text_key: str | None = None
        self._id_key: str | None = None
        self._keys: list[str] = []

    def _lines(self) -> Iterator[tuple[int, str]]:
        with open(self.path, encoding="utf-8-sig") as f:
            for line_no, line in enumerate(f, start=1):
                if line.strip():
                    yield line_no, line

    def prepare(self) -> int:
        _check_utf8(self.path)
        count = 0
        keys: list[str] = []
        self._keys = keys
        sample: list[dict[str, Any]] = []
        for _, line in self._lines():
            count += 1
            if len(sample) < GUESS_SAMPLE_ROWS:
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    sample.append(obj)
                    keys.extend(k for k in obj if k not in keys)
        if sample:
            rows = [[o.get(k) for k in keys] for o in sample]
            cols = _resolve_columns(keys, rows, self.text_column, self.id_column, self.path.name)
            self._text_key, self._id_key = keys[cols.text], (keys[cols.id] if cols.id is not None else None)
        elif self.text_column is not None:
            self._text_key, self._id_key = self.text_column, self.id_column
        return count

    def __iter__(self) -> Iterator[InputRow]:
        for number, (line_no, line) in enumerate(self._lines(), start=1):
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield InputRow(number, self._id(None, number), None, f"خط {line_no} JSON درست نیست: {exc.msg}")
                continue
            if isinstance(obj, str):
                yield InputRow(number, self._id(None, number), obj)
                continue
            if not isinstance(obj, dict):
                yield InputRow(number, self._id(None, number), None, f"خط {line_no} باید یک شیء JSON یا رشته باشد.")
                continue
            raw_id = obj.get(self._id_key) if self._id_key else None
            row_id = self._id(_cell_to_str(raw_id), number)
            if self._text_key is None or self._text_key not in obj:
                yield InputRow(number, row_id, None, f"خط {line_no} کلید متن «{self._text_key}» را ندارد.")
                continue
            text = obj[self._text_key]
            if text is not None and not isinstance(text, str):
                yield InputRow(number, row_id, None, f"خط {line_no}: مقدار «{self._text_key}» متن نیست.")
                continue
            extra = {k: v for k, v in obj.items() if k not in (self._text_key, self._id_key)}
            yield InputRow(number, row_id, text, extra=extra)

    def extra_columns(self) -> list[str]:
        return [k for k in self._keys if k not in (self._text_key, self._id_key)]


class XlsxReader(TabularReader):
    """Excel .xlsx, first sheet, first row = header; read with openpyxl's streaming (read-only) mode."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._columns: _Columns | None = None
        self._header: list[str] = []

    def _rows(self) -> Iterator[tuple[Any, ...]]:
        import openpyxl  # imported here: only Excel inputs pay for it

        try:
            wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError, XML errors
            raise MalformedInput(
                f"«{self.path.name}» فایل اکسل (xlsx) سالمی نیست و باز نمی‌شود ({type(exc).__name__})."
            ) from None
        try:
            ws = wb.worksheets[0]
            for values in ws.iter_rows(values_only=True):
                if any(v is not None and str(v).strip() for v in values):
                    yield values
        except MalformedInput:
            raise
        except Exception as exc:
            raise MalformedInput(
                f"«{self.path.name}» فایل اکسل (xlsx) سالمی نیست و تا آخر خوانده نمی‌شود ({type(exc).__name__})."
            ) from None
        finally:
            wb.close()

    def prepare(self) -> int:
        rows = self._rows()
        header = [_cell_to_str(v) or "" for v in next(rows, ())]
        self._header = header
        count = 0
        sample: list[list[Any]] = []
        for values in rows:
            count += 1
            if len(sample) < GUESS_SAMPLE_ROWS:
                sample.append(list(values))
        self._columns = _resolve_columns(header, sample, self.text_column, self.id_column, self.path.name)
        return count

    def __iter__(self) -> Iterator[InputRow]:
        if self._columns is None:
            self.prepare()
        cols = self._columns
        assert cols is not None
        rows = self._rows()
        next(rows, None)
        for number, values in enumerate(rows, start=1):
            raw_id = values[cols.id] if cols.id is not None and cols.id < len(values) else None
            row_id = self._id(_cell_to_str(raw_id), number)
            text = values[cols.text] if cols.text < len(values) else None
            extra = {self._header[i]: _plain(values[i] if i < len(values) else None)
                     for i in range(len(self._header)) if i not in (cols.text, cols.id)}
            yield InputRow(number, row_id, _cell_to_str(text) if text is not None else "", extra=extra)

    def extra_columns(self) -> list[str]:
        return _other_columns(self._header, self._columns)


def read_docx_text(path: Path) -> str:
    """Paragraphs and table cells of a .docx in document order (official forms are often tables)."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cells[-1] != cell.text:  # merged cells repeat their text
                        cells.append(cell.text)
                parts.append("\t".join(cells))
    return "\n".join(parts)


class FolderReader(Reader):
    """A folder of .txt and .docx files, one petition per file; the path under the folder is the id."""

    SUFFIXES = (".txt", ".docx")

    def __init__(self, path: str | Path, id_prefix: str = ""):
        self.path = Path(path)
        self.id_prefix = id_prefix

    def _files(self, directory: Path | None = None) -> Iterator[Path]:
        """Sorted, recursive walk: the same order on every run, without listing everything at once."""
        directory = directory or self.path
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from self._files(Path(entry.path))
            elif entry.is_file() and Path(entry.name).suffix.lower() in self.SUFFIXES:
                yield Path(entry.path)

    def prepare(self) -> int:
        return sum(1 for _ in self._files())

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for f in self._files():
            st = f.stat()
            h.update(f"{f.relative_to(self.path).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return h.hexdigest()

    def __iter__(self) -> Iterator[InputRow]:
        for number, f in enumerate(self._files(), start=1):
            row_id = self.id_prefix + f.relative_to(self.path).as_posix()
            yield read_single_file(f, number, row_id)


def read_single_file(f: Path, number: int, row_id: str) -> InputRow:
    try:
        if f.suffix.lower() == ".docx":
            return InputRow(number, row_id, read_docx_text(f))
        return InputRow(number, row_id, f.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return InputRow(number, row_id, None, "فایل با کدگذاری UTF-8 خوانده نمی‌شود.")
    except Exception as exc:  # a broken .docx is one bad row, not a bad archive
        return InputRow(number, row_id, None, f"فایل خوانده نمی‌شود ({type(exc).__name__}).")


class SingleFileReader(Reader):
    """One .txt or .docx file given directly: one row, its file name as id."""

    def __init__(self, path: str | Path, id_prefix: str = ""):
        self.path = Path(path)
        self.id_prefix = id_prefix

    def prepare(self) -> int:
        return 1

    def __iter__(self) -> Iterator[InputRow]:
        yield read_single_file(self.path, 1, self.id_prefix + self.path.name)


def open_reader(path: str | Path, text_column: str | None = None, id_column: str | None = None, id_prefix: str = "") -> Reader:
    """The reader for one input, chosen by what it is (folder) or its extension."""
    p = Path(path)
    if p.is_dir():
        return FolderReader(p, id_prefix=id_prefix)
    if not p.exists():
        raise MalformedInput(f"ورودی «{path}» پیدا نشد.")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return CsvReader(p, text_column, id_column, id_prefix)
    if suffix in (".jsonl", ".ndjson"):
        return JsonlReader(p, text_column, id_column, id_prefix)
    if suffix == ".xlsx":
        return XlsxReader(p, text_column, id_column, id_prefix)
    if suffix in (".txt", ".docx"):
        return SingleFileReader(p, id_prefix=id_prefix)
    raise MalformedInput(
        f"قالب ورودی «{p.name}» شناخته نیست؛ CSV، JSONL، xlsx، فایل txt/docx یا پوشه‌ای از آن‌ها بدهید."
    )


class Archive:
    """Several inputs read one after another as one stream of rows (ids prefixed when more than one)."""

    def __init__(self, paths: list[str | Path], text_column: str | None = None, id_column: str | None = None):
        many = len(paths) > 1
        self.readers = [
            open_reader(p, text_column, id_column, id_prefix=f"{Path(p).name}:" if many else "") for p in paths
        ]
        self.total: int | None = None

    def prepare(self) -> int:
        """Validate every input before any output exists; returns the total row count."""
        total = 0
        for r in self.readers:
            try:
                total += r.prepare()
            except OSError as exc:  # permission denied, a folder that vanished, ...
                raise MalformedInput(f"«{r.path.name}» خوانده نمی‌شود ({exc.strerror or type(exc).__name__}).") from None
        self.total = total
        return total

    def extra_columns(self) -> list[str]:
        """The inputs' other columns, first appearance first (after `prepare()`)."""
        return list(dict.fromkeys(c for r in self.readers for c in r.extra_columns()))

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for r in self.readers:
            h.update(f"{r.path.resolve()}\0{r.fingerprint()}\n".encode())
        return h.hexdigest()

    def __iter__(self) -> Iterator[InputRow]:
        for r in self.readers:
            yield from r
