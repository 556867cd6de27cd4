"""Track my file is one link away from the receipt page, the receipt PDF and every message about an application."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from applications import services
from applications.tests.factories import case_officer, online_procedure, submitted
from notifications.models import Notification, NotificationChannel

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return submitted(online_procedure())


def test_a_link_fills_the_reference_and_asks_for_the_tracking_code(client, application):
    url = reverse("applications:track") + f"?reference={application.reference}"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{application.reference}"' in page
    assert application.secret not in page  # the code stays on the receipt


def test_the_receipt_page_links_to_track_my_file(client, application):
    client.force_login(application.applicant)
    page = client.get(reverse("applications:received", args=[application.public_id])).content.decode()
    link = escape(reverse("applications:track") + "?reference=" + application.reference)
    assert f'href="{link}"' in page


def test_every_message_about_an_application_links_to_track_my_file(application):
    officer = case_officer(application.institution)
    services.case_take(actor=officer, application=application)
    emails = Notification.objects.filter(recipient=application.applicant, channel=NotificationChannel.EMAIL)
    assert emails.count() >= 2  # received, taken
    for message in emails:
        assert f"/applications/track/?reference={application.reference}" in message.body, message.template


def test_the_receipt_pdf_prints_the_track_my_file_address(application):
    from applications.documents import context_for

    context = context_for(application, "receipt")
    assert context["track_url"].endswith(f"/applications/track/?reference={application.reference}")
    assert context["track_url"].startswith("http")
