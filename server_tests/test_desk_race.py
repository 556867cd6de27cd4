"""Issue 12 §2: counters pressing "call next" at the same moment never get the same ticket — six counters in
threads, each with its own connection, until nobody waits (frontdesk/tests/concurrency.py), on a SQLite file (WAL,
IMMEDIATE transactions, as `make run` has it) and on a PostgreSQL database of its own. Here rather than in the suite:
threads need committed rows, and the suite's in-memory SQLite is not shared between threads."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_tests.conftest import Platform, base_env, manage
from server_tests.test_crash_drill import PG_URL, pg_answers

pytestmark = pytest.mark.server


@pytest.fixture(params=["sqlite", "postgresql"])
def race_platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    env = base_env(tmp_path)
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("template_db")
        (tmp_path / "db.sqlite3").write_bytes(template.read_bytes())
        yield Platform(tmp_path, env)
        return
    if not pg_answers():
        pytest.skip(f"PostgreSQL does not answer at {PG_URL}")
    name = f"citizen_office_race_{uuid.uuid4().hex[:8]}"
    server = PG_URL.rsplit("/", 1)[0]
    subprocess.run(["createdb", f"--maintenance-db={server}/postgres", name], check=True)  # noqa: S603, S607
    try:
        env["DATABASE_URL"] = f"{server}/{name}"
        manage(env, "migrate", "--no-input", "-v", "0")
        yield Platform(tmp_path, env)
    finally:
        subprocess.run(["dropdb", f"--maintenance-db={server}/postgres", "--force", name], check=False)  # noqa: S603, S607


def test_counters_racing_never_share_a_ticket(race_platform):
    out = race_platform.shell("from frontdesk.tests.concurrency import race; print(race())")
    assert "'tickets': 60" in out and "'counters_that_called'" in out
