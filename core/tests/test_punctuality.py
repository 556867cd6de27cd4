"""The on-time record says what it counts, and the numbers beside a percentage add up to its base."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from applications.selectors import ProcedureFigures
from core.punctuality import Punctuality
from core.registry import Figures
from information.selectors import InstitutionStats


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def test_information_record_counts_late_answers_and_silence_in_its_base():
    stats = InstitutionStats(institution=None, received=12, answered=9, on_time=7, open_overdue=1)
    record = Punctuality.of(stats)
    assert (record.on_time, record.late, record.overdue, record.due) == (7, 2, 1, 10)
    assert record.share == stats.on_time_share == 70
    assert str(record) == "7 answered on time out of 10 due; 2 answered late; 1 overdue without an answer"


def test_a_record_without_late_answers_reads_as_the_brief_example():
    figures = Figures(received=10, decided=8, on_time=8, open_overdue=2)
    assert str(Punctuality.of(figures)) == "8 answered on time out of 10 due; 2 overdue without an answer"
    assert Punctuality.of(figures).share == figures.on_time_share == 80


def test_application_record_speaks_of_decisions_and_counts_cases_closed_late():
    figures = ProcedureFigures(received=4, decided=2, on_time=1, open_overdue=0, closed_late=1, tacit=1)
    record = Punctuality.of(figures, decisions=True)
    assert record.share == figures.on_time_share == 33
    assert str(record) == "1 decided within the legal maximum out of 3 due; 2 after the deadline (silence included)"


def test_everything_on_time_says_so_without_empty_parts():
    assert str(Punctuality(on_time=1, late=0, overdue=0)) == "1 answered on time out of 1 due"
    assert Punctuality(on_time=0, late=0, overdue=0).share is None


@pytest.mark.django_db
def test_the_comparison_page_shows_the_share_with_what_it_counts(client):
    from information.tests.factories import InformationRequestFactory
    from institutions.tests.factories import InstitutionFactory

    institution = InstitutionFactory()
    InformationRequestFactory(institution=institution, answered=True)
    InformationRequestFactory(institution=institution, overdue=True)
    InformationRequestFactory(institution=institution, answered=True, answered_on_time=False, answered_working_days=30)
    cache.clear()
    page = client.get(reverse("information:statistics")).content.decode()
    assert "33 %" in page
    assert "1 answered on time out of 3 due; 1 answered late; 1 overdue without an answer" in page
