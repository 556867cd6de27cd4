"""What the desk plugs into: the case engine, the back office's menu, the office's public page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import Link, backoffice_links, office_links


def _backoffice_links(institution: Any, roles: frozenset[str]) -> list[Link]:
    if roles & {"front_desk", "institution_admin"}:
        return [Link(_("Desk and queue"), reverse("frontdesk:desk", args=[institution.slug]))]
    return []


def _office_links(office: Any) -> list[Link]:
    from frontdesk.models import DeskService

    if not DeskService.objects.filter(office=office, is_active=True).exists():
        return []
    return [
        Link(_("Take a ticket (kiosk)"), reverse("frontdesk:kiosk", args=[office.slug])),
        Link(_("Queue display screen"), reverse("frontdesk:display", args=[office.slug])),
    ]


def register() -> None:
    from cases.engine import case_types
    from frontdesk.appointment_services import CASE as APPOINTMENTS
    from frontdesk.services import CASE

    case_types.register("frontdesk", CASE)
    case_types.register("appointments", APPOINTMENTS)
    backoffice_links.register("frontdesk", _backoffice_links)
    office_links.register("frontdesk", _office_links)
