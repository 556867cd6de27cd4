"""Who may download the information module's files (served by the case engine's one private-file view)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.models import Role
from accounts.permissions import has_role
from cases.files import FileSource
from information.models import AnswerFile, PublicationFile
from information.services.publications import PUBLISHERS


def _answer_readable(request: HttpRequest, found: AnswerFile, scope: dict[str, str]) -> bool:
    """An answer's document: the requester and the institution's officers; everyone once published."""
    req = found.request
    if req.is_public and req.publish_answer_files:
        return True
    user: Any = request.user
    if not user.is_authenticated:
        return False
    return bool(
        req.requester_id == user.pk
        or has_role(user, req.institution, [Role.INFORMATION_OFFICER])
        # the head of the body reads the documents a complaint is about
        or (hasattr(req, "complaint") and has_role(user, req.complaint.institution, [Role.DECISION_MAKER]))
    )


def _publication_readable(request: HttpRequest, found: PublicationFile, scope: dict[str, str]) -> bool:
    """A published document's file; once withdrawn, only the institution's publishers reach it."""
    publication = found.publication
    if publication.is_published and publication.institution.on_platform:
        return True
    return has_role(request.user, publication.institution, PUBLISHERS)


ANSWER_FILES = FileSource(
    model=AnswerFile,
    can_read=_answer_readable,
    select_related=("request", "request__institution"),
    rate="120/h",
    sign_in_first=False,
)
PUBLICATION_FILES = FileSource(
    model=PublicationFile,
    can_read=_publication_readable,
    select_related=("publication", "publication__institution"),
    rate="600/h",
    sign_in_first=False,
)
