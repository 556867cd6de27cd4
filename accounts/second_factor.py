"""Has this session passed the second factor? Until it has, its person holds no staff rights anywhere.

Staff rights come from memberships (``accounts.permissions.staff_memberships``) and, for the platform's
administrators, ``is_superuser``. A session that signed in with a password alone — a staff member without an
authenticator, or one whose authenticator was removed — gets what a citizen gets, on every page and in every
service called with that person as actor: the middleware marks the request's user, and the permission helpers
read the mark. Outside a request (the worker, commands, tests of services) nothing is marked.
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY, get_authentication_records
from django.http import HttpRequest

from core.rights import withheld, withhold

PROVED = "co_second_factor"  # set when this session activates an authenticator (a code was entered)


def session_passed(request: HttpRequest) -> bool:
    """allauth recorded an MFA step in this session (sign-in or re-authentication), or an authenticator was set up."""
    if request.session.get(PROVED):
        return True
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def mark_passed(request: HttpRequest) -> None:
    request.session[PROVED] = True


def forget(request: HttpRequest) -> None:
    """An authenticator was removed: the session's earlier second factor no longer counts."""
    request.session.pop(PROVED, None)
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list):
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [r for r in records if r.get("method") != "mfa"]


def withhold_staff_rights(request: HttpRequest) -> None:
    withhold(request.user)
    request._co_memberships = []  # type: ignore[attr-defined]


def rights_withheld(user: Any) -> bool:
    return withheld(user)
