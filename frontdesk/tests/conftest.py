from __future__ import annotations

import pytest

from accounts.models import Role
from accounts.tests.factories import staff
from frontdesk.tests.factories import CounterFactory, DeskServiceFactory
from institutions.tests.factories import OfficeFactory


@pytest.fixture
def office(db):
    return OfficeFactory(slug="bureau-essai", name_fr="Bureau d'essai", name_ar="مكتب التجربة")


@pytest.fixture
def counters(office):
    return [CounterFactory(office=office, number=n) for n in (1, 2)]


@pytest.fixture
def service(office, counters):
    return DeskServiceFactory(office=office, prefix="A", name_fr="État civil", serving=counters)


@pytest.fixture
def agent(office):
    return staff(Role.FRONT_DESK, institution=office.institution)


class Moment:
    """The platform's clock (core.clock), moved by hand: ``moment.tick(timedelta(minutes=5))``."""

    def __init__(self) -> None:
        from django.utils import timezone

        self.at = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)

    def tick(self, delta) -> None:  # type: ignore[no-untyped-def]
        self.at += delta


@pytest.fixture
def freezer(monkeypatch):
    from django.utils import timezone

    from core import clock

    moment = Moment()
    monkeypatch.setattr(clock, "now", lambda: moment.at)
    monkeypatch.setattr(clock, "today", lambda: timezone.localdate(moment.at))
    return moment
