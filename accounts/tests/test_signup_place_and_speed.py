"""Sign-up chooses the commune step by step (no list of 1,503 communes) and stores passwords with Argon2id."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from citizen_office import settings as project_settings
from territories.models import Level, Territory

pytestmark = pytest.mark.django_db

PASSWORD = "a long walk by the sea"


def _commune() -> Territory:
    return Territory.objects.select_related("parent__parent").get(code="04.281.11.07")


def test_sign_up_page_lists_regions_only_and_stays_small(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) < 30 * 1024
    # the regions, the languages, the empty region
    assert html.count('<option value="') == 12 + len(settings.LANGUAGES) + 1
    assert 'id="place-province"' not in html and 'name="commune" id="id_commune">' in html
    assert 'type="password"' in html


def test_choosing_a_region_then_a_province_offers_only_its_communes(client):
    commune = _commune()
    province, region = commune.parent, commune.parent.parent
    response = client.get(reverse("account_signup"), {"region": region.pk, "place": "1"})
    html = response.content.decode()
    assert 'id="place-province"' in html and 'id="place-commune"' not in html
    assert province.name in html
    response = client.get(reverse("account_signup"), {"region": region.pk, "province": province.pk, "place": "1"})
    html = response.content.decode()
    siblings = Territory.objects.filter(parent=province, level=Level.COMMUNE).count()
    languages = len(settings.LANGUAGES)
    assert html.count('<option value="') == 1 + 12 + 1 + region.children.count() + 1 + siblings + languages
    assert len(response.content) < 30 * 1024


def test_a_chosen_commune_is_carried_into_the_sign_up_form_and_saved(client):
    commune = _commune()
    params = {"region": commune.parent.parent.pk, "province": commune.parent.pk, "commune": commune.pk, "place": "1"}
    response = client.get(reverse("account_signup"), params)
    html = response.content.decode()
    assert f'<input type="hidden" name="commune" value="{commune.pk}"' in html
    assert f"{commune.name} ({commune.parent.name})" in html
    response = client.post(
        reverse("account_signup"),
        {
            "email": "amina@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Amina",
            "preferred_language": "fr",
            "commune": commune.pk,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="amina@example.org").commune == commune


def test_changing_the_region_drops_the_province_and_commune_chosen_before(client):
    commune = _commune()
    other_region = Territory.objects.filter(level=Level.REGION).exclude(pk=commune.parent.parent_id).first()
    params = {"region": other_region.pk, "province": commune.parent.pk, "commune": commune.pk, "place": "1"}
    html = client.get(reverse("account_signup"), params).content.decode()
    assert 'name="commune" id="id_commune">' in html and f'value="{commune.parent.pk}" selected' not in html


def test_a_sign_up_sent_back_with_errors_keeps_the_commune_and_asks_for_the_password_again(client):
    commune = _commune()
    response = client.post(
        reverse("account_signup"),
        {"email": "amina@example.org", "password1": "short", "password2": "short", "full_name": "Amina",
         "preferred_language": "fr", "commune": commune.pk},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "password1" in response.context["form"].errors
    assert f'name="commune" value="{commune.pk}"' in html and f"{commune.name} (" in html
    assert 'value="short"' not in html


def test_profile_shows_the_persons_commune_in_the_chooser_and_saves_a_new_one(client):
    commune = _commune()
    user = UserFactory(commune=commune)
    client.force_login(user)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'value="{commune.pk}" selected' in html and 'id="place-commune"' in html
    assert len(html.encode()) < 30 * 1024
    other = Territory.objects.filter(parent=commune.parent, level=Level.COMMUNE).exclude(pk=commune.pk).first()
    params = {"region": commune.parent.parent_id, "province": commune.parent_id, "commune": other.pk, "place": "1"}
    html = client.get(reverse("accounts:profile"), params).content.decode()
    assert f'name="commune" value="{other.pk}"' in html and "notice--warning" in html
    client.post(reverse("accounts:profile"), {"full_name": "A", "preferred_language": "fr", "commune": other.pk})
    user.refresh_from_db()
    assert user.commune == other


def test_profile_chooser_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:profile"), {"region": "1", "place": "1"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_passwords_are_stored_with_argon2id_at_owasp_settings():
    # The tests hash with MD5 for speed (conftest.py): read the project's own setting.
    assert project_settings.PASSWORD_HASHERS[0] == "accounts.passwords.OwaspArgon2PasswordHasher"
    from accounts.passwords import OwaspArgon2PasswordHasher

    hasher = OwaspArgon2PasswordHasher()
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19_456, 2, 1)
    encoded = hasher.encode(PASSWORD, hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$") and hasher.verify(PASSWORD, encoded)


def test_an_old_pbkdf2_password_still_signs_in_and_is_rehashed_with_argon2id(client, settings):
    settings.PASSWORD_HASHERS = [
        "accounts.passwords.OwaspArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = UserFactory()
    user.password = get_hasher("pbkdf2_sha256").encode(PASSWORD, "somesalt", iterations=1000)
    user.save(update_fields=["password"])
    assert client.login(email=user.email, password=PASSWORD)
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
