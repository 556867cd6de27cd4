"""Factories for personal data reports (kept apart from factories.py, which other work is changing)."""

from __future__ import annotations

import factory

from core import clock
from information.models import DataReport, ReportReason, ReportState
from information.tests.factories import InformationRequestFactory


class DataReportFactory(factory.django.DjangoModelFactory):
    """A report as the service leaves it; use ``services.data_report_file`` to test filing."""

    class Meta:
        model = DataReport

    request = factory.SubFactory(InformationRequestFactory)
    reason = ReportReason.CONTACT
    text = "The second paragraph quotes a neighbour's phone number."

    class Params:
        handled = factory.Trait(state=ReportState.HANDLED, handled_at=factory.LazyFunction(clock.now))
