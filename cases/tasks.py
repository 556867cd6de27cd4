"""The one periodic job that fires every case module's clock transitions (silence, expiry, phase change)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cases.engine import clock_sweep


@db_periodic_task(crontab(hour="0", minute="10"))
def cases_clock() -> dict[str, int]:
    """Every night, before the modules' reminders: what time has decided is recorded first."""
    return clock_sweep()
