"""Actions that cannot be undone ask first, on a page that works without JavaScript: withdrawing an information
request, deleting a draft application (withdrawing a procedure: procedures/tests/test_withdraw_confirmation.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from applications.models import Application
from applications.tests.factories import draft, online_procedure
from information.models import InformationRequest, RequestState
from information.tests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_withdrawing_a_request_asks_first_and_a_bare_post_does_nothing(client):
    request = InformationRequestFactory()
    url = reverse("information:withdraw", args=[request.public_id])
    client.force_login(request.requester)
    mine = client.get(reverse("information:mine", args=[request.public_id])).content.decode()
    assert f'href="{url}"' in mine  # a link to the question, not a button that acts
    asked = client.get(url)
    assert asked.status_code == 200 and "Withdraw this request?" in asked.content.decode()
    assert 'name="confirm" value="yes"' in asked.content.decode()
    assert client.post(url).status_code == 400
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.WITHDRAWN


def test_nobody_else_withdraws_a_request(client):
    request = InformationRequestFactory()
    client.force_login(UserFactory(verified=True))
    url = reverse("information:withdraw", args=[request.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert InformationRequest.objects.get(pk=request.pk).state == RequestState.SUBMITTED


def test_deleting_a_draft_asks_first_and_a_bare_post_does_nothing(client):
    application = draft(online_procedure())
    url = reverse("applications:delete", args=[application.public_id])
    client.force_login(application.applicant)
    tasks = client.get(reverse("applications:tasks", args=[application.public_id])).content.decode()
    assert f'href="{url}"' in tasks
    asked = client.get(url)
    assert asked.status_code == 200 and "Delete this draft?" in asked.content.decode()
    assert client.post(url).status_code == 400
    assert Application.objects.filter(pk=application.pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Application.objects.filter(pk=application.pk).exists()


def test_nobody_else_deletes_a_draft(client):
    application = draft(online_procedure())
    client.force_login(UserFactory(verified=True))
    url = reverse("applications:delete", args=[application.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()
