"""Issue 11 §2: a staff session that has not passed the second factor gets what a citizen gets, everywhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import PASSWORD, UserFactory, staff, totp_code
from information import services
from information.tests.factories import pdf_upload
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    commune = InstitutionFactory()
    citizen = UserFactory(verified=True)
    officer = staff(Role.INFORMATION_OFFICER, institution=commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    services.request_answer(actor=officer, request=request, outcome="full", text="Attached.", files=[pdf_upload()])
    return request, commune


def test_an_officer_without_an_authenticator_cannot_download_a_private_answer_file(client, answered):
    request, commune = answered
    url = reverse("information:answer_file", args=[request.answer_files.get().public_id])
    without = staff(Role.INFORMATION_OFFICER, institution=commune, mfa=False)
    client.post(reverse("account_login"), {"login": without.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(without.pk)
    assert client.get(url).status_code == 404  # what a citizen who is not the requester gets


def test_the_same_officer_reads_it_once_the_session_passed_the_second_factor(client, answered):
    request, commune = answered
    url = reverse("information:answer_file", args=[request.answer_files.get().public_id])
    officer = staff(Role.INFORMATION_OFFICER, institution=commune)
    client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.get(url).status_code == 200
    # The authenticator removed: the earlier second factor no longer counts, on any page.
    from accounts.handlers import _authenticator_removed

    rf = RequestFactory().get("/")
    rf.session = client.session
    _authenticator_removed(sender=None, request=rf, user=officer)
    rf.session.save()
    assert client.get(url).status_code == 404


def test_a_staff_action_is_refused_to_a_session_without_the_second_factor(client, answered):
    """Services check roles with the request's user: the mark reaches them too."""
    from accounts.second_factor import withhold_staff_rights

    request, commune = answered
    officer = staff(Role.INFORMATION_OFFICER, institution=commune)
    http_request = RequestFactory().get("/")
    http_request.user = officer
    withhold_staff_rights(http_request)
    with pytest.raises(PermissionDenied):
        services.request_redact(actor=http_request.user, request=request, passages="budget")
    unmarked = type(officer).objects.get(pk=officer.pk)  # the same person outside a request (the worker, a command)
    services.request_redact(actor=unmarked, request=request, passages="budget")
