"""The one permission helper every staff view uses.

Institution staff are people with an active Membership. A staff URL names its institution
(``/staff/<slug>/…``); ``staff_required`` resolves it from the person's own memberships only,
so staff of one institution reach nothing of another: the lookup simply finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from accounts.models import Membership, Role, User
from accounts.second_factor import rights_withheld

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from institutions.models import Institution


@dataclass(frozen=True)
class StaffContext:
    institution: Institution
    roles: frozenset[str]


def staff_memberships(user: User | AnonymousUser) -> QuerySet[Membership]:
    # A session that has not passed the second factor holds no staff rights (accounts.second_factor).
    if not isinstance(user, User) or rights_withheld(user):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True, institution__on_platform=True)
        .select_related("institution")
        .order_by("institution__name_fr", "role")
    )


def is_institution_staff(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and staff_memberships(user).exists()


def request_memberships(request: HttpRequest) -> list[Membership]:
    """The signed-in person's active memberships, read once per request."""
    cached = getattr(request, "_co_memberships", None)
    if cached is None:
        cached = list(staff_memberships(request.user))
        request._co_memberships = cached  # type: ignore[attr-defined]
    return cached


def staff_context(request: HttpRequest, institution_slug: str) -> StaffContext | None:
    """The person's roles in the named institution, or None when they hold none there."""
    memberships = [m for m in request_memberships(request) if m.institution.slug == institution_slug]
    if not memberships:
        return None
    return StaffContext(institution=memberships[0].institution, roles=frozenset(m.role for m in memberships))


def has_role(user: User | AnonymousUser, institution: Institution, roles: Iterable[str]) -> bool:
    return staff_memberships(user).filter(institution=institution, role__in=list(roles)).exists()


def staff_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorator for staff views taking ``institution_slug``; sets ``request.staff``.

    With roles given, the person needs one of them in that institution (institution admins
    are not implicitly granted case roles: least privilege).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, institution_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            context = staff_context(request, institution_slug)
            if context is None or (roles and not context.roles.intersection(roles)):
                raise PermissionDenied
            request.staff = context  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_institution_admin(actor: Any, institution: Institution) -> bool:
    """The institution's admins keep its own days off (core.registry.institution_admins)."""
    return has_role(actor, institution, [Role.INSTITUTION_ADMIN])
