"""Issue 11 §1: partners call the public API with a key (X-Api-Key), counted by the key at its own rate."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiKey, Role, User
from accounts.second_factor import withhold_staff_rights
from accounts.services import account_erase, api_key_create, api_key_revoke
from accounts.tests.factories import UserFactory, staff, with_totp
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/institutions"
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def platform_admin():
    return UserFactory(is_staff=True, is_superuser=True)


def new_key(admin, name: str = "Le Desk, rédaction") -> tuple[ApiKey, str]:
    owner: User = UserFactory()  # type: ignore[assignment]
    return api_key_create(actor=admin, owner=owner, name=name)


def call(client, key: str | None = None, address: str = ADDRESS):  # type: ignore[no-untyped-def]
    headers = {"HTTP_X_API_KEY": key} if key is not None else {}
    # In English: the refusals are read in the caller's language (Accept-Language), the site's French otherwise.
    return client.get(URL, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_a_new_key_is_shown_once_and_only_its_digest_is_kept(platform_admin):
    api_key, key = new_key(platform_admin)
    assert key.startswith("co_") and len(key) >= 40
    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert stored["digest"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["prefix"] == key[:8]
    assert key not in repr(stored)  # the key itself is nowhere in the row
    event = AuditEvent.objects.get(action="api_key.create", object_id=str(api_key.pk))
    assert event.actor == platform_admin and key not in repr(event.changes)
    # Two keys are never the same.
    assert new_key(platform_admin)[1] != key


def test_a_keyed_caller_gets_more_than_the_address_limit_and_stops_at_its_own(client, settings, platform_admin):
    settings.API_RATE_PER_ADDRESS = "2/m"
    settings.API_RATE_PER_KEY = "4/m"
    _api_key, key = new_key(platform_admin)
    statuses = [call(client, key).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    refused = call(client, key)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    # The keyed calls were not counted against the address: a caller without a key there still gets its two.
    assert [call(client).status_code for _ in range(3)] == [200, 200, 429]


def test_two_keys_are_counted_apart(client, settings, platform_admin):
    settings.API_RATE_PER_KEY = "2/m"
    _first, first = new_key(platform_admin, "Université")
    _second, second = new_key(platform_admin, "Le Desk")
    assert [call(client, first).status_code for _ in range(3)] == [200, 200, 429]
    assert call(client, second).status_code == 200
    # The same key from another address is the same count.
    assert call(client, first, address="198.51.100.9").status_code == 429


def test_callers_without_a_key_are_held_to_the_address_limit(client, settings):
    settings.API_RATE_PER_ADDRESS = "2/m"
    assert [call(client).status_code for _ in range(3)] == [200, 200, 429]


def test_an_empty_header_is_no_key(client, settings):
    settings.API_RATE_PER_ADDRESS = "1/m"
    assert [call(client, "").status_code for _ in range(2)] == [200, 429]


def test_an_unknown_key_is_refused_with_401(client):
    for wrong in ("co_not-a-key-we-ever-made", "something-else", "co_" + "x" * 500):
        response = call(client, wrong)
        assert response.status_code == 401
        assert response.json() == {"detail": "This API key is not known."}


def test_a_revoked_key_is_refused_with_401(client, platform_admin):
    api_key, key = new_key(platform_admin)
    assert call(client, key).status_code == 200
    api_key_revoke(actor=platform_admin, key=api_key)
    response = call(client, key)
    assert response.status_code == 401 and response.json() == {"detail": "This API key has been revoked."}


def test_a_key_is_looked_up_once_and_its_day_of_use_written_once_a_day(client, platform_admin):
    api_key, key = new_key(platform_admin)
    with CaptureQueriesContext(connection) as first:
        assert call(client, key).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert call(client, key).status_code == 200
    on_keys = [[q["sql"] for q in c.captured_queries if "accounts_apikey" in q["sql"]] for c in (first, second)]
    assert [q.split()[0] for q in on_keys[0]] == ["SELECT", "UPDATE"]
    assert [q.split()[0] for q in on_keys[1]] == ["SELECT"]  # the same day: no write
    api_key.refresh_from_db()
    assert api_key.last_used_on == timezone.localdate()


def test_the_api_documents_the_key_as_optional(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKeyAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Api-Key",
    }
    assert schema["paths"][URL]["get"]["security"] == [{"ApiKeyAuth": []}, {}]


# Who may make and revoke keys.


def test_a_citizen_cannot_make_a_key():
    with pytest.raises(PermissionDenied):
        api_key_create(actor=UserFactory(), owner=UserFactory(), name="Mine")
    with pytest.raises(PermissionDenied):
        api_key_create(actor=AnonymousUser(), owner=UserFactory(), name="Mine")  # type: ignore[arg-type]
    assert not ApiKey.objects.exists()


def test_a_staff_member_even_an_institution_admin_cannot_make_a_key():
    for role in (Role.CASE_OFFICER, Role.INSTITUTION_ADMIN):
        with pytest.raises(PermissionDenied):
            api_key_create(actor=staff(role), owner=UserFactory(), name="Our system")
    assert not ApiKey.objects.exists()


def test_a_platform_admin_whose_session_did_not_pass_the_second_factor_cannot_make_a_key(platform_admin):
    request = RequestFactory().get("/")
    request.user = platform_admin
    withhold_staff_rights(request)
    with pytest.raises(PermissionDenied):
        api_key_create(actor=request.user, owner=UserFactory(), name="Le Desk")
    assert not ApiKey.objects.exists()


def test_a_key_needs_a_purpose(platform_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        api_key_create(actor=platform_admin, owner=UserFactory(), name="  ")


def test_the_owner_or_a_platform_admin_may_revoke_a_key_and_no_one_else(platform_admin):
    api_key, _key = new_key(platform_admin)
    for stranger in (UserFactory(), staff(Role.INSTITUTION_ADMIN)):
        with pytest.raises(PermissionDenied):
            api_key_revoke(actor=stranger, key=api_key)
    api_key.refresh_from_db()
    assert api_key.revoked_at is None
    api_key_revoke(actor=api_key.owner, key=api_key)
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_key.revoke", actor=api_key.owner).count() == 1
    other, _key = new_key(platform_admin)
    api_key_revoke(actor=platform_admin, key=other)
    assert AuditEvent.objects.filter(action="api_key.revoke", actor=platform_admin).count() == 1


def test_an_erased_owner_leaves_no_working_key(client, platform_admin):
    api_key, key = new_key(platform_admin)
    account_erase(actor=api_key.owner, user=api_key.owner)
    assert call(client, key).status_code == 401


# The command and the admin.


def test_the_command_prints_a_key_that_works_once(client):
    owner = UserFactory(email="desk@lesdesk.ma")
    out = StringIO()
    call_command("api_key_create", "--owner", "Desk@LesDesk.ma", "--name", "Le Desk", stdout=out)
    key = next(line for line in out.getvalue().splitlines() if line.startswith("co_"))
    assert call(client, key).status_code == 200
    api_key = ApiKey.objects.get()
    assert api_key.owner == owner and api_key.name == "Le Desk" and api_key.last_used_on == timezone.localdate()
    event = AuditEvent.objects.get(action="api_key.create")
    assert event.actor is None and event.channel == "system"


def test_the_command_refuses_an_unknown_owner():
    with pytest.raises(CommandError):
        call_command("api_key_create", "--owner", "nobody@example.org", "--name", "Le Desk", stdout=StringIO())
    assert not ApiKey.objects.exists()


def test_the_admin_lists_keys_and_only_revokes_them(client, platform_admin):
    api_key, key = new_key(platform_admin)
    with_totp(platform_admin)
    client.force_login(platform_admin)
    listing = client.get(reverse("admin:accounts_apikey_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert api_key.prefix in page and "api_key_create" in page and api_key.digest not in page
    assert client.get(reverse("admin:accounts_apikey_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_apikey_changelist"), {"action": "revoke", "_selected_action": [api_key.pk]}
    )
    assert response.status_code == 302
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_key.revoke", actor=platform_admin).exists()
    assert call(client, key).status_code == 401
