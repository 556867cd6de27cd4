"""Staff protections: MFA before any staff page, and short staff sessions."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.permissions import is_institution_staff
from accounts.second_factor import session_passed, withhold_staff_rights

if TYPE_CHECKING:
    from accounts.models import User

STAFF_FLAG = "co_staff"
STARTED = "co_started"
LAST_SEEN = "co_last_seen"


def _is_staff_path(path: str) -> bool:
    parts = path.strip("/").split("/")
    # /<lang>/staff/… and the platform administrators' /admin/…
    return (len(parts) >= 2 and parts[1] == "staff") or (parts[0] == "admin")


def has_mfa(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaRequiredMiddleware:
    """No staff rights before the second factor, anywhere; staff pages send the person to it.

    A signed-in session that has not passed the second factor (accounts.second_factor) is marked on every request:
    memberships and superuser rights then count for nothing, so a private file, a staff action or a staff list
    answers as it would to a citizen. Staff pages (and the Django admin) send a staff member to set up an
    authenticator, or to enter its code when one exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not session_passed(request):
            withhold_staff_rights(request)
            if _is_staff_path(request.path):
                staff = (
                    user.is_staff or user.is_superuser or Membership.objects.filter(user=user, is_active=True).exists()
                )
                if staff and has_mfa(user):
                    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
                if staff:
                    messages.warning(
                        request,
                        _("Staff accounts must use two-step verification. Set up an authenticator app to continue."),
                    )
                    return redirect(reverse("mfa_activate_totp"))
        elif (
            user.is_authenticated
            and _is_staff_path(request.path)
            and not request.session.get(STAFF_FLAG)
            and (is_institution_staff(user) or user.is_staff)
        ):
            mark_session(request, user)  # a role granted after sign-in: start the staff clock
        return self.get_response(request)


class StaffSessionMiddleware:
    """Staff sessions end after 30 minutes idle and 12 hours in all (see docs/operations.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if request.user.is_authenticated and session.get(STAFF_FLAG):
            now = time.time()
            started = session.get(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = settings.STAFF_SESSION_IDLE.total_seconds()
            total = settings.STAFF_SESSION_MAX.total_seconds()
            if now - last_seen > idle or now - started > total:
                logout(request)
                messages.info(request, _("Your staff session has ended. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - last_seen > 60:  # write the session at most once a minute, not on every click
                session[LAST_SEEN] = now
        return self.get_response(request)


def mark_session(request: HttpRequest, user: User) -> None:
    """Called at sign-in: staff sessions get the short clock."""
    staff = getattr(user, "is_staff", False) or is_institution_staff(user)
    if staff:
        now = time.time()
        request.session[STAFF_FLAG] = True
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now
