"""Anyone reports personal data in a public request; the institution's information officer masks it."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from information import services
from information.models import DataReport, ReportState
from information.selectors import data_report_list_for_institution
from information.tests.factories import InformationRequestFactory, officer
from information.tests.report_factories import DataReportFactory
from institutions.tests.factories import InstitutionFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="RABAT", slug="commune-rabat-test")


def _report(client, request, **extra):
    data = {"reason": "contact", "text": "Second paragraph.", "submission_key": str(uuid.uuid4()), **extra}
    return client.post(reverse("information:report", args=[request.public_id]), data)


# --- Filing a report -----------------------------------------------------------------------------


def test_a_visitor_without_an_account_reports_personal_data_and_the_officers_are_told(client, commune):
    request = InformationRequestFactory(institution=commune)
    info, other_info = officer(commune), officer(commune)
    stranger = officer(InstitutionFactory())
    clerk = staff(Role.CASE_OFFICER, institution=commune)
    page = client.get(reverse("information:public", args=[request.public_id])).content.decode()
    form_url = reverse("information:report", args=[request.public_id])
    assert f'href="{form_url}"' in page
    form = client.get(form_url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    key = str(uuid.uuid4())
    first = _report(client, request, submission_key=key)
    second = _report(client, request, submission_key=key)  # the button pressed twice
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("information:public", args=[request.public_id])
    report = DataReport.objects.get()
    assert (report.request, report.reporter, report.reason, report.state) == (request, None, "contact", "open")
    assert AuditEvent.objects.filter(action="data_report.file", object_id=str(report.pk)).count() == 1
    told = set(Notification.objects.filter(template="information_data_report").values_list("recipient_id", "channel"))
    assert told == {(info.pk, "in_app"), (info.pk, "email"), (other_info.pk, "in_app"), (other_info.pk, "email")}
    assert not {stranger.pk, clerk.pk} & {who for who, _channel in told}
    message = Notification.objects.get(recipient=info, channel="in_app")
    assert request.reference in message.subject
    assert message.url == f"/staff/{commune.slug}/personal-data-reports/"
    assert "Second paragraph." not in message.body  # what the reporter wrote stays on the staff page
    followed = client.get(first["Location"]).content.decode()
    assert followed.count("a été prévenu") == 1  # the thank-you message, once for the two presses


def test_a_signed_in_reporter_is_recorded(client, commune):
    request = InformationRequestFactory(institution=commune)
    person = UserFactory(verified=True)
    client.force_login(person)
    assert _report(client, request).status_code == 302
    assert DataReport.objects.get().reporter == person


def test_a_report_without_a_reason_is_explained_and_files_nothing(client, commune):
    request = InformationRequestFactory(institution=commune)
    response = _report(client, request, reason="", text="x" * 50)
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and 'id="id_reason_error"' in body and "x" * 50 in body
    assert _report(client, request, reason="gossip").status_code == 400
    assert not DataReport.objects.exists()


def test_a_private_request_cannot_be_reported(client, commune):
    request = InformationRequestFactory(institution=commune, private=True)
    assert client.get(reverse("information:report", args=[request.public_id])).status_code == 404
    assert _report(client, request).status_code == 404
    with pytest.raises(PermissionDenied):
        services.data_report_file(actor=None, request=request, reason="name")
    assert not DataReport.objects.exists()


def test_reports_are_limited_per_address_and_need_the_csrf_token(commune):
    request = InformationRequestFactory(institution=commune)
    client = Client()
    for _n in range(10):
        assert _report(client, request).status_code == 302
    assert _report(client, request).status_code == 429
    assert DataReport.objects.count() == 10
    guarded = Client(enforce_csrf_checks=True)
    assert _report(guarded, InformationRequestFactory(institution=commune)).status_code == 403


# --- Handling reports ----------------------------------------------------------------------------


def test_the_officer_sees_open_reports_masks_the_passage_and_marks_the_report_handled(client, commune):
    request = InformationRequestFactory(
        institution=commune, body="My neighbour Karim Tazi asks too.", public_body="My neighbour Karim Tazi asks too."
    )
    services.data_report_file(actor=None, request=request, reason="name", text="The neighbour's name.")
    elsewhere = DataReportFactory(text="Another institution's report")
    info = officer(commune)
    client.force_login(info)
    slug = commune.slug
    home = client.get(reverse("backoffice:queue", args=[slug])).content.decode()
    reports_url = reverse("information:staff_reports", args=[slug])
    assert f'href="{reports_url}"' in home  # the back office's menu leads there
    listing = client.get(reports_url).content.decode()
    assert request.reference in listing and "The neighbour&#x27;s name." in listing
    assert elsewhere.request.reference not in listing and "Another institution" not in listing
    detail = client.get(reverse("information:staff_request", args=[slug, request.public_id])).content.decode()
    assert "The neighbour&#x27;s name." in detail and 'id="action-redact" open' in detail
    masked = client.post(
        reverse("information:staff_action", args=[slug, request.public_id, "redact"]), {"redact-passages": "Karim Tazi"}
    )
    assert masked.status_code == 302
    assert "Karim" not in client.get(reverse("information:public", args=[request.public_id])).content.decode()
    report = DataReport.objects.get(request=request)
    handle = reverse("information:staff_report_handle", args=[slug, report.public_id])
    back = client.post(handle, {"back": "request"})
    assert back["Location"] == reverse("information:staff_request", args=[slug, request.public_id])
    report.refresh_from_db()
    assert (report.state, report.handled_by) == (ReportState.HANDLED, info) and report.handled_at is not None
    event = AuditEvent.objects.get(action="data_report.handle")
    assert event.object_id == str(report.pk) and event.changes["masked_passages"] == 1
    again = client.post(handle)  # a second click, or a second officer
    assert again["Location"] == reports_url
    assert AuditEvent.objects.filter(action="data_report.handle").count() == 1
    assert request.reference not in client.get(reports_url).content.decode()
    assert request.reference in client.get(reports_url + "?all=1").content.decode()


def test_only_an_information_officer_of_the_requests_institution_handles_a_report(commune):
    report = DataReportFactory(request=InformationRequestFactory(institution=commune))
    for person in [
        UserFactory(verified=True),
        report.request.requester,
        officer(InstitutionFactory()),
        staff(Role.INSTITUTION_ADMIN, institution=commune),
        staff(Role.DECISION_MAKER, institution=commune),
    ]:
        with pytest.raises(PermissionDenied):
            services.data_report_handle(actor=person, report=report)
    services.data_report_handle(actor=officer(commune), report=report)
    with pytest.raises(ValidationError):
        services.data_report_handle(actor=officer(commune), report=report)


def test_the_staff_pages_keep_out_visitors_citizens_other_institutions_and_other_roles(client, commune):
    report = DataReportFactory(request=InformationRequestFactory(institution=commune))
    listing = reverse("information:staff_reports", args=[commune.slug])
    handle = reverse("information:staff_report_handle", args=[commune.slug, report.public_id])
    assert client.get(listing).status_code == 302  # to sign in
    assert client.post(handle).status_code == 302
    for person in [
        UserFactory(verified=True),
        report.request.requester,
        officer(InstitutionFactory()),  # another institution, through this one's address
        staff(Role.CASE_OFFICER, institution=commune),
        staff(Role.INSTITUTION_ADMIN, institution=commune),
        staff(Role.DECISION_MAKER, institution=commune),
    ]:
        client.force_login(person)
        assert client.get(listing).status_code == 403
        assert client.post(handle).status_code == 403
        if person.memberships.filter(institution=commune).exists():
            # Nor does the back office's menu lead there.
            queue = client.get(reverse("backoffice:queue", args=[commune.slug]))
            assert queue.status_code == 200 and listing not in queue.content.decode()
    # An officer of another institution, through their own address, finds nothing.
    other = officer(InstitutionFactory())
    client.force_login(other)
    other_slug = other.memberships.get().institution.slug
    assert (
        client.post(reverse("information:staff_report_handle", args=[other_slug, report.public_id])).status_code == 404
    )
    assert (
        report.request.reference
        not in client.get(reverse("information:staff_reports", args=[other_slug])).content.decode()
    )
    report.refresh_from_db()
    assert report.state == ReportState.OPEN


def test_the_selector_follows_the_request_to_the_institution_that_holds_it_now(commune):
    report = DataReportFactory(request=InformationRequestFactory(institution=commune))
    other = InstitutionFactory()
    DataReportFactory(request=InformationRequestFactory(institution=other))
    assert list(data_report_list_for_institution(institution=commune)) == [report]
    report.request.institution = other
    report.request.save(update_fields=["institution"])
    assert report not in data_report_list_for_institution(institution=commune)
    assert report in data_report_list_for_institution(institution=other)


# --- Query counts --------------------------------------------------------------------------------


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_staff_list_does_not_grow_with_reports(client, commune):
    client.force_login(officer(commune))
    url = reverse("information:staff_reports", args=[commune.slug])
    DataReportFactory(request=InformationRequestFactory(institution=commune))
    DataReportFactory(request=InformationRequestFactory(institution=commune), handled=True, handled_by=UserFactory())
    one = _count(client, url + "?all=1")
    for _n in range(25):
        DataReportFactory(request=InformationRequestFactory(institution=commune))
        DataReportFactory(
            request=InformationRequestFactory(institution=commune), handled=True, handled_by=UserFactory()
        )
    assert _count(client, url + "?all=1") == one
    assert _count(client, url + "?all=1&page=2") == one
    assert _count(client, url) <= one
    assert one <= 12


def test_the_public_form_page_does_not_grow_with_the_request(client, commune):
    request = InformationRequestFactory(institution=commune)
    url = reverse("information:report", args=[request.public_id])
    before = _count(client, url)
    info = officer(commune)
    for n in range(10):
        services.request_redact(actor=info, request=request, passages=f"word{n}")
        DataReportFactory(request=request)
    assert _count(client, url) == before
    assert before <= 5


# --- The reporter's own data (law 09-08) ---------------------------------------------------------


def test_a_reporter_finds_their_reports_in_their_data_and_erasing_the_account_keeps_them_unnamed(commune):
    from core.registry import data_erasers, data_exporters

    person = UserFactory(verified=True)
    report = DataReportFactory(request=InformationRequestFactory(institution=commune), reporter=person)
    exported = dict(data_exporters.items())["information"](person)["personal_data_reports"]
    assert exported == [
        {
            "request": report.request.reference,
            "reason": "contact",
            "text": report.text,
            "state": "open",
            "filed_on": report.created_at.date().isoformat(),
        }
    ]
    dict(data_erasers.items())["information"](person)
    report.refresh_from_db()
    assert report.reporter is None and report.state == ReportState.OPEN
