"""Similar rulings in the batch output, the JSON API and the web page (served by TestClient)."""
from __future__ import annotations

import csv
import json
import re

import pytest
from fastapi.testclient import TestClient

from screening.batch.job import BatchOptions, run_batch
from screening.batch.rows import COLUMNS
from screening.pipeline import Screener
from screening.training.similar_index import build_index, collect, read_records
from screening_web.app import create_app
from tests.similar_rulings import CHEQUE_PETITION, UNRELATED_PETITION, write_rulings

TOKEN_RE = re.compile(r'name="csrftoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    src = write_rulings(tmp_path_factory.mktemp("rulings") / "rulings.jsonl")
    out = tmp_path_factory.mktemp("index") / "idx"
    build_index(*collect(read_records([src])), out)
    return out


def _post(client: TestClient, text: str) -> str:
    token = TOKEN_RE.search(client.get("/").text).group(1)
    page = client.post("/", data={"text": text, "csrftoken": token})
    assert page.status_code == 200
    return page.text


def test_batch_rows_carry_similar_ids_and_the_neighbour_rate(index_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in (("a", CHEQUE_PETITION), ("b", UNRELATED_PETITION))), encoding="utf-8")
    out = tmp_path / "out.csv"
    run_batch(BatchOptions(inputs=[str(src)], output=str(out), model="none", index=str(index_dir), quiet=True),
              stderr=open("/dev/null", "w"))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(COLUMNS)
    a, b = rows
    assert a["similar_ids"].split(";")[0].startswith("cheque-") and float(a["neighbour_fruitless_rate"]) > 0.9
    assert b["similar_ids"] == "" and b["neighbour_fruitless_rate"] == ""


def test_page_shows_the_panel_with_an_index_and_links_open_in_a_new_tab(index_dir):
    app = create_app(Screener(model_dir="none", index_dir=index_dir), csrf_secret="t")
    with TestClient(app) as client:
        html = _post(client, CHEQUE_PETITION)
        panel = html[html.index('id="similar-rulings"'):]
        panel = panel[: panel.index("</div>")]
        assert "آرای مشابه" in panel and "قرار عدم استماع دعوا" in panel and "به استناد بند ۴ ماده ۸۴" in panel
        assert "۴ از ۴ رأی مشابه بی‌نتیجه، همه به استناد بند ۴ ماده ۸۴" in panel
        links = re.findall(r"<a [^>]*>", panel)
        assert links and all('target="_blank"' in a and 'rel="noopener noreferrer"' in a for a in links)
        assert html.index('id="findings"') < html.index('id="similar-rulings"')
        api = client.post("/api/v1/screen", json={"text": CHEQUE_PETITION}).json()
        assert api["similar_rulings"][0]["id"].startswith("cheque-") and api["neighbour_fruitless_rate"]["n"] >= 4
        empty = _post(client, UNRELATED_PETITION)
        assert 'id="similar-rulings"' in empty and "به‌قدر کافی مشابه" in empty


def test_page_has_no_panel_without_an_index():
    app = create_app(Screener(model_dir="none"), csrf_secret="t")
    with TestClient(app) as client:
        html = _post(client, CHEQUE_PETITION)
        assert 'id="findings"' in html and 'id="similar-rulings"' not in html and "آرای مشابه" not in html
