"""Issue 12 §2: counters pressing "call next" at the same moment never get the same ticket.

Here on the suite's database when threads can share it (the PostgreSQL run); on SQLite the server tests run the same
race on a database file, as `make run` has it (server_tests/test_desk_race.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from frontdesk.tests.concurrency import race


@pytest.mark.django_db(transaction=True)
def test_counters_calling_at_the_same_moment_never_get_the_same_ticket():
    if connection.vendor == "sqlite":
        pytest.skip("the suite's SQLite database lives in memory; server_tests/test_desk_race.py races on a file")
    result = race()
    assert result["counters_that_called"] > 1
