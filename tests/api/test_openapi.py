"""Property tests of the GET endpoints against the OpenAPI spec (schemathesis, bounded).

Schemathesis generates valid and invalid query strings and path values from the spec and checks
that no response is a 5xx and that every response matches what the spec declares (status codes,
content types, the JSON envelope). ``max_examples`` is small so this stays a few seconds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from detente.api import create_app
from tests.api.conftest import TOKEN, xss_record
from tests.store.conftest import istanbul_record, swap_record


def _app():
    """Built at collection: schemathesis parametrizes from the spec before fixtures exist."""
    app = create_app(f"sqlite:///{Path(_TMP.name) / 'api.db'}", token=TOKEN)
    for record in (istanbul_record(), swap_record(), xss_record()):
        app.state.store.add(record)
    return app


_TMP = tempfile.TemporaryDirectory(prefix="detente-openapi-")  # removed at interpreter exit
schema = schemathesis.openapi.from_asgi("/openapi.json", _app()).include(method="GET")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_get_endpoints_follow_the_spec(case):
    case.call_and_validate()
