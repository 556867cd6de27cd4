"""Issue 12 §2 on SQLite as production has it (a file, WAL, IMMEDIATE transactions): six counters press "call next"
at the same moment until nobody waits; no ticket is called twice (frontdesk/tests/concurrency.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.server


def test_counters_racing_on_a_sqlite_file_never_share_a_ticket(platform):
    out = platform.shell("from frontdesk.tests.concurrency import race; print(race())")
    assert "'tickets': 60" in out
