"""Glue between allauth's signals and our services (no workflow lives here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.signals import email_changed, email_confirmed, user_signed_up
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

if TYPE_CHECKING:
    from accounts.models import User


@receiver(user_logged_in)
def _start_session_clock(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    from accounts.middleware import mark_session

    if request is not None and hasattr(request, "session"):
        mark_session(request, user)


@receiver(email_confirmed)
def _email_confirmed(sender: Any, request: HttpRequest, email_address: Any, **kwargs: Any) -> None:
    from accounts.services import account_assurance_refresh
    from audit.services import Context

    account_assurance_refresh(user=email_address.user, actor=email_address.user, context=Context.from_request(request))


@receiver(email_changed)
def _email_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    from accounts.services import account_assurance_refresh
    from audit.services import Context

    account_assurance_refresh(user=user, actor=user, context=Context.from_request(request))


@receiver(user_signed_up)
def _signed_up(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    from accounts.services import account_signed_up
    from audit.services import Context

    account_signed_up(user=user, context=Context.from_request(request))


@receiver(authenticator_added)
def _authenticator_added(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Setting up an authenticator means entering one of its codes: this session has passed the second factor."""
    from accounts.second_factor import mark_passed

    if request is not None and hasattr(request, "session"):
        mark_passed(request)


@receiver(authenticator_removed)
def _authenticator_removed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """An authenticator removed: the session's earlier second factor no longer opens staff rights."""
    from accounts.second_factor import forget

    if request is not None and hasattr(request, "session"):
        forget(request)
