"""Who may download an applicant's documents (served by the case engine's one private-file view)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import Role
from accounts.permissions import staff_context
from applications.models import ApplicationFile
from applications.selectors import application_get_for_applicant, case_get_for_institution
from cases.files import FileSource


def _readable(request: HttpRequest, found: ApplicationFile, scope: dict[str, str]) -> bool:
    """The applicant, on their own application; a case officer of the institution, on the staff side."""
    if not request.user.is_authenticated:
        return False
    if "institution_slug" in scope:
        staff = staff_context(request, scope["institution_slug"])
        if staff is None or Role.CASE_OFFICER not in staff.roles:
            raise PermissionDenied  # as on every staff page: no role in this institution

        application = case_get_for_institution(
            institution=staff.institution, public_id=scope["public_id"], officer=request.user
        )
    else:
        application = application_get_for_applicant(user=request.user, public_id=scope["public_id"])
    return application is not None and application.pk == found.application_id


APPLICATION_FILES = FileSource(model=ApplicationFile, can_read=_readable, rate="600/h")
