"""Messages to the requester, followers and officers; queued in the caller's transaction."""

from __future__ import annotations

from typing import Any

from accounts.models import Membership, Role
from core.i18n import path_without_language
from information.models import InformationRequest
from notifications.services import notify


def _url(name: str, public_id: str) -> str:
    return path_without_language(name, public_id)


def tell_requester(request: InformationRequest, *, what: str, key: str | None = None, **extra: Any) -> None:
    """The requester is told at every step, in plain words, with what happens next."""
    notify(
        recipient=request.requester,
        template="information_update",
        context={"what": what, "request": request, **extra},
        institution=request.institution,
        url=_url("information:mine", request.public_id),
        key=key,
    )


def tell_followers(request: InformationRequest, *, what: str) -> None:
    if not request.is_public:
        return
    for follower in request.followers.select_related("user").filter(user__is_active=True)[:1000]:
        notify(
            recipient=follower.user,
            template="information_followed",
            context={"what": what, "request": request},
            url=_url("information:public", request.public_id),
            channels=["in_app", "email"],
        )


def officers_of(request: InformationRequest) -> list[Any]:
    """Who answers for the institution: the assignee, else every information officer there."""
    if request.assignee_id and request.assignee is not None and request.assignee.is_active:
        return [request.assignee]
    return [
        m.user
        for m in Membership.objects.filter(
            institution=request.institution, role=Role.INFORMATION_OFFICER, is_active=True
        ).select_related("user")
    ]


def tell_officers(request: InformationRequest, *, what: str, key: str) -> None:
    for officer in officers_of(request):
        notify(
            recipient=officer,
            template="information_reminder",
            context={"what": what, "request": request},
            institution=request.institution,
            url=f"/staff/{request.institution.slug}/information/{request.public_id}/",
            key=f"{key}:{officer.pk}",
        )


def tell_heads(complaint: Any, *, what: str, key: str) -> None:
    """Remind the heads of the body (decision-makers) of a complaint's due date."""
    for membership in Membership.objects.filter(
        institution=complaint.institution, role=Role.DECISION_MAKER, is_active=True
    ).select_related("user"):
        notify(
            recipient=membership.user,
            template="information_complaint_reminder",
            context={"what": what, "complaint": complaint, "request": complaint.request},
            institution=complaint.institution,
            url=f"/staff/{complaint.institution.slug}/complaints/{complaint.public_id}/",
            key=f"{key}:{membership.user_id}",
        )


def tell_officers_of_report(report: Any) -> None:
    """Every active information officer of the institution hears of a personal data report (not only the
    assignee: the request may be closed and its officer gone)."""
    request = report.request
    for membership in Membership.objects.filter(
        institution=request.institution, role=Role.INFORMATION_OFFICER, is_active=True, user__is_active=True
    ).select_related("user"):
        notify(
            recipient=membership.user,
            template="information_data_report",
            context={"report": report, "request": request},
            institution=request.institution,
            url=path_without_language("information:staff_reports", request.institution.slug),
            key=f"inf-data-report:{report.pk}:{membership.user_id}",
            channels=["in_app", "email"],
        )
