"""The records pages in the web app: off by default, the form's notice, no text in the database,
login with CSRF and lockout, dashboard charts, outcome entry, export, per-finding decisions."""
from __future__ import annotations

import datetime as _dt
import json
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from screening.records.auth import MAX_FAILURES
from screening.records.service import Recording, RecordingSettings
from screening.records.store import RecordStore
from screening.text.reference import petition_reference
from screening_web.app import create_app, create_served_app
from tests.records.seed import seed

PETITIONS = Path(__file__).parents[1] / "web" / "petitions"
TOKEN_RE = re.compile(r'name="csrftoken" value="([^"]+)"')
PASSWORD = "correct horse battery"
NOW = _dt.datetime.now(_dt.timezone.utc)


@pytest.fixture(scope="module")
def cheque() -> str:
    return (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def no_defendant(cheque) -> str:
    return "\n".join(line for line in cheque.splitlines() if not line.startswith("خوانده:")) + "\n"


def _recording(path: Path, keep_text: bool = False) -> Recording:
    rec = Recording.open(RecordingSettings(db_url=str(path), office_id="tehran-101", keep_text=keep_text),
                         session_secret="session-secret")
    rec.accounts.add_user("alice", PASSWORD)
    return rec


@pytest.fixture()
def recording(tmp_path):
    rec = _recording(tmp_path / "records.sqlite3")
    yield rec
    rec.close()


@pytest.fixture()
def client(screener, recording):
    with TestClient(create_app(screener, csrf_secret="test-secret", records=recording)) as c:
        yield c


def token(client: TestClient, path: str = "/") -> str:
    return TOKEN_RE.search(client.get(path).text).group(1)


def screen(client: TestClient, text: str) -> str:
    page = client.post("/", data={"text": text, "csrftoken": token(client)})
    assert page.status_code == 200
    return page.text


def login(client: TestClient, password: str = PASSWORD, next_: str = "/dashboard"):
    return client.post("/login", data={"username": "alice", "password": password, "csrftoken": token(client, "/login"),
                                       "next": next_}, follow_redirects=False)


# --- off by default --------------------------------------------------------------------------


def test_recording_off_creates_no_file_and_shows_no_records_pages(screener, tmp_path, monkeypatch, cheque):
    """create_served_app as `screening serve` without --record starts it: nothing is written."""
    data_home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCREENING_RECORD", "0")
    monkeypatch.chdir(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*"))
    app = create_served_app()
    app.state.screener = screener
    with TestClient(app) as c:
        page = c.get("/")
        assert "ثبت سوابق روشن است" not in page.text
        assert "متن دادخواست ذخیره نمی‌شود" in page.text
        assert "ثبت سوابق" not in screen(c, cheque)
        for path in ("/dashboard", "/login", "/records", "/records/export/csv"):
            assert c.get(path).status_code == 404
        r = c.post(f"/records/{petition_reference(cheque)}/decisions", headers={"x-csrftoken": token(c)},
                   json={"decisions": [{"code": "X", "decision": "handled"}]})
        assert r.status_code == 404
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert not data_home.exists()


# --- on: the notice, and no text kept ---------------------------------------------------------


def test_form_says_plainly_that_recording_is_on(client):
    page = client.get("/").text
    assert 'id="recording-notice"' in page
    assert "ثبت سوابق روشن است" in page
    assert "متن دادخواست و نام و مشخصات اشخاص ثبت نمی‌شود" in page


def test_recording_on_without_keep_text_keeps_no_petition_text(client, recording, tmp_path, no_defendant):
    screen(client, no_defendant)
    recording.close()  # the writer commits what is queued, then the WAL is checkpointed into the file  # checkpoint the WAL into the file, then read every byte the database left
    assert RecordStore.open(str(tmp_path / "records.sqlite3")).count() == 1
    blobs = b"".join(p.read_bytes() for p in tmp_path.glob("records.sqlite3*"))
    words = [w for w in re.findall(r"\w{4,}", no_defendant) if not w.isascii()]
    probes = ["علی رضایی", "0012345679", "450,000,000", "خیابان", "چک شماره"] + [line for line in no_defendant.splitlines() if len(line) > 20]
    found = [p for p in probes + words if p.encode("utf-8") in blobs]
    assert found == [], found


def test_keep_text_does_keep_it_and_the_form_says_so(screener, tmp_path, no_defendant):
    """The counterpart of the test above: the same grep finds the text when it is kept."""
    rec = _recording(tmp_path / "kept.sqlite3", keep_text=True)
    with TestClient(create_app(screener, csrf_secret="t", records=rec)) as c:
        page = c.get("/").text
        assert "تا ۳۶۵ روز نگه داشته می‌شود" in page
        assert "متن دادخواست ذخیره نمی‌شود" not in page
        screen(c, no_defendant)
    rec.close()
    blobs = b"".join(p.read_bytes() for p in tmp_path.glob("kept.sqlite3*"))
    assert no_defendant.splitlines()[2].encode("utf-8") in blobs


def test_result_page_carries_the_reference_for_the_decisions(client, cheque):
    page = screen(client, cheque)
    assert petition_reference(cheque) in page


# --- login --------------------------------------------------------------------------------------


def test_pages_need_a_login(client):
    for path in ("/dashboard", "/records", "/records/ABC", "/records/export/csv", "/records/export/jsonl"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path


def test_login_sets_a_hardened_session_cookie(client):
    r = login(client)
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"
    cookie = [h for h in r.headers.get_list("set-cookie") if h.startswith("screening_session=")][0].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert client.get("/dashboard").status_code == 200


def test_session_cookie_is_secure_over_https(screener, recording):
    with TestClient(create_app(screener, csrf_secret="s", records=recording), base_url="https://testserver") as c:
        r = login(c)
        cookie = [h for h in r.headers.get_list("set-cookie") if h.startswith("screening_session=")][0].lower()
        assert "secure" in cookie


def test_login_form_needs_its_csrf_token(client):
    client.get("/login")
    r = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert r.status_code == 403


def test_wrong_password_then_lockout(client):
    for _ in range(MAX_FAILURES - 1):
        r = login(client, "wrong password")
        assert r.status_code == 401 and "نام کاربری یا گذرواژه درست نیست" in r.text
    r = login(client, "wrong password")
    assert r.status_code == 401 and "قفل است" in r.text
    r = login(client)  # the right password, too late
    assert r.status_code == 401 and "قفل است" in r.text


def test_no_open_redirect_after_login(client):
    assert login(client, next_="//evil.example/x").headers["location"] == "/dashboard"
    assert login(client, next_="https://evil.example/").headers["location"] == "/dashboard"
    assert login(client, next_="/records/ABC").headers["location"] == "/records/ABC"


def test_logout_ends_the_session(client):
    login(client)
    r = client.post("/logout", data={"csrftoken": token(client, "/dashboard")}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_changed_password_ends_open_sessions(client, recording):
    login(client)
    recording.accounts.add_user("alice", "a brand new passphrase", replace=True)
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


# --- dashboard, outcome entry, export ----------------------------------------------------------


def test_dashboard_draws_each_chart_with_its_table(client, recording, screener):
    seed(recording.store, screener, n=12, now=NOW, weeks=3)
    login(client)
    page = client.get("/dashboard").text
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 7
    assert page.count('<table class="data">') == 7
    for section in re.findall(r'<section class="card chart-card".*?</section>', page, re.S):
        assert section.index("<svg") < section.index('<table class="data">')  # the chart, then its table
    assert "۱۲ دادخواست" in page  # Persian digits
    assert not re.search(r">\s*[0-9]+\s*<", page.split('id="dash-title"')[1]), "ASCII digits shown"
    assert 'direction="rtl"' in page
    assert "style=" not in page  # the CSP forbids inline styles
    office = client.get("/dashboard", params={"office": "karaj-7"}).text
    assert "۴ دادخواست" in office


def test_outcome_entry_by_reference(client, recording, screener, no_defendant):
    screen(client, no_defendant)
    ref = petition_reference(no_defendant)
    login(client)
    r = client.get("/records", params={"reference": ref.lower()}, follow_redirects=False)
    assert r.headers["location"] == f"/records/{ref}"
    page = client.get(f"/records/{ref}").text
    assert "دادگاه صلح" in page and "MISSING_DEFENDANT" in page
    r = client.post(f"/records/{ref}/outcome", data={
        "outcome": "rejected_petition", "ruling_number": "۱۴۰۴۶۸۳۹۰۰۰۱۲۳۴", "ruling_date": "۱۴۰۴/۰۵/۱۲",
        "csrftoken": token(client, f"/records/{ref}"),
    })
    assert r.status_code == 200 and 'id="outcome-saved"' in r.text
    assert "قرار رد دادخواست" in r.text and "۱۴۰۴/۰۵/۱۲" in r.text
    [view] = recording.find(ref)
    assert view.outcome == "rejected_petition"
    assert view.ruling_date == _dt.date(2025, 8, 3)
    bad = client.post(f"/records/{ref}/outcome", data={"outcome": "accepted", "ruling_date": "1404/13/40",
                                                       "csrftoken": token(client, f"/records/{ref}")})
    assert bad.status_code == 422 and 'id="outcome-error"' in bad.text
    assert client.get("/records/0000000000").status_code == 404


def test_export_csv_and_jsonl(client, recording, screener, no_defendant):
    screen(client, no_defendant)
    login(client)
    csv_ = client.get("/records/export/csv")
    assert csv_.status_code == 200 and csv_.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_.headers["content-disposition"]
    lines = csv_.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("reference,office_id,screened_at") and petition_reference(no_defendant) in lines[1]
    rows = [json.loads(line) for line in client.get("/records/export/jsonl").text.splitlines()]
    assert rows[0]["reference"] == petition_reference(no_defendant)
    assert "text" not in rows[0]


# --- the expert's decisions -----------------------------------------------------------------------


def test_decisions_by_json_with_the_csrf_header(client, recording, no_defendant):
    screen(client, no_defendant)
    ref = petition_reference(no_defendant)
    pos = [f.code for f in recording.find(ref)[0].findings].index("MISSING_DEFENDANT")
    body = {"decisions": [{"code": "MISSING_DEFENDANT", "position": pos, "decision": "overridden", "reason": "در پیوست"}]}
    assert client.post(f"/records/{ref}/decisions", json=body).status_code == 403  # no token
    r = client.post(f"/records/{ref}/decisions", json=body, headers={"x-csrftoken": token(client)})
    assert r.status_code == 200
    assert r.json()["findings"][pos] == {"position": pos, "code": "MISSING_DEFENDANT", "severity": "DEFECT",
                                         "decision": "overridden", "reason": "در پیوست"}
    r = client.post(f"/records/{ref}/decisions", headers={"x-csrftoken": token(client)},
                    json={"decisions": [{"code": "MISSING_DEFENDANT", "decision": "overridden"}]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "reason_required"
    r = client.post(f"/records/{ref}/decisions", headers={"x-csrftoken": token(client)},
                    json={"decisions": [{"code": "MISSING_DEFENDANT", "decision": "maybe"}]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.post("/records/0000000000/decisions", headers={"x-csrftoken": token(client)},
                    json={"decisions": [{"code": "MISSING_DEFENDANT", "decision": "handled"}]})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_decisions_by_plain_form(client, recording, no_defendant):
    screen(client, no_defendant)
    ref = petition_reference(no_defendant)
    r = client.post(f"/records/{ref}/decisions", data={"code": "MISSING_DEFENDANT", "decision": "handled",
                                                      "csrftoken": token(client)})
    assert r.status_code == 200 and "ثبت شد" in r.text
    assert {f.decision for f in recording.find(ref)[0].findings if f.code == "MISSING_DEFENDANT"} == {"handled"}


def test_no_petition_text_in_the_logs(client, caplog, no_defendant):
    with caplog.at_level(logging.DEBUG):
        screen(client, no_defendant)
        login(client)
        client.get("/dashboard")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for line in no_defendant.splitlines():
        if len(line) > 10:
            assert line not in logged
    assert "علی" not in logged
