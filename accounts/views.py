"""A person's own pages: profile, My data (export and erasure)."""

from __future__ import annotations

import json
from typing import Any

from allauth.account.decorators import reauthentication_required
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.selectors import identity_check_latest
from accounts.services import account_erase, account_update_profile
from accounts.types import AuthenticatedRequest
from audit.services import Context
from core.registry import data_exporters
from territories.places import PlaceChoice, place_choice


class SignupView(AllauthSignupView):
    """allauth's sign-up with the commune chosen step by step above the form (no list of 1,503 communes)."""

    template_name = "accounts/signup.html"

    @cached_property
    def place(self) -> PlaceChoice:
        if self.request.method == "POST":  # a form sent back with errors: show the commune it carried
            return place_choice({"commune": self.request.POST.get("commune")})
        return place_choice(self.request.GET)

    def get_initial(self) -> dict[str, Any]:
        return {**super().get_initial(), "commune": self.place.commune_id}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "place": self.place}


signup = SignupView.as_view()


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def profile(request: AuthenticatedRequest) -> HttpResponse:
    place = place_choice(request.GET, current=request.user.commune_id)
    form = ProfileForm(request.POST or None, instance=request.user, initial={"commune": place.commune_id})
    if request.method == "POST" and form.is_valid():
        account_update_profile(
            actor=request.user,
            user=request.user,
            context=Context.from_request(request),
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    if form.is_bound:
        place = place_choice({"commune": form["commune"].value()})
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "identity": identity_check_latest(user=request.user),
            "place": place,
            "place_changed": place.commune_id != request.user.commune_id,
        },
    )


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_data.html",
        {"delete_form": DeleteAccountForm(), "modules": [k for k, _v in data_exporters.items()]},
    )


@login_required
@reauthentication_required  # everything about a person: confirm the password first
@ratelimit(key="user", rate="10/h", block=True)
def my_data_export(request: AuthenticatedRequest) -> HttpResponse:
    """All the data modules hold about the person, as one JSON file."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "modules": {key: exporter(request.user) for key, exporter in data_exporters.items()},
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="citizen-office-my-data-{timezone.localdate():%Y%m%d}.json"'
    )
    return response


@login_required
@require_POST
@reauthentication_required  # the POST is kept and replayed once the password is confirmed
@ratelimit(key="user", rate="5/h", method="POST", block=True)
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/my_data.html",
            {"delete_form": form, "modules": [k for k, _v in data_exporters.items()]},
            status=400,
        )
    user = request.user
    account_erase(actor=user, user=user, context=Context.from_request(request))
    logout(request)
    messages.success(request, _("Your account has been deleted."))
    return redirect("portal:home")
