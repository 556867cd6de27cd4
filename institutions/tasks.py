"""Background jobs for institutions. Every task is idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from core import clock


def seed_coming_years() -> int:
    """Seed this year, the coming one and the one after, so a deadline never crosses an unseeded year.

    Rows already there are kept (an administrator may have confirmed or moved them): a re-run adds nothing.
    """
    from institutions.services import holidays_seed

    year = clock.today().year
    return holidays_seed(years=[year, year + 1, year + 2]).created


@db_periodic_task(crontab(month="1", day="2", hour="4", minute="40"))
def seed_holidays_yearly() -> int:
    """Every 2 January, at night: the holidays of the coming years, lunar ones as estimates."""
    return seed_coming_years()
