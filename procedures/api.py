"""Read-only JSON API of the catalogue of procedures."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from citizen_office.api import Page
from procedures.models import LifeEvent, Procedure, ProcedureCategory
from procedures.selectors import catalogue, procedure_get_public

router = Router(tags=["administrative procedures"])


class DocumentOut(Schema):
    name: str
    description: str
    required: bool
    formats: list[str]


class ProcedureOut(Schema):
    id: str
    institution: str
    slug: str
    title: str
    category: str
    life_events: list[str]
    fee_mad: str
    max_duration: int
    max_unit: str
    target_duration: int | None
    target_unit: str
    silence_is_acceptance: bool
    channel: str
    legal_basis: str
    url: str
    documents: list[DocumentOut] = []


class ProcedurePage(Page):
    results: list[ProcedureOut]


def _out(request: HttpRequest, p: Procedure, documents: bool = False) -> dict:
    data = {
        "id": p.public_id,
        "institution": p.institution.slug if p.institution else "",
        "slug": p.slug,
        "title": p.title,
        "category": p.category.slug,
        "life_events": [e.slug for e in p.life_events.all()],
        "fee_mad": str(p.fee),
        "max_duration": p.max_duration,
        "max_unit": p.max_unit,
        "target_duration": p.target_duration,
        "target_unit": p.target_unit,
        "silence_is_acceptance": p.silence_is_acceptance,
        "channel": p.channel,
        "legal_basis": p.legal_basis,
        "url": request.build_absolute_uri(reverse("procedures:detail", args=[p.institution.slug, p.slug]))
        if p.institution
        else "",
    }
    if documents:
        data["documents"] = [
            {"name": d.name, "description": d.description, "required": d.required, "formats": d.format_list}
            for d in p.documents.all()
        ]
    return data


@router.get("/procedures", response=ProcedurePage, summary="The catalogue of administrative procedures")
def list_procedures(
    request: HttpRequest, q: str = "", category: str = "", life_event: str = "", institution: str = "", page: int = 1
) -> dict:
    from institutions.models import Institution

    found = Institution.objects.filter(slug=institution, on_platform=True).first() if institution else None
    qs = catalogue(
        query=q,
        category=ProcedureCategory.objects.filter(slug=category).first() if category else None,
        life_event=LifeEvent.objects.filter(slug=life_event).first() if life_event else None,
        institution=found,
    ).prefetch_related("life_events")
    if (institution and found is None) or (category and not ProcedureCategory.objects.filter(slug=category).exists()):
        qs = qs.none()
    current = Paginator(qs, 50).get_page(page)
    return {
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
        "results": [_out(request, p) for p in current],
    }


@router.get(
    "/procedures/{institution}/{slug}", response={200: ProcedureOut, 404: dict}, summary="A procedure of an institution"
)
def get_procedure(request: HttpRequest, institution: str, slug: str) -> Status[dict]:
    p = procedure_get_public(institution_slug=institution, slug=slug)
    if p is None:
        return Status(404, {"detail": "Not found"})
    return Status(200, _out(request, p, documents=True))
