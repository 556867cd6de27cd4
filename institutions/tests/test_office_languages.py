"""The languages spoken at each office's desks: kept by the institution's admins, shown on the office page, and a
filter of the directory ("offices where someone speaks Tachelhit")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from institutions.models import SpokenLanguage
from institutions.services import office_languages_set
from institutions.tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name_fr="Bureau citoyen d'Agadir")


def _langs(*codes):
    return list(SpokenLanguage.objects.filter(slug__in=codes))


def test_the_list_of_languages_is_seeded_with_their_iso_codes():
    codes = set(SpokenLanguage.objects.values_list("slug", flat=True))
    assert {"ar", "ary", "zgh", "rif", "tzm", "shi", "fr", "en", "xms"} <= codes


def test_an_institution_admin_sets_the_languages_and_it_is_audited(office):
    admin = staff(Role.INSTITUTION_ADMIN, institution=office.institution)
    office_languages_set(actor=admin, office=office, languages=_langs("ar", "shi"))
    assert set(office.languages.values_list("slug", flat=True)) == {"ar", "shi"}
    event = AuditEvent.objects.get(action="office.languages")
    assert event.changes["languages"] == [[], ["ar", "shi"]]
    office_languages_set(actor=admin, office=office, languages=_langs("ar", "shi"))  # no change: no new row
    assert AuditEvent.objects.filter(action="office.languages").count() == 1


@pytest.mark.parametrize("who", ["citizen", "other_admin", "case_officer"])
def test_nobody_else_sets_them(office, who):
    actor = {
        "citizen": lambda: UserFactory(),
        "other_admin": lambda: staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory()),
        "case_officer": lambda: staff(Role.CASE_OFFICER, institution=office.institution),
    }[who]()
    with pytest.raises(PermissionDenied):
        office_languages_set(actor=actor, office=office, languages=_langs("fr"))
    assert not office.languages.exists()


def test_the_office_page_shows_them_and_the_directory_finds_offices_by_language(client, office):
    office.languages.set(_langs("shi", "ar"))
    OfficeFactory(name_fr="Bureau citoyen de Martil").languages.set(_langs("rif"))
    with translation.override("en"):
        page = client.get(reverse("institutions:office", args=[office.slug])).content.decode()
        directory = reverse("institutions:directory")
    assert "Languages spoken at the desks" in page and "Tachelhit" in page
    found = client.get(directory, {"language": "shi"}).content.decode()
    assert escape("Bureau citoyen d'Agadir") in found
    assert "Martil" not in found


def test_the_back_office_page_saves_one_office_and_keeps_out_everyone_else(client, office):
    with translation.override("en"):
        url = reverse("backoffice:offices", args=[office.institution.slug])
    assert client.get(url).status_code == 302
    client.force_login(staff(Role.CASE_OFFICER, institution=office.institution))
    assert client.get(url).status_code == 403
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=office.institution))
    assert escape(office.name_fr) in client.get(url).content.decode()
    response = client.post(url, {"office": office.slug, f"{office.slug}-languages": ["tzm", "fr"]})
    assert response.status_code == 302
    assert set(office.languages.values_list("slug", flat=True)) == {"tzm", "fr"}
    other = OfficeFactory()  # another institution's office cannot be reached from here
    assert client.post(url, {"office": other.slug, f"{other.slug}-languages": ["fr"]}).status_code == 404
    assert not other.languages.exists()


def test_the_pages_query_count_does_not_grow_with_offices(client, office, django_assert_max_num_queries):
    admin = staff(Role.INSTITUTION_ADMIN, institution=office.institution)
    for _ in range(10):
        OfficeFactory(institution=office.institution).languages.set(_langs("ar", "fr"))
    client.force_login(admin)
    with translation.override("en"):
        url = reverse("backoffice:offices", args=[office.institution.slug])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200 and response.content.decode().count('type="checkbox"') >= 11 * 9
    with django_assert_max_num_queries(8):
        response = client.get("/en/institutions/", {"language": "ar"})
    assert response.status_code == 200
