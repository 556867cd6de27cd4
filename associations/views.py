"""A citizen's associations: register one, see its status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from accounts.types import AuthenticatedRequest
from associations.forms import AssociationForm
from associations.selectors import association_get_for_user, association_list_for_user
from associations.services import association_create
from audit.services import Context


@login_required
def my_associations(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "associations/list.html", {"associations": association_list_for_user(user=request.user)})


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=True)
def association_new(request: AuthenticatedRequest) -> HttpResponse:
    form = AssociationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            association = association_create(
                actor=request.user, context=Context.from_request(request), **form.cleaned_data
            )
        except IntegrityError:
            form.add_error(
                "registration_number", _("An association with this number is already registered with this authority.")
            )
        else:
            messages.success(
                request, _("Your association is registered. The authority it was declared to will verify it.")
            )
            return redirect("associations:detail", public_id=association.public_id)
    return render(request, "associations/form.html", {"form": form})


@login_required
def association_detail(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    association = association_get_for_user(user=request.user, public_id=public_id)
    if association is None:
        raise Http404
    members = association.members.select_related("user").order_by("role", "user__full_name")
    return render(request, "associations/detail.html", {"association": association, "members": members})
