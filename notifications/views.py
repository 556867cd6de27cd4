"""A person's messages on this site and their channel preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from notifications.forms import PreferenceForm
from notifications.selectors import notification_get_for_user, notification_list_for_user
from notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preference_update,
    preferences_for,
)

if TYPE_CHECKING:
    # A type only: notifications sits below accounts (accounts' services send messages).
    from accounts.types import AuthenticatedRequest


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(notification_list_for_user(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def open_notification(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = notification_get_for_user(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    notification_mark_read(actor=request.user, notification=notification)
    target = notification.url or "notifications:inbox"
    if notification.url and not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        target = "notifications:inbox"
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    notifications_mark_all_read(actor=request.user)
    messages.success(request, _("All messages are marked as read."))
    return redirect("notifications:inbox")


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferenceForm(request.POST or None, instance=preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        preference_update(actor=request.user, email=form.cleaned_data["email"], sms=form.cleaned_data["sms"])
        messages.success(request, _("Your preferences have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_phone": bool(request.user.phone)})
