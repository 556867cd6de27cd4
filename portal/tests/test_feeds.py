"""My Office and the work queue over a thousand items from two modules: right order, flat queries, one module down."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from applications.models import Application, ApplicationState
from applications.tests.factories import online_procedure, submitted
from core.feeds import Feed, Position
from core.registry import my_office_items, work_queue_items
from information.models import InformationRequest, RequestState
from information.tests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _spread(model, ids, *, field="updated_at", step_minutes=7):
    """Give the rows distinct times, some shared (to test the tie-break), in a known order."""
    for n, pk in enumerate(ids):
        model.objects.filter(pk=pk).update(**{field: START + timedelta(minutes=step_minutes * (n // 2))})


@pytest.fixture
def thousand(db):
    """600 information requests and 400 applications of one person, at one institution."""
    citizen = UserFactory(verified=True)
    procedure = online_procedure()
    first = submitted(procedure, citizen)
    proto = InformationRequestFactory(requester=citizen, institution=procedure.institution)
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"INF-BULK-2026-{n:06d}",
                institution=proto.institution,
                requester=citizen,
                subject=f"Bulk {n}",
                body="Body",
                public_subject=f"Bulk {n}",
                delivery_format="electronic",
                received_on=proto.received_on,
                clock_started_on=proto.received_on,
                due_on=proto.received_on + timedelta(days=n % 40),
            )
            for n in range(599)
        ]
    )
    fields = {f.name: getattr(first, f.name) for f in Application._meta.concrete_fields if f.name not in ("id",)}
    Application.objects.bulk_create(
        [
            Application(
                **(
                    fields
                    | {
                        "public_id": f"bulk{n:012d}",
                        "reference": f"DEM-BULK-2026-{n:06d}",
                        "verification_code": None,
                        "due_on": first.received_on + timedelta(days=n % 50),
                    }
                )
            )
            for n in range(399)
        ]
    )
    _spread(InformationRequest, InformationRequest.objects.order_by("pk").values_list("pk", flat=True))
    _spread(Application, Application.objects.order_by("pk").values_list("pk", flat=True), step_minutes=5)
    return citizen, procedure.institution


def _expected_office(citizen):
    rows = [
        (r.updated_at, "information", r.pk, r.reference) for r in InformationRequest.objects.filter(requester=citizen)
    ] + [(a.updated_at, "applications", a.pk, a.reference) for a in Application.objects.filter(applicant=citizen)]
    rows.sort(key=lambda row: (row[0], row[1], row[2]), reverse=True)
    return [row[3] for row in rows]


def _references(html):
    return re.findall(r">((?:INF|DEM)-[A-Z0-9]+-2026-\d{6})<", html)


def test_my_office_pages_a_thousand_items_in_order_with_flat_queries(client, thousand):
    citizen, _institution = thousand
    expected = _expected_office(citizen)
    assert len(expected) == 1000
    client.force_login(citizen)
    url = reverse("portal:my_office")
    with CaptureQueriesContext(connection) as first_page:
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert _references(html) == expected[:20]
    assert "<strong>600</strong>" in html and "<strong>400</strong>" in html  # counts per module
    seen = _references(html)
    pages = 1
    while 'rel="next"' in html:
        after = re.search(r'\?after=([^"]+)" rel="next"', html).group(1)  # type: ignore[union-attr]
        with CaptureQueriesContext(connection) as later_page:
            html = client.get(f"{url}?after={after}").content.decode()
        seen += _references(html)
        pages += 1
        # Flat: a count and a page query per module at most, whatever the depth.
        most = 4 + 2 * len(my_office_items.values())
        assert len(first_page.captured_queries) <= most and len(later_page.captured_queries) <= most
    assert pages == 50 and seen == expected  # every item once, none skipped at equal times


def test_the_work_queue_pages_soonest_due_first_across_modules(client, thousand):
    _citizen, institution = thousand
    person = staff(Role.CASE_OFFICER, institution=institution)
    staff(Role.INFORMATION_OFFICER, institution=institution)
    from accounts.models import Membership

    Membership.objects.create(user=person, institution=institution, role=Role.INFORMATION_OFFICER)
    client.force_login(person)
    url = reverse("backoffice:queue", args=[institution.slug])
    with CaptureQueriesContext(connection) as first_page:
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    rows = [
        (r.due_on, "information", r.pk, r.reference)
        for r in InformationRequest.objects.filter(institution=institution, state=RequestState.SUBMITTED)
    ] + [
        (a.due_on, "applications", a.pk, a.reference)
        for a in Application.objects.filter(institution=institution, state=ApplicationState.SUBMITTED)
    ]
    rows.sort(key=lambda row: (row[0] or date.max, row[1], row[2]))
    assert _references(html) == [row[3] for row in rows[:25]]
    after = re.search(r'\?after=([^"]+)" rel="next"', html).group(1)  # type: ignore[union-attr]
    with CaptureQueriesContext(connection) as second_page:
        second = client.get(f"{url}?after={after}").content.decode()
    assert _references(second) == [row[3] for row in rows[25:50]]
    assert len(second_page.captured_queries) <= len(first_page.captured_queries) + 1


def test_a_failing_module_says_unavailable_and_the_rest_of_my_office_works(client, caplog):
    citizen = UserFactory(verified=True)
    request = InformationRequestFactory(requester=citizen)

    def broken(*subject, after, limit):
        raise RuntimeError("the petitions database is down")

    my_office_items.register("broken", Feed(label="Petitions", count=lambda u: 1, page=broken))
    try:
        client.force_login(citizen)
        response = client.get(reverse("portal:my_office"))
    finally:
        my_office_items.unregister("broken")
    html = response.content.decode()
    assert response.status_code == 200
    assert request.reference in html
    assert "Petitions" in html and 'class="feed-unavailable"' in html
    assert "feed broken failed" in caplog.text


def test_a_failing_module_leaves_the_work_queue_usable(client):
    request = InformationRequestFactory()
    officer = staff(Role.INFORMATION_OFFICER, institution=request.institution)
    work_queue_items.register("broken", Feed(label="Complaints", count=lambda u, i: 1, page=lambda *a, **k: [1 / 0]))
    try:
        client.force_login(officer)
        response = client.get(reverse("backoffice:queue", args=[request.institution.slug]))
    finally:
        work_queue_items.unregister("broken")
    assert response.status_code == 200
    assert request.reference in response.content.decode() and 'class="feed-unavailable"' in response.content.decode()


def test_a_position_in_a_link_that_is_not_ours_starts_from_the_first_page():
    assert Position.decode("not base64 at all!") is None
    assert Position.decode(Position("2026-01-05", "information", 3).encode()) == Position(
        "2026-01-05", "information", 3
    )
