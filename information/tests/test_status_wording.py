"""The requester reads "your answer"; staff and the public read "the requester"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from information import services
from information.models import RequestState
from information.tests.factories import InformationRequestFactory, officer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def asked():
    request = InformationRequestFactory(state=RequestState.IN_PROGRESS)
    staff = officer(request.institution)
    services.request_clarify(actor=staff, request=request, question="Which year?")
    request.refresh_from_db()
    return request, staff


def test_the_requester_is_told_the_institution_waits_for_their_answer(client, asked):
    request, _staff = asked
    client.force_login(request.requester)
    for url in (reverse("information:mine", args=[request.public_id]), reverse("portal:my_office")):
        page = client.get(url).content.decode()
        assert "Waiting for your answer" in page, url
        assert "Waiting for the requester" not in page, url


def test_staff_read_that_the_request_waits_for_the_requester(client, asked):
    request, staff = asked
    client.force_login(staff)
    slug = request.institution.slug
    for url in (
        reverse("information:staff_inbox", args=[slug]),
        reverse("information:staff_request", args=[slug, request.public_id]),
    ):
        page = client.get(url).content.decode()
        assert "Waiting for the requester" in page, url
        assert "Waiting for your answer" not in page, url
