"""Issue 11 §1: lockouts and rate limits hold whichever worker answers, and only our proxies' word is believed."""

from __future__ import annotations

import pytest

from server_tests.conftest import Answer, Browser, Platform

pytestmark = pytest.mark.server

EMAIL = "amina@example.org"
PASSWORD = "a-long-and-good-password-2026"  # noqa: S105
NEW_USER = f"""
from allauth.account.models import EmailAddress
from accounts.models import User
user = User.objects.create_user(email="{EMAIL}", password="{PASSWORD}")
EmailAddress.objects.create(user=user, email="{EMAIL}", verified=True, primary=True)
"""


def seen_by_the_last(answers: list[Answer]) -> int:
    """How many of the earlier requests the process that gave the last answer had served itself.

    Below the limit, that process could not have refused from its own memory: the count came from the shared store.
    """
    last = answers[-1].headers["X-Served-By"]
    return sum(1 for a in answers[:-1] if a.headers["X-Served-By"] == last)


def test_the_sixth_attempt_on_an_account_is_refused_whichever_worker_answers(platform: Platform):
    platform.shell(NEW_USER)
    with platform.app_server(WEB_MAX_REQUESTS="1") as url:
        browser = Browser(url)
        token = browser.csrf("/en/accounts/login/")
        answers = [
            browser.request(
                "/en/accounts/login/", {"csrfmiddlewaretoken": token, "login": EMAIL, "password": "wrong-password"}
            )
            for _ in range(5)
        ]
        assert all(a.status == 200 and "Too many" not in a.body for a in answers)  # the form again, with its error
        right = browser.request(
            "/en/accounts/login/", {"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD}
        )
        answers.append(right)
        # Workers exit after about one answer: the process that refused had seen fewer than five failures itself.
        assert len({a.headers["X-Served-By"] for a in answers}) >= 3 and seen_by_the_last(answers) < 5
        assert right.status != 302 and "Too many failed login attempts" in right.body
        assert "sessionid" not in {cookie.name for cookie in browser.jar}


def test_the_address_limit_on_sign_in_counts_attempts_across_workers(platform: Platform):
    with platform.app_server(WEB_MAX_REQUESTS="1", LOGIN_RATE_PER_ADDRESS="3/m") as url:
        browser = Browser(url)
        token = browser.csrf("/en/accounts/login/")
        answers = [
            browser.request(
                "/en/accounts/login/",
                {"csrfmiddlewaretoken": token, "login": f"p{i}@example.org", "password": "x" * 12},
            )
            for i in range(4)
        ]
    # Four different accounts: no account's own limit is reached; the address's is, whichever process counted.
    assert ["Too many failed login attempts" in a.body for a in answers] == [False, False, False, True]
    assert len({a.headers["X-Served-By"] for a in answers}) >= 2 and seen_by_the_last(answers) < 3


def test_the_api_address_limit_counts_requests_across_workers(platform: Platform):
    with platform.app_server(WEB_MAX_REQUESTS="1", API_RATE_PER_ADDRESS="4/m") as url:
        answers = [Browser(url).request("/api/v1/institutions") for _ in range(5)]
    assert [a.status for a in answers] == [200, 200, 200, 200, 429]
    assert len({a.headers["X-Served-By"] for a in answers}) >= 2 and seen_by_the_last(answers) < 4
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_a_forwarded_address_is_used_only_from_a_trusted_proxy(platform: Platform):
    def burst(url: str, forwarded: str, n: int) -> list[int]:
        return [
            Browser(url).request("/api/v1/institutions", headers={"X-Forwarded-For": forwarded}).status
            for _ in range(n)
        ]

    # No proxy configured: a client rewriting X-Forwarded-For on each call is still one address.
    with platform.app_server(API_RATE_PER_ADDRESS="3/m", TRUSTED_PROXY_COUNT="0") as url:
        statuses = [
            Browser(url).request("/api/v1/institutions", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status
            for i in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
    # Behind one proxy of ours: the address it appended is the person; two people are counted apart, and what a
    # client writes in front of the proxy's entry changes nothing.
    with platform.app_server(API_RATE_PER_ADDRESS="3/m", TRUSTED_PROXY_COUNT="1") as url:
        assert burst(url, "198.51.100.1", 3) == [200, 200, 200]
        assert burst(url, "203.0.113.50, 198.51.100.1", 1) == [429]
        assert burst(url, "198.51.100.2", 3) == [200, 200, 200]
