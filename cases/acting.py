"""An agent filing for the person at the desk through a module's own pages (assisted digital).

The agent starts "acting for" the person (frontdesk, after the person's consent of the day); the module's citizen
pages then work on the person's files: ``applicant(request)`` is the person, ``context(request)`` says channel
"desk" with the person acted for, and every service re-checks ``core.registry.may_act_for`` (the consent may have
ended). A banner on every page says for whom the agent is filing, with a button to stop.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from audit.models import Channel
from audit.services import Context
from core.registry import may_act_for

SESSION_KEY = "cases_acting_for"
OFFICE_KEY = "cases_acting_office"


def start_acting(request: HttpRequest, person: Any, *, office: Any = None) -> None:
    request.session[SESSION_KEY] = str(person.public_id)
    request.session[OFFICE_KEY] = getattr(office, "pk", None)
    request._acting_for = person  # type: ignore[attr-defined]


def stop_acting(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(OFFICE_KEY, None)
    request._acting_for = None  # type: ignore[attr-defined]


def acting_for(request: HttpRequest) -> Any:
    """The person the signed-in agent is filing for now, if the agent still may (else the mode ends)."""
    if hasattr(request, "_acting_for"):
        return request._acting_for
    person = None
    user = getattr(request, "user", None)
    public_id = request.session.get(SESSION_KEY) if user is not None and user.is_authenticated else None
    if public_id:
        person = get_user_model().objects.filter(public_id=public_id, is_active=True).first()
        if person is None or not may_act_for(user, person):
            request.session.pop(SESSION_KEY, None)
            person = None
    request._acting_for = person  # type: ignore[attr-defined]
    return person


def applicant(request: HttpRequest) -> Any:
    """Whose files the module's citizen pages show and change: the person acted for, else the signed-in person."""
    return acting_for(request) or request.user


def context(request: HttpRequest) -> Context:
    """Online: the request's context. Acting for someone: the desk, the person and the office where they are."""
    person = acting_for(request)
    if person is None:
        return Context.from_request(request)
    from institutions.models import Office

    office = Office.objects.filter(pk=request.session.get(OFFICE_KEY) or 0).first()
    return Context.from_request(request, channel=Channel.DESK, acting_for=person, office=office)


def acting(request: HttpRequest) -> dict[str, Any]:
    """Template context: the person acted for (the banner)."""
    if (
        getattr(request, "user", None) is None
        or not request.user.is_authenticated
        or SESSION_KEY not in request.session
    ):
        return {}
    return {"acting_for": acting_for(request)}
