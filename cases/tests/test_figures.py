"""The statistics registry: each module's figures per institution and period, from a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core import clock
from core.registry import statistics
from information.models import Outcome, RequestState
from information.tests.factories import InformationRequestFactory
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def test_information_figures_count_by_institution_and_period(django_assert_max_num_queries):
    here, there = InstitutionFactory(), InstitutionFactory()
    day = date(2026, 3, 2)
    for n in range(3):
        InformationRequestFactory(
            institution=here,
            received_on=day,
            state=RequestState.ANSWERED,
            outcome=Outcome.FULL,
            answered_on=day + timedelta(days=10),
            answered_on_time=n < 2,
            answered_working_days=[5, 9, 30][n],
        )
    InformationRequestFactory(institution=here, received_on=day, due_on=day + timedelta(days=28))  # open, overdue
    InformationRequestFactory(institution=here, received_on=date(2025, 12, 31))  # another period
    InformationRequestFactory(institution=there, received_on=day)
    with clock.travel_to(date(2026, 6, 1)), django_assert_max_num_queries(2):
        figures = statistics.get("information")([here.pk, there.pk], *YEAR)  # type: ignore[misc]
    mine = figures[here.pk]
    assert (mine.received, mine.decided, mine.on_time, mine.open_overdue, mine.median_days) == (4, 3, 2, 1, 9)
    assert mine.on_time_share == 50 and mine.unit == "working_days"
    assert figures[there.pk].received == 1 and figures[there.pk].median_days is None


def test_applications_register_their_figures_too():
    from applications.tests.factories import online_procedure, submitted

    application = submitted(online_procedure())
    figures = statistics.get("applications")(None, application.received_on, application.received_on)  # type: ignore[misc]
    assert figures[application.institution_id].received == 1
    assert figures[application.institution_id].decided == 0
