"""Withdrawing a procedure from the catalogue asks first, on a page that works without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The pages are read in English (the default language is French)."""
    with translation.override("en"):
        yield


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(adopted=True)
    procedure.state = "published"
    procedure.save(update_fields=["state"])
    return procedure


def _url(procedure):
    return reverse("procedures:staff_withdraw", args=[procedure.institution.slug, procedure.public_id])


def _admin(procedure):
    return staff(Role.INSTITUTION_ADMIN, institution=procedure.institution)


def test_the_list_links_to_a_confirmation_page_that_says_what_withdrawing_does(client, procedure):
    client.force_login(_admin(procedure))
    listing = client.get(reverse("procedures:staff", args=[procedure.institution.slug])).content.decode()
    assert f'href="{_url(procedure)}"' in listing
    response = client.get(_url(procedure))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Withdraw this procedure from the catalogue?" in html and procedure.title in html
    assert 'name="confirm" value="yes"' in html and "Yes, withdraw" in html
    assert f'href="{reverse("procedures:staff", args=[procedure.institution.slug])}"' in html  # Cancel
    procedure.refresh_from_db()
    assert procedure.state == "published"  # looking changes nothing


def test_withdrawing_with_the_confirmation_takes_it_out_of_the_catalogue(client, procedure):
    client.force_login(_admin(procedure))
    response = client.post(_url(procedure), {"confirm": "yes"})
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.state == "draft"
    assert AuditEvent.objects.filter(action="procedure.unpublish").exists()


@pytest.mark.parametrize("data", [{}, {"confirm": "no"}])
def test_a_post_without_the_confirmation_is_refused_and_changes_nothing(client, procedure, data):
    client.force_login(_admin(procedure))
    response = client.post(_url(procedure), data)
    assert response.status_code == 400 and "Nothing was done" in response.content.decode()
    procedure.refresh_from_db()
    assert procedure.state == "published"


def test_the_old_withdraw_button_of_the_publish_endpoint_only_leads_to_the_confirmation(client, procedure):
    client.force_login(_admin(procedure))
    publish = reverse("procedures:staff_publish", args=[procedure.institution.slug, procedure.public_id])
    response = client.post(publish, {"action": "unpublish"})
    assert response.status_code == 302 and response["Location"] == _url(procedure)
    procedure.refresh_from_db()
    assert procedure.state == "published"


def test_nobody_else_reaches_the_confirmation_or_withdraws(client, procedure):
    url = _url(procedure)
    assert client.get(url).status_code == 302  # anonymous: asked to sign in
    assert reverse("account_login") in client.get(url)["Location"]
    for person in [
        UserFactory(verified=True),  # a citizen
        staff(Role.INSTITUTION_ADMIN),  # another institution's admin
        staff(Role.INFORMATION_OFFICER, institution=procedure.institution),  # the wrong role
    ]:
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirm": "yes"}).status_code == 403
    other = InstitutionFactory()
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=other))
    wrong_place = reverse("procedures:staff_withdraw", args=[other.slug, procedure.public_id])
    assert client.post(wrong_place, {"confirm": "yes"}).status_code == 404  # not that institution's procedure
    procedure.refresh_from_db()
    assert procedure.state == "published"


def test_the_confirmation_page_query_count(client, procedure, django_assert_max_num_queries):
    client.force_login(_admin(procedure))
    client.get(reverse("procedures:staff", args=[procedure.institution.slug]))  # the staff session's first mark
    with django_assert_max_num_queries(8):
        response = client.get(_url(procedure))
    assert response.status_code == 200 and procedure.title in response.content.decode()
