"""Fixtures for the web tests: the app with the real screener, petitions, and a browser-like form post."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from screening.pipeline import Screener, default_screener
from screening_web.app import create_app

PETITIONS = Path(__file__).parent / "petitions"
TOKEN_RE = re.compile(r'name="csrftoken" value="([^"]+)"')


@pytest.fixture(scope="session")
def screener() -> Screener:
    """The real process-wide screener with the shipped model (hazm loads once per session)."""
    return default_screener()


@pytest.fixture()
def app(screener):
    return create_app(screener, csrf_secret="test-secret")


@pytest.fixture()
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def complete_petition() -> str:
    """A complete cheque petition in the usual layout (our own text; names and IDs made up)."""
    return (PETITIONS / "complete_cheque.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def missing_defendant_petition(complete_petition) -> str:
    """The same petition with the defendant's row left out: the day-to-day case of issue 4."""
    lines = [line for line in complete_petition.splitlines() if not line.startswith("خوانده:")]
    return "\n".join(lines) + "\n"


def _form_token(client: TestClient) -> str:
    """Open the page like a browser does: the response sets the cookie and the hidden field."""
    page = client.get("/")
    assert page.status_code == 200
    match = TOKEN_RE.search(page.text)
    assert match, "the form carries no CSRF token"
    return match.group(1)


@pytest.fixture()
def form_token() -> Callable[[TestClient], str]:
    return _form_token


@pytest.fixture()
def submit() -> Callable:
    """Post the form as a browser would after opening the page: text plus its CSRF token."""

    def post(client: TestClient, text: str, **extra):
        return client.post("/", data={"text": text, "csrftoken": _form_token(client), **extra})

    return post
