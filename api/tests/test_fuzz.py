"""A schema-driven fuzz run (schemathesis) over every operation of /api/v1/, anonymous and
with a coordinator's token: no server error, and every response matches the OpenAPI schema."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from samverkan.wsgi import application

# Per operation, caller and generation mode; 16 operations x 2 callers x 2 modes x 20 > 1,000.
EXAMPLES = 20
MINIMUM_REQUESTS = 1000


@pytest.mark.slow
def test_generated_requests_never_get_a_server_error_and_match_the_schema(full_demo, token_for):
    token = token_for("koordinator")
    # As Django's test client does: the request signal must not close the test's connection.
    request_started.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        statuses: Counter[int] = Counter()
        for operation in operations:
            for headers in ({}, {"Authorization": f"Bearer {token}"}):
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    _fuzz(operation, headers, mode, statuses)
    finally:
        request_started.connect(close_old_connections)
    total = sum(statuses.values())
    print(f"\nschemathesis: {total} requests over {len(operations)} operations: {dict(statuses)}")
    assert len(operations) >= 16
    assert total >= MINIMUM_REQUESTS
    assert not [status for status in statuses if status >= 500]


def _fuzz(operation, headers: dict, mode: GenerationMode, statuses: Counter) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # The caller is ours to choose: drop any generated Authorization header.
        case.headers = {
            key: value
            for key, value in (case.headers or {}).items()
            if key.lower() != "authorization"
        }
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        case.validate_response(
            response, checks=[not_a_server_error, response_schema_conformance], headers=headers
        )

    run()
