"""A schema-driven fuzz run (schemathesis) over every operation of /api/v1/, anonymous and
with a coordinator's token: no server error, every response matches the OpenAPI schema, and the
schema's promises hold both ways: data it calls valid is accepted, data it calls invalid is
refused, a required header's absence is refused and declared authentication is enforced."""

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
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
)

from samverkan.wsgi import application

# Per operation, caller and generation mode; 16 operations x 2 callers x 2 modes x 20 > 1,000.
EXAMPLES = 20
MINIMUM_REQUESTS = 1000
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    positive_data_acceptance,
    negative_data_rejection,
    missing_required_header,
    ignored_auth,
]


@pytest.mark.slow
def test_generated_requests_never_get_a_server_error_and_match_the_schema(full_demo, token_for):
    token = token_for("koordinator", scope="register")
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
        # The caller is ours to choose: drop any generated Authorization header. A negative case
        # whose invalid part was that header (a made-up token, or the required header left out)
        # is no longer the request the generator meant once the caller's header replaces it:
        # its acceptance proves nothing, so only the other checks judge it.
        generated = case.headers or {}
        case.headers = {k: v for k, v in generated.items() if k.lower() != "authorization"}
        description = str(getattr(case.meta.phase.data, "description", "") or "")
        checks = CHECKS
        if len(case.headers) < len(generated) or "Authorization" in description:
            checks = [check for check in CHECKS if check is not negative_data_rejection]
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=checks, headers=headers)

    run()
