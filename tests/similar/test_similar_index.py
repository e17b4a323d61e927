"""The similar-rulings index: built from synthetic rulings written here, stored without ruling text,
verified on load, and queried by the pipeline's `similar` step."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.cli.main import main
from screening.pipeline import IndexLoadError, Screener, resolve_index
from screening.render import render_text
from screening.similar.index import RULINGS_FILE, load_index
from screening.training.rulings import read_ruling
from screening.training.similar_index import build_index, collect, evaluate, fit_index, read_records
from tests.similar_rulings import CHEQUE_FACTS, CHEQUE_PETITION, UNRELATED_PETITION, records, write_rulings


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    src = write_rulings(tmp_path_factory.mktemp("rulings") / "rulings.jsonl")
    out = tmp_path_factory.mktemp("index") / "idx"
    rows, summary = collect(read_records([src]))
    build_index(rows, summary, out, sources=[str(src)])
    return out


@pytest.fixture(scope="module")
def screener(index_dir) -> Screener:
    return Screener(model_dir="none", index_dir=index_dir)


def test_index_stores_outcome_and_ground_as_the_reader_reads_them(index_dir):
    stored = json.loads((index_dir / RULINGS_FILE).read_text(encoding="utf-8"))
    by_id = {rid: i for i, rid in enumerate(stored["id"])}
    assert set(by_id) == {r["id"] for r in records()}
    for rec in records():
        reading = read_ruling(rec["text"])
        i = by_id[rec["id"]]
        assert stored["outcome"][i] == reading.outcome
        assert stored["ground"][i] == reading.ground
        assert stored["fruitless"][i] == reading.fruitless
        assert stored["link"][i] == rec["link"] and stored["date"][i] == rec["date"]
    # Dismissals carry their operative ground: CPC 84(4) for the cheques, CPC 2 for the evictions.
    assert all(stored["ground"][by_id[f"cheque-{v}"]] for v in range(4))
    assert all(stored["ground"][by_id[f"eviction-{v}"]] for v in range(4))


def test_index_files_hold_no_ruling_text(index_dir):
    facts_words = CHEQUE_FACTS.split()
    runs = [" ".join(facts_words[i:i + 4]) for i in range(len(facts_words) - 3)]
    for path in index_dir.iterdir():
        content = path.read_bytes().decode("utf-8", errors="ignore")
        assert not any(run in content for run in runs), path.name
        assert "قرار عدم استماع" not in content and "نتیجه‌ای حاصل نشده" not in content, path.name
    phrases = json.loads((index_dir / RULINGS_FILE).read_text(encoding="utf-8"))["claim"]
    assert "مطالبه وجه چک" in phrases and all(len(p.split()) <= 9 for p in phrases)


def test_metadata_records_every_file_hash_and_a_changed_file_does_not_load(index_dir, tmp_path):
    meta = json.loads((index_dir / "metadata.json").read_text(encoding="utf-8"))
    assert set(meta["files"]) == {"vectorizer.skops", "postings.npz", "rulings.json"}
    assert len(load_index(index_dir)) == 12
    import shutil

    copy = tmp_path / "idx"
    shutil.copytree(index_dir, copy)
    data = (copy / RULINGS_FILE).read_text(encoding="utf-8").replace("not_heard", "accepted")
    (copy / RULINGS_FILE).write_text(data, encoding="utf-8")
    with pytest.raises(IndexLoadError, match="rulings.json"):
        load_index(copy)
    with pytest.raises(IndexLoadError, match="یافت نشد"):
        resolve_index(tmp_path / "nowhere")


def test_a_cheque_petition_finds_the_cheque_rulings_with_their_ground(screener):
    report = screener.screen(CHEQUE_PETITION)
    similar = report.similar_rulings
    assert similar, "the cheque rulings should be found"
    assert [s.id.split("-")[0] for s in similar[:4]] == ["cheque"] * 4
    assert all(s.similarity >= 0.2 for s in similar) and len(similar) <= 5
    top = similar[0]
    assert top.outcome == "not_heard" and top.ground == read_ruling(records()[0]["text"]).ground
    assert top.link.startswith("https://rulings.example/cheque/")
    rate = report.neighbour_fruitless_rate
    assert rate["n"] >= 4 and rate["rate"] > 0.9
    d = report.to_dict()
    assert set(d["similar_rulings"][0]) >= {"id", "similarity", "outcome", "ground", "date", "court", "link", "claim"}
    text = render_text(report)
    assert "آرای مشابه:" in text and "به استناد بند ۴ ماده ۸۴" in text
    assert "۴ از ۴ رأی مشابه بی‌نتیجه، همه به استناد بند ۴ ماده ۸۴" in text


def test_nothing_close_enough_gives_an_empty_list_and_no_rate(screener):
    report = screener.screen(UNRELATED_PETITION)
    assert report.similar_rulings == [] and report.neighbour_fruitless_rate is None
    d = report.to_dict()
    assert d["similar_rulings"] == [] and d["neighbour_fruitless_rate"] is None
    assert "رأی منتشرشده‌ای با خواسته‌ای به‌قدر کافی مشابه" in render_text(report)


def test_without_an_index_there_is_no_similar_step_and_the_keys_are_null():
    plain = Screener(model_dir="none")
    assert "similar" not in plain.step_names
    d = plain.screen(CHEQUE_PETITION).to_dict()
    assert d["similar_rulings"] is None and d["neighbour_fruitless_rate"] is None
    assert "آرای مشابه" not in render_text(plain.screen(CHEQUE_PETITION))


def test_leave_one_out_never_returns_the_query_itself_and_evaluation_reports_its_figures():
    rows, _ = collect(records())
    index = fit_index(rows)
    for i, row in enumerate(rows):
        assert i not in [r for r, _ in index.nearest(row.claim_text, 20, exclude=i)]
    ev = evaluate(rows, [0.5] * len(rows))
    dev = ev["dev_leave_one_out"]
    assert dev["rulings"] + ev.get("holdout_against_dev", {}).get("rulings", 0) == len(rows)
    assert 0.0 <= dev["with_neighbour_share"] <= 1.0
    assert dev["neighbour_auc_covered"] is None or dev["neighbour_auc_covered"] > 0.9  # the kinds are told apart


def test_index_cli_refuses_to_overwrite_without_force_and_check_shows_the_panel(tmp_path, capsys):
    src = write_rulings(tmp_path / "r.jsonl")
    out = tmp_path / "idx"
    assert main(["index", "--rulings", str(src), "-o", str(out)]) == 0
    assert main(["index", "--rulings", str(src), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["index", "--rulings", str(src), "-o", str(out), "--force"]) == 0
    petition = tmp_path / "p.txt"
    petition.write_text(CHEQUE_PETITION, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(petition), "--model", "none", "--index", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "آرای مشابه:" in printed and "https://rulings.example/cheque/" in printed
    assert main(["check", str(petition), "--model", "none", "--index", str(tmp_path / "missing")]) == 2
    assert "نمایه" in capsys.readouterr().err


def test_serve_refuses_an_index_that_does_not_load(tmp_path, capsys):
    assert main(["serve", "--model", "none", "--index", str(tmp_path / "missing")]) == 2
    assert "نمایه" in capsys.readouterr().err


def test_text_that_is_not_a_petition_gets_no_similar_rulings(screener):
    report = screener.screen("سلام")
    assert not report.is_petition
    assert report.similar_rulings == [] and report.neighbour_fruitless_rate is None
