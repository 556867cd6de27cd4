"""The date and time that deadlines are computed from.

Everything that starts or stops a legal clock asks this module, never ``date.today()``: demo
data is seeded "in the past" with ``travel_to`` and tests pin the date the same way. Outside
production a developer can also set ``CLOCK_FILE`` to a file holding an ISO date, so a browser
test can move the running server through a weekend and a holiday; production refuses the setting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

_override: ContextVar[date | None] = ContextVar("clock_override", default=None)


def _file_date() -> date | None:
    path = getattr(settings, "CLOCK_FILE", "")
    if not path or settings.PRODUCTION:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def today() -> date:
    """The local date legal clocks run on."""
    return _override.get() or _file_date() or timezone.localdate()


def now() -> datetime:
    """The current moment, moved to ``today()``'s date when the clock is pinned."""
    real = timezone.localtime()
    pinned = _override.get() or _file_date()
    if pinned is None:
        return real
    return real.replace(year=pinned.year, month=pinned.month, day=pinned.day)


@contextmanager
def travel_to(day: date) -> Iterator[None]:
    """Run a block as if today were ``day`` (demo data, tests)."""
    token = _override.set(day)
    try:
        yield
    finally:
        _override.reset(token)
