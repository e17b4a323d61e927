"""The API against its own OpenAPI document: schemathesis generates valid and invalid requests from it
and checks every response (no server error, documented status, body and headers as declared,
valid data accepted, invalid data refused). Bounded to about a minute."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from screening_web.app import create_app

pytestmark = pytest.mark.slow

# The shipped model loads on the first request, when the test runs, not when tests are collected.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(model="default", csrf_secret="contract"))
# A text over maxLength may also be over the body's byte limit (an astral character escaped as a
# surrogate pair is 12 bytes): refused unread, with the documented 413 rather than a 422.
schema.config.checks.negative_data_rejection.expected_statuses.append("413")


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_its_openapi_contract(case):
    case.call_and_validate()
