"""Test-wide settings, and a small model trained once per session for the model, training and CLI tests."""
import os

import pytest
from hypothesis import settings

from tests.petition_factory import make_dataset
from tests.served import chrome, find_chromium

# On CI the property tests draw the same examples every run (a failure there must be reproducible
# and must not depend on luck); on a developer's machine they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def dataset() -> list[dict]:
    return make_dataset()


@pytest.fixture(scope="session")
def trained(dataset):
    """train() on the synthetic petitions (full petition forms, so with the completeness features): a TrainResult."""
    from screening.training import train as T

    rows = T.rows_from_records(dataset, source="tests:synthetic")
    result = T.train(rows, lambda: T.make_backend("sklearn", seed=13, **T.PETITION_PARAMS), seed=13, test_size=0.25)
    return result


@pytest.fixture(scope="session")
def model_dir(trained, tmp_path_factory):
    from screening.training import train as T

    out = tmp_path_factory.mktemp("models") / "synthetic"
    T.write_model(trained, out, name="synthetic", command="pytest")
    return out


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """(browser, chromedriver) for the browser tests (see tests/served.py)."""
    return find_chromium()


@pytest.fixture()
def browser(chromium, tmp_path):
    """A headless Chromium with a fresh profile, quit after the test."""
    with chrome(*chromium, tmp_path / "chromium-profile") as driver:
        yield driver
