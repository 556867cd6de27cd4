"""Issue 12 §2: counters pressing "call next" at the same moment never get the same ticket — six counters in
threads, each with its own connection, until nobody waits (frontdesk/tests/concurrency.py), on a SQLite file (WAL,
IMMEDIATE transactions, as `make run` has it) and on a PostgreSQL database of its own. Here rather than in the suite:
threads need committed rows, and the suite's in-memory SQLite is not shared between threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server_tests.conftest import Platform, base_env, platform_on

pytestmark = pytest.mark.server


@pytest.fixture(params=["sqlite", "postgresql"])
def race_platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    with platform_on(request.param, tmp_path, base_env(tmp_path), request) as platform:
        yield platform


def test_counters_racing_never_share_a_ticket(race_platform):
    out = race_platform.shell("from frontdesk.tests.concurrency import race; print(race())")
    assert "'tickets': 60" in out and "'counters_that_called'" in out
