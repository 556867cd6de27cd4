from __future__ import annotations

import factory

from core import clock
from frontdesk.models import Counter, DeskService, Ticket, TicketState
from institutions.tests.factories import OfficeFactory


class CounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counter

    office = factory.SubFactory(OfficeFactory)
    number = factory.Sequence(lambda n: n + 1)


class DeskServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeskService
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    name_fr = factory.Sequence(lambda n: f"Service {n}")
    name_ar = factory.Sequence(lambda n: f"خدمة {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    prefix = factory.Sequence(lambda n: "ABCDEFGHJKLMNPQRSTUVWXYZ"[n % 24] * (1 + n // 24 % 3))
    typical_minutes = 10

    @factory.post_generation
    def serving(self, create, extracted, **kwargs):
        """The counters that serve it (a list), or none."""
        if create and extracted:
            self.counters.set(extracted)


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket as the kiosk gives it (use ``frontdesk.services.ticket_take`` for the numbering)."""

    class Meta:
        model = Ticket

    service = factory.SubFactory(DeskServiceFactory)
    office = factory.SelfAttribute("service.office")
    day = factory.LazyFunction(lambda: clock.today())
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda t: f"{t.service.prefix}-{t.sequence:03d}")
    created_at = factory.LazyFunction(lambda: clock.now())
    queued_at = factory.LazyAttribute(lambda t: t.created_at)

    class Params:
        called = factory.Trait(state=TicketState.CALLED, called_at=factory.LazyFunction(lambda: clock.now()), calls=1)
        done = factory.Trait(state=TicketState.DONE)
