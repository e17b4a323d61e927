import pytest

from screening.pipeline import Screener


@pytest.fixture(scope="session")
def screener() -> Screener:
    """The full pipeline without a model: the core's behaviour alone."""
    return Screener(model_dir=None)
