"""The public API's limits: per address (through trusted proxies only) and per account, 429 with Retry-After."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_address_over_its_limit_gets_429_with_retry_after(client, settings):
    settings.API_RATE_PER_ADDRESS = "3/m"
    statuses = [client.get("/api/v1/institutions", REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/procedures", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    # Another address is counted apart.
    assert client.get("/api/v1/institutions", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(client, settings):
    settings.API_RATE_PER_ADDRESS = "2/m"
    # No proxy of ours: a client changing X-Forwarded-For at each call is still one address.
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        client.get("/api/v1/institutions", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]
    # Behind one proxy (10.0.0.2): the address it appended is the client, and two clients are counted apart.
    settings.TRUSTED_PROXY_COUNT = 1
    for client_address in ("198.51.100.1", "198.51.100.2"):
        forwarded = f"6.6.6.6, {client_address}"  # the first entry was written by the client: ignored
        assert (
            client.get("/api/v1/institutions", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded).status_code
            == 200
        )


def test_a_signed_in_caller_is_counted_by_account_across_addresses(client, settings):
    settings.API_RATE_PER_ACCOUNT = "2/m"
    client.force_login(UserFactory())
    statuses = [client.get("/api/v1/institutions", REMOTE_ADDR=f"203.0.113.{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 429]
