"""Read-only JSON API: publications and public information requests (never private ones)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from citizen_office.api import Page
from core import clock
from core.i18n import written_in
from information.deadlines import is_long_overdue, is_overdue
from information.selectors import (
    publication_get_public,
    publication_list_public,
    request_get_public,
    request_list_public,
)

router = Router(tags=["access to information"])


class FileOut(Schema):
    name: str
    size: int
    url: str


class PublicationOut(Schema):
    id: str
    institution: str
    category: str
    title: str
    summary: str
    titles: dict[str, str] = {}
    language: str
    published_on: date
    tags: list[str]
    url: str
    files: list[FileOut] = []


class PublicationPage(Page):
    results: list[PublicationOut]


class RequestOut(Schema):
    id: str
    reference: str
    institution: str
    subject: str
    request: str
    state: str
    urgent: bool
    received_on: date
    due_on: date | None
    extended: bool
    overdue: bool
    long_overdue: bool
    outcome: str
    refusal_ground: str
    answer: str
    answered_on: date | None
    answered_on_time: bool | None
    url: str


class RequestPage(Page):
    results: list[RequestOut]


def _publication(request: HttpRequest, p, files: bool = False) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "id": p.public_id,
        "institution": p.institution.slug,
        "category": p.category.slug,
        "title": str(p.title),
        "summary": str(p.summary),
        "titles": written_in(p, "title"),
        "language": p.language,
        "published_on": p.published_on,
        "tags": p.tag_list,
        "url": request.build_absolute_uri(reverse("information:publication", args=[p.public_id])),
    }
    if files:
        data["files"] = [
            {
                "name": f.filename,
                "size": f.size,
                "url": request.build_absolute_uri(reverse("information:publication_file", args=[f.public_id])),
            }
            for f in p.files.all()
        ]
    return data


def _request(request: HttpRequest, r) -> dict:  # type: ignore[no-untyped-def]
    today = clock.today()
    return {
        "id": r.public_id,
        "reference": r.reference,
        "institution": r.institution.slug,
        "subject": r.public_subject,
        "request": r.public_body,
        "state": r.state,
        "urgent": r.urgent,
        "received_on": r.received_on,
        "due_on": r.due_on,
        "extended": r.extended_on is not None,
        "overdue": is_overdue(state=r.state, due_on=r.due_on, today=today),
        "long_overdue": is_long_overdue(state=r.state, long_due_on=r.long_due_on, today=today),
        "outcome": r.outcome,
        "refusal_ground": r.refusal_ground,
        "answer": r.public_answer,
        "answered_on": r.answered_on,
        "answered_on_time": r.answered_on_time,
        "url": request.build_absolute_uri(reverse("information:public", args=[r.public_id])),
    }


def _page(qs: Any, number: int, row: Callable[[Any], dict]) -> dict:  # type: ignore[type-arg]
    """One page of 50, in the shape every list endpoint of the API uses."""
    current = Paginator(qs, 50).get_page(number)
    return {
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
        "results": [row(item) for item in current],
    }


def _institution(slug: str):  # type: ignore[no-untyped-def]
    from institutions.models import Institution

    return Institution.objects.filter(slug=slug, on_platform=True).first() if slug else None


@router.get("/publications", response=PublicationPage, summary="Documents institutions published (art. 10)")
def list_publications(
    request: HttpRequest,
    institution: str = "",
    category: str = "",
    year: int | None = Query(None, ge=1900, le=2999, description="Year of publication"),  # type: ignore[assignment]
    q: str = "",
    page: int = 1,
) -> dict:
    from information.models import Category

    found = _institution(institution)
    qs = publication_list_public(
        institution=found,
        category=Category.objects.filter(slug=category).first() if category else None,
        year=year,
        query=q,
    )
    if institution and found is None:
        qs = qs.none()
    return _page(qs, page, lambda p: _publication(request, p))


@router.get("/publications/{public_id}", response={200: PublicationOut, 404: dict}, summary="A publication")
def get_publication(request: HttpRequest, public_id: str) -> Status[dict]:
    p = publication_get_public(public_id=public_id)
    if p is None or not p.is_published:
        return Status(404, {"detail": "Not found"})
    return Status(200, _publication(request, p, files=True))


@router.get("/information-requests", response=RequestPage, summary="Public information requests")
def list_requests(request: HttpRequest, institution: str = "", state: str = "", q: str = "", page: int = 1) -> dict:
    found = _institution(institution)
    qs = request_list_public(institution=found, state=state, query=q)
    if institution and found is None:
        qs = qs.none()
    return _page(qs, page, lambda r: _request(request, r))


@router.get(
    "/information-requests/{public_id}", response={200: RequestOut, 404: dict}, summary="A public information request"
)
def get_request(request: HttpRequest, public_id: str) -> Status[dict]:
    r = request_get_public(public_id=public_id)
    if r is None:
        return Status(404, {"detail": "Not found"})
    return Status(200, _request(request, r))
